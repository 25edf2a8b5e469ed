/**
 * Issue 11, points 4-8 and 11: what the CLI does with the files around a library — a 0-byte
 * library, a file that is no library, a blocked or read-only export target, a key file from
 * another library, a reader that closes the pipe early.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { SAMPLE_BOOK_PATH } from '../../electron/store';
import { runCliCaptured } from '../support/cli-run';

const BOOK = 'summit-2025-08-25';
const ROOT = new URL('../../', import.meta.url).pathname;

let dir: string;
let db: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'briefbook-cli-files-'));
  db = join(dir, 'library.db');
});
afterEach(() => {
  chmodSync(dir, 0o700);
  rmSync(dir, { recursive: true, force: true });
});

const cli = (args: string[], env: Record<string, string> = {}) => runCliCaptured(args, env);

async function sampleLibrary(): Promise<void> {
  const imported = await cli(['import', SAMPLE_BOOK_PATH, '--db', db]);
  expect(imported.code, imported.err).toBe(0);
}

describe('a 0-byte library is never replaced by a new empty one (point 4)', () => {
  test('list, search, import, export and pdf refuse it in words and leave it 0 bytes', async () => {
    writeFileSync(db, '');
    const runs = [
      ['list', 'items', '--db', db],
      ['search', 'alliance', '--db', db],
      ['import', SAMPLE_BOOK_PATH, '--db', db],
      ['export', '-', '--db', db],
      ['pdf', '--book', BOOK, '--out', join(dir, 'book.pdf'), '--db', db],
    ];
    for (const args of runs) {
      const result = await cli(args);
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.err).toMatch(/library\.db is empty \(0 bytes\): it was cut short/);
      expect(statSync(db).size).toBe(0);
    }
    expect(existsSync(join(dir, 'book.pdf'))).toBe(false);
  });

  test('import into a path with no file still creates the library, as the README says', async () => {
    await sampleLibrary();
    expect((await cli(['list', 'books', '--db', db])).out).toContain(BOOK);
  });
});

describe('--db at a file that is no library (point 8)', () => {
  test('text, JSON and PDF files: "X is not a Briefbook library", from every command', async () => {
    const files = {
      'notes.txt': 'Talking points for Monday\n',
      'book.json': readFileSync(SAMPLE_BOOK_PATH, 'utf8'),
      'book.pdf': '%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<<>>\nendobj\n',
    };
    for (const [name, content] of Object.entries(files)) {
      const path = join(dir, name);
      writeFileSync(path, content);
      const before = readFileSync(path);
      for (const args of [['list', 'items'], ['import', SAMPLE_BOOK_PATH], ['encrypt'], ['decrypt'], ['passphrase']]) {
        const result = await cli([...args, '--db', path], { BRIEFBOOK_PASSPHRASE: 'correct horse', BRIEFBOOK_NEW_PASSPHRASE: 'battery staple' });
        expect(result.code, `${args[0]} ${name}`).toBe(1);
        expect(result.err).toContain(`${name} is not a Briefbook library`);
        expect(result.err).not.toMatch(/key file|already encrypted/);
      }
      expect(readFileSync(path).equals(before)).toBe(true);
      expect(existsSync(`${path}.key`)).toBe(false);
    }
  });
});

describe('a PDF export writes all its files or none (point 5)', () => {
  test('a pocket card blocked by a folder: no book PDF left, nothing logged', async () => {
    await sampleLibrary();
    const out = join(dir, 'summit.pdf');
    mkdirSync(join(dir, 'summit.pocket-card.pdf'));
    const result = await cli(['pdf', '--book', BOOK, '--out', out, '--pocket-card', '--db', db]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/could not write summit\.pocket-card\.pdf: a folder of that name is in the way.*Nothing was written/s);
    expect(readdirSync(dir).filter((n) => n.endsWith('.pdf') || n.endsWith('.tmp'))).toEqual(['summit.pocket-card.pdf']);
    const exported = JSON.parse((await cli(['export', '-', '--db', db])).out) as unknown;
    expect(exported).toBeTruthy();
  });

  test('when every file can be written, each is in the export log', async () => {
    await sampleLibrary();
    const out = join(dir, 'summit.pdf');
    expect((await cli(['pdf', '--book', BOOK, '--out', out, '--pocket-card', '--db', db])).code).toBe(0);
    for (const name of ['summit.pdf', 'summit.pocket-card.pdf']) {
      const verified = await cli(['verify', join(dir, name), '--db', db]);
      expect(verified.code, name).toBe(0);
      expect(verified.out).toContain(`as ${name}`);
    }
  });
});

describe('read-only targets are refused, not overwritten (point 6)', () => {
  test('pdf --out and export onto a chmod 444 file exit 1 and leave it as it was', async () => {
    await sampleLibrary();
    for (const [name, args] of [
      ['locked.pdf', ['pdf', '--book', BOOK, '--out', join(dir, 'locked.pdf'), '--db', db]],
      ['locked.json', ['export', join(dir, 'locked.json'), '--db', db]],
    ] as const) {
      const target = join(dir, name);
      writeFileSync(target, 'the signed copy');
      chmodSync(target, 0o444);
      const result = await cli([...args]);
      expect(result.code, name).toBe(1);
      expect(result.err).toContain(`could not write ${name}: it is read-only`);
      expect(readFileSync(target, 'utf8')).toBe('the signed copy');
      expect(statSync(target).mode & 0o777).toBe(0o444);
    }
  });
});

describe("passphrase with another library's key file (point 7)", () => {
  test('exits 1 before writing anything; the key file is byte for byte the same', async () => {
    const other = join(dir, 'other.db');
    for (const [path, passphrase] of [
      [db, 'first passphrase'],
      [other, 'second passphrase'],
    ]) {
      const created = await cli(['encrypt', '--new', '--db', path], { BRIEFBOOK_PASSPHRASE: passphrase });
      expect(created.code, created.err).toBe(0);
    }
    copyFileSync(`${other}.key`, `${db}.key`);
    const before = readFileSync(`${db}.key`);
    const result = await cli(['passphrase', '--db', db], { BRIEFBOOK_PASSPHRASE: 'second passphrase', BRIEFBOOK_NEW_PASSPHRASE: 'a third passphrase' });
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/The key file library\.db\.key does not open library\.db: it belongs to another library.*Nothing was changed/);
    expect(readFileSync(`${db}.key`).equals(before)).toBe(true);
  });
});

describe('a reader that closes the pipe early (point 11)', () => {
  test('`list items | head -1` and `search … | head -1` exit quietly', async () => {
    const items = Array.from({ length: 3000 }, (_, i) => ({
      id: `tp-${i}`,
      kind: 'talking_point',
      title: `Alliance talking point number ${i} ${'with a long title '.repeat(4)}`,
      body: 'The alliance endures.',
      classification: 'U',
      status: 'cleared',
    }));
    const file = join(dir, 'many.briefbook.json');
    writeFileSync(file, JSON.stringify({ format: 'briefbook/v1', items, books: [] }));
    expect((await cli(['import', file, '--db', db])).code).toBe(0);
    for (const command of [`list items --db '${db}'`, `search alliance --limit 500 --db '${db}'`]) {
      const run = spawnSync('bash', ['-c', `set -o pipefail; npx tsx electron/cli/index.ts ${command} | head -1`], { cwd: ROOT, encoding: 'utf8' });
      expect(run.stderr, command).toBe('');
      expect(run.status, command).toBe(0);
      expect(run.stdout.split('\n').filter((l) => l !== '')).toHaveLength(1);
    }
  });
});
