/**
 * Structural edits of a book, each an undoable command (docs/ux.md: undo everywhere, including
 * deletes and moves). The book's query is updated optimistically so a drop lands at once; the
 * store's answer replaces it.
 */
import type { QueryClient } from '@tanstack/react-query';
import type { BookDetail, SectionDetail } from '../../../shared/contract';
import type { ItemKind } from '../../../shared/domain';
import { apiKey, call, type Input, type Output } from '../../lib/api';
import { invalidate } from '../../lib/invalidate';
import { trackWrite } from '../../lib/save-status';
import { AFTER_ITEM_GONE, BOOK_TITLE, cardSelector, CURRENT_SECTION, sectionSelector, type FocusTarget } from '../../lib/focus-target';
import { appUndo } from '../../lib/undo-stack';

/** Focus on a section's name in the outline, that section shown. */
const onSection = (bookId: string, sectionId: string): FocusTarget => ({ place: { book: bookId, section: sectionId }, selector: sectionSelector(sectionId) });
/** Focus on a card, its section shown. */
const onCard = (bookId: string, sectionId: string, itemId: string): FocusTarget => ({ place: { book: bookId, section: sectionId }, selector: cardSelector(itemId) });
/** Focus on the section shown now (the one a command took away is gone). */
const onCurrentSection = (bookId: string): FocusTarget => ({ place: { book: bookId }, selector: CURRENT_SECTION });

/** The writes that change one book's sections and answer with the book. */
type BookWrite = 'books.reorderSections' | 'sections.add' | 'sections.rename' | 'sections.delete' | 'sections.addItems' | 'sections.moveItem' | 'sections.removeItem';

async function write<M extends BookWrite>(client: QueryClient, method: M, input: Input<M> & Input<BookWrite>, optimistic?: (detail: BookDetail) => BookDetail): Promise<BookDetail> {
  const key = apiKey('books.get', { id: input.bookId });
  const before = client.getQueryData<BookDetail>(key);
  if (optimistic !== undefined && before !== undefined) client.setQueryData(key, optimistic(before));
  try {
    const detail = await trackWrite(() => call<BookWrite>(method, input));
    client.setQueryData(key, detail);
    await invalidate(client, method, key);
    return detail;
  } catch (error) {
    if (optimistic !== undefined && before !== undefined) client.setQueryData(key, before);
    throw error;
  }
}

function moveInArray<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list];
  const [moved] = next.splice(from, 1);
  next.splice(to, 0, moved);
  return next;
}

export function reorderSections(client: QueryClient, detail: BookDetail, from: number, to: number): Promise<void> {
  const bookId = detail.book.id;
  const before = detail.sections.map((s) => s.id);
  const after = moveInArray(before, from, to);
  const apply = (order: string[]) => async () => {
    await write(client, 'books.reorderSections', { bookId, sectionIds: order }, (d) => ({
      ...d,
      sections: order.map((id) => d.sections.find((s) => s.id === id)).filter((s): s is SectionDetail => s !== undefined),
    }));
  };
  const moved = before[from];
  return appUndo.perform({ label: `Move section “${detail.sections[from].title}”`, redo: apply(after), undo: apply(before), focus: () => onSection(bookId, moved) });
}

interface SectionPlace {
  sectionId: string;
  index: number;
}

function optimisticMove(itemId: string, from: string, to: SectionPlace) {
  return (d: BookDetail): BookDetail => {
    const row = d.sections.find((s) => s.id === from)?.items.find((i) => i.id === itemId);
    if (row === undefined) return d;
    const sections = d.sections.map((s) => (s.id === from ? { ...s, items: s.items.filter((i) => i.id !== itemId) } : s));
    return {
      ...d,
      sections: sections.map((s) => {
        if (s.id !== to.sectionId) return s;
        const items = [...s.items];
        items.splice(Math.min(to.index, items.length), 0, row);
        return { ...s, items };
      }),
    };
  };
}

/** Moves an item to `to` (its index in the target section once moved). */
export function moveItem(client: QueryClient, detail: BookDetail, itemId: string, from: SectionPlace, to: SectionPlace): Promise<void> {
  const bookId = detail.book.id;
  const title = detail.sections.find((s) => s.id === from.sectionId)?.items.find((i) => i.id === itemId)?.title ?? 'item';
  const target = detail.sections.find((s) => s.id === to.sectionId)?.title ?? '';
  const go = (a: SectionPlace, b: SectionPlace) => async () => {
    await write(
      client,
      'sections.moveItem',
      { bookId, itemId, fromSectionId: a.sectionId, toSectionId: b.sectionId, index: b.index },
      optimisticMove(itemId, a.sectionId, b),
    );
  };
  const label = from.sectionId === to.sectionId ? `Move “${title}”` : `Move “${title}” to ${target}`;
  return appUndo.perform({ label, redo: go(from, to), undo: go(to, from), focus: (done) => onCard(bookId, done === 'undo' ? from.sectionId : to.sectionId, itemId) });
}

export function removeItem(client: QueryClient, detail: BookDetail, sectionId: string, itemId: string): Promise<void> {
  const bookId = detail.book.id;
  const section = detail.sections.find((s) => s.id === sectionId);
  const index = section?.items.findIndex((i) => i.id === itemId) ?? -1;
  const title = section?.items[index]?.title ?? 'item';
  return appUndo.perform({
    label: `Remove “${title}” from ${section?.title ?? 'the section'}`,
    redo: async () => {
      await write(client, 'sections.removeItem', { bookId, sectionId, itemId }, (d) => ({
        ...d,
        sections: d.sections.map((s) => (s.id === sectionId ? { ...s, items: s.items.filter((i) => i.id !== itemId) } : s)),
      }));
    },
    undo: async () => {
      await write(client, 'sections.addItems', { bookId, sectionId, itemIds: [itemId], index: Math.max(0, index) });
    },
    focus: (done) => (done === 'undo' ? onCard(bookId, sectionId, itemId) : onSection(bookId, sectionId)),
  });
}

export function addItems(client: QueryClient, bookId: string, sectionId: string, sectionTitle: string, itemIds: string[]): Promise<void> {
  return appUndo.perform({
    label: `Add ${itemIds.length === 1 ? 'an item' : `${itemIds.length} items`} to ${sectionTitle}`,
    redo: async () => {
      await write(client, 'sections.addItems', { bookId, sectionId, itemIds });
    },
    undo: async () => {
      for (const itemId of itemIds) await write(client, 'sections.removeItem', { bookId, sectionId, itemId });
    },
    focus: (done) => (done === 'redo' ? onCard(bookId, sectionId, itemIds[0]) : onSection(bookId, sectionId)),
  });
}

/**
 * Writes a Word paper's items at the end of a section, in one transaction (`sections.createItems`);
 * undo deletes them (restorable, as any delete), redo brings them back. Answers the new ids.
 */
export async function createItems(client: QueryClient, bookId: string, section: { id: string; title: string }, classification: string, items: { kind: ItemKind; title: string; body: string }[], fileName: string): Promise<string[]> {
  const key = apiKey('books.get', { id: bookId });
  let itemIds: string[] = [];
  const each = async (method: 'items.delete' | 'items.undelete') => {
    for (const id of itemIds) await trackWrite(() => call(method, { id }));
    await invalidate(client, method);
  };
  await appUndo.perform({
    label: `Import ${items.length === 1 ? 'an item' : `${items.length} items`} from ${fileName} into ${section.title}`,
    redo: async () => {
      if (itemIds.length > 0) return each('items.undelete');
      const made = await trackWrite(() => call('sections.createItems', { bookId, sectionId: section.id, classification, items }));
      itemIds = made.itemIds;
      client.setQueryData(key, made.detail);
      await invalidate(client, 'sections.createItems', key);
    },
    undo: () => each('items.delete'),
    focus: (done) => (done === 'redo' && itemIds.length > 0 ? onCard(bookId, section.id, itemIds[0]) : onSection(bookId, section.id)),
  });
  return itemIds;
}

export async function addSection(client: QueryClient, detail: BookDetail, title: string): Promise<string | null> {
  const bookId = detail.book.id;
  let sectionId: string | null = null;
  let index = detail.sections.length;
  await appUndo.perform({
    label: `Add section “${title}”`,
    redo: async () => {
      const before = new Set((client.getQueryData<BookDetail>(apiKey('books.get', { id: bookId })) ?? detail).sections.map((s) => s.id));
      const after = await write(client, 'sections.add', { bookId, title, index });
      const created = after.sections.find((s) => !before.has(s.id));
      sectionId = created?.id ?? null;
      index = created === undefined ? index : after.sections.indexOf(created);
    },
    undo: async () => {
      const id = sectionId;
      if (id !== null) await write(client, 'sections.delete', { bookId, sectionId: id });
    },
    focus: (done) => (done === 'redo' && sectionId !== null ? onSection(bookId, sectionId) : onCurrentSection(bookId)),
  });
  return sectionId;
}

export function renameSection(client: QueryClient, detail: BookDetail, sectionId: string, title: string): Promise<void> {
  const bookId = detail.book.id;
  const previous = detail.sections.find((s) => s.id === sectionId)?.title ?? title;
  const rename = (to: string) => async () => {
    await write(client, 'sections.rename', { bookId, sectionId, title: to }, (d) => ({
      ...d,
      sections: d.sections.map((s) => (s.id === sectionId ? { ...s, title: to } : s)),
    }));
  };
  return appUndo.perform({ label: `Rename “${previous}” to “${title}”`, redo: rename(title), undo: rename(previous), focus: () => onSection(bookId, sectionId) });
}

/** Deletes a section; undo recreates it in place with the same items (under a new id). */
export function deleteSection(client: QueryClient, detail: BookDetail, sectionId: string): Promise<void> {
  const bookId = detail.book.id;
  const index = detail.sections.findIndex((s) => s.id === sectionId);
  const section = detail.sections[index];
  let currentId = sectionId;
  return appUndo.perform({
    label: `Delete section “${section.title}”`,
    redo: async () => {
      const id = currentId;
      await write(client, 'sections.delete', { bookId, sectionId: id }, (d) => ({ ...d, sections: d.sections.filter((s) => s.id !== id) }));
    },
    undo: async () => {
      const before = new Set((client.getQueryData<BookDetail>(apiKey('books.get', { id: bookId })) ?? detail).sections.map((s) => s.id));
      const after = await write(client, 'sections.add', { bookId, title: section.title, index });
      const created = after.sections.find((s) => !before.has(s.id));
      if (created === undefined) return;
      currentId = created.id;
      const itemIds = section.items.map((i) => i.id);
      if (itemIds.length > 0) await write(client, 'sections.addItems', { bookId, sectionId: created.id, itemIds });
    },
    focus: (done) => (done === 'undo' ? onSection(bookId, currentId) : onCurrentSection(bookId)),
  });
}

/** Deletes a book; its exchange text (returned by the store) brings it back on undo. */
export async function deleteBook(client: QueryClient, bookId: string, title: string): Promise<void> {
  let text: Output<'books.delete'>['text'] = '';
  await appUndo.perform({
    label: `Delete book “${title}”`,
    redo: async () => {
      text = (await trackWrite(() => call('books.delete', { id: bookId }))).text;
      client.removeQueries({ queryKey: apiKey('books.get', { id: bookId }) });
      await invalidate(client, 'books.delete');
    },
    undo: async () => {
      await trackWrite(() => call('library.import', { text, restoreDeleted: true }));
      await invalidate(client, 'library.import');
    },
    focus: (done) => (done === 'undo' ? { place: { book: bookId }, selector: BOOK_TITLE } : { place: { library: true }, selector: AFTER_ITEM_GONE }),
  });
}

/**
 * Requests a paper of an office (a placeholder item at the end of the section), as one undoable
 * step: undo deletes the placeholder (it leaves the book), redo brings it back in place.
 */
export async function requestPaper(client: QueryClient, input: Input<'sections.requestPaper'>): Promise<string> {
  const key = apiKey('books.get', { id: input.bookId });
  const answer = await trackWrite(() => call('sections.requestPaper', input));
  client.setQueryData(key, answer.book);
  await invalidate(client, 'sections.requestPaper', key);
  const { itemId } = answer;
  appUndo.record({
    label: `Request “${input.title}” of ${input.owner}`,
    undo: async () => {
      await trackWrite(() => call('items.delete', { id: itemId }));
      await invalidate(client, 'items.delete');
    },
    redo: async () => {
      await trackWrite(() => call('items.undelete', { id: itemId }));
      await invalidate(client, 'items.undelete');
    },
  });
  return itemId;
}
