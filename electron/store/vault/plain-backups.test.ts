/**
 * No plaintext survives encryption (issue 10, point 2): copies of damaged files and their kept
 * WAL are encrypted with the library, or removed when they cannot be and the user agreed; no
 * `-wal`/`-shm` is left beside a backup. The scan reads every byte of every file in the folder.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleText } from '../testing';
import { openLibrarySession, type LibrarySession } from '../session';
import { preserveDamaged } from './backups';
import { contentFingerprint, libraryFormat, openForReading, unlockKey } from './library-file';

const CHEAP = { N: 2 ** 10, r: 8, p: 1 };
const PASS = 'plain-copies-passphrase';
const CANARY = 'CANARY-damaged-copy-5d1e';
const dirs: string[] = [];
const sessions: LibrarySession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function plainLibrary(): { dir: string; path: string; session: LibrarySession } {
  const dir = mkdtempSync(join(tmpdir(), 'briefbook-plaincopies-'));
  dirs.push(dir);
  const path = join(dir, 'summit.briefbook.db');
  const session = openLibrarySession(path, { sampleText, create: true, scrypt: CHEAP, backupOnOpen: false });
  sessions.push(session);
  for (let i = 0; i < 40; i += 1) {
    session['items.save']({ item: { kind: 'red_line', title: `${CANARY} ${i}`, body: `${CANARY} body `.repeat(40), classification: 'S', status: 'draft' } });
  }
  return { dir, path, session };
}

/** Every file under `dir` whose bytes hold the canary. */
function canaryHits(dir: string): string[] {
  const hits: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (readFileSync(full).includes(Buffer.from(CANARY))) hits.push(full);
    }
  };
  walk(dir);
  return hits.sort();
}

describe('encrypting a library with copies of damaged files beside it', () => {
  it('encrypts a readable damaged copy with its kept WAL, and leaves no -wal/-shm beside any backup', () => {
    const { dir, path, session } = plainLibrary();
    // a byte copy taken while the WAL holds the latest pages: the copy keeps it as `.wal`
    const damaged = preserveDamaged({ libraryPath: path, dir: `${path}.backups` });
    if (damaged === null) throw new Error('no copy');
    const damagedFile = join(`${path}.backups`, damaged.name);
    expect(existsSync(`${damagedFile}.wal`)).toBe(true);
    session['backups.create']({});
    const before = contentFingerprint(session.currentService()?.db ?? (undefined as never));
    const plainCount = readdirSync(`${path}.backups`).filter((n) => n.endsWith('.backup')).length;
    expect(plainCount).toBeGreaterThanOrEqual(2);
    expect(canaryHits(`${path}.backups`).length).toBeGreaterThan(0);

    const result = session['vault.encrypt']({ passphrase: PASS });
    expect(result.status).toMatchObject({ state: 'open', encrypted: true });
    // and the protected copy taken just before encrypting
    expect(result.encryptedBackups).toBe(plainCount + 1);
    expect(result.removedDamagedCopies).toEqual([]);
    expect(result.stillPlain).toEqual([]);
    session.close();

    expect(canaryHits(dir)).toEqual([]);
    expect(readdirSync(`${path}.backups`).filter((n) => /(-wal|-shm|\.wal|\.tmp)$/.test(n))).toEqual([]);
    // the damaged copy is still there and holds what it held, WAL included
    expect(libraryFormat(damagedFile)).toBe('encrypted');
    const key = unlockKey(path, PASS);
    const db = openForReading(damagedFile, key);
    try {
      expect(contentFingerprint(db)).toBe(before);
    } finally {
      db.close();
      key.fill(0);
    }
  });

  it('refuses to encrypt while an unreadable damaged copy would stay readable, and removes it when the user agrees', () => {
    const { dir, path, session } = plainLibrary();
    session.currentService()?.db.pragma('wal_checkpoint(TRUNCATE)');
    const damaged = preserveDamaged({ libraryPath: path, dir: `${path}.backups` });
    if (damaged === null) throw new Error('no copy');
    const damagedFile = join(`${path}.backups`, damaged.name);
    // break a page in the middle: SQLite can no longer read the copy, the canary is still in it
    const bytes = readFileSync(damagedFile);
    bytes.fill(0xab, 4096 * 3, 4096 * 3 + 3000);
    writeFileSync(damagedFile, bytes);
    expect(canaryHits(dir)).toContain(damagedFile);
    const libraryBefore = readFileSync(path);

    expect(() => session['vault.encrypt']({ passphrase: PASS })).toThrow(expect.objectContaining({ code: 'damaged_copies_plain' }));
    expect(libraryFormat(path)).toBe('plain');
    expect(readFileSync(damagedFile).equals(bytes)).toBe(true);
    expect(readFileSync(path).equals(libraryBefore)).toBe(true);

    const result = session['vault.encrypt']({ passphrase: PASS, removeDamagedCopies: true });
    expect(result.removedDamagedCopies).toEqual([damaged.name]);
    expect(result.status.encrypted).toBe(true);
    session.close();
    expect(existsSync(damagedFile)).toBe(false);
    expect(canaryHits(dir)).toEqual([]);
  });

  it('a plain backup left by a crash while encrypting is encrypted when the library is next unlocked', () => {
    const { dir, path, session } = plainLibrary();
    session['backups.create']({});
    session['vault.encrypt']({ passphrase: PASS });
    session.close();
    // what a kill between encrypting the library and its backups leaves: a plain backup
    const plainPath = join(mkdtempSync(join(tmpdir(), 'briefbook-plaincopies-src-')), 'p.db');
    dirs.push(join(plainPath, '..'));
    const source = openLibrarySession(plainPath, { sampleText, create: true, backupOnOpen: false });
    source['items.save']({ item: { kind: 'red_line', title: CANARY, body: 'x', classification: 'S', status: 'draft' } });
    source.close();
    writeFileSync(join(`${path}.backups`, 'summit.briefbook.db.20200101T000000000Z.backup'), readFileSync(plainPath));
    expect(canaryHits(dir).length).toBe(1);
    const again = openLibrarySession(path, { sampleText, scrypt: CHEAP, backupOnOpen: false });
    sessions.push(again);
    again['vault.unlock']({ passphrase: PASS });
    expect(canaryHits(dir)).toEqual([]);
  });
});
