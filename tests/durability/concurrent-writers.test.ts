/**
 * Issue 11, point 9: several `briefbook import` processes at once on one library all wait their
 * turn (the busy timeout covers BEGIN IMMEDIATE) and all land; one that cannot get the write lock
 * within the timeout says so in words, and nothing of its file is in the library.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { SAMPLE_BOOK_PATH } from '../../electron/store';
import { runCliCaptured } from '../support/cli-run';

const ROOT = new URL('../../', import.meta.url).pathname;
const PROCESSES = 4;
const ITEMS_EACH = 300;

let dir: string;
let db: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'briefbook-writers-'));
  db = join(dir, 'library.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const cli = (args: string[]) => runCliCaptured(args);

function exchangeFile(name: string, prefix: string, count: number): string {
  const items = Array.from({ length: count }, (_, i) => ({
    id: `${prefix}-${i}`,
    kind: 'talking_point',
    title: `Point ${i} from ${prefix}`,
    body: 'The alliance endures. '.repeat(20),
    classification: 'U',
    status: 'cleared',
  }));
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify({ format: 'briefbook/v1', items, books: [] }));
  return path;
}

function importProcess(file: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolveRun) => {
    const child = spawn('npx', ['tsx', 'electron/cli/index.ts', 'import', file, '--db', db], { cwd: ROOT });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolveRun({ code, stderr }));
  });
}

describe('concurrent writers', () => {
  test(`${PROCESSES} imports at once all wait their turn and all land`, async () => {
    expect((await cli(['import', exchangeFile('seed.json', 'seed', 1), '--db', db])).code).toBe(0);
    const files = Array.from({ length: PROCESSES }, (_, n) => exchangeFile(`file-${n}.json`, `p${n}`, ITEMS_EACH));
    const runs = await Promise.all(files.map(importProcess));
    for (const run of runs) {
      expect(run.stderr).not.toMatch(/database is locked/);
      expect(run.code, run.stderr).toBe(0);
    }
    const listed = await cli(['list', 'items', '--json', '--db', db]);
    expect((JSON.parse(listed.out) as unknown[]).length).toBe(1 + PROCESSES * ITEMS_EACH);
  }, 120_000);

  test('when another writer holds the library past the busy timeout: said in words, nothing imported', async () => {
    expect((await cli(['import', exchangeFile('seed.json', 'seed', 1), '--db', db])).code).toBe(0);
    const holder = new Database(db);
    holder.pragma('journal_mode = WAL');
    holder.prepare('BEGIN IMMEDIATE').run();
    let result;
    try {
      result = await cli(['import', exchangeFile('late.json', 'late', 5), '--db', db]);
    } finally {
      holder.prepare('ROLLBACK').run();
      holder.close();
    }
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/another Briefbook is writing this library; nothing was imported/i);
    expect((await cli(['list', 'items', '--db', db])).out).not.toContain('late-');
  }, 30_000);

  test('a PDF export whose log entry cannot be written says so, and logs none of its files', async () => {
    expect((await cli(['import', SAMPLE_BOOK_PATH, '--db', db])).code).toBe(0);
    const out = join(dir, 'summit.pdf');
    const holder = new Database(db);
    holder.prepare('BEGIN IMMEDIATE').run();
    let result;
    try {
      result = await cli(['pdf', '--book', 'summit-2025-08-25', '--out', out, '--pocket-card', '--db', db]);
    } finally {
      holder.prepare('ROLLBACK').run();
      holder.close();
    }
    expect(result.code).toBe(1);
    expect(result.out).toContain(`wrote ${out} (book,`);
    expect(result.err).toMatch(/the files were written, but the export log could not record them: Another Briefbook is writing this library; nothing was logged/);
    for (const name of ['summit.pdf', 'summit.pocket-card.pdf']) {
      const verified = await cli(['verify', join(dir, name), '--db', db]);
      expect(verified.code, name).toBe(1);
      expect(verified.err).toContain('not exported by this library');
    }
  }, 30_000);
});
