/**
 * Whole-file operations under SIGKILL: a child encrypts, backs up, decrypts and restores the
 * same library in a loop and is killed as its Nth operation begins, N drawn from a seeded
 * generator (every failure message names the seed; BRIEFBOOK_TEST_SEED replays it), so the kill
 * lands inside an operation however fast the disk. Every time, the library opens —
 * plain, or encrypted and unlockable with the passphrase — passes integrity_check and holds
 * exactly the content it started with; every listed backup opens and is whole. This is the
 * proof of "the old file stays until the new one is verified".
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

function fingerprintOf(path: string): string {
  const session = openLibrarySession(path, { sampleText, backupOnOpen: false });
  try {
    if (session['vault.status']({}).state === 'locked') session['vault.unlock']({ passphrase: PASS });
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

it('8 kills during encrypt, decrypt, backup and restore: the library always opens, whole and unchanged', async () => {
  const path = join(dir, 'summit.briefbook.db');
  const setup = openLibrarySession(path, { sampleText, create: true, backupOnOpen: false });
  setup['library.loadSample']({});
  setup.close();
  const original = fingerprintOf(path);
  const seen = new Map<string, number>();
  const seed = runSeed();
  const random = prng(seed);
  for (let trial = 0; trial < 8; trial += 1) {
    const childSeed = Math.floor(random() * 2 ** 31);
    const nth = 1 + Math.floor(random() * 6);
    const where = `trial ${trial} (${replay(seed)}; child seed ${childSeed}, killed as operation ${nth} began)`;
    const proc = spawn(process.execPath, [child.script, JSON.stringify({ path, passphrase: PASS, seed: childSeed })], { stdio: ['ignore', 'pipe', 'pipe'] });
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
    // every listed backup is whole and opens with its own key copy
    const session = openLibrarySession(path, { sampleText, backupOnOpen: false });
    const backups = session['backups.list']({});
    session.close();
    for (const backup of backups) {
      const file = join(`${path}.backups`, backup.name);
      const key = libraryFormat(file) === 'encrypted' ? unwrapDataKey(readKeyFile(`${file}.key`), PASS) : null;
      const db = openForReading(file, key);
      try {
        expect(db.pragma('integrity_check', { simple: true }), `${where}: ${backup.name}`).toBe('ok');
        expect(contentFingerprint(db), `${where}: ${backup.name}`).toBe(original);
      } finally {
        db.close();
      }
    }
  }
  // the kills did land inside the operations, not only between them
  const inside = [...seen.entries()].filter(([op]) => op !== 'between').reduce((s, [, n]) => s + n, 0);
  expect(inside, `${replay(seed)}; killed during ${JSON.stringify(Object.fromEntries(seen))}`).toBeGreaterThan(2);
}, 90_000);
