/**
 * Every file Briefbook creates is readable by its owner only (0600) and every folder it creates
 * is 0700, whatever the umask, on every path: the CLI's as well as the app's (issue 10, point 3;
 * docs/data-at-rest.md). Checked with stat on what a user would find on disk.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecentLibraries } from '../../electron/main/recent-libraries';
import { openLibrarySession } from '../../electron/store/session';
import { sampleText } from '../../electron/store/testing';
import { runCliCaptured } from '../support/cli-run';

const SAMPLE = join(__dirname, '../../resources/summit-2025-08-25.briefbook.json');
const PASS = 'file-modes-passphrase';
let dir: string;
let umask: number;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'briefbook-modes-'));
  // the usual desktop umask: a file created without an explicit mode would be world-readable
  umask = process.umask(0o022);
});
afterAll(() => {
  process.umask(umask);
  rmSync(dir, { recursive: true, force: true });
});

const cli = (args: string[], env: Record<string, string> = {}) => runCliCaptured(args, env);

const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);

/** Every file and folder under `folder`, with its mode. */
function modesUnder(folder: string): Record<string, string> {
  const found: Record<string, string> = {};
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const full = join(at, entry.name);
      found[full.slice(dir.length + 1)] = mode(full);
      if (entry.isDirectory()) walk(full);
    }
  };
  walk(folder);
  return found;
}

describe('file modes', () => {
  it('the CLI creates library, WAL, shm, key file, backups, exports and PDFs owner-only (0600), folders 0700', async () => {
    const path = join(dir, 'cli.briefbook.db');
    expect((await cli(['import', SAMPLE, '--db', path])).code).toBe(0);
    expect(mode(path)).toBe('600');
    // the WAL and shm SQLite makes while the library is open take the library's mode
    const session = openLibrarySession(path, { sampleText, backupOnOpen: false });
    session['items.save']({ item: { kind: 'ask', title: 'While open', body: 'b', classification: 'C', status: 'draft' } });
    expect(mode(`${path}-wal`)).toBe('600');
    expect(mode(`${path}-shm`)).toBe('600');
    session.close();

    expect((await cli(['backup', 'create', '--db', path])).code).toBe(0);
    expect((await cli(['export', join(dir, 'out.briefbook.json'), '--db', path])).code).toBe(0);
    const book = JSON.parse((await cli(['list', 'books', '--json', '--db', path])).out || '[]') as { id: string }[];
    const bookId = book[0]?.id ?? 'book-summit';
    const pdf = await cli(['pdf', '--book', bookId, '--out', join(dir, 'new-folder', 'book.pdf'), '--db', path]);
    expect(pdf.code, pdf.err).toBe(0);
    expect((await cli(['encrypt', '--db', path], { BRIEFBOOK_PASSPHRASE: PASS })).code).toBe(0);

    const modes = modesUnder(dir);
    const wrong = Object.entries(modes).filter(([name, m]) => m !== (statSync(join(dir, name)).isDirectory() ? '700' : '600'));
    expect(wrong).toEqual([]);
    expect(Object.keys(modes)).toEqual(
      expect.arrayContaining(['cli.briefbook.db', 'cli.briefbook.db.key', 'cli.briefbook.db.backups', 'out.briefbook.json', 'new-folder', join('new-folder', 'book.pdf')]),
    );
    expect(Object.keys(modes).some((n) => n.endsWith('.backup'))).toBe(true);
    expect(Object.keys(modes).some((n) => n.endsWith('.backup.key'))).toBe(true);
  });

  it('the app creates its library and the recent-libraries list owner-only', () => {
    const path = join(dir, 'app.briefbook.db');
    const session = openLibrarySession(path, { sampleText, create: true, backupOnOpen: false });
    session['library.loadSample']({});
    expect(mode(path)).toBe('600');
    expect(mode(`${path}-wal`)).toBe('600');
    session.close();
    const recent = join(dir, 'recent-libraries.json');
    new RecentLibraries(recent).touch(path);
    expect(mode(recent)).toBe('600');
  });
});
