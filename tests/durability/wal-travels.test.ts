/**
 * Issue 11, point 14: committed work can live in the -wal until a checkpoint, so the -wal
 * travels with the library. A bare copy of the library file alone loses it; `backup create`
 * (VACUUM INTO: SQLite's own consistent copy, WAL included) keeps it.
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { createService, openDatabase, SAMPLE_BOOK_PATH, type Db } from '../../electron/store';
import { sampleText } from '../../electron/store/testing';
import { openForReading } from '../../electron/store/vault/library-file';
import { runCliCaptured } from '../support/cli-run';

let dir: string;
let db: string;
let writer: Db | null = null;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'briefbook-wal-'));
  db = join(dir, 'library.db');
});
afterEach(() => {
  writer?.close();
  writer = null;
  rmSync(dir, { recursive: true, force: true });
});

const cli = (args: string[]) => runCliCaptured(args);

function titleIn(file: string, id: string): string | null {
  const reader = openForReading(file, null);
  try {
    const row = reader.prepare<[string], { title: string }>('SELECT title FROM items WHERE id = ?').get(id);
    return row?.title ?? null;
  } finally {
    reader.close();
  }
}

test('a commit still in the -wal: a bare copy of the file loses it, backup create keeps it', async () => {
  expect((await cli(['import', SAMPLE_BOOK_PATH, '--db', db])).code).toBe(0);
  // an app still running: it saved an item, and no checkpoint has run yet
  writer = openDatabase(db, { mustExist: true });
  writer.pragma('wal_autocheckpoint = 0');
  const service = createService(writer, { path: db, sampleText });
  const current = service['items.get']({ id: 'rl-sma' });
  const { id, kind, body, classification, status } = current;
  const saved = service['items.save']({ item: { id, kind, body, classification, status, title: 'No increase in the cost share, acknowledged' }, baseVersion: current.version });
  expect(saved.version).toBe(2);
  expect(statSync(`${db}-wal`).size).toBeGreaterThan(0);

  const bare = join(dir, 'bare-copy.db');
  copyFileSync(db, bare);
  expect(existsSync(`${bare}-wal`)).toBe(false);
  expect(titleIn(bare, 'rl-sma')).not.toBe('No increase in the cost share, acknowledged');

  const backup = await cli(['backup', 'create', '--db', db]);
  expect(backup.code, backup.err).toBe(0);
  const name = /as (\S+\.backup)/.exec(backup.out)?.[1] ?? '';
  expect(titleIn(join(`${db}.backups`, name), 'rl-sma')).toBe('No increase in the cost share, acknowledged');
});
