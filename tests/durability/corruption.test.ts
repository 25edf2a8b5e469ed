/**
 * Corruption fixtures (docs/security.md DATA-3, DUR-3): damaged library files — flipped bytes in the
 * header and in pages, truncations, a zero-length file, random garbage, a WAL full of garbage —
 * plain and encrypted. Opening never throws, the session lands in recovery with a named problem
 * (read-only when anything is readable), and the file's bytes are the same afterwards.
 */
import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3-multiple-ciphers';
import { openLibrarySession } from '../../electron/store/session';
import { openTestLibrary, sampleText } from '../../electron/store/testing';
import { keyFilePath } from '../../electron/store/vault/key-file';
import { prng, replay, runSeed } from './prng';

const CHEAP = { N: 2 ** 10, r: 8, p: 1 };
const PASS = 'fixture-passphrase';
let root: string;
let plainBase: string;
let encryptedBase: string;
let pageSize: number;
/** page numbers of b-tree pages (interior or leaf) in the plain base file */
let btreePages: number[];

function buildBase(dir: string, encrypt: boolean): string {
  const path = join(dir, encrypt ? 'encrypted.briefbook.db' : 'plain.briefbook.db');
  const session = openLibrarySession(path, { sampleText, create: true, scrypt: CHEAP, backupOnOpen: false });
  session['library.loadSample']({});
  for (let i = 0; i < 30; i += 1) {
    session['items.save']({ item: { kind: 'talking_point', title: `Point ${i}`, body: `Alliance modernisation, point ${i}. `.repeat(40), classification: 'C', status: 'draft' } });
  }
  if (encrypt) session['vault.encrypt']({ passphrase: PASS });
  session.close();
  return path;
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'briefbook-corrupt-'));
  plainBase = buildBase(root, false);
  encryptedBase = buildBase(root, true);
  const db = new Database(plainBase, { readonly: true });
  pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  const bytes = readFileSync(plainBase);
  btreePages = [];
  for (let page = 2; page <= bytes.length / pageSize; page += 1) {
    if ([0x02, 0x05, 0x0a, 0x0d].includes(bytes[(page - 1) * pageSize])) btreePages.push(page);
  }
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

type Damage = (path: string) => void;

const flipAt = (offset: (size: number) => number): Damage => (path) => {
  const bytes = readFileSync(path);
  const at = offset(bytes.length);
  bytes[at] ^= 0xff;
  writeFileSync(path, bytes);
};
const setAt = (offset: () => number, value: number): Damage => (path) => {
  const bytes = readFileSync(path);
  bytes[offset()] = value;
  writeFileSync(path, bytes);
};
const truncateTo = (size: (size: number) => number): Damage => (path) => truncateSync(path, size(readFileSync(path).length));

const sha = (path: string) => (existsSync(path) ? createHash('sha256').update(readFileSync(path)).digest('hex') : 'absent');

let counter = 0;
/** A copy of `base` (and its key file) in its own folder, then damaged. */
function fixture(base: string, damage: Damage): string {
  const dir = join(root, `case-${(counter += 1)}`);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'library.briefbook.db');
  copyFileSync(base, path);
  if (existsSync(keyFilePath(base))) copyFileSync(keyFilePath(base), keyFilePath(path));
  damage(path);
  return path;
}

interface Outcome {
  state: string;
  code: string | null;
  message: string;
  readable: boolean;
  writeRefused: boolean;
}

/** Opens the damaged file as the app would, tries a read and a write, and closes it. */
function openDamaged(path: string, encrypted: boolean): Outcome {
  const session = openLibrarySession(path, { sampleText, scrypt: CHEAP });
  try {
    if (encrypted && session['vault.status']({}).state === 'locked') session['vault.unlock']({ passphrase: PASS });
    const status = session['vault.status']({});
    let readable = false;
    try {
      session['books.list']({});
      readable = true;
    } catch {
      readable = false;
    }
    let writeRefused = false;
    try {
      session['items.save']({ item: { kind: 'ask', title: 'Should not land', body: 'x', classification: 'U', status: 'draft' } });
    } catch (error) {
      writeRefused = ['read_only', 'recovery', 'locked', 'corrupt'].includes((error as { code?: string }).code ?? '');
    }
    return { state: status.state, code: status.problem?.code ?? null, message: status.problem?.message ?? '', readable, writeRefused };
  } finally {
    session.close();
  }
}

const plainCases: [string, Damage][] = [
  ['magic string in the header flipped', flipAt(() => 0)],
  ['page size field in the header garbled', setAt(() => 16, 0x03)],
  ['page 1 b-tree header garbled', setAt(() => 100, 0x00)],
  ['second b-tree page type byte cleared', setAt(() => (btreePages[0] - 1) * pageSize, 0x00)],
  ['middle b-tree page type byte cleared', setAt(() => (btreePages[Math.floor(btreePages.length / 2)] - 1) * pageSize, 0x00)],
  ['last b-tree page type byte set to garbage', setAt(() => (btreePages[btreePages.length - 1] - 1) * pageSize, 0x77)],
  ['truncated to half', truncateTo((size) => Math.floor(size / pageSize / 2) * pageSize)],
  ['truncated to the header', truncateTo(() => 100)],
  ['truncated to one page', truncateTo(() => pageSize)],
  ['zero-length file', truncateTo(() => 0)],
  ['random garbage of the same size', (path) => writeFileSync(path, randomBytes(readFileSync(path).length))],
];

const encryptedCases: [string, Damage][] = [
  ['one byte of the salt flipped', flipAt(() => 3)],
  ['one byte in the middle of page 1 flipped', flipAt(() => 2000)],
  ['one byte in page 3 flipped', flipAt(() => 2 * 4096 + 777)],
  ['one byte in the middle of the file flipped', flipAt((size) => Math.floor(size / 2) + 13)],
  ['last byte flipped', flipAt((size) => size - 1)],
  ['truncated to half', truncateTo((size) => Math.floor(size / 8192) * 4096)],
  ['truncated by one byte', truncateTo((size) => size - 1)],
  ['zero-length file', truncateTo(() => 0)],
  ['random garbage of the same size', (path) => writeFileSync(path, randomBytes(readFileSync(path).length))],
];

describe('damaged plain libraries', () => {
  it.each(plainCases)('%s: recovery with a named problem, bytes unchanged', (_name, damage) => {
    const path = fixture(plainBase, damage);
    const before = sha(path);
    const filesBefore = readdirSync(join(path, '..')).filter((n) => !n.endsWith('-shm')).sort();
    const outcome = openDamaged(path, false);
    expect(outcome.state).toBe('recovery');
    expect(outcome.code).toMatch(/^(corrupt|not_a_library|key_missing|empty_file)$/);
    // one line in words, no folder path (IPC-2)
    expect(outcome.message).toMatch(/^[^\n]{20,400}$/);
    expect(outcome.message).not.toContain(root);
    expect(outcome.writeRefused).toBe(true);
    expect(sha(path)).toBe(before);
    // nothing deleted, nothing recreated in its place
    expect(readdirSync(join(path, '..')).filter((n) => !n.endsWith('-shm') && !n.endsWith('-wal')).sort()).toEqual(filesBefore);
  });
});

describe('damaged encrypted libraries', () => {
  it.each(encryptedCases)('%s: recovery with a named problem, bytes unchanged', (_name, damage) => {
    const path = fixture(encryptedBase, damage);
    const before = sha(path);
    const keyBefore = sha(keyFilePath(path));
    const outcome = openDamaged(path, true);
    expect(outcome.state).toBe('recovery');
    expect(outcome.code).toMatch(/^(corrupt|empty_file)$/);
    expect(outcome.message).toMatch(/^[^\n]{20,400}$/);
    expect(outcome.message).not.toContain(root);
    expect(outcome.writeRefused).toBe(true);
    expect(sha(path)).toBe(before);
    expect(sha(keyFilePath(path))).toBe(keyBefore);
  });
});

describe('any single flipped byte of an encrypted library', () => {
  it('is caught by the authenticated cipher: 24 random offsets (and the header bytes 16-23 kept in the clear) all land in recovery', () => {
    const size = readFileSync(encryptedBase).length;
    const seed = runSeed();
    const random = prng(seed);
    const offsets = [16, 17, 18, 19, 20, 21, 22, 23, ...Array.from({ length: 24 }, () => Math.floor(random() * size))];
    const missed: number[] = [];
    for (const offset of offsets) {
      const path = fixture(encryptedBase, flipAt(() => offset));
      const before = sha(path);
      const outcome = openDamaged(path, true);
      if (outcome.state !== 'recovery' || !outcome.writeRefused) missed.push(offset);
      expect(sha(path), `offset ${offset} (${replay(seed)})`).toBe(before);
    }
    expect(missed, `offsets that did not land in recovery (${replay(seed)})`).toEqual([]);
  });
});

describe('recovery that can still be read', () => {
  it('a library from a newer Briefbook opens read-only: reads work, writes are refused, unchanged', () => {
    const path = fixture(plainBase, (p) => {
      const db = new Database(p);
      db.pragma('user_version = 99');
      db.close();
    });
    const before = sha(path);
    const outcome = openDamaged(path, false);
    expect(outcome).toMatchObject({ state: 'recovery', code: 'library_too_new', readable: true, writeRefused: true });
    expect(sha(path)).toBe(before);
  });

  it('a WAL full of garbage is ignored: the library opens and its file is unchanged', () => {
    const path = fixture(plainBase, (p) => writeFileSync(`${p}-wal`, randomBytes(64 * 1024)));
    const before = sha(path);
    const session = openLibrarySession(path, { sampleText, backupOnOpen: false });
    try {
      expect(session['vault.status']({}).state).toBe('open');
      expect(session['items.list']({}).total).toBeGreaterThan(30);
    } finally {
      session.close();
    }
    expect(sha(path)).toBe(before);
  });

  it('an unreadable key file is a named problem, not a crash', () => {
    const path = fixture(encryptedBase, (p) => writeFileSync(keyFilePath(p), '{"format":"briefbook-key","vers'));
    const before = sha(path);
    const session = openLibrarySession(path, { sampleText });
    expect(session['vault.status']({})).toMatchObject({ state: 'recovery', problem: { code: 'key_file_damaged' } });
    session.close();
    expect(sha(path)).toBe(before);
  });

  it('restores a backup over a damaged library and keeps the damaged bytes', () => {
    const path = fixture(plainBase, () => undefined);
    const healthy = openLibrarySession(path, { sampleText });
    const backup = healthy['backups.create']({});
    healthy.close();
    setAt(() => (btreePages[0] - 1) * pageSize, 0x00)(path);
    const damaged = sha(path);
    const session = openLibrarySession(path, { sampleText });
    try {
      expect(session['vault.status']({}).state).toBe('recovery');
      expect(session['backups.restore']({ name: backup.name })).toMatchObject({ state: 'open', problem: null });
      expect(session['items.list']({}).total).toBeGreaterThan(30);
      const kept = session['backups.list']({}).find((b) => b.name.includes('-damaged'));
      expect(kept).toBeDefined();
      expect(sha(join(`${path}.backups`, kept?.name ?? ''))).toBe(damaged);
    } finally {
      session.close();
    }
    const check = openTestLibrary(path, { sampleText, mustExist: true });
    expect(check.service.db.pragma('integrity_check', { simple: true })).toBe('ok');
    check.close();
  });
});
