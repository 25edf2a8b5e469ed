import Database from 'better-sqlite3-multiple-ciphers';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { loadMigrations, migrate } from '../migrate';
import { openTestLibrary, tempLibrary, type TempLibrary } from '../testing';
import { StoredRowError } from './stored-json';

let lib: TempLibrary;
afterEach(() => lib.dispose());

const BOOK = 'summit-2025-08-25';

/** What a call throws, for asserting on a typed error's fields. */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('a JSON column that does not parse is a typed error naming table, row and field', () => {
  test('an item whose caveats are not a list of strings', () => {
    lib = tempLibrary();
    lib.service['library.loadSample']({});
    const [row] = lib.service['items.list']({ limit: 1 }).rows;
    lib.service.db.prepare('UPDATE items SET caveats = ? WHERE id = ?').run('{"REL TO": 1}', row.id);
    const error = thrown(() => lib.service['items.get']({ id: row.id }));
    expect(error).toBeInstanceOf(StoredRowError);
    expect(error).toMatchObject({ code: 'row_unreadable', table: 'items', rowId: row.id, field: 'caveats' });
    expect((error as Error).message).toContain(`caveats of items row "${row.id}"`);
    expect(() => lib.service['items.list']({})).toThrow(expect.objectContaining({ code: 'row_unreadable', field: 'caveats' }));
    // every other item still reads
    const other = lib.service.db.prepare('SELECT id FROM items WHERE id <> ? LIMIT 1').get(row.id) as { id: string };
    expect(lib.service['items.get']({ id: other.id }).id).toBe(other.id);
  });

  test('a saved version that is not JSON, and one that is no item', () => {
    lib = tempLibrary();
    const saved = lib.service['items.save']({ item: { kind: 'ask', title: 'Ask for the port', body: 'Text.', classification: 'U', status: 'draft' } });
    lib.service.db.prepare('UPDATE item_versions SET snapshot = ? WHERE item_id = ?').run('{"title": "cut sho', saved.id);
    expect(thrown(() => lib.service['items.history']({ id: saved.id }))).toMatchObject({
      table: 'item_versions',
      rowId: `${saved.id} version 1`,
      field: 'snapshot',
      message: expect.stringContaining('it is not JSON') as unknown,
    });
    lib.service.db.prepare('UPDATE item_versions SET snapshot = ? WHERE item_id = ?').run('{"title": 7}', saved.id);
    expect(thrown(() => lib.service['items.restoreVersion']({ id: saved.id, version: 1 }))).toMatchObject({ code: 'row_unreadable', field: 'snapshot' });
    // the item itself is untouched and still reads
    expect(lib.service['items.get']({ id: saved.id }).title).toBe('Ask for the port');
  });

  test('a book whose meeting is not a meeting, and an export log entry with broken versions', () => {
    lib = tempLibrary();
    lib.service['library.loadSample']({});
    lib.service.db.prepare('UPDATE books SET meeting = ? WHERE id = ?').run('["2025-08-25"]', BOOK);
    expect(thrown(() => lib.service['books.list']({}))).toMatchObject({ table: 'books', rowId: BOOK, field: 'meeting' });
    expect(thrown(() => lib.service['books.get']({ id: BOOK }))).toMatchObject({ table: 'books', rowId: BOOK, field: 'meeting' });
    lib.service.db.prepare('UPDATE books SET meeting = NULL WHERE id = ?').run(BOOK);
    const entry = lib.service.recordExport({ bookId: BOOK, kind: 'pdf', fileName: 'a.pdf', options: {}, pageCount: 1, sha256: 'a'.repeat(64), itemVersions: {} });
    lib.service.db.prepare('UPDATE export_log SET item_versions = ? WHERE id = ?').run('{"tp-1": "two"}', entry.id);
    expect(thrown(() => lib.service['exports.list']({}))).toMatchObject({ table: 'export_log', rowId: String(entry.id), field: 'item_versions' });
  });

  test('the marking scheme with a level that has no banner', () => {
    lib = tempLibrary();
    lib.service.db
      .prepare("INSERT OR REPLACE INTO markings (id, scheme, levels, portion_marks) VALUES (1, 'default', ?, 1)")
      .run(JSON.stringify([{ code: 'U', portion: 'U' }]));
    expect(thrown(() => lib.service['markings.get']({}))).toMatchObject({ table: 'markings', field: 'levels', message: expect.stringContaining('0.banner') as unknown });
  });
});

test('a version saved by the first release (the 0001 shape) reads back as it was saved', () => {
  lib = tempLibrary();
  const path = join(lib.dir, 'first.db');
  const old = new Database(path);
  migrate(old, [loadMigrations()[0]]);
  old.prepare(
    `INSERT INTO items (id, kind, title, body, classification, caveats, status, version, created_at, updated_at)
     VALUES ('bg-1', 'background', 'Port history', 'Text.', 'U', '[]', 'draft', 1, '2024-01-02T00:00:00.000Z', '2024-01-02T00:00:00.000Z')`,
  ).run();
  // as the first release saved it: no timestamps, an extension property, sources without extras
  const snapshot = { id: 'bg-1', kind: 'background', title: 'Port history', body: 'Text.', classification: 'U', status: 'draft', sources: [{ title: 'Archive' }], 'x-desk': 'east' };
  old.prepare('INSERT INTO item_versions (item_id, version, saved_at, snapshot) VALUES (?, 1, ?, ?)').run('bg-1', '2024-01-02T00:00:00.000Z', JSON.stringify(snapshot));
  old.close();
  const opened = openTestLibrary(path);
  try {
    expect(opened.service['items.history']({ id: 'bg-1' })).toEqual([{ version: 1, savedAt: '2024-01-02T00:00:00.000Z', item: snapshot }]);
  } finally {
    opened.close();
  }
});
