/**
 * Replacing several files as one step (all or nothing), for the operations that must change a
 * library's key file and every backup's key file together (passphrase change), or the library,
 * every backup and all their key files together (data-key rotation). Plain Node: no 'electron'.
 *
 * A rename is atomic for one file only, so a set of renames is made durable with an intent
 * file, `<library>.swap`, written after every new file is complete and fsynced:
 *   1. every new file is written to a temp file beside its target (mode 0600) and fsynced;
 *   2. the intent file lists the pairs (temp → target) and is written atomically: this is the
 *      commit point;
 *   3. each temp file is renamed over its target (a database target also loses its `-wal` and
 *      `-shm`, which belonged to the file it replaced), the folders are fsynced;
 *   4. the intent file is removed.
 * A crash before step 2 leaves every old file in place (the temp files are swept later); a crash
 * after it is rolled forward by `finishInterruptedSwap` before anything opens the library, so
 * the next open sees every new file. Never a mix.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { z } from 'zod';
import { fsyncFolder, writeFileAtomic } from '../atomic-write';

export interface FileSwap {
  /** the complete, fsynced new file */
  from: string;
  /** the file it replaces */
  to: string;
  /** a database: the `-wal` and `-shm` of the file it replaces are removed with it */
  database?: boolean;
}

interface Intent {
  format: 'briefbook-swap';
  version: 1;
  swaps: { from: string; to: string; database: boolean }[];
  /** files that go once every rename is done (what the new files make obsolete) */
  removes?: string[];
}

/** What an intent file must hold to be acted on; anything else is left for a person to look at. */
const intentSchema = z.looseObject({
  format: z.literal('briefbook-swap'),
  swaps: z.array(z.looseObject({ from: z.string().min(1), to: z.string().min(1), database: z.boolean().optional() })),
  removes: z.array(z.string().min(1)).optional().catch(undefined),
});

export const swapIntentPath = (libraryPath: string): string => `${libraryPath}.swap`;

/** Paths are stored relative to the library's folder: a folder moved after a crash still rolls forward. */
function toStored(base: string, path: string): string {
  return relative(base, path);
}

function fromStored(base: string, path: string): string {
  return isAbsolute(path) ? path : resolve(base, path);
}

function apply(base: string, swaps: Intent['swaps'], removes: string[]): void {
  const folders = new Set<string>();
  for (const swap of swaps) {
    const from = fromStored(base, swap.from);
    const to = fromStored(base, swap.to);
    if (existsSync(from)) renameSync(from, to);
    if (swap.database) {
      rmSync(`${to}-wal`, { force: true });
      rmSync(`${to}-shm`, { force: true });
    }
    folders.add(dirname(to));
  }
  for (const stored of removes) {
    const path = fromStored(base, stored);
    rmSync(path, { force: true });
    folders.add(dirname(path));
  }
  for (const folder of folders) fsyncFolder(folder);
}

/**
 * Renames every `from` over its `to`, then removes `removes`, as one step (see above). `libraryPath` names the library
 * the files belong to: its intent file is where an interrupted swap is found again.
 */
export function commitSwap(libraryPath: string, swaps: FileSwap[], removes: string[] = []): void {
  const base = dirname(libraryPath);
  const intent: Intent = {
    format: 'briefbook-swap',
    version: 1,
    swaps: swaps.map((s) => ({ from: toStored(base, s.from), to: toStored(base, s.to), database: s.database === true })),
    removes: removes.map((r) => toStored(base, r)),
  };
  const folders = new Set(swaps.map((s) => dirname(s.from)));
  for (const folder of folders) fsyncFolder(folder);
  const marker = swapIntentPath(libraryPath);
  writeFileAtomic(marker, `${JSON.stringify(intent, null, 2)}\n`);
  apply(base, intent.swaps, intent.removes ?? []);
  rmSync(marker, { force: true });
  fsyncFolder(base);
}

/**
 * Finishes a swap a crash interrupted after its commit point; returns whether there was one.
 * Called before a library is opened or its files are changed again. An intent file that cannot
 * be read (never written whole: it is written atomically) is left for a person to look at.
 */
export function finishInterruptedSwap(libraryPath: string): boolean {
  const marker = swapIntentPath(libraryPath);
  if (!existsSync(marker)) return false;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(marker, 'utf8'));
  } catch {
    return false;
  }
  const intent = intentSchema.safeParse(parsed);
  if (!intent.success) return false;
  const base = dirname(libraryPath);
  apply(base, intent.data.swaps.map((swap) => ({ ...swap, database: swap.database === true })), intent.data.removes ?? []);
  rmSync(marker, { force: true });
  fsyncFolder(base);
  return true;
}

/** Removes prepared temp files after a failure before the commit point. */
export function discardSwap(swaps: FileSwap[]): void {
  for (const swap of swaps) {
    for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${swap.from}${suffix}`, { force: true });
  }
}

/** A complete new file, mode 0600, fsynced, beside `target`; returns its path. */
export function prepareFile(target: string, data: string): string {
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.swap.tmp`);
  const fd = openSync(temp, 'wx', 0o600);
  try {
    const bytes = Buffer.from(data, 'utf8');
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return temp;
}

/**
 * A read-only connection leaves an empty `-wal` and a `-shm` beside a WAL-mode file; with no
 * content in the WAL they carry nothing and are removed (nothing else reads a backup).
 */
export function removeEmptyWalLeftovers(file: string): void {
  try {
    if (statSync(`${file}-wal`).size !== 0) return;
  } catch {
    if (existsSync(`${file}-shm`)) rmSync(`${file}-shm`, { force: true });
    return;
  }
  rmSync(`${file}-wal`, { force: true });
  rmSync(`${file}-shm`, { force: true });
}
