/**
 * Encryption at rest (docs/security.md DATA-1, DATA-2, DATA-4): the key file, encrypting and
 * decrypting a library file, changing the passphrase, and the canary that must never reach
 * the disk in readable form.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3-multiple-ciphers';
import { openTestLibrary, sampleText } from '../testing';
import { openLibrarySession } from '../session';
import { DEFAULT_SCRYPT, keyFilePath, parseKeyFile, readKeyFile, unwrapDataKey, wrapDataKey, newDataKey } from './key-file';
import { changePassphrase } from './key-change';
import { decryptLibraryFile, encryptLibraryFile, libraryFormat } from './library-file';

const CHEAP = { N: 2 ** 10, r: 8, p: 1 };
const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'briefbook-vault-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** A plain library holding the sample book plus one item of our own. */
function plainLibrary(dir: string, body = 'Hold the line on the tariff schedule.'): string {
  const path = join(dir, 'summit.briefbook.db');
  const library = openTestLibrary(path, { sampleText });
  library.service['library.loadSample']({});
  library.service['items.save']({ item: { kind: 'red_line', title: 'Tariff floor', body, classification: 'S', status: 'draft' } });
  library.close();
  return path;
}

function itemTitles(path: string, key?: Buffer): string[] {
  const library = openTestLibrary(path, { sampleText, key, mustExist: true });
  try {
    return library.service['items.list']({ limit: 1000 }).rows.map((r) => r.title).sort();
  } finally {
    library.close();
  }
}

describe('key file', () => {
  it('unwraps the data key with the right passphrase only, and detects tampered parameters', () => {
    const key = newDataKey();
    const file = wrapDataKey(key, 'correct horse battery', CHEAP);
    expect(unwrapDataKey(file, 'correct horse battery').equals(key)).toBe(true);
    expect(() => unwrapDataKey(file, 'correct horse batterY')).toThrow(expect.objectContaining({ code: 'wrong_passphrase' }));
    // a weaker N in the file is caught by the authenticated additional data
    const weakened = { ...file, kdf: { ...file.kdf, N: 2 ** 4 } };
    expect(() => unwrapDataKey(weakened, 'correct horse battery')).toThrow(expect.objectContaining({ code: 'wrong_passphrase' }));
    // the wrapped key is not the key, and a new wrap uses a new salt and nonce
    expect(Buffer.from(file.wrappedKey, 'base64').equals(key)).toBe(false);
    const again = wrapDataKey(key, 'correct horse battery', CHEAP);
    expect(again.kdf.salt).not.toBe(file.kdf.salt);
    expect(again.wrap.nonce).not.toBe(file.wrap.nonce);
  });

  it('works with the default (strong) scrypt parameters', () => {
    const key = newDataKey();
    const file = wrapDataKey(key, 'a long passphrase', DEFAULT_SCRYPT);
    expect(file.kdf.N).toBe(2 ** 17);
    expect(unwrapDataKey(parseKeyFile(JSON.stringify(file)), 'a long passphrase').equals(key)).toBe(true);
  });

  it('names what is wrong with a damaged, foreign or missing key file', () => {
    const dir = tempDir();
    expect(() => readKeyFile(join(dir, 'nope.key'))).toThrow(expect.objectContaining({ code: 'key_missing' }));
    expect(() => parseKeyFile('{"format":"briefbook-key","version":1')).toThrow(expect.objectContaining({ code: 'key_file_damaged' }));
    expect(() => parseKeyFile('{"format":"something-else"}')).toThrow(expect.objectContaining({ code: 'key_file_damaged' }));
    expect(() => parseKeyFile('{"format":"briefbook-key","version":9}')).toThrow(expect.objectContaining({ code: 'key_file_too_new' }));
    const file = wrapDataKey(newDataKey(), 'passphrase!', CHEAP);
    expect(() => parseKeyFile(JSON.stringify({ ...file, wrappedKey: 'AAAA' }))).toThrow(expect.objectContaining({ code: 'key_file_damaged' }));
  });
});

describe('encrypting and decrypting a library file', () => {
  it('encrypts a plain library: same items, unreadable without the key, key file 0600', () => {
    const dir = tempDir();
    const path = plainLibrary(dir);
    const before = itemTitles(path);
    const key = encryptLibraryFile(path, 'summit passphrase', { scrypt: CHEAP });
    expect(libraryFormat(path)).toBe('encrypted');
    expect(statSync(keyFilePath(path)).mode & 0o777).toBe(0o600);
    expect(itemTitles(path, key)).toEqual(before);
    expect(() => new Database(path, { readonly: true }).prepare('SELECT count(*) FROM items').get()).toThrow(/not a database/);
    expect(readFileSync(path).includes(Buffer.from('Tariff floor'))).toBe(false);
    // no temp file left beside it
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('changes the passphrase without touching the database file', () => {
    const dir = tempDir();
    const path = plainLibrary(dir);
    const key = encryptLibraryFile(path, 'first passphrase', { scrypt: CHEAP });
    const dbHash = sha(path);
    const keyHash = sha(keyFilePath(path));
    expect(() => changePassphrase(path, 'wrong passphrase', 'second passphrase')).toThrow(expect.objectContaining({ code: 'wrong_passphrase' }));
    expect(sha(keyFilePath(path))).toBe(keyHash);
    changePassphrase(path, 'first passphrase', 'second passphrase', { scrypt: CHEAP });
    expect(sha(path)).toBe(dbHash);
    expect(sha(keyFilePath(path))).not.toBe(keyHash);
    const file = readKeyFile(keyFilePath(path));
    expect(() => unwrapDataKey(file, 'first passphrase')).toThrow(expect.objectContaining({ code: 'wrong_passphrase' }));
    expect(unwrapDataKey(file, 'second passphrase').equals(key)).toBe(true);
  });

  it('decrypts back to plain with the passphrase; a wrong one changes nothing', () => {
    const dir = tempDir();
    const path = plainLibrary(dir);
    const before = itemTitles(path);
    encryptLibraryFile(path, 'first passphrase', { scrypt: CHEAP });
    const dbHash = sha(path);
    expect(() => decryptLibraryFile(path, 'not it')).toThrow(expect.objectContaining({ code: 'wrong_passphrase' }));
    expect(sha(path)).toBe(dbHash);
    expect(existsSync(keyFilePath(path))).toBe(true);
    decryptLibraryFile(path, 'first passphrase');
    expect(libraryFormat(path)).toBe('plain');
    expect(existsSync(keyFilePath(path))).toBe(false);
    expect(itemTitles(path)).toEqual(before);
    const db = new Database(path, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('refuses to encrypt a library another connection has open, and leaves it as it was', () => {
    const dir = tempDir();
    const path = plainLibrary(dir);
    const other = openTestLibrary(path, { sampleText, mustExist: true });
    try {
      const hash = sha(path);
      expect(() => encryptLibraryFile(path, 'summit passphrase', { scrypt: CHEAP })).toThrow(expect.objectContaining({ code: 'busy' }));
      expect(libraryFormat(path)).toBe('plain');
      expect(sha(path)).toBe(hash);
      expect(existsSync(keyFilePath(path))).toBe(false);
      // the other connection still writes and reads
      other.service['items.save']({ item: { kind: 'ask', title: 'After refusal', body: 'x', classification: 'U', status: 'draft' } });
    } finally {
      other.close();
    }
    expect(itemTitles(path)).toContain('After refusal');
  });

  it('a key file beside a plain library (a crash just before the swap) opens the plain library', () => {
    const dir = tempDir();
    const path = plainLibrary(dir);
    writeFileSync(keyFilePath(path), JSON.stringify(wrapDataKey(newDataKey(), 'whatever pass', CHEAP)));
    const session = openLibrarySession(path, { sampleText, backupOnOpen: false });
    try {
      expect(session['vault.status']({})).toMatchObject({ state: 'open', encrypted: false });
      expect(session['items.list']({}).rows.some((r) => r.title === 'Tariff floor')).toBe(true);
    } finally {
      session.close();
    }
  });
});

/** Every way the canary could be spelled on disk. */
function spellings(text: string): Buffer[] {
  const le = Buffer.from(text, 'utf16le');
  const be = Buffer.from(le);
  be.swap16();
  return [Buffer.from(text, 'utf8'), le, be];
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(full));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

describe('no plaintext on disk (DATA-2)', () => {
  it('a canary saved through an encrypted session is in no file: db, WAL, shm, key, backups, temp', () => {
    const dir = tempDir();
    const path = join(dir, 'canary.briefbook.db');
    const canary = 'CANARY-7f3a-레드라인-확인';
    // created plain and empty, then encrypted before anything sensitive is written
    const session = openLibrarySession(path, { sampleText, create: true, scrypt: CHEAP });
    session['vault.encrypt']({ passphrase: 'canary passphrase' });
    expect(session['vault.status']({})).toMatchObject({ state: 'open', encrypted: true });
    // SQLite's own temp files (sorts, big indexes) stay in memory: nothing spills into /tmp
    expect(session.currentService()?.db.pragma('temp_store', { simple: true })).toBe(2);
    const scan = () => {
      const hits: string[] = [];
      const files = filesUnder(dir);
      for (const file of files) {
        const bytes = readFileSync(file);
        for (const spelling of spellings(canary)) if (bytes.includes(spelling)) hits.push(file);
      }
      return { hits, files };
    };
    session['items.save']({ item: { kind: 'red_line', title: `Title ${canary}`, body: `Body ${canary} `.repeat(50), classification: 'S', status: 'draft', tags: [canary] } });
    // before a checkpoint: the WAL holds the pages
    const uncheckpointed = scan();
    expect(uncheckpointed.files.some((f) => f.endsWith('-wal'))).toBe(true);
    expect(uncheckpointed.hits).toEqual([]);
    session['backups.create']({});
    session.currentService()?.db.pragma('wal_checkpoint(TRUNCATE)');
    const after = scan();
    expect(after.files.some((f) => f.endsWith('.backup'))).toBe(true);
    expect(after.files.some((f) => f.endsWith('.key'))).toBe(true);
    expect(after.hits).toEqual([]);
    // and it is really there for whoever has the passphrase
    expect(session['search.query']({ q: 'CANARY' }).length).toBeGreaterThan(0);
    session.close();
    expect(scan().hits).toEqual([]);
    // the scan itself can fail: the same canary in a plain library is found
    const plainPath = join(dir, 'plain.briefbook.db');
    const plain = openTestLibrary(plainPath, { sampleText });
    plain.service['items.save']({ item: { kind: 'red_line', title: `Title ${canary}`, body: 'b', classification: 'S', status: 'draft' } });
    plain.close();
    expect(scan().hits).toContain(plainPath);
  });
});
