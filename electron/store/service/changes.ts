/**
 * What changed in a book since one of its editions (docs/data-model.md, "Changes since an
 * edition"): the export log says which item versions the edition carried and, since schema 4, the
 * book's sections as exported; the item snapshots say what those versions read. Compared with
 * the book as it stands: items added, removed, moved (another section, or out of order within
 * its section) and edited (their printed words or marking), each edit with a word diff.
 */
import { diffArrays } from 'diff';
import { ApiError } from '../../../src/shared/contract';
import type { AddedItem, ChangeSet, EditedItem, Edition, FieldDiff, ItemPlace, MovedItem, RemovedItem } from '../../../src/shared/changes';
import type { ExchangeBook, ExchangeItem, MarkingScheme } from '../../../src/shared/domain';
import { shorten } from '../../../src/shared/exchange';
import { MarkingError, portionMark } from '../../../src/shared/markings';
import { inlineDiff } from '../../../src/shared/word-diff';
import type { EditionRow, EditionSection } from '../repositories/logs';
import type { BookReader } from './book-detail';
import type { ServiceContext, ServicePart } from './context';

type ChangesPart = ServicePart<'books.changesSince'>;

/** Where each item first stands in a list of sections. */
function placesOf(sections: readonly EditionSection[]): Map<string, ItemPlace> {
  const places = new Map<string, ItemPlace>();
  for (const section of sections) {
    section.items.forEach((id, position) => {
      if (!places.has(id)) places.set(id, { sectionId: section.id, sectionTitle: section.title, position });
    });
  }
  return places;
}

/** The portion mark an item prints with; its bare code when the scheme does not know its level. */
function markOf(item: ExchangeItem, scheme: MarkingScheme): string {
  try {
    return portionMark(item, scheme);
  } catch (error) {
    if (error instanceof MarkingError) return `(${item.classification})`;
    throw error;
  }
}

/** The word diffs of the printed words that changed: title, body, and each translation's. */
function fieldDiffs(before: ExchangeItem, after: ExchangeItem): FieldDiff[] {
  const diffs: FieldDiff[] = [];
  const add = (field: string, a: string, b: string) => {
    if (a !== b) diffs.push({ field, parts: inlineDiff(a, b) });
  };
  add('title', before.title, after.title);
  add('body', before.body, after.body);
  const langs = [...new Set([...Object.keys(before.translations ?? {}), ...Object.keys(after.translations ?? {})])].sort();
  for (const lang of langs) {
    const a = before.translations?.[lang];
    const b = after.translations?.[lang];
    add(`title (${lang})`, a?.title ?? '', b?.title ?? '');
    add(`body (${lang})`, a?.body ?? '', b?.body ?? '');
  }
  return diffs;
}

/** Printed details a word diff does not show: the kind, the sources, the pocket card's line. */
function otherPrintedChange(before: ExchangeItem, after: ExchangeItem): boolean {
  return before.kind !== after.kind || JSON.stringify(before.sources ?? []) !== JSON.stringify(after.sources ?? []) || (before.cardLine ?? '') !== (after.cardLine ?? '');
}

/**
 * Items that kept their section but not their order in it: those outside the longest run of
 * items both orders share (so one item moved up is one move, not every item it passed).
 */
function reordered(oldSections: readonly EditionSection[], newSections: readonly EditionSection[], oldPlaces: Map<string, ItemPlace>, newPlaces: Map<string, ItemPlace>): Set<string> {
  const moved = new Set<string>();
  for (const section of newSections) {
    const stayed = (id: string) => oldPlaces.get(id)?.sectionId === section.id && newPlaces.get(id)?.sectionId === section.id;
    const before = oldSections.find((s) => s.id === section.id)?.items.filter(stayed) ?? [];
    const after = section.items.filter(stayed);
    for (const change of diffArrays(before, after)) if (change.added) for (const id of change.value) moved.add(id);
  }
  return moved;
}

export function changesPart(ctx: ServiceContext, reader: BookReader): ChangesPart {
  const { items, logs, markings } = ctx;

  function editionOf(row: EditionRow): Edition {
    return { exportId: row.row.id, exportedAt: row.row.exportedAt, fileName: row.row.fileName };
  }

  /** The edition asked for, or an error in words. */
  function pick(bookId: string, since: number | 'last', editions: readonly EditionRow[]): EditionRow {
    if (since === 'last') {
      const last = editions.at(0);
      if (last === undefined) throw new ApiError('not_found', `Book "${shorten(bookId)}" has no PDF export yet, so there is no edition to compare with. Export a PDF of it first.`);
      return last;
    }
    const found = logs.edition(since);
    if (found === null) throw new ApiError('not_found', `There is no export ${since} in this library's export log.`);
    if (found.row.bookId !== bookId) {
      const of = found.row.bookId === null ? 'the whole library' : `book "${shorten(found.row.bookId)}"`;
      throw new ApiError('invalid_input', `Export ${since} (${shorten(found.row.fileName)}) is an export of ${of}, not of book "${shorten(bookId)}".`);
    }
    return found;
  }

  function changes(bookId: string, since: number | 'last'): ChangeSet {
    ctx.requireBook(bookId);
    const editions = logs.editionsOfBook(bookId);
    const edition = pick(bookId, since, editions);
    const scheme = markings.get();
    const marked = scheme.portionMarks !== false;
    const book: ExchangeBook = reader.liveBook(bookId);
    const now: EditionSection[] = book.sections.map((s) => ({ id: s.id, title: s.title, items: s.items }));
    const newPlaces = placesOf(now);
    const then = edition.sections;
    const oldPlaces = then === null ? new Map<string, ItemPlace>() : placesOf(then);
    const exported = edition.row.itemVersions;
    const outOfOrder = then === null ? new Set<string>() : reordered(then, now, oldPlaces, newPlaces);

    const added: AddedItem[] = [];
    const edited: EditedItem[] = [];
    const moved: MovedItem[] = [];
    for (const [id, place] of newPlaces) {
      const current = items.exchange(id) as ExchangeItem;
      const head = { id, title: current.title, mark: marked ? markOf(current, scheme) : '' };
      if (!Object.hasOwn(exported, id)) {
        added.push({ ...head, place });
        continue;
      }
      const from = oldPlaces.get(id);
      if (from !== undefined && (from.sectionId !== place.sectionId || outOfOrder.has(id))) moved.push({ ...head, from, to: place });
      const fromVersion = exported[id];
      const toVersion = ctx.requireItem(id).version;
      if (toVersion === fromVersion) continue;
      const before = items.version(id, fromVersion)?.item;
      if (before === undefined) continue;
      const diffs = fieldDiffs(before, current);
      const oldMark = markOf(before, scheme);
      const newMark = markOf(current, scheme);
      const marking = oldMark === newMark ? null : { from: oldMark, to: newMark };
      if (diffs.length > 0 || marking !== null || otherPrintedChange(before, current)) {
        edited.push({ ...head, place, fromVersion, toVersion, diffs, marking });
      }
    }

    const removed: RemovedItem[] = [];
    const oldOrder = then === null ? Object.keys(exported) : [...oldPlaces.keys(), ...Object.keys(exported).filter((id) => !oldPlaces.has(id))];
    for (const id of oldOrder) {
      if (newPlaces.has(id) || !Object.hasOwn(exported, id)) continue;
      const snapshot = items.version(id, exported[id])?.item;
      removed.push({
        id,
        title: snapshot?.title ?? id,
        mark: snapshot === undefined || !marked ? '' : markOf(snapshot, scheme),
        from: oldPlaces.get(id) ?? null,
        classification: snapshot?.classification ?? '',
        caveats: snapshot?.caveats ?? [],
      });
    }

    return { bookId, since: editionOf(edition), movesKnown: then !== null, added, edited, moved, removed, editions: editions.map(editionOf) };
  }

  return {
    'books.changesSince': ({ bookId, since }) => changes(bookId, since),
  } satisfies ChangesPart;
}
