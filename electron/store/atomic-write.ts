/**
 * Atomic file writes (SECURITY.md EXP-1): a temp file in the same folder (mode 0600), fsync,
 * rename over the target, fsync the folder. A crash leaves the old file or the new one, never a
 * torn one; a failed write (a full disk) removes the temp file and leaves the old file intact.
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
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
