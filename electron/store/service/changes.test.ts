import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { ItemDraft } from '../../../src/shared/contract';
import { tempLibrary, type TempLibrary } from '../testing';

let lib: TempLibrary;
const BOOK = 'summit';

function item(id: string, title: string, body: string, classification = 'U', extra: Partial<ItemDraft> = {}): ItemDraft {
  return { id, kind: 'talking_point', title, body, classification, status: 'draft', ...extra };
}

/** A PDF of the book logged as the export dialog or the CLI logs one: its item versions as stored. */
function exportPdf(fileName = 'summit.pdf', document: 'book' | 'pocketCard' = 'book'): number {
  const { itemVersions } = lib.service['books.content']({ id: BOOK });
  return lib.service.recordExport({ bookId: BOOK, kind: 'pdf', fileName, options: { mode: 'working' }, pageCount: 3, sha256: 'a'.repeat(64), itemVersions, document }).id;
}

beforeEach(() => {
  lib = tempLibrary();
  const s = lib.service;
  s['books.create']({ id: BOOK, title: 'Summit', sections: ['Talking points', 'Background'] });
  for (const draft of [
    item('tp-a', 'Open with the alliance', 'We value the alliance.'),
    item('tp-b', 'Trade', 'Keep the talks at the working level.'),
    item('tp-c', 'Climate', 'Welcome the pledge.'),
    item('tp-d', 'Visas', 'Raise the visa backlog.'),
  ]) {
    s['items.save']({ item: draft });
  }
  s['sections.addItems']({ bookId: BOOK, sectionId: 's-talking-points', itemIds: ['tp-a', 'tp-b', 'tp-c'] });
  s['sections.addItems']({ bookId: BOOK, sectionId: 's-background', itemIds: ['tp-d'] });
});
afterEach(() => lib.dispose());

describe('changes since an edition', () => {
  test('an edit, an addition, a removal and a move between two exports give exactly those lists', () => {
    const s = lib.service;
    const first = exportPdf();
    s['items.save']({ item: item('tp-b', 'Trade (revised)', 'Keep the talks at the leaders level.', 'C'), baseVersion: 1 });
    s['items.save']({ item: item('tp-e', 'Energy', 'Offer a joint study.') });
    s['sections.addItems']({ bookId: BOOK, sectionId: 's-background', itemIds: ['tp-e'] });
    s['sections.removeItem']({ bookId: BOOK, sectionId: 's-talking-points', itemId: 'tp-c' });
    s['sections.moveItem']({ bookId: BOOK, itemId: 'tp-d', fromSectionId: 's-background', toSectionId: 's-talking-points', index: 0 });

    const changes = s['books.changesSince']({ bookId: BOOK, since: 'last' });
    expect(changes.since).toMatchObject({ exportId: first, fileName: 'summit.pdf' });
    expect(changes.movesKnown).toBe(true);
    expect(changes.added).toEqual([{ id: 'tp-e', title: 'Energy', mark: '(U)', place: { sectionId: 's-background', sectionTitle: 'Background', position: 0 } }]);
    expect(changes.removed).toEqual([
      { id: 'tp-c', title: 'Climate', mark: '(U)', from: { sectionId: 's-talking-points', sectionTitle: 'Talking points', position: 2 }, classification: 'U', caveats: [] },
    ]);
    expect(changes.moved).toEqual([
      {
        id: 'tp-d',
        title: 'Visas',
        mark: '(U)',
        from: { sectionId: 's-background', sectionTitle: 'Background', position: 0 },
        to: { sectionId: 's-talking-points', sectionTitle: 'Talking points', position: 0 },
      },
    ]);
    expect(changes.edited).toEqual([
      {
        id: 'tp-b',
        title: 'Trade (revised)',
        mark: '(C)',
        place: { sectionId: 's-talking-points', sectionTitle: 'Talking points', position: 2 },
        fromVersion: 1,
        toVersion: 2,
        diffs: [
          { field: 'title', parts: [{ op: 'same', text: 'Trade' }, { op: 'inserted', text: ' (revised)' }] },
          {
            field: 'body',
            parts: [
              { op: 'same', text: 'Keep the talks at the ' },
              { op: 'deleted', text: 'working' },
              { op: 'inserted', text: 'leaders' },
              { op: 'same', text: ' level.' },
            ],
          },
        ],
        marking: { from: '(U)', to: '(C)' },
      },
    ]);
    expect(changes.editions.map((e) => e.exportId)).toEqual([first]);
  });

  test('an item moved up within its section is one move, not one for every item it passed', () => {
    exportPdf();
    lib.service['sections.moveItem']({ bookId: BOOK, itemId: 'tp-c', fromSectionId: 's-talking-points', toSectionId: 's-talking-points', index: 0 });
    const changes = lib.service['books.changesSince']({ bookId: BOOK, since: 'last' });
    expect(changes.moved.map((m) => [m.id, m.from.position, m.to.position])).toEqual([['tp-c', 2, 0]]);
    expect([...changes.added, ...changes.edited, ...changes.removed]).toEqual([]);
  });

  test('a save that changes nothing printed (status, tags) is no edit; a deleted item is removed', () => {
    exportPdf();
    lib.service['items.setStatus']({ id: 'tp-a', status: 'in_review', by: 'Kim' });
    lib.service['items.save']({ item: item('tp-b', 'Trade', 'Keep the talks at the working level.', 'U', { tags: ['trade'] }), baseVersion: 1 });
    lib.service['items.delete']({ id: 'tp-d' });
    const changes = lib.service['books.changesSince']({ bookId: BOOK, since: 'last' });
    expect(changes.edited).toEqual([]);
    expect(changes.removed.map((r) => r.id)).toEqual(['tp-d']);
  });

  test('a translation edit has its own word diff', () => {
    lib.service['items.save']({ item: item('tp-a', 'Open with the alliance', 'We value the alliance.', 'U', { translations: { ko: { title: '동맹', body: '동맹을 중시한다.' } } }), baseVersion: 1 });
    exportPdf();
    lib.service['items.save']({ item: item('tp-a', 'Open with the alliance', 'We value the alliance.', 'U', { translations: { ko: { title: '동맹', body: '동맹을 매우 중시한다.' } } }), baseVersion: 2 });
    const [edit] = lib.service['books.changesSince']({ bookId: BOOK, since: 'last' }).edited;
    expect(edit.diffs.map((d) => d.field)).toEqual(['body (ko)']);
    expect(edit.diffs[0].parts).toContainEqual({ op: 'inserted', text: '매우 ' });
  });

  test('"last" is the latest PDF of the book itself, not its pocket card; an export id picks an earlier one', () => {
    const first = exportPdf('first.pdf');
    lib.service['items.save']({ item: item('tp-a', 'Open warmly', 'We value the alliance.'), baseVersion: 1 });
    const second = exportPdf('second.pdf');
    exportPdf('second.pocket-card.pdf', 'pocketCard');
    const last = lib.service['books.changesSince']({ bookId: BOOK, since: 'last' });
    expect(last.since.exportId).toBe(second);
    expect(noneChanged(last)).toBe(true);
    expect(last.editions.map((e) => e.fileName)).toEqual(['second.pdf', 'first.pdf']);
    const earlier = lib.service['books.changesSince']({ bookId: BOOK, since: first });
    expect(earlier.edited.map((e) => e.id)).toEqual(['tp-a']);
  });

  test('an edition logged before the export log kept sections: moves unknown, the rest still listed', () => {
    const id = exportPdf();
    // as a library upgraded from schema 3 holds it
    lib.service.db.prepare('UPDATE export_log SET sections = NULL, document = NULL WHERE id = ?').run(id);
    lib.service['sections.moveItem']({ bookId: BOOK, itemId: 'tp-d', fromSectionId: 's-background', toSectionId: 's-talking-points', index: 0 });
    lib.service['sections.removeItem']({ bookId: BOOK, sectionId: 's-talking-points', itemId: 'tp-c' });
    const changes = lib.service['books.changesSince']({ bookId: BOOK, since: 'last' });
    expect(changes.movesKnown).toBe(false);
    expect(changes.moved).toEqual([]);
    expect(changes.removed).toMatchObject([{ id: 'tp-c', from: null }]);
  });

  test('bad input is refused in words: unknown book, unknown export, another book’s export, no export yet', () => {
    const s = lib.service;
    expect(() => s['books.changesSince']({ bookId: 'nope', since: 'last' })).toThrow(expect.objectContaining({ code: 'not_found', message: 'There is no book "nope" in this library.' }));
    expect(() => s['books.changesSince']({ bookId: BOOK, since: 'last' })).toThrow(expect.objectContaining({ code: 'not_found', message: expect.stringContaining('has no PDF export yet') }));
    expect(() => s['books.changesSince']({ bookId: BOOK, since: 99 })).toThrow(expect.objectContaining({ code: 'not_found', message: "There is no export 99 in this library's export log." }));
    s['books.create']({ id: 'other', title: 'Other' });
    const theirs = s.recordExport({ bookId: 'other', kind: 'pdf', fileName: 'other.pdf', options: {}, pageCount: 1, sha256: 'b'.repeat(64), itemVersions: {} }).id;
    expect(() => s['books.changesSince']({ bookId: BOOK, since: theirs })).toThrow(
      expect.objectContaining({ code: 'invalid_input', message: `Export ${theirs} (other.pdf) is an export of book "other", not of book "summit".` }),
    );
  });
});

function noneChanged(changes: { added: unknown[]; edited: unknown[]; moved: unknown[]; removed: unknown[] }): boolean {
  return changes.added.length + changes.edited.length + changes.moved.length + changes.removed.length === 0;
}
