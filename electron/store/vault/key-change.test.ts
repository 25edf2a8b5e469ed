/**
 * A changed passphrase locks out the old one everywhere, and a rotated data key leaves no earlier
 * key file that opens anything (issue 10, point 1). An attacker holds an old passphrase and any
 * key file they could copy: the library's of an earlier day, or a backup's.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleText } from '../testing';
import { openLibrarySession, type LibrarySession, type LibrarySessionOptions } from '../session';
import { swapIntentPath } from './file-swap';
import { keyFilePath, parseKeyFile, readKeyFile, unwrapDataKey, wrapDataKey } from './key-file';
import { changePassphrase } from './key-change';
import { contentFingerprint, libraryFormat, openForReading, unlockKey } from './library-file';

const CHEAP = { N: 2 ** 10, r: 8, p: 1 };
const OLD = 'first-summit-passphrase';
const NEW = 'second-summit-passphrase';
const dirs: string[] = [];
const sessions: LibrarySession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'briefbook-keychange-'));
  dirs.push(dir);
  return dir;
}

function open(path: string, options: LibrarySessionOptions = {}): LibrarySession {
  const session = openLibrarySession(path, { sampleText, scrypt: CHEAP, backupOnOpen: false, ...options });
  sessions.push(session);
  return session;
}

/** An encrypted library with the sample book, a red line and two backups; the session stays open. */
function encryptedWithBackups(): { path: string; session: LibrarySession } {
  const path = join(tempDir(), 'summit.briefbook.db');
  const session = open(path, { create: true });
  session['library.loadSample']({});
  session['items.save']({ item: { kind: 'red_line', title: 'Tariff floor', body: 'Hold the line.', classification: 'S', status: 'draft' } });
  session['vault.encrypt']({ passphrase: OLD });
  session['backups.create']({});
  session['items.save']({ item: { kind: 'ask', title: 'Second ask', body: 'More.', classification: 'C', status: 'draft' } });
  session['backups.create']({});
  return { path, session };
}

const backupFiles = (path: string) =>
  readdirSync(`${path}.backups`)
    .filter((n) => n.endsWith('.backup'))
    .map((n) => join(`${path}.backups`, n));

/** Whether `keyFile` with `passphrase` unwraps a key that opens `database` (what an attacker would try). */
function opens(database: string, keyFile: string, passphrase: string): boolean {
  let key: Buffer;
  try {
    key = unwrapDataKey(parseKeyFile(readFileSync(keyFile, 'utf8')), passphrase);
  } catch {
    return false;
  }
  try {
    const db = openForReading(database, key);
    try {
      db.prepare('SELECT count(*) FROM sqlite_schema').get();
      return true;
    } finally {
      db.close();
    }
  } catch {
    return false;
  } finally {
    key.fill(0);
  }
}

/** The attack of the issue: the current library copied elsewhere with a backup's key file beside it. */
function attackerOpens(path: string, stolenKeyFile: string, passphrase: string): boolean {
  const elsewhere = join(tempDir(), 'copy.briefbook.db');
  copyFileSync(path, elsewhere);
  copyFileSync(stolenKeyFile, keyFilePath(elsewhere));
  const session = openLibrarySession(elsewhere, { sampleText, backupOnOpen: false });
  try {
    session['vault.unlock']({ passphrase });
    return session['vault.status']({}).state === 'open';
  } catch {
    return false;
  } finally {
    session.close();
  }
}

describe('changing the passphrase', () => {
  it("rewraps every backup's key file: the old passphrase and a backup's key file no longer open today's library", () => {
    const { path, session } = encryptedWithBackups();
    const backups = backupFiles(path);
    expect(backups.length).toBeGreaterThanOrEqual(2);
    session['vault.changePassphrase']({ current: OLD, next: NEW });
    session.close();
    for (const backup of backups) {
      expect(attackerOpens(path, `${backup}.key`, OLD), backup).toBe(false);
      // the backup itself opens with the new passphrase and its own key file
      expect(opens(backup, `${backup}.key`, NEW), backup).toBe(true);
      expect(opens(backup, `${backup}.key`, OLD), backup).toBe(false);
    }
    expect(attackerOpens(path, keyFilePath(path), NEW)).toBe(true);
    // nothing left over: no temp file, no intent file
    expect(readdirSync(`${path}.backups`).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect(existsSync(swapIntentPath(path))).toBe(false);
  });

  it('leaves every key file as it was when the current passphrase is wrong', () => {
    const { path, session } = encryptedWithBackups();
    const before = [keyFilePath(path), ...backupFiles(path).map((b) => `${b}.key`)].map((f) => readFileSync(f, 'utf8'));
    expect(() => changePassphrase(path, 'not the passphrase', NEW, { scrypt: CHEAP })).toThrow(expect.objectContaining({ code: 'wrong_passphrase' }));
    const after = [keyFilePath(path), ...backupFiles(path).map((b) => `${b}.key`)].map((f) => readFileSync(f, 'utf8'));
    expect(after).toEqual(before);
    session.close();
  });

  it('a change killed after its commit point is finished when the library opens next: the new passphrase opens everything', () => {
    const { path, session } = encryptedWithBackups();
    session.close();
    const key = unlockKey(path, OLD);
    // what changePassphrase has on disk at its commit point: new key files beside the old, and the intent
    const targets = [keyFilePath(path), ...backupFiles(path).map((b) => `${b}.key`)];
    const swaps = targets.map((to, i) => {
      const from = join(i === 0 ? join(path, '..') : `${path}.backups`, `.prepared-${i}.swap.tmp`);
      writeFileSync(from, JSON.stringify(wrapDataKey(key, NEW, CHEAP)), { mode: 0o600 });
      return { from: from.slice(join(path, '..').length + 1), to: to.slice(join(path, '..').length + 1), database: false };
    });
    // the first rename had happened when the process was killed
    copyFileSync(join(path, '..', swaps[0].from), targets[0]);
    rmSync(join(path, '..', swaps[0].from));
    writeFileSync(swapIntentPath(path), JSON.stringify({ format: 'briefbook-swap', version: 1, swaps }));
    const again = open(path);
    again['vault.unlock']({ passphrase: NEW });
    expect(again['vault.status']({}).state).toBe('open');
    for (const backup of backupFiles(path)) expect(opens(backup, `${backup}.key`, NEW), backup).toBe(true);
    expect(existsSync(swapIntentPath(path))).toBe(false);
    key.fill(0);
  });
});

describe('rotating the data key', () => {
  it('re-encrypts the library and every backup under a new key: no earlier key file opens anything, the content is the same', () => {
    const { path, session } = encryptedWithBackups();
    const library = session.currentService()?.db;
    if (library === undefined) throw new Error('not open');
    const before = contentFingerprint(library);
    const backups = backupFiles(path);
    const backupPrints = backups.map((b) => {
      const db = openForReading(b, unlockKey(path, OLD));
      try {
        return contentFingerprint(db);
      } finally {
        db.close();
      }
    });
    // everything an attacker may have copied before the rotation
    const loot = join(tempDir(), 'loot');
    mkdirSync(loot);
    const stolen = [keyFilePath(path), ...backups.map((b) => `${b}.key`)].map((f, i) => {
      const to = join(loot, `${i}.key`);
      copyFileSync(f, to);
      return to;
    });

    const result = session['vault.rotateKey']({ passphrase: OLD });
    expect(result.status.state).toBe('open');
    expect(result.rotatedBackups).toBe(backups.length);
    expect(result.untouchedBackups).toEqual([]);
    expect(libraryFormat(path)).toBe('encrypted');
    expect(contentFingerprint(session.currentService()?.db ?? library)).toBe(before);
    session.close();
    // no -wal/-shm (the reads above left some) and no temp file beside the backups
    expect(readdirSync(`${path}.backups`).filter((n) => /(-wal|-shm|\.tmp)$/.test(n))).toEqual([]);

    for (const keyFile of stolen) {
      expect(attackerOpens(path, keyFile, OLD)).toBe(false);
      for (const backup of backups) expect(opens(backup, keyFile, OLD), backup).toBe(false);
    }
    // the current key files open everything, with the same content as before
    expect(attackerOpens(path, keyFilePath(path), OLD)).toBe(true);
    backups.forEach((backup, i) => {
      const key = unwrapDataKey(readKeyFile(`${backup}.key`), OLD);
      const db = openForReading(backup, key);
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(contentFingerprint(db)).toBe(backupPrints[i]);
      } finally {
        db.close();
      }
    });
  });

  it('can set a new passphrase at the same time; a wrong passphrase changes nothing', () => {
    const { path, session } = encryptedWithBackups();
    const keyBefore = readFileSync(keyFilePath(path), 'utf8');
    const dbBefore = readFileSync(path);
    expect(() => session['vault.rotateKey']({ passphrase: 'not the passphrase', next: NEW })).toThrow(expect.objectContaining({ code: 'wrong_passphrase' }));
    expect(readFileSync(keyFilePath(path), 'utf8')).toBe(keyBefore);
    expect(readFileSync(path).equals(dbBefore)).toBe(true);
    session['vault.rotateKey']({ passphrase: OLD, next: NEW });
    session.close();
    expect(attackerOpens(path, keyFilePath(path), NEW)).toBe(true);
    expect(attackerOpens(path, keyFilePath(path), OLD)).toBe(false);
    for (const backup of backupFiles(path)) expect(opens(backup, `${backup}.key`, NEW), backup).toBe(true);
  });
});
