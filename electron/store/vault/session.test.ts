/**
 * The library session as the app sees it: lock screen, unlock, idle lock, passphrase change,
 * decrypt, recovery when the key is missing, and backups (list, keep K, restore).
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sampleText } from '../testing';
import { openLibrarySession, type LibrarySession, type LibrarySessionOptions } from '../session';
import { keyFilePath } from './key-file';
import { libraryFormat, openForReading, unlockKey } from './library-file';

const CHEAP = { N: 2 ** 10, r: 8, p: 1 };
const PASS = 'first-summit-passphrase';
const dirs: string[] = [];
const sessions: LibrarySession[] = [];
afterEach(() => {
  vi.useRealTimers();
  for (const s of sessions.splice(0)) s.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'briefbook-session-'));
  dirs.push(dir);
  return join(dir, 'summit.briefbook.db');
}

function open(path: string, options: LibrarySessionOptions = {}): LibrarySession {
  const session = openLibrarySession(path, { sampleText, scrypt: CHEAP, ...options });
  sessions.push(session);
  return session;
}

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

function saveRedLine(session: LibrarySession, title: string, body = 'No leader-level deal on the details.') {
  return session['items.save']({ item: { kind: 'red_line', title, body, classification: 'S', status: 'draft' } });
}

const titles = (session: LibrarySession) => session['items.list']({ limit: 1000 }).rows.map((r) => r.title);

/** An encrypted library with the sample book and one red line, closed. */
function encryptedLibrary(options: LibrarySessionOptions = {}): string {
  const path = tempPath();
  const session = open(path, { create: true, ...options });
  session['library.loadSample']({});
  saveRedLine(session, 'Strategic flexibility stays at working level');
  session['vault.encrypt']({ passphrase: PASS });
  session.close();
  return path;
}

describe('lock screen and unlock', () => {
  it('opens locked, refuses every store call, and unlocks with the passphrase only', () => {
    const path = encryptedLibrary();
    const session = open(path);
    expect(session['vault.status']({})).toEqual({ fileName: 'summit.briefbook.db', state: 'locked', encrypted: true, readOnly: true, problem: null, idleLockMinutes: 10 });
    expect(() => session['items.list']({})).toThrow(expect.objectContaining({ code: 'locked' }));
    expect(() => session['library.info']({})).toThrow(expect.objectContaining({ code: 'locked' }));
    const before = sha(path);
    expect(() => session['vault.unlock']({ passphrase: 'first-summit-passphrasE' })).toThrow(expect.objectContaining({ code: 'wrong_passphrase' }));
    expect(session['vault.status']({})).toMatchObject({ state: 'locked', problem: { code: 'wrong_passphrase' } });
    expect(sha(path)).toBe(before);
    expect(session['vault.unlock']({ passphrase: PASS })).toMatchObject({ state: 'open', encrypted: true, readOnly: false, problem: null });
    expect(titles(session)).toContain('Strategic flexibility stays at working level');
    expect(session['library.info']({})).toMatchObject({ encrypted: true, readOnly: false });
  });

  it('locks on demand: the connection is closed and store calls answer locked', () => {
    const path = encryptedLibrary();
    const session = open(path);
    session['vault.unlock']({ passphrase: PASS });
    const db = session.currentService()?.db;
    expect(db?.open).toBe(true);
    expect(session['vault.lock']({})).toMatchObject({ state: 'locked' });
    expect(db?.open).toBe(false);
    expect(session.currentService()).toBeNull();
    expect(() => saveRedLine(session, 'while locked')).toThrow(expect.objectContaining({ code: 'locked' }));
    session['vault.unlock']({ passphrase: PASS });
    expect(titles(session)).not.toContain('while locked');
  });

  it('locks itself after the idle time, and every call counts as activity', () => {
    const path = encryptedLibrary();
    vi.useFakeTimers();
    const session = open(path);
    session['vault.unlock']({ passphrase: PASS });
    session['vault.setIdleLock']({ minutes: 2 });
    vi.advanceTimersByTime(110_000);
    session['items.list']({});
    vi.advanceTimersByTime(110_000);
    expect(session['vault.status']({}).state).toBe('open');
    vi.advanceTimersByTime(11_000);
    expect(session['vault.status']({})).toMatchObject({ state: 'locked', idleLockMinutes: 2 });
    // the chosen time is kept in the library and comes back after the next unlock
    session.close();
    const again = open(path);
    again['vault.unlock']({ passphrase: PASS });
    expect(again['vault.status']({}).idleLockMinutes).toBe(2);
    again['vault.setIdleLock']({ minutes: 0 });
    vi.advanceTimersByTime(24 * 60 * 60_000);
    expect(again['vault.status']({}).state).toBe('open');
  });

  it('changes the passphrase from the session: database file byte-identical, old one refused', () => {
    const path = encryptedLibrary();
    const session = open(path);
    session['vault.unlock']({ passphrase: PASS });
    session.currentService()?.db.pragma('wal_checkpoint(TRUNCATE)');
    const before = sha(path);
    expect(() => session['vault.changePassphrase']({ current: 'not the one', next: 'second-summit-passphrase' })).toThrow(
      expect.objectContaining({ code: 'wrong_passphrase' }),
    );
    session['vault.changePassphrase']({ current: PASS, next: 'second-summit-passphrase' });
    session.close();
    expect(sha(path)).toBe(before);
    const again = open(path);
    expect(() => again['vault.unlock']({ passphrase: PASS })).toThrow(expect.objectContaining({ code: 'wrong_passphrase' }));
    expect(again['vault.unlock']({ passphrase: 'second-summit-passphrase' }).state).toBe('open');
  });

  it('decrypts back to a plain library that opens without a passphrase', () => {
    const path = encryptedLibrary();
    const session = open(path);
    session['vault.unlock']({ passphrase: PASS });
    expect(() => session['vault.decrypt']({ passphrase: 'wrong' })).toThrow(expect.objectContaining({ code: 'wrong_passphrase' }));
    expect(session['vault.status']({})).toMatchObject({ state: 'open', encrypted: true });
    expect(session['vault.decrypt']({ passphrase: PASS })).toMatchObject({ state: 'open', encrypted: false });
    expect(titles(session)).toContain('Strategic flexibility stays at working level');
    session.close();
    expect(libraryFormat(path)).toBe('plain');
    const again = open(path);
    expect(again['vault.status']({}).state).toBe('open');
  });

  it('a missing key file is a recovery screen, the library untouched; the key back, unlock works', () => {
    const path = encryptedLibrary();
    const before = sha(path);
    renameSync(keyFilePath(path), `${keyFilePath(path)}.moved`);
    const session = open(path);
    expect(session['vault.status']({})).toMatchObject({ state: 'recovery', encrypted: true, problem: { code: 'key_missing' } });
    expect(session['vault.status']({}).problem?.message).toMatch(/key file .* is missing/);
    expect(() => session['items.list']({})).toThrow(expect.objectContaining({ code: 'recovery' }));
    expect(session['vault.unlock']({ passphrase: PASS })).toMatchObject({ state: 'recovery', problem: { code: 'key_missing' } });
    expect(sha(path)).toBe(before);
    renameSync(`${keyFilePath(path)}.moved`, keyFilePath(path));
    expect(session['vault.unlock']({ passphrase: PASS }).state).toBe('open');
  });

  it('a key file from another library: recovery, nothing changed', () => {
    const path = encryptedLibrary();
    const other = encryptedLibrary();
    const before = sha(path);
    copyFileSync(keyFilePath(other), keyFilePath(path));
    const session = open(path);
    expect(session['vault.unlock']({ passphrase: PASS })).toMatchObject({ state: 'recovery', problem: { code: 'corrupt' } });
    session.close();
    expect(sha(path)).toBe(before);
  });
});

describe('backups', () => {
  it('takes encrypted, verified backups, keeps the newest K, and skips an unchanged library on open', () => {
    let t = Date.parse('2026-11-27T06:00:00Z');
    const now = () => new Date((t += 1000));
    const path = encryptedLibrary({ now });
    const session = open(path, { now, keepBackups: 3 });
    session['vault.unlock']({ passphrase: PASS });
    const first = session['backups.list']({});
    expect(first.length).toBeGreaterThan(0);
    // opening again without a change adds no backup
    session['vault.lock']({});
    session['vault.unlock']({ passphrase: PASS });
    expect(session['backups.list']({}).length).toBe(first.length);
    // rolling backups, one per 15 minutes of editing, keep the newest 3 ordinary ones; the
    // protected copy taken before encrypting is never pruned
    for (let i = 0; i < 5; i += 1) {
      t += 16 * 60_000;
      saveRedLine(session, `Red line ${i}`);
    }
    const list = session['backups.list']({});
    const ordinary = list.filter((b) => !/-[a-z]+\.backup$/.test(b.name));
    expect(ordinary.length).toBe(3);
    expect(list.filter((b) => b.name.endsWith('-preencrypt.backup'))).toHaveLength(1);
    expect(list.map((b) => b.createdAt)).toEqual([...list.map((b) => b.createdAt)].sort().reverse());
    // a backup on request never prunes one: the window cannot push the last copy of a book out
    for (let i = 0; i < 4; i += 1) session['backups.create']({});
    expect(session['backups.list']({}).length).toBe(list.length + 4);
    const newest = join(`${path}.backups`, ordinary[0].name);
    expect(libraryFormat(newest)).toBe('encrypted');
    expect(existsSync(`${newest}.key`)).toBe(true);
    // the newest backup opens with the library's key and holds the last red line
    const key = unlockKey(path, PASS);
    const backup = openForReading(newest, key);
    expect(backup.prepare("SELECT title FROM items WHERE title = 'Red line 4'").get()).toEqual({ title: 'Red line 4' });
    backup.close();
    expect(() => openForReading(newest, Buffer.alloc(32, 7)).prepare('SELECT count(*) FROM items').get()).toThrow(/not a database/);
  });

  it('a new library, its WAL and its backups are readable by their owner only', () => {
    const path = tempPath();
    const session = open(path, { create: true });
    saveRedLine(session, 'Owner only');
    const backup = session['backups.create']({});
    const mode = (file: string) => statSync(file).mode & 0o777;
    expect([mode(path), mode(`${path}-wal`), mode(`${path}.backups`), mode(join(`${path}.backups`, backup.name))]).toEqual([0o600, 0o600, 0o700, 0o600]);
  });

  it('takes a rolling backup after edits once the interval has passed', () => {
    let t = Date.parse('2026-11-27T06:00:00Z');
    const now = () => new Date(t);
    const path = tempPath();
    const session = open(path, { create: true, now, backupEveryMinutes: 15 });
    const start = session['backups.list']({}).length;
    saveRedLine(session, 'one');
    t += 5 * 60_000;
    saveRedLine(session, 'two');
    expect(session['backups.list']({}).length).toBe(start);
    t += 11 * 60_000;
    saveRedLine(session, 'three');
    expect(session['backups.list']({}).length).toBe(start + 1);
  });

  it('restores a backup: the old content comes back and the current state is backed up first', () => {
    let t = Date.parse('2026-11-27T06:00:00Z');
    const now = () => new Date((t += 1000));
    const path = encryptedLibrary({ now });
    const session = open(path, { now });
    session['vault.unlock']({ passphrase: PASS });
    saveRedLine(session, 'Before the mistake');
    const good = session['backups.create']({});
    const item = saveRedLine(session, 'The mistake');
    session['items.delete']({ id: item.id });
    const countBefore = session['backups.list']({}).length;
    expect(session['backups.restore']({ name: good.name })).toMatchObject({ state: 'open', encrypted: true });
    expect(titles(session)).toContain('Before the mistake');
    expect(titles(session)).not.toContain('The mistake');
    expect(session['backups.list']({}).length).toBe(countBefore + 1);
    // the state before the restore is a protected copy: rolling backups never prune it
    const protectedCopy = session['backups.list']({}).find((b) => b.name.endsWith('-prerestore.backup'));
    expect(protectedCopy).toBeDefined();
    for (let i = 0; i < 12; i += 1) {
      t += 16 * 60_000;
      saveRedLine(session, `After ${i}`);
    }
    expect(session['backups.list']({}).map((b) => b.name)).toContain(protectedCopy?.name);
    // still encrypted with the same passphrase
    session.close();
    expect(libraryFormat(path)).toBe('encrypted');
    const again = open(path);
    expect(again['vault.unlock']({ passphrase: PASS }).state).toBe('open');
    expect(titles(again)).toContain('Before the mistake');
    expect(() => again['backups.restore']({ name: '../summit.briefbook.db' })).toThrow(expect.objectContaining({ code: 'not_found' }));
  });

  it('refuses to restore while another connection has the library open, and changes nothing', () => {
    const path = tempPath();
    const session = open(path, { create: true });
    saveRedLine(session, 'Kept by the other window');
    const backup = session['backups.create']({});
    saveRedLine(session, 'Written after the backup');
    const other = open(path);
    expect(() => session['backups.restore']({ name: backup.name })).toThrow(expect.objectContaining({ code: 'busy' }));
    expect(session['vault.status']({}).state).toBe('open');
    expect(titles(session)).toContain('Written after the backup');
    saveRedLine(other, 'The other window goes on');
    expect(titles(session)).toContain('The other window goes on');
  });

  it('with the key file lost, restores an encrypted backup with its own key copy and passphrase', () => {
    const path = encryptedLibrary();
    const session = open(path);
    session['vault.unlock']({ passphrase: PASS });
    const backup = session['backups.create']({});
    session.close();
    rmSync(keyFilePath(path));
    const before = sha(path);
    const lost = open(path);
    expect(lost['vault.status']({}).problem?.code).toBe('key_missing');
    expect(() => lost['backups.restore']({ name: backup.name })).toThrow(expect.objectContaining({ code: 'backup_needs_passphrase' }));
    expect(sha(path)).toBe(before);
    expect(lost['backups.restore']({ name: backup.name, passphrase: PASS })).toMatchObject({ state: 'open', encrypted: true });
    expect(titles(lost)).toContain('Strategic flexibility stays at working level');
    // the unreadable state was kept byte for byte
    const damaged = lost['backups.list']({}).find((b) => b.name.includes('-damaged'));
    expect(damaged).toBeDefined();
    expect(sha(join(`${path}.backups`, damaged?.name ?? ''))).toBe(before);
  });

  it('encrypting a library also encrypts its earlier plain backups', () => {
    const path = tempPath();
    const session = open(path, { create: true });
    saveRedLine(session, 'Written before encryption');
    session['backups.create']({});
    session['vault.encrypt']({ passphrase: PASS });
    const dir = `${path}.backups`;
    const backups = readdirSync(dir).filter((n) => n.endsWith('.backup'));
    expect(backups.length).toBeGreaterThan(1);
    for (const name of backups) {
      expect(libraryFormat(join(dir, name))).toBe('encrypted');
      expect(readFileSync(join(dir, name)).includes(Buffer.from('Written before encryption'))).toBe(false);
    }
  });

  it('a locked library cannot be backed up or restored, and says why', () => {
    const path = encryptedLibrary();
    const session = open(path);
    expect(() => session['backups.create']({})).toThrow(expect.objectContaining({ code: 'locked' }));
    expect(() => session['backups.restore']({ name: 'x' })).toThrow(expect.objectContaining({ code: 'locked' }));
    writeFileSync(`${path}.probe`, 'unrelated');
    expect(session['backups.list']({}).length).toBeGreaterThan(0);
  });
});

describe('leftovers of an interrupted whole-file operation', () => {
  it('removes old temp files beside the library and in its backups, keeps young ones and everything else', () => {
    const path = tempPath();
    open(path, { create: true }).close();
    const dir = join(path, '..');
    const old = join(dir, '.summit.briefbook.db.a1b2c3.decrypting.tmp');
    const young = join(dir, '.summit.briefbook.db.d4e5f6.encrypting.tmp');
    const oldBackup = join(`${path}.backups`, '.summit.briefbook.db.20261127T060000000Z.backup.0a0b0c.backup.tmp');
    const unrelated = join(dir, 'notes.decrypting.tmp');
    for (const file of [old, young, oldBackup, unrelated]) writeFileSync(file, 'left over');
    const hourAgo = new Date(Date.now() - 60 * 60_000);
    for (const file of [old, oldBackup, unrelated]) utimesSync(file, hourAgo, hourAgo);
    const before = sha(path);
    open(path).close();
    expect([existsSync(old), existsSync(young), existsSync(oldBackup), existsSync(unrelated)]).toEqual([false, true, false, true]);
    expect(sha(path)).toBe(before);
  });
});

