/**
 * The crash harness shared by the crash test (20 trials) and the crash benchmark (300): build
 * the child once, run trials that SIGKILL it at a random moment, reopen the library the way the
 * app does, and check what a user would notice — every acknowledged save is there with its
 * text, a section reorder is a whole permutation, an import is all or nothing, integrity_check
 * says ok.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { openLibrarySession } from '../../electron/store/session';
import { unlockKey } from '../../electron/store/vault/library-file';
import { sampleText } from '../../electron/store/testing';

const here = fileURLToPath(new URL('.', import.meta.url));

export interface Child {
  dir: string;
  script: string;
  dispose(): void;
}

/**
 * Bundles crash-child.ts into one file (tsx would spend ~1–2 s starting each child on this
 * machine). The migrations folder goes beside it: the store finds it relative to its module.
 */
export async function buildChild(entry = 'crash-child.ts'): Promise<Child> {
  // inside the project's node_modules, so the bundle resolves the native database package
  const cache = join(here, '../../node_modules/.cache');
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, 'briefbook-crash-child-'));
  const script = join(dir, entry.replace(/\.ts$/, '.mjs'));
  await build({
    entryPoints: [join(here, entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: script,
    external: ['better-sqlite3-multiple-ciphers'],
    logLevel: 'silent',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  cpSync(join(here, '../../electron/store/migrations'), join(dir, 'migrations'), { recursive: true });
  return { dir, script, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface Library {
  path: string;
  key?: Buffer;
  passphrase?: string;
  bookId: string;
  sectionIds: string[];
}

/** A library with the sample book in it; encrypted (cheap scrypt) under `passphrase` when given. */
export function prepareLibrary(dir: string, name: string, passphrase?: string): Library {
  const path = join(dir, name);
  const session = openLibrarySession(path, { sampleText, create: true, backupOnOpen: false, scrypt: { N: 2 ** 10, r: 8, p: 1 } });
  session['library.loadSample']({});
  const book = session['books.list']({})[0];
  const sectionIds = session['books.get']({ id: book.id }).sections.map((s) => s.id);
  if (passphrase !== undefined) session['vault.encrypt']({ passphrase });
  session.close();
  // the child gets the raw data key, as the app's session would hold it after unlocking
  const key = passphrase === undefined ? undefined : unlockKey(path, passphrase);
  return { path, key, passphrase, bookId: book.id, sectionIds };
}

/** What survives from trial to trial: the acknowledged state the library must keep. */
export interface Ledger {
  items: Map<string, { version: number; sha: string }>;
  imported: Set<string>;
  order: string[];
}

export const newLedger = (library: Library): Ledger => ({ items: new Map(), imported: new Set(), order: [...library.sectionIds] });

export interface TrialResult {
  acks: number;
  /** the action that was running when the child was killed */
  inFlight: string;
  lost: string[];
  torn: string[];
  integrity: string;
  killedAfterMs: number;
  reopenMs: number;
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

/** Where the kill clock starts: when the child has opened the library, or at its first acknowledged commit. */
export type KillClock = 'ready' | 'first-ack';

/**
 * Runs the child on the library, kills it `killAfterMs` after `from` (READY, or its first
 * acknowledged commit, so that every trial has done work however slow the disk), checks the library.
 */
export async function runTrial(child: Child, library: Library, ledger: Ledger, seed: number, killAfterMs: number, from: KillClock = 'ready'): Promise<TrialResult> {
  const config = JSON.stringify({ path: library.path, keyHex: library.key?.toString('hex'), seed, bookId: library.bookId });
  const proc = spawn(process.execPath, [child.script, config], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let waiting: { seen: () => boolean; resolve: () => void } | null = null;
  const exited = new Promise<void>((resolveExit) => proc.on('exit', () => resolveExit()));
  proc.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
    if (waiting?.seen()) {
      const { resolve } = waiting;
      waiting = null;
      resolve();
    }
  });
  proc.stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString('utf8');
  });
  const printed = (seen: () => boolean, what: string) =>
    new Promise<void>((resolve, reject) => {
      if (seen()) return resolve();
      waiting = { seen, resolve };
      proc.once('exit', () => reject(new Error(`child exited before ${what}: ${err.slice(0, 2000)}`)));
    });
  await printed(() => out.includes('READY\n'), 'READY');
  if (from === 'first-ack') await printed(() => /(^|\n)A [^\n]*\n/.test(out), 'its first acknowledged commit');
  await new Promise((r) => setTimeout(r, killAfterMs));
  proc.kill('SIGKILL');
  await exited;
  if (err.trim() !== '') throw new Error(`the child failed on its own before the kill: ${err.slice(0, 2000)}`);

  // only whole lines count: a line cut by the kill was never acknowledged
  const lines = out.split('\n').slice(0, -1).filter((l) => l !== 'READY');
  let pending: string[] | null = null;
  const acked: string[][] = [];
  for (const line of lines) {
    const parts = line.split(' ');
    if (parts[0] === 'T') pending = parts.slice(1);
    else if (parts[0] === 'A') {
      acked.push(parts.slice(1));
      pending = null;
    }
  }
  for (const [op, a, b, c] of acked) {
    if (op === 'save' || op === 'update') ledger.items.set(a, { version: Number(b), sha: c });
    else if (op === 'import') for (const id of a.split(',')) ledger.imported.add(id);
    else if (op === 'reorder') ledger.order = a.split(',');
  }

  // reopened the way the app does: through the session, unlocked with the passphrase
  const started = Date.now();
  const reopened = openLibrarySession(library.path, { sampleText, backupOnOpen: false });
  if (library.passphrase !== undefined && reopened['vault.status']({}).state === 'locked') reopened['vault.unlock']({ passphrase: library.passphrase });
  const reopenMs = Date.now() - started;
  const lost: string[] = [];
  const torn: string[] = [];
  let integrity: string;
  try {
    const status = reopened['vault.status']({});
    const service = reopened.currentService();
    if (status.state !== 'open' || service === null) {
      throw new Error(`after the kill the library did not open: ${status.problem?.code ?? status.state}: ${status.problem?.message ?? ''}`);
    }
    integrity = String(service.db.pragma('integrity_check', { simple: true }));
    const exists = (id: string) => {
      try {
        return service['items.get']({ id });
      } catch {
        return null;
      }
    };
    for (const [id, expected] of ledger.items) {
      const item = exists(id);
      if (item === null) {
        lost.push(`${id} is gone (acknowledged at version ${expected.version})`);
        continue;
      }
      const inFlightUpdate = pending !== null && pending[0] === 'update' && pending[1] === id;
      if (item.version === expected.version) {
        if (sha(item.body) !== expected.sha) lost.push(`${id} v${item.version} has other text than acknowledged`);
      } else if (item.version === expected.version + 1 && inFlightUpdate) {
        ledger.items.set(id, { version: item.version, sha: sha(item.body) });
      } else {
        lost.push(`${id} is at version ${item.version}, acknowledged ${expected.version}`);
      }
    }
    for (const id of ledger.imported) if (exists(id) === null) lost.push(`imported ${id} is gone`);
    if (pending !== null && pending[0] === 'save') {
      const item = exists(pending[1]);
      if (item !== null) ledger.items.set(pending[1], { version: item.version, sha: sha(item.body) });
    }
    if (pending !== null && pending[0] === 'import') {
      const ids = pending[1].split(',');
      const present = ids.filter((id) => exists(id) !== null);
      if (present.length !== 0 && present.length !== ids.length) torn.push(`import half done: ${present.length} of ${ids.length} items`);
      if (present.length === ids.length) for (const id of ids) ledger.imported.add(id);
    }
    const order = service['books.get']({ id: library.bookId }).sections.map((s) => s.id);
    if ([...order].sort().join(',') !== [...library.sectionIds].sort().join(',')) {
      torn.push(`sections are not a permutation: ${order.join(',')}`);
    } else if (order.join(',') !== ledger.order.join(',')) {
      if (pending !== null && pending[0] === 'reorder' && order.join(',') === pending[1]) ledger.order = order;
      else torn.push(`section order ${order.join(',')} is neither the acknowledged nor the one in flight`);
    }
  } finally {
    reopened.close();
  }
  return {
    acks: acked.length,
    inFlight: pending?.[0] ?? 'between actions',
    lost,
    torn,
    integrity,
    killedAfterMs: killAfterMs,
    reopenMs,
  };
}
