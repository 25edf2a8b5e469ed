import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import type { Db } from '../db';
import { openDatabase } from '../open';
import { createService, type LibraryService } from '../service';
import { sampleText } from '../testing';

/** Counts every statement run on the connection (get, all, run, iterate), whatever prepared it. */
function countStatements(db: Db): { count: number } {
  const counter = { count: 0 };
  const prepare = db.prepare.bind(db);
  (db as { prepare: unknown }).prepare = (source: string) => {
    const statement = prepare(source);
    return new Proxy(statement, {
      get(target, property, receiver) {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== 'function') return value;
        if (property === 'get' || property === 'all' || property === 'run' || property === 'iterate') {
          return (...args: unknown[]) => {
            counter.count += 1;
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        }
        return (value as (...a: unknown[]) => unknown).bind(target);
      },
    });
  };
  return counter;
}

let dir: string;
let db: Db;
let service: LibraryService;
let counter: { count: number };
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'briefbook-books-'));
  db = openDatabase(join(dir, 'library.briefbook.db'));
  counter = countStatements(db);
  service = createService(db, { path: join(dir, 'library.briefbook.db'), sampleText });
  service['library.loadSample']({});
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

test('the book list is read in one query (and the scheme) however many books and items there are', () => {
  const sample = service['books.list']({})[0];
  for (let n = 0; n < 5; n += 1) service['books.duplicate']({ id: sample.id, title: `Copy ${n}` });
  service['items.setStatus']({ id: service['books.get']({ id: sample.id }).sections[1].items[0].id, status: 'cleared', by: 'tester' });
  counter.count = 0;
  const list = service['books.list']({});
  expect(list).toHaveLength(6);
  // the marking scheme, and every book with its live items: nothing per book, section or item
  expect(counter.count).toBe(2);
});

test('a book list row says what the book itself says: marking, item count, cleared count', () => {
  const first = service['books.list']({})[0];
  const firstItem = service['books.get']({ id: first.id }).sections[1].items[0];
  service['items.setStatus']({ id: firstItem.id, status: 'cleared', by: 'tester' });
  service['items.delete']({ id: service['books.get']({ id: first.id }).sections[2].items[0].id });
  for (const row of service['books.list']({})) {
    const detail = service['books.get']({ id: row.id });
    expect(row.itemCount).toBe(detail.clearance.total);
    expect(row.clearedCount).toBe(detail.clearance.cleared);
    expect(row.overallMarking).toBe(detail.overallMarking);
    expect(row.overallLevel).toBe(detail.overallLevel);
  }
});

test('one book is read in as many statements with 41 items in ten sections as with none', () => {
  const sample = service['books.list']({})[0];
  const empty = service['books.create']({ title: 'Empty book' });
  counter.count = 0;
  const full = service['books.get']({ id: sample.id });
  const forFull = counter.count;
  counter.count = 0;
  service['books.get']({ id: empty.book.id });
  expect(full.clearance.total).toBe(41);
  expect(forFull).toBe(counter.count);
  expect(forFull).toBeLessThanOrEqual(5);
});
