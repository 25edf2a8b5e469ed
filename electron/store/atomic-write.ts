/**
 * Atomic file writes (docs/security.md EXP-1): a temp file in the same folder (mode 0600), fsync,
 * rename over the target, fsync the folder. A crash leaves the old file or the new one, never a
 * torn one; a failed write (a full disk) removes the temp file and leaves the old file intact.
 */
import { accessSync, closeSync, constants, copyFileSync, fsyncSync, linkSync, openSync, renameSync, rmSync, statSync, writeSync, type Stats } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

export class WriteFailedError extends Error {
  constructor(
    readonly target: string,
    readonly reason: string,
    readonly errno?: string,
  ) {
    super(`could not write ${basename(target)}: ${reason}; the previous file, if any, is unchanged`);
    this.name = 'WriteFailedError';
  }
}

function describe(error: unknown): { reason: string; code?: string } {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOSPC') return { reason: 'the disk is full', code };
  if (code === 'EACCES' || code === 'EPERM') return { reason: 'permission denied', code };
  if (code === 'ENOENT') return { reason: 'the folder does not exist', code };
  if (code === 'EROFS') return { reason: 'the disk is read-only', code };
  return { reason: error instanceof Error ? error.message : String(error), code };
}

export function writeFileAtomic(target: string, data: Uint8Array | string): void {
  const folder = dirname(target);
  const temp = join(folder, `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let fd: number | null = null;
  try {
    fd = openSync(temp, 'wx', 0o600);
    let offset = 0;
    while (offset < bytes.byteLength) {
      offset += writeSync(fd, bytes, offset, bytes.byteLength - offset);
    }
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    renameSync(temp, target);
  } catch (error) {
    if (fd !== null) {
      try {
        closeSync(fd);
      } catch {
        // already failing: the original error is the one to report
      }
    }
    rmSync(temp, { force: true });
    const { reason, code } = describe(error);
    throw new WriteFailedError(target, reason, code);
  }
  fsyncFolder(folder);
}

/** Makes the rename itself durable. Some platforms cannot open a folder; there it is skipped. */
export function fsyncFolder(folder: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(folder, 'r');
    fsyncSync(fd);
  } catch {
    // Windows cannot fsync a directory; the rename is already as durable as it gets there
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/**
 * Refuses, before anything is written, a target the user cannot mean to overwrite: a folder, or
 * a read-only file (no write permission bit, or no write access for this user). Renaming over a
 * read-only file would succeed, so writeFileAtomic alone would replace it.
 */
export function checkWritableTarget(target: string): void {
  let stat: Stats;
  try {
    stat = statSync(target);
  } catch {
    return; // nothing there yet
  }
  if (stat.isDirectory()) throw new WriteFailedError(target, 'a folder of that name is in the way');
  if (!stat.isFile()) throw new WriteFailedError(target, 'it is not a regular file');
  let writable = (stat.mode & 0o222) !== 0;
  if (writable) {
    try {
      accessSync(target, constants.W_OK);
    } catch {
      writable = false;
    }
  }
  if (!writable) throw new WriteFailedError(target, 'it is read-only (make it writable, or choose another name)');
}

export interface PlannedFile {
  path: string;
  data: Uint8Array | string;
}

/**
 * Writes the files of one export (a book, its pocket card, numbered copies) all or nothing:
 * every target is checked first, every file written to a temp file beside its target and
 * fsynced, and only then are they renamed into place. A failure before the renames leaves no new
 * file; a failure during them puts back the files that were there before (kept as hard links
 * until the end). Throws WriteFailedError naming the file that failed.
 */
export function writeFilesAtomic(files: readonly PlannedFile[]): void {
  for (const file of files) checkWritableTarget(file.path);
  const temps: string[] = [];
  const kept = new Map<string, string | null>();
  let current = files[0]?.path ?? '';
  try {
    for (const file of files) {
      current = file.path;
      const temp = join(dirname(file.path), `.${basename(file.path)}.${randomBytes(6).toString('hex')}.tmp`);
      const fd = openSync(temp, 'wx', 0o600);
      temps.push(temp);
      try {
        const bytes = typeof file.data === 'string' ? Buffer.from(file.data, 'utf8') : file.data;
        let offset = 0;
        while (offset < bytes.byteLength) offset += writeSync(fd, bytes, offset, bytes.byteLength - offset);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
    for (const file of files) {
      current = file.path;
      const old = join(dirname(file.path), `.${basename(file.path)}.${randomBytes(6).toString('hex')}.old`);
      try {
        linkSync(file.path, old);
        kept.set(file.path, old);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') kept.set(file.path, null);
        else {
          // a file system without hard links (FAT, exFAT): keep a copy instead
          kept.set(file.path, old);
          copyFileSync(file.path, old);
        }
      }
    }
    files.forEach((file, index) => {
      current = file.path;
      renameSync(temps[index], file.path);
      temps[index] = '';
    });
  } catch (error) {
    // put back what was there: the renamed files are replaced by their old selves or removed
    files.forEach((file, index) => {
      if (temps[index] !== '' || !kept.has(file.path)) return;
      const old = kept.get(file.path);
      if (old === null || old === undefined) rmSync(file.path, { force: true });
      else renameSync(old, file.path);
      kept.delete(file.path);
    });
    for (const temp of temps) if (temp !== '') rmSync(temp, { force: true });
    for (const old of kept.values()) if (old !== null) rmSync(old, { force: true });
    const { reason, code } = describe(error);
    throw new WriteFailedError(current, reason, code);
  }
  for (const old of kept.values()) if (old !== null) rmSync(old, { force: true });
  for (const folder of new Set(files.map((file) => dirname(file.path)))) fsyncFolder(folder);
}
