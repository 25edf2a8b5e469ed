/**
 * Atomic file writes (docs/security.md EXP-1) where it matters: a process killed mid-export leaves
 * the old file or the new one, never a torn one; a full disk leaves the old file intact and
 * says so — checked on a real, tiny tmpfs; the same for backups and for saves into a library
 * on a full disk.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileAtomic, WriteFailedError } from '../../electron/store/atomic-write';
import { openLibrarySession } from '../../electron/store/session';
import { sampleText } from '../../electron/store/testing';
import { buildChild, type Child } from './crash-harness';
import { prng, replay, runSeed } from './prng';

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('a crash during an export', () => {
  let child: Child;
  let dir: string;
  beforeAll(async () => {
    child = await buildChild('export-child.ts');
    dir = mkdtempSync(join(tmpdir(), 'briefbook-export-crash-'));
  });
  afterAll(() => {
    child?.dispose();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('leaves the old file or the new one, whole, in 10 kills out of 10', async () => {
    const size = 4 * 1024 * 1024;
    const whole = new Set([sha(Buffer.alloc(size, 'A')), sha(Buffer.alloc(size, 'B'))]);
    const target = join(dir, 'summit-book.pdf');
    const seed = runSeed();
    const random = prng(seed);
    for (let trial = 0; trial < 10; trial += 1) {
      // killed at a seeded moment after the child's first whole write: there is always an old file to keep
      const killAfter = Math.floor(random() * 250);
      const where = `trial ${trial} (${replay(seed)}; killed ${killAfter} ms after the first write)`;
      const proc = spawn(process.execPath, [child.script, target, String(size)], { stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      const exited = new Promise<void>((resolveExit) => proc.on('exit', () => resolveExit()));
      await new Promise<void>((resolveWritten, rejectWritten) => {
        proc.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (/(^|\n)W \d+\n/.test(out)) resolveWritten();
        });
        proc.once('exit', () => rejectWritten(new Error(`${where}: the child exited before its first write`)));
      });
      await new Promise((r) => setTimeout(r, killAfter));
      proc.kill('SIGKILL');
      await exited;
      expect(existsSync(target), where).toBe(true);
      expect(whole.has(sha(readFileSync(target))), `${where}: the file is neither the old nor the new version`).toBe(true);
    }
  }, 60_000);
});

/** A tiny tmpfs, or the reason there is none (mounting needs root or CAP_SYS_ADMIN). */
function mountTinyDisk(size: string): { dir: string; unmount: () => void } | { reason: string } {
  const dir = mkdtempSync(join(tmpdir(), 'briefbook-full-disk-'));
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'tmpfs', dir], { encoding: 'utf8' });
  if (mounted.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    return { reason: `mounting a tmpfs is not permitted here (${(mounted.stderr || mounted.error?.message || 'mount failed').trim()})` };
  }
  return {
    dir,
    unmount: () => {
      spawnSync('umount', ['-l', dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe('a full disk', () => {
  let disk: ReturnType<typeof mountTinyDisk>;
  let libraryDisk: ReturnType<typeof mountTinyDisk>;
  beforeAll(() => {
    disk = mountTinyDisk('64k');
    // room for a new library and a few saves, no more
    libraryDisk = mountTinyDisk('768k');
  });
  afterAll(() => {
    if ('unmount' in disk) disk.unmount();
    if ('unmount' in libraryDisk) libraryDisk.unmount();
  });

  it('refuses an export that does not fit, says the disk is full, and keeps the old file', (ctx) => {
    if (!('dir' in disk)) return ctx.skip(disk.reason);
    const target = join(disk.dir, 'summit-book.pdf');
    const old = Buffer.from('%PDF-1.7 the book as exported yesterday\n'.repeat(200));
    writeFileAtomic(target, old);
    let failure: unknown;
    try {
      writeFileAtomic(target, Buffer.alloc(200 * 1024, 0x42));
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(WriteFailedError);
    expect((failure as WriteFailedError).errno).toBe('ENOSPC');
    expect((failure as Error).message).toBe('could not write summit-book.pdf: the disk is full; the previous file, if any, is unchanged');
    expect(readFileSync(target).equals(old)).toBe(true);
    // no temp file left to fill the disk further
    expect(readdirSync(disk.dir)).toEqual(['summit-book.pdf']);
    rmSync(target);
  });

  it('a library on a full disk: the save is refused in words, the saved items stay, a backup fails cleanly', (ctx) => {
    if (!('dir' in libraryDisk)) return ctx.skip(libraryDisk.reason);
    const folder = join(libraryDisk.dir, 'lib');
    mkdirSync(folder);
    const path = join(folder, 'summit.briefbook.db');
    // backups go to the roomy temp dir first; the library alone nearly fills the tiny disk
    const roomy = mkdtempSync(join(tmpdir(), 'briefbook-full-disk-backups-'));
    try {
      const session = openLibrarySession(path, { sampleText, create: true, backupDir: roomy, backupOnOpen: false });
      const kept = session['items.save']({ item: { kind: 'red_line', title: 'Saved before the disk filled', body: 'x', classification: 'S', status: 'draft' } });
      let refused: { code?: string; message?: string } | null = null;
      for (let i = 0; i < 200 && refused === null; i += 1) {
        try {
          session['items.save']({ item: { kind: 'background', title: `Filler ${i}`, body: 'alliance '.repeat(2000), classification: 'U', status: 'draft' } });
        } catch (error) {
          refused = error as { code?: string; message?: string };
        }
      }
      expect(refused).toMatchObject({ code: 'disk_full', message: 'The disk is full: the change was not saved. Free some space and try again.' });
      expect(session['items.get']({ id: kept.id }).title).toBe('Saved before the disk filled');
      // no room for the encrypted copy: refused in words, the plain library as it was, no key file
      let encryptFailure: { code?: string; message?: string } | null = null;
      try {
        session['vault.encrypt']({ passphrase: 'full-disk-passphrase' });
      } catch (error) {
        encryptFailure = error as { code?: string; message?: string };
      }
      expect(encryptFailure?.code).toMatch(/^(copy_failed|vault_failed|disk_full)$/);
      expect(encryptFailure?.message).toMatch(/full/);
      expect(encryptFailure?.message).not.toContain(libraryDisk.dir);
      expect(session['vault.status']({})).toMatchObject({ state: 'open', encrypted: false });
      expect(existsSync(`${path}.key`)).toBe(false);
      expect(readdirSync(folder).filter((n) => n.endsWith('.tmp'))).toEqual([]);
      expect(session['items.get']({ id: kept.id }).title).toBe('Saved before the disk filled');
      session.close();
      // a backup onto the full disk fails and leaves no half backup in the list
      const again = openLibrarySession(path, { sampleText, backupDir: join(libraryDisk.dir, 'backups'), backupOnOpen: false });
      expect(again['vault.status']({}).state).toBe('open');
      expect(() => again['backups.create']({})).toThrow();
      expect(again['backups.list']({})).toEqual([]);
      expect(again['items.get']({ id: kept.id }).title).toBe('Saved before the disk filled');
      again.close();
    } finally {
      rmSync(roomy, { recursive: true, force: true });
    }
  });
});

it('writes exports with mode 0600 and no temp file left behind', () => {
  const dir = mkdtempSync(join(tmpdir(), 'briefbook-atomic-'));
  try {
    const target = join(dir, 'book.pdf');
    writeFileSync(target, 'old', { mode: 0o644 });
    writeFileAtomic(target, Buffer.from('%PDF new'));
    expect(readFileSync(target, 'utf8')).toBe('%PDF new');
    expect(spawnSync('stat', ['-c', '%a', target], { encoding: 'utf8' }).stdout.trim()).toBe('600');
    expect(readdirSync(dir)).toEqual(['book.pdf']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
