/**
 * Tasking in the store (docs/data-model.md, "Tasking"): requesting a paper writes a placeholder
 * into a section in one transaction; the tasker package holds what the office owns, matched
 * trimmed and case-insensitive; the book's papers group by office with what is missing.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { ExchangeFile } from '../../../src/shared/domain';
import { taskingByOffice } from '../../../src/shared/tasking';
import { tempLibrary, type TempLibrary } from '../testing';

const BOOK = 'summit-2025-08-25';
let lib: TempLibrary;
beforeEach(() => {
  lib = tempLibrary();
  lib.service['library.loadSample']({});
});
afterEach(() => lib.dispose());

describe('requesting a paper', () => {
  test('creates a draft placeholder with owner and due date at the end of the section, and logs it', () => {
    const before = lib.service['books.get']({ id: BOOK }).sections.find((s) => s.id === 's-asks')?.items.length ?? 0;
    const { itemId, book } = lib.service['sections.requestPaper']({
      bookId: BOOK, sectionId: 's-asks', title: 'Ask on SOFA review', kind: 'ask', owner: 'Legal Office', due: '2026-12-01',
    });
    const asks = book.sections.find((s) => s.id === 's-asks')?.items ?? [];
    expect(asks).toHaveLength(before + 1);
    expect(asks.at(-1)).toMatchObject({ id: itemId, title: 'Ask on SOFA review', status: 'draft', owner: 'Legal Office', due: '2026-12-01', excerpt: '', classification: 'U' });
    const row = lib.service.db.prepare('SELECT body, owner, status, extra, version FROM items WHERE id = ?').get(itemId);
    expect(row).toEqual({ body: '', owner: 'Legal Office', status: 'draft', extra: JSON.stringify({ due: '2026-12-01' }), version: 1 });
    expect(lib.service['audit.list']({ limit: 5 }).map((e) => e.detail)).toContain('version 1: Ask on SOFA review (requested of Legal Office, due 2026-12-01)');
  });

  test('an unknown section is refused and nothing is written', () => {
    const items = lib.service['library.info']({}).itemCount;
    expect(() => lib.service['sections.requestPaper']({ bookId: BOOK, sectionId: 's-nowhere', title: 'T', kind: 'ask', owner: 'Legal Office' })).toThrow(/s-nowhere/);
    expect(lib.service['library.info']({}).itemCount).toBe(items);
  });
});

describe('the tasker package and the listing by office', () => {
  test('an office is matched trimmed and case-insensitive; its package holds its items and placeholders only', () => {
    const requested = lib.service['sections.requestPaper']({ bookId: BOOK, sectionId: 's-background', title: 'SOFA note', kind: 'background', owner: '  legal   OFFICE ', due: '2020-01-31' });
    const item = lib.service['items.get']({ id: 'rl-taiwan-role' });
    lib.service['items.save']({ item: { id: item.id, kind: item.kind, title: item.title, body: item.body, classification: item.classification, caveats: item.caveats, status: item.status, owner: 'Legal Office' } });
    const file = JSON.parse(lib.service['library.export']({ bookId: BOOK, owner: 'LEGAL OFFICE' }).text) as ExchangeFile;
    expect(file.items.map((i) => i.id).sort()).toEqual([requested.itemId, 'rl-taiwan-role'].sort());
    expect(file.books[0].sections.flatMap((s) => s.items).sort()).toEqual([requested.itemId, 'rl-taiwan-role'].sort());
    expect(() => lib.service['library.export']({ owner: 'Legal Office' })).toThrow(/name the book/);
    expect(() => lib.service['library.export']({ bookId: BOOK, owner: 'Treasury' })).toThrow(/Owners in this book: "Legal Office", "Policy planning"/);

    const offices = taskingByOffice(lib.service['books.get']({ id: BOOK }), '2020-02-03');
    expect(offices.map((o) => [o.office, o.papers.length, o.missing, o.overdue])).toEqual([
      ['Legal Office', 2, 1, 1],
      ['Policy planning', 1, 0, 0],
      [null, 39, 0, 0],
    ]);
    expect(offices[0].papers[0]).toMatchObject({ id: requested.itemId, state: 'missing', daysLate: 3, sections: ['Background'] });
  });
});
