/**
 * Issue 11, point 3: a full disk and a read-only disk are said in those words, never "damaged";
 * the reading commands (list, search, export, pdf) work from such a library; the writing ones
 * refuse and change nothing. On a real tmpfs (`mount -t tmpfs`, then `mount -o remount,ro`),
 * which needs root; and a folder or file without write permission, with the CLI run as an
 * unprivileged user (setpriv). Where that is not permitted the tests are skipped, saying why.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, readdirSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { SAMPLE_BOOK_PATH } from '../../electron/store';
import { openLibrarySession } from '../../electron/store/session';
import { sampleText } from '../../electron/store/testing';
import { runCliCaptured } from '../support/cli-run';

const BOOK = 'summit-2025-08-25';

function canMount(): string | null {
  const probe = mkdtempSync(join(tmpdir(), 'briefbook-mount-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'pipe' });
    execFileSync('umount', [probe], { stdio: 'pipe' });
    return null;
  } catch (error) {
    return `mounting a tmpfs is not permitted here (${(error as Error).message.split('\n')[0]})`;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

const cannotMount = canMount();

let mnt: string;
let outside: string;
let db: string;
beforeEach(() => {
  if (cannotMount !== null) return;
  mnt = mkdtempSync(join(tmpdir(), 'briefbook-disk-'));
  outside = mkdtempSync(join(tmpdir(), 'briefbook-disk-out-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mnt]);
  db = join(mnt, 'library.db');
});
afterEach(() => {
  if (cannotMount !== null) return;
  execFileSync('umount', [mnt]);
  rmSync(mnt, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

const cli = (args: string[], env: Record<string, string> = {}) => runCliCaptured(args, env);

async function expectReadsWork(): Promise<void> {
  const listed = await cli(['list', 'items', '--db', db]);
  expect(listed.code, listed.err).toBe(0);
  expect(listed.out).toContain('rl-sma');
  const found = await cli(['search', 'alliance', '--db', db]);
  expect(found.code, found.err).toBe(0);
  expect(found.out).toContain('[Alliance]');
  const exported = await cli(['export', '-', '--db', db]);
  expect(exported.code, exported.err).toBe(0);
  expect((JSON.parse(exported.out) as { items: unknown[] }).items).toHaveLength(41);
  const pdf = await cli(['pdf', '--book', BOOK, '--out', join(outside, 'book.pdf'), '--db', db]);
  expect(pdf.code, pdf.err).toBe(0);
  expect(pdf.err).toMatch(/not in the export log/);
  for (const run of [listed, found, exported, pdf]) expect(run.err).not.toMatch(/damaged/);
}

describe.skipIf(cannotMount !== null)(`a full or read-only disk${cannotMount === null ? '' : ` (skipped: ${cannotMount})`}`, () => {
  test('with 16 KiB left: reads work, writes say the disk is full, nothing says damaged', async () => {
    expect((await cli(['import', SAMPLE_BOOK_PATH, '--db', db])).code).toBe(0);
    const free = Number(statfsSync(mnt).bavail) * Number(statfsSync(mnt).bsize);
    writeFileSync(join(mnt, 'filler'), Buffer.alloc(free - 16 * 1024));
    await expectReadsWork();
    const imported = await cli(['import', SAMPLE_BOOK_PATH, '--db', db]);
    expect(imported.code).toBe(1);
    expect(imported.err).toMatch(/The disk holding the library library\.db is full/);
    expect(imported.err).not.toMatch(/damaged|backup list/);
    const backup = await cli(['backup', 'create', '--db', db]);
    expect(backup.code).toBe(1);
    expect(backup.err).toMatch(/disk is full/);
    expect(backup.err).not.toMatch(/damaged/);
    // a backup to another disk is a whole, verified copy of what the library holds
    const elsewhere = await cli(['backup', 'create', '--db', db, '--dir', join(outside, 'backups')]);
    expect(elsewhere.code, elsewhere.err).toBe(0);
    expect(elsewhere.out).toMatch(/backed up library\.db as library\.db\.\d{8}T\d{9}Z\.backup .* plain/);
  });

  test('an encrypted library with 16 KiB left is read too (the WAL index kept in memory)', async () => {
    const env = { BRIEFBOOK_PASSPHRASE: 'summit passphrase' };
    expect((await cli(['encrypt', '--new', '--db', db], env)).code).toBe(0);
    expect((await cli(['import', SAMPLE_BOOK_PATH, '--db', db], env)).code).toBe(0);
    const free = Number(statfsSync(mnt).bavail) * Number(statfsSync(mnt).bsize);
    writeFileSync(join(mnt, 'filler'), Buffer.alloc(free - 16 * 1024));
    const listed = await cli(['list', 'books', '--db', db], env);
    expect(listed.code, listed.err).toBe(0);
    expect(listed.out).toMatch(/summit-2025-08-25 .*40\/41 cleared/);
    const imported = await cli(['import', SAMPLE_BOOK_PATH, '--db', db], env);
    expect(imported.code).toBe(1);
    expect(imported.err).toMatch(/The disk holding the library library\.db is full/);
    expect(imported.err).not.toMatch(/damaged/);
  });

  test('the disk fills up while the app has the library open: the save says so, and the library stays whole', async () => {
    const session = openLibrarySession(db, { sampleText, create: true, backupOnOpen: false, backupEveryMinutes: 0, idleLockMinutes: 0 });
    try {
      session['library.loadSample']({});
      const filler = join(mnt, 'filler');
      writeFileSync(filler, Buffer.alloc(Number(statfsSync(mnt).bavail) * Number(statfsSync(mnt).bsize)));
      const current = session['items.get']({ id: 'rl-sma' });
      const { id, kind, classification, status, title } = current;
      const save = () => session['items.save']({ item: { id, kind, classification, status, title, body: 'x'.repeat(90_000) }, baseVersion: current.version });
      expect(save).toThrow(expect.objectContaining({ code: 'disk_full', message: expect.stringMatching(/^The disk is full: the change was not saved/) }));
      rmSync(filler);
      expect(save().version).toBe(current.version + 1);
      expect(session['library.info']({}).itemCount).toBe(41);
    } finally {
      session.close();
    }
  });

  test('on a read-only mount: reads work, writes say the library is read-only, nothing says damaged', async () => {
    expect((await cli(['import', SAMPLE_BOOK_PATH, '--db', db])).code).toBe(0);
    execFileSync('mount', ['-o', 'remount,ro', mnt]);
    await expectReadsWork();
    const imported = await cli(['import', SAMPLE_BOOK_PATH, '--db', db]);
    expect(imported.code).toBe(1);
    expect(imported.err).toMatch(/The library library\.db is on a read-only disk: it can be read but not changed/);
    expect(imported.err).not.toMatch(/damaged|SQLITE_/);
    const created = await cli(['import', SAMPLE_BOOK_PATH, '--db', join(mnt, 'new.db')]);
    expect(created.code).toBe(1);
    expect(created.err).toMatch(/A new library new\.db cannot be created there: the disk or folder is read-only/);
  });
});

const NOBODY = 65534;
const ROOT = new URL('../../', import.meta.url).pathname;

function canDropPrivileges(): string | null {
  if (process.getuid?.() !== 0) return 'not root: cannot run the CLI as another user to make permission bits count';
  const probe = spawnSync('setpriv', ['--reuid', String(NOBODY), '--regid', String(NOBODY), '--clear-groups', 'true']);
  return probe.status === 0 ? null : 'setpriv is not available';
}

const cannotDrop = canDropPrivileges();

describe.skipIf(cannotDrop !== null)(`a folder or file without write permission${cannotDrop === null ? '' : ` (skipped: ${cannotDrop})`}`, () => {
  test('run as an unprivileged user: reads work, import says read-only, nothing says damaged', async () => {
    // root ignores permission bits, so the CLI runs as nobody over a library nobody owns
    const folder = mkdtempSync(join(tmpdir(), 'briefbook-perm-'));
    const library = join(folder, 'library.db');
    try {
      expect((await cli(['import', SAMPLE_BOOK_PATH, '--db', library])).code).toBe(0);
      chownSync(folder, NOBODY, NOBODY);
      chownSync(library, NOBODY, NOBODY);
      const asNobody = (args: string[]) =>
        spawnSync('setpriv', ['--reuid', String(NOBODY), '--regid', String(NOBODY), '--clear-groups', 'env', 'HOME=/tmp', process.execPath, 'node_modules/tsx/dist/cli.mjs', 'electron/cli/index.ts', ...args, '--db', library], {
          cwd: ROOT,
          encoding: 'utf8',
        });
      for (const [lock, expected] of [
        [() => chmodSync(folder, 0o555), /The library library\.db is in a folder you cannot write to: it can be read but not changed/],
        [() => (chmodSync(folder, 0o755), chmodSync(library, 0o444)), /The library library\.db is a read-only file: it can be read but not changed/],
      ] as const) {
        lock();
        const listed = asNobody(['list', 'items']);
        expect(listed.status, listed.stderr).toBe(0);
        expect(listed.stdout).toContain('rl-sma');
        const imported = asNobody(['import', SAMPLE_BOOK_PATH]);
        expect(imported.status).toBe(1);
        expect(imported.stderr).toMatch(expected);
        expect(imported.stderr).not.toMatch(/damaged|SQLITE_/);
      }
      // no probe or temp file is left behind (SQLite's own -wal and -shm may be)
      expect(readdirSync(folder).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    } finally {
      chmodSync(folder, 0o755);
      rmSync(folder, { recursive: true, force: true });
    }
  }, 60_000);
});
