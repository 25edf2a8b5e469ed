import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { ItemDraft } from '../../src/shared/contract';
import { openDatabase } from './open';
import { logsRepository } from './repositories/logs';
import { openTestLibrary, sampleText, type TempLibrary, tempLibrary } from './testing';

let lib: TempLibrary;
const BOOK = 'summit-2025-08-25';
beforeEach(() => {
  lib = tempLibrary();
});
afterEach(() => lib.dispose());

const draft = (overrides: Partial<ItemDraft> = {}): ItemDraft => ({
  kind: 'red_line',
  title: 'No leader-level deal on strategic flexibility',
  body: 'Keep the details of strategic flexibility at the **working level**.',
  classification: 'C',
  status: 'draft',
  ...overrides,
});

describe('items', () => {
  test('a new item gets an id, version 1 and a history entry', () => {
    const saved = lib.service['items.save']({ item: draft() });
    expect(saved.id).toMatch(/^rl-[0-9a-f]{10}$/);
    expect(saved.version).toBe(1);
    expect(lib.service['items.history']({ id: saved.id }).map((v) => v.version)).toEqual([1]);
  });

  test('every save keeps the previous version; an identical save is a no-op', () => {
    const first = lib.service['items.save']({ item: draft({ id: 'rl-a' }) });
    const second = lib.service['items.save']({ item: draft({ id: 'rl-a', title: 'Strategic flexibility stays at working level' }), baseVersion: 1 });
    expect(second.version).toBe(2);
    const same = lib.service['items.save']({ item: draft({ id: 'rl-a', title: 'Strategic flexibility stays at working level' }), baseVersion: 2 });
    expect(same.version).toBe(2);
    const history = lib.service['items.history']({ id: 'rl-a' });
    expect(history.map((v) => [v.version, v.item.title])).toEqual([
      [2, 'Strategic flexibility stays at working level'],
      [1, first.title],
    ]);
  });

  test('a save over a newer version is refused as a conflict and changes nothing', () => {
    lib.service['items.save']({ item: draft({ id: 'rl-a' }) });
    lib.service['items.save']({ item: draft({ id: 'rl-a', body: 'Edited on another desk' }), baseVersion: 1 });
    expect(() => lib.service['items.save']({ item: draft({ id: 'rl-a', body: 'Stale edit' }), baseVersion: 1 })).toThrow(
      expect.objectContaining({ code: 'conflict' }),
    );
    expect(lib.service['items.get']({ id: 'rl-a' }).body).toBe('Edited on another desk');
  });

  test('record-only fields saved in-process (clearanceState, contentHash, version…) are dropped, not kept as extensions', () => {
    const forged = { clearanceState: 'cleared', contentHash: `sha256:${'a'.repeat(64)}`, version: 7, deleted: true, statusChangedBy: 'Nobody', statusChangedAt: '2020-01-01T00:00:00.000Z' };
    // in-process, past the contract's strict schema, as the CLI and tests call the service
    const saved = lib.service['items.save']({ item: { ...draft({ id: 'rl-a' }), ...forged } as ItemDraft });
    expect(saved).toMatchObject({ version: 1, deleted: false, clearanceState: 'draft' });
    expect(saved.contentHash).not.toBe(forged.contentHash);
    expect(saved.statusChangedBy).toBeUndefined();
    const [exported] = (JSON.parse(lib.service['library.export']({}).text) as { items: Record<string, unknown>[] }).items;
    expect(Object.keys(exported).filter((key) => key in forged)).toEqual([]);
    expect(Object.keys(lib.service['items.history']({ id: 'rl-a' })[0].item).filter((key) => key in forged)).toEqual([]);
    expect(lib.service.db.prepare<[string], { extra: string | null }>('SELECT extra FROM items WHERE id = ?').get('rl-a')?.extra).toBeNull();
    // the record as read back, saved again unchanged, is no new version
    expect(lib.service['items.save']({ item: lib.service['items.get']({ id: 'rl-a' }) as ItemDraft, baseVersion: 1 }).version).toBe(1);
  });

  test('record-only fields a row kept as extensions before they were dropped do not come back', () => {
    lib.service['items.save']({ item: draft({ id: 'rl-a' }) });
    lib.service.db.prepare('UPDATE items SET extra = ? WHERE id = ?').run(JSON.stringify({ clearanceState: 'cleared', contentHash: `sha256:${'c'.repeat(64)}`, keep: 'an extension' }), 'rl-a');
    expect(lib.service['items.get']({ id: 'rl-a' })).toMatchObject({ clearanceState: 'draft', keep: 'an extension' });
    const [exported] = (JSON.parse(lib.service['library.export']({}).text) as { items: Record<string, unknown>[] }).items;
    expect(exported).toMatchObject({ keep: 'an extension' });
    expect(Object.keys(exported).filter((key) => key === 'clearanceState' || key === 'contentHash')).toEqual([]);
  });

  test('an exchange file that carries record-only fields on an item imports without them', () => {
    const item = { id: 'rl-file', kind: 'red_line', title: 'From a file', body: 'Words.', classification: 'U', status: 'draft', clearanceState: 'cleared', contentHash: `sha256:${'b'.repeat(64)}`, deleted: true, keep: 'an extension' };
    lib.service['library.import']({ text: JSON.stringify({ format: 'briefbook/v1', items: [item], books: [] }) });
    expect(lib.service['items.get']({ id: 'rl-file' })).toMatchObject({ clearanceState: 'draft', deleted: false, keep: 'an extension' });
    const [exported] = (JSON.parse(lib.service['library.export']({}).text) as { items: Record<string, unknown>[] }).items;
    expect(exported).toMatchObject({ keep: 'an extension' });
    expect(Object.keys(exported).filter((key) => ['clearanceState', 'contentHash', 'deleted'].includes(key))).toEqual([]);
  });

  test('an unknown level is refused naming the item', () => {
    expect(() => lib.service['items.save']({ item: draft({ id: 'rl-x', classification: 'Q' }) })).toThrow(/item "rl-x".*"Q"/);
    expect(lib.service['library.info']({}).itemCount).toBe(0);
  });

  test('restoring an old version saves it as the newest', () => {
    lib.service['items.save']({ item: draft({ id: 'rl-a', body: 'first words' }) });
    lib.service['items.save']({ item: draft({ id: 'rl-a', body: 'second words' }) });
    const restored = lib.service['items.restoreVersion']({ id: 'rl-a', version: 1 });
    expect(restored.version).toBe(3);
    expect(restored.body).toBe('first words');
    expect(lib.service['items.history']({ id: 'rl-a' })).toHaveLength(3);
  });

  test('the review workflow records who and when', () => {
    const item = lib.service['items.save']({ item: draft({ id: 'rl-a' }) });
    const reviewed = lib.service['items.setStatus']({ id: item.id, status: 'cleared', by: 'Director, North America' });
    expect(reviewed.status).toBe('cleared');
    expect(reviewed.statusChangedBy).toBe('Director, North America');
    expect(reviewed.statusChangedAt).toBeTruthy();
    expect(reviewed.version).toBe(2);
    expect(lib.service['audit.list']({}).some((entry) => entry.detail.includes('draft → cleared by Director'))).toBe(true);
  });

  test('a deleted item leaves lists, search and books, and comes back in place', () => {
    lib.service['library.loadSample']({});
    const before = lib.service['books.get']({ id: BOOK });
    lib.service['items.delete']({ id: 'rl-sma' });
    expect(lib.service['items.list']({}).rows.map((r) => r.id)).not.toContain('rl-sma');
    expect(lib.service['search.query']({ q: 'Special Measures Agreement' }).map((h) => h.id)).not.toContain('rl-sma');
    const redLines = lib.service['books.get']({ id: BOOK }).sections.find((s) => s.id === 's-red-lines');
    expect(redLines?.items.map((i) => i.id)).not.toContain('rl-sma');
    expect(lib.service['books.content']({ id: BOOK }).items.map((i) => i.id)).not.toContain('rl-sma');
    lib.service['items.undelete']({ id: 'rl-sma' });
    expect(lib.service['books.get']({ id: BOOK }).sections).toEqual(before.sections);
    expect(lib.service['search.query']({ q: 'Special Measures Agreement' }).map((h) => h.id)).toContain('rl-sma');
  });

  test('filters, sort and facets', () => {
    lib.service['library.loadSample']({});
    const redLines = lib.service['items.list']({ kinds: ['red_line'] });
    expect(redLines.total).toBe(5);
    expect(redLines.rows.every((r) => r.kind === 'red_line' && r.usedIn === 1)).toBe(true);
    const drafts = lib.service['items.list']({ statuses: ['draft'] });
    expect(drafts.rows.map((r) => r.id)).toEqual(['tp-draft-trade']);
    const byTitle = lib.service['items.list']({ sort: { by: 'title', dir: 'asc' }, limit: 3 });
    const titles = byTitle.rows.map((r) => r.title.toLowerCase());
    expect(titles).toEqual([...titles].sort());
    expect(byTitle.total).toBe(41);
    const facets = lib.service['items.facets']({});
    expect(facets.total).toBe(41);
    expect(facets.kinds.find((k) => k.value === 'talking_point')?.count).toBe(9);
    expect(facets.classifications).toEqual(expect.arrayContaining([{ value: 'C', count: 14 }, { value: 'U', count: 27 }]));
  });
});

describe('books', () => {
  beforeEach(() => {
    lib.service['library.loadSample']({});
  });

  test('overall marking and clearance summary', () => {
    const book = lib.service['books.get']({ id: BOOK });
    expect(book.overallMarking).toBe('CONFIDENTIAL//NOFORN');
    expect(book.clearance).toMatchObject({ total: 41, cleared: 40 });
    expect(book.clearance.notCleared.map((i) => i.id)).toEqual(['tp-draft-trade']);
  });

  test('a floor raises the marking', () => {
    const { book } = lib.service['books.get']({ id: BOOK });
    lib.service['books.save']({ book: { ...book, floor: 'S' } });
    expect(lib.service['books.get']({ id: BOOK }).overallMarking).toBe('SECRET//NOFORN');
  });

  test('sections: add, rename, reorder, delete', () => {
    let detail = lib.service['sections.add']({ bookId: BOOK, title: 'Pocket notes', index: 0 });
    expect(detail.sections[0].title).toBe('Pocket notes');
    const added = detail.sections[0].id;
    detail = lib.service['sections.rename']({ bookId: BOOK, sectionId: added, title: 'Principal’s notes' });
    expect(detail.sections[0].title).toBe('Principal’s notes');
    const reversed = detail.sections.map((s) => s.id).reverse();
    detail = lib.service['books.reorderSections']({ bookId: BOOK, sectionIds: reversed });
    expect(detail.sections.map((s) => s.id)).toEqual(reversed);
    expect(() => lib.service['books.reorderSections']({ bookId: BOOK, sectionIds: reversed.slice(1) })).toThrow(/exactly once/);
    detail = lib.service['sections.delete']({ bookId: BOOK, sectionId: added });
    expect(detail.sections.map((s) => s.id)).not.toContain(added);
    expect(detail.sections.map((s) => s.id)).toEqual(reversed.filter((id) => id !== added));
  });

  test('items: add, move within and across sections, remove', () => {
    const item = lib.service['items.save']({ item: draft({ id: 'rl-new' }) });
    let detail = lib.service['sections.addItems']({ bookId: BOOK, sectionId: 's-red-lines', itemIds: [item.id], index: 0 });
    const redLines = () => detail.sections.find((s) => s.id === 's-red-lines')?.items.map((i) => i.id) ?? [];
    expect(redLines()[0]).toBe('rl-new');
    detail = lib.service['sections.moveItem']({ bookId: BOOK, itemId: 'rl-new', fromSectionId: 's-red-lines', toSectionId: 's-red-lines', index: 2 });
    expect(redLines()[2]).toBe('rl-new');
    detail = lib.service['sections.moveItem']({ bookId: BOOK, itemId: 'rl-new', fromSectionId: 's-red-lines', toSectionId: 's-asks', index: 1 });
    expect(redLines()).not.toContain('rl-new');
    expect(detail.sections.find((s) => s.id === 's-asks')?.items[1].id).toBe('rl-new');
    expect(lib.service['items.usedIn']({ id: 'rl-new' })).toEqual([
      { bookId: BOOK, bookTitle: 'Summit with President Trump', sectionId: 's-asks', sectionTitle: 'Our asks' },
    ]);
    detail = lib.service['sections.removeItem']({ bookId: BOOK, sectionId: 's-asks', itemId: 'rl-new' });
    expect(lib.service['items.usedIn']({ id: 'rl-new' })).toEqual([]);
  });

  test('a Word paper’s items: written as drafts at the end of the section in one transaction, or none of them', () => {
    const before = lib.service['books.get']({ id: BOOK }).sections.find((s) => s.id === 's-red-lines')?.items.map((i) => i.id) ?? [];
    const itemCount = lib.service['library.info']({}).itemCount;
    const made = lib.service['sections.createItems']({
      bookId: BOOK,
      sectionId: 's-red-lines',
      classification: 'C',
      items: [
        { kind: 'red_line', title: 'No trade linkage', body: 'We **will not** link the alliance to trade.' },
        { kind: 'red_line', title: 'No new bases', body: '- none in the south\n- none in the east' },
      ],
    });
    expect(made.itemIds).toHaveLength(2);
    expect(made.itemIds[0]).toMatch(/^rl-[0-9a-f]{10}$/);
    const after = made.detail.sections.find((s) => s.id === 's-red-lines')?.items ?? [];
    expect(after.map((i) => i.id)).toEqual([...before, ...made.itemIds]);
    const first = lib.service['items.get']({ id: made.itemIds[0] });
    expect(first).toMatchObject({ title: 'No trade linkage', body: 'We **will not** link the alliance to trade.', classification: 'C', status: 'draft', version: 1, kind: 'red_line' });
    expect(lib.service['items.history']({ id: made.itemIds[1] }).map((v) => v.version)).toEqual([1]);
    // an unknown level refuses the whole paper: no item, no section change
    expect(() =>
      lib.service['sections.createItems']({ bookId: BOOK, sectionId: 's-red-lines', classification: 'NOPE', items: [{ kind: 'ask', title: 'One', body: '' }] }),
    ).toThrow(/NOPE/);
    expect(() => lib.service['sections.createItems']({ bookId: BOOK, sectionId: 's-gone', classification: 'C', items: [{ kind: 'ask', title: 'One', body: '' }] })).toThrow(/no section "s-gone"/);
    expect(lib.service['library.info']({}).itemCount).toBe(itemCount + 2);
  });

  test('a new book from an existing one keeps the sections and items', () => {
    const copy = lib.service['books.duplicate']({ id: BOOK, title: 'Second summit' });
    const source = lib.service['books.get']({ id: BOOK });
    expect(copy.book.title).toBe('Second summit');
    expect(copy.book.meeting).toEqual(source.book.meeting);
    expect(copy.sections.map((s) => s.items.map((i) => i.id))).toEqual(source.sections.map((s) => s.items.map((i) => i.id)));
    expect(lib.service['items.usedIn']({ id: 'rl-sma' })).toHaveLength(2);
  });

  test('a new book starts with the usual sections', () => {
    const book = lib.service['books.create']({ title: 'Call with the Japanese Prime Minister' });
    expect(book.sections.map((s) => s.title)).toContain('Red lines');
    expect(book.overallMarking).toBe('UNCLASSIFIED');
  });

  test('a new book starts with exactly the sections picked, or none', () => {
    const picked = lib.service['books.create']({ title: 'Pull-aside in New York', sections: ['Talking points', 'Red lines'] });
    expect(picked.sections.map((s) => s.title)).toEqual(['Talking points', 'Red lines']);
    expect(lib.service['books.get']({ id: picked.book.id }).sections.map((s) => s.title)).toEqual(['Talking points', 'Red lines']);
    const bare = lib.service['books.create']({ title: 'Phone call', sections: [] });
    expect(bare.sections).toEqual([]);
  });

  test('deleting a book keeps its items and returns it for undo', () => {
    const { text } = lib.service['books.delete']({ id: BOOK });
    expect(lib.service['books.list']({})).toEqual([]);
    expect(lib.service['library.info']({}).itemCount).toBe(41);
    // an import keeps what was deleted here deleted; the undo of a delete asks to bring it back
    expect(lib.service['library.import']({ text }).books.created).toBe(0);
    expect(lib.service['books.list']({})).toEqual([]);
    lib.service['library.import']({ text, restoreDeleted: true });
    expect(lib.service['books.get']({ id: BOOK }).clearance.total).toBe(41);
  });

  test('the export log tells which items changed since', () => {
    const content = lib.service['books.content']({ id: BOOK });
    expect(content.items).toHaveLength(41);
    lib.service.recordExport({
      bookId: BOOK,
      kind: 'pdf',
      fileName: 'summit.pdf',
      options: { mode: 'working' },
      pageCount: 30,
      sha256: 'a'.repeat(64),
      itemVersions: content.itemVersions,
    });
    expect(lib.service['exports.list']({ bookId: BOOK })[0].changedSince).toEqual([]);
    const item = lib.service['items.get']({ id: 'rl-sma' });
    lib.service['items.save']({ item: { ...draftOf(item), body: 'Revised after the NSC meeting.' } });
    const [log] = lib.service['exports.list']({ bookId: BOOK });
    expect(log.changedSince).toEqual([{ id: 'rl-sma', title: item.title, exportedVersion: 1, currentVersion: 2 }]);
    expect(lib.service.exportsBySha('a'.repeat(64))).toHaveLength(1);
    expect(lib.service['library.info']({}).lastExport?.fileName).toBe('summit.pdf');
  });
});

function draftOf(item: ReturnType<TempLibrary['service']['items.get']>): ItemDraft {
  const { version: _v, createdAt: _c, updatedAt: _u, deleted: _d, statusChangedAt: _a, statusChangedBy: _b, ...rest } = item;
  return rest as ItemDraft;
}

describe('first run and settings', () => {
  test('an empty library offers the sample until it is taken or declined', () => {
    expect(lib.service['library.info']({}).offerSample).toBe(true);
    lib.service['library.declineSample']({});
    expect(lib.service['library.info']({}).offerSample).toBe(false);
  });

  test('settings hold the values of the registry, and read as their defaults until set', () => {
    expect(lib.service['settings.get']({ key: 'layout' })).toEqual({ sidebar: 224, inspector: 360 });
    expect(lib.service['settings.get']({ key: 'userName' })).toBe('');
    lib.service['settings.set']({ key: 'layout', value: { sidebar: 240, inspector: 400 } });
    lib.service['settings.set']({ key: 'userName', value: 'Desk officer' });
    expect(lib.service['settings.get']({ key: 'layout' })).toEqual({ sidebar: 240, inspector: 400 });
    expect(lib.service['settings.get']({ key: 'userName' })).toBe('Desk officer');
  });

  test('a stored setting is parsed with its schema: a part missing takes its default, a value that no longer passes reads as the default', () => {
    const path = lib.path;
    lib.close();
    const db = openDatabase(path);
    const logs = logsRepository(db);
    logs.setSetting('ui.layout', JSON.stringify({ sidebar: 240 }));
    logs.setSetting('ui.userName', JSON.stringify({ name: 'not a string' }));
    logs.setSetting('ui.vault.idleLockMinutes', '{damaged');
    db.close();
    const reopened = openTestLibrary(path, { sampleText });
    try {
      expect(reopened.service['settings.get']({ key: 'layout' })).toEqual({ sidebar: 240, inspector: 360 });
      expect(reopened.service['settings.get']({ key: 'userName' })).toBe('');
      expect(reopened.service['settings.get']({ key: 'vault.idleLockMinutes' })).toBe(10);
    } finally {
      reopened.close();
    }
  });

  test('a read-only library refuses every write with a message', () => {
    lib.service['library.loadSample']({});
    lib.close();
    const readOnly = openTestLibrary(lib.path, { readOnly: true, sampleText });
    try {
      expect(readOnly.service['books.list']({})).toHaveLength(1);
      expect(() => readOnly.service['items.save']({ item: draft() })).toThrow(expect.objectContaining({ code: 'read_only' }));
    } finally {
      readOnly.close();
    }
  });
});
