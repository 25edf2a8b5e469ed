/**
 * The library remembers every rev each item and book has had (docs/spec/EXCHANGE.md, "Revisions
 * and merging"; docs/data-model.md, "Revisions"). Revs are recorded in the transaction of each
 * change: the repositories' item and book writes mark what they change and the write records the
 * marked before it commits. A write that escaped that would let a later import take an older copy
 * for a conflict, or worse. Every store method whose effect writes items or books is run here,
 * and after each the current rev of every item and book must be in the revision store as the
 * write left it (read before anything else reads the store). The list of methods is the contract's: a new one fails this test until it
 * has a step below.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { apiContract } from '../../src/shared/contract';
import type { ExchangeFile } from '../../src/shared/domain';
import { revOf } from './hashes';
import { openTestLibrary, sampleText, type Library } from './testing';

/** Methods of the main process or the session (a purge forgets the item's revs with it: electron/store/purge.test.ts). */
const NOT_THE_SERVICE = new Set(['files.importExchange', 'files.openLibrary', 'files.newLibrary', 'backups.restore', 'items.purge']);

const writesItemsOrBooks = Object.entries(apiContract)
  .filter(([name, m]) => {
    const effect = (m as { effect: { effect: string; touches?: readonly string[] } }).effect;
    return !NOT_THE_SERVICE.has(name) && effect.effect === 'write' && (effect.touches ?? []).some((t) => t === 'items' || t === 'books');
  })
  .map(([name]) => name)
  .sort();

let dir = '';
let lib: Library | null = null;
afterEach(() => {
  lib?.close();
  lib = null;
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

/** A library of the test's own in a temp folder, closed and removed after it. */
function openLibrary(): Library {
  dir = mkdtempSync(join(tmpdir(), 'briefbook-revs-'));
  const opened = openTestLibrary(join(dir, 'library.briefbook.db'), { sampleText });
  lib = opened;
  return opened;
}

function missingRevs(library: Library): string[] {
  // what the write itself recorded, read before the export (which reads the revision store too)
  const known = new Set(library.service.db.prepare<[], { entity: string; id: string; rev: string }>('SELECT entity, id, rev FROM revisions').all().map((r) => `${r.entity} ${r.id} ${r.rev}`));
  const file = JSON.parse(library.service['library.export']({}).text) as ExchangeFile;
  const missing: string[] = [];
  for (const item of file.items) {
    const rev = revOf(item as Record<string, unknown>);
    expect(item.rev, `item ${item.id}: the file's rev is the object's`).toBe(rev);
    if (!known.has(`item ${item.id} ${rev}`)) missing.push(`item ${item.id}`);
  }
  for (const book of file.books) {
    const rev = revOf(book as Record<string, unknown>);
    if (!known.has(`book ${book.id} ${rev}`)) missing.push(`book ${book.id}`);
  }
  return missing;
}

describe('every write records the revs it makes', () => {
  it('holds for each method that writes items or books', () => {
    const opened = openLibrary();
    const s = opened.service;
    const ran = new Set<string>();
    const step = (name: string, run: () => void) => {
      run();
      ran.add(name);
      expect(missingRevs(opened), `after ${name}`).toEqual([]);
    };

    step('library.loadSample', () => s['library.loadSample']({}));
    const bookId = s['books.list']({})[0].id;
    const book = () => s['books.get']({ id: bookId });
    const first = book().sections[0];
    const itemId = first.items[0].id;

    step('items.save', () => {
      const record = s['items.get']({ id: itemId });
      s['items.save']({ item: { id: itemId, kind: record.kind, title: `${record.title} (revised)`, body: record.body, classification: record.classification, status: record.status }, baseVersion: record.version });
    });
    step('items.setStatus', () => s['items.setStatus']({ id: itemId, status: 'cleared', by: 'Desk officer' }));
    step('items.restoreVersion', () => s['items.restoreVersion']({ id: itemId, version: 1 }));
    step('items.delete', () => s['items.delete']({ id: itemId }));
    step('items.undelete', () => s['items.undelete']({ id: itemId }));
    step('books.create', () => s['books.create']({ title: 'Second summit', sections: ['Talking points'] }));
    step('books.save', () => s['books.save']({ book: { id: bookId, title: 'Summit, revised' } }));
    step('books.duplicate', () => s['books.duplicate']({ id: bookId, title: 'Summit, copy' }));
    step('sections.add', () => s['sections.add']({ bookId, title: 'Late additions' }));
    const lateId = book().sections.find((x) => x.title === 'Late additions')!.id;
    const late = () => book().sections.find((x) => x.id === lateId)!;
    step('sections.rename', () => s['sections.rename']({ bookId, sectionId: late().id, title: 'Last-minute additions' }));
    step('sections.removeItem', () => s['sections.removeItem']({ bookId, sectionId: first.id, itemId }));
    step('sections.addItems', () => s['sections.addItems']({ bookId, sectionId: late().id, itemIds: [itemId] }));
    step('sections.moveItem', () => s['sections.moveItem']({ bookId, itemId, fromSectionId: late().id, toSectionId: first.id, index: 0 }));
    step('sections.createItems', () =>
      s['sections.createItems']({ bookId, sectionId: late().id, classification: 'U', items: [{ kind: 'talking_point', title: 'From a Word paper', body: 'Its words.' }] }),
    );
    step('sections.requestPaper', () => s['sections.requestPaper']({ bookId, sectionId: late().id, title: 'SOFA note', kind: 'background', owner: 'Legal Office' }));
    step('books.reorderSections', () => s['books.reorderSections']({ bookId, sectionIds: [...book().sections.map((x) => x.id)].reverse() }));
    step('sections.delete', () => s['sections.delete']({ bookId, sectionId: late().id }));
    let logId: number | null = null;
    step('library.import', () => {
      const file = JSON.parse(s['library.export']({}).text) as ExchangeFile;
      file.items.push({ id: 'tp-new-from-file', kind: 'talking_point', title: 'New from a file', body: 'Words.', classification: 'U', status: 'draft' });
      logId = s['library.import']({ text: JSON.stringify(file), fileName: 'desk-b.json' }).logId;
    });
    step('imports.undo', () => {
      if (logId === null) throw new Error('the import was logged');
      s['imports.undo']({ id: logId });
    });
    step('books.delete', () => s['books.delete']({ id: s['books.list']({}).find((b) => b.title === 'Summit, copy')!.id }));

    expect([...ran].sort()).toEqual(writesItemsOrBooks);
  });
});

describe('a write records the rev its objects end with', () => {
  it('an item moved between two sections gives its book one new rev, not the half-way one as well', () => {
    const opened = openLibrary();
    const s = opened.service;
    s['library.loadSample']({});
    const bookId = s['books.list']({})[0].id;
    const [from, to] = s['books.get']({ id: bookId }).sections;
    const revsOfBook = () => opened.service.db.prepare<[string], { rev: string }>("SELECT rev FROM revisions WHERE entity = 'book' AND id = ?").all(bookId).map((r) => r.rev);
    const before = revsOfBook();
    s['sections.moveItem']({ bookId, itemId: from.items[0].id, fromSectionId: from.id, toSectionId: to.id, index: 0 });
    const after = revsOfBook();
    expect(after.filter((rev) => !before.includes(rev))).toEqual([revOf(JSON.parse(s['library.export']({}).text).books[0] as Record<string, unknown>)]);
  });
});
