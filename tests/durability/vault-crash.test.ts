/**
 * Whole-file operations under SIGKILL: a child encrypts, backs up, changes the passphrase,
 * rotates the data key, decrypts and restores the same library in a loop and is killed as its
 * Nth operation begins, N drawn from a seeded generator (every failure message names the seed;
 * BRIEFBOOK_TEST_SEED replays it), so the kill lands inside an operation however fast the disk.
 * Every time, the library opens — plain, or encrypted and unlockable with the old or the new
 * passphrase — passes integrity_check and holds exactly the content it started with; every
 * listed backup opens with its own key file and the passphrase that opens the library, and is
 * whole. This is the proof of "the old file stays until the new one is verified", and of "a
 * passphrase change or key rotation is all or nothing".
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openLibrarySession } from '../../electron/store/session';
import { sampleText } from '../../electron/store/testing';
import { readKeyFile, unwrapDataKey } from '../../electron/store/vault/key-file';
import { contentFingerprint, libraryFormat, openForReading } from '../../electron/store/vault/library-file';
import { buildChild, type Child } from './crash-harness';
import { prng, replay, runSeed } from './prng';

const PASS = 'crash-vault-passphrase';
const OTHER = 'crash-vault-other-passphrase';
let child: Child;
let dir: string;

beforeAll(async () => {
  child = await buildChild('vault-crash-child.ts');
  dir = mkdtempSync(join(tmpdir(), 'briefbook-vault-crash-'));
});
afterAll(() => {
  child?.dispose();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

/** The passphrase that opens the library now (either of the two), or null when it is plain. */
function currentPassphrase(path: string): string | null {
  if (libraryFormat(path) !== 'encrypted') return null;
  for (const candidate of [PASS, OTHER]) {
    try {
      unwrapDataKey(readKeyFile(`${path}.key`), candidate).fill(0);
      return candidate;
    } catch {
      // the other one
    }
  }
  throw new Error('neither passphrase unwraps the key file');
}

function fingerprintOf(path: string): string {
  const session = openLibrarySession(path, { sampleText, backupOnOpen: false });
  try {
    const passphrase = currentPassphrase(path) ?? PASS;
    if (session['vault.status']({}).state === 'locked') session['vault.unlock']({ passphrase });
    const status = session['vault.status']({});
    if (status.state !== 'open') throw new Error(`the library did not open: ${JSON.stringify(status)}`);
    const db = session.currentService()?.db;
    if (db === undefined) throw new Error('no connection');
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    return contentFingerprint(db);
  } finally {
    session.close();
  }
}

function unwrapWithAny(keyFile: string, candidates: string[], where: string): Buffer {
  for (const candidate of candidates) {
    try {
      return unwrapDataKey(readKeyFile(keyFile), candidate);
    } catch {
      // the next
    }
  }
  throw new Error(`${where}: the backup's key file does not open with ${candidates.length === 1 ? "the library's passphrase" : 'either passphrase'}`);
}

it('12 kills during encrypt, passphrase change, key rotation, decrypt, backup and restore: the library always opens, whole and unchanged', async () => {
  const path = join(dir, 'summit.briefbook.db');
  const setup = openLibrarySession(path, { sampleText, create: true, backupOnOpen: false });
  setup['library.loadSample']({});
  setup.close();
  const original = fingerprintOf(path);
  const seen = new Map<string, number>();
  const seed = runSeed();
  const random = prng(seed);
  for (let trial = 0; trial < 12; trial += 1) {
    const childSeed = Math.floor(random() * 2 ** 31);
    // an encrypted round is eight operations long: encrypt, backup, passphrase, rotate, restore, decrypt...
    const nth = 1 + Math.floor(random() * 8);
    const where = `trial ${trial} (${replay(seed)}; child seed ${childSeed}, killed as operation ${nth} began)`;
    const proc = spawn(process.execPath, [child.script, JSON.stringify({ path, passphrase: PASS, otherPassphrase: OTHER, seed: childSeed })], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    proc.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const exited = new Promise<void>((r) => proc.on('exit', () => r()));
    await new Promise<void>((resolveKilled, rejectKilled) => {
      proc.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        // killed the moment the line is read, while the child is at work on the operation
        if ((out.match(/(^|\n)T [^\n]*\n/g) ?? []).length >= nth && proc.kill('SIGKILL')) resolveKilled();
      });
      proc.once('exit', () => rejectKilled(new Error(`${where}: the child exited before operation ${nth}: ${err}`)));
    });
    await exited;
    expect(err, where).toBe('');
    const lines = out.split('\n').slice(0, -1);
    const last = lines[lines.length - 1] ?? '';
    const inFlight = last.startsWith('T ') ? last.slice(2) : 'between';
    seen.set(inFlight, (seen.get(inFlight) ?? 0) + 1);
    // the library opens and holds what it held before
    expect(fingerprintOf(path), `${where}, during ${inFlight}`).toBe(original);
    // every listed backup is whole and opens with its own key copy and the library's passphrase
    // (a passphrase change or rotation is all or nothing across library and backups)
    const session = openLibrarySession(path, { sampleText, backupOnOpen: false });
    const backups = session['backups.list']({});
    session.close();
    const passphrase = currentPassphrase(path);
    const libraryKey = passphrase === null ? null : unwrapDataKey(readKeyFile(`${path}.key`), passphrase);
    for (const backup of backups) {
      const file = join(`${path}.backups`, backup.name);
      const at = `${where}, during ${inFlight}: ${backup.name}`;
      let key: Buffer | null = null;
      if (libraryFormat(file) === 'encrypted') {
        // backups of an earlier data key (before a decrypt) keep the passphrase of their day;
        // one the library's key opens must open with the library's passphrase: all or nothing
        key = unwrapWithAny(`${file}.key`, [PASS, OTHER], at);
        if (libraryKey !== null && key.equals(libraryKey)) unwrapWithAny(`${file}.key`, [passphrase ?? PASS], at);
      }
      const db = openForReading(file, key);
      try {
        expect(db.pragma('integrity_check', { simple: true }), at).toBe('ok');
        expect(contentFingerprint(db), at).toBe(original);
      } finally {
        db.close();
      }
    }
  }
  // the kills did land inside the operations, not only between them
  const inside = [...seen.entries()].filter(([op]) => op !== 'between').reduce((s, [, n]) => s + n, 0);
  expect(inside, `${replay(seed)}; killed during ${JSON.stringify(Object.fromEntries(seen))}`).toBeGreaterThan(2);
}, 150_000);
