/**
 * The store's failures in words (IPC-2: no stack, no path): what a session shows as its problem,
 * SQLite's own errors as a named problem, and a whole-file operation's file-system failure.
 */
import { ApiError } from '../../src/shared/contract';
import type { ApiErrorCode, ApiErrorShape } from '../../src/shared/errors';

/** Why a library is not open, for `vault.status`. */
export type Problem = ApiErrorShape;

export function problemOf(error: unknown, fallback: ApiErrorCode): Problem {
  if (error instanceof ApiError) return { code: error.code, message: error.message };
  return { code: fallback, message: error instanceof Error ? error.message : String(error) };
}

/**
 * SQLite's own errors become a named problem (IPC-2: no stack, no path): damage as damage, and a
 * disk that filled up or became read-only while the library was open as that, never as damage.
 * `storage` tells what is wrong with the disk the library is on, if anything.
 */
export function asDamage(error: unknown, storage: () => Problem | null): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (error instanceof ApiError || typeof code !== 'string' || !code.startsWith('SQLITE_')) return error;
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') {
    return new ApiError('corrupt', 'This part of the library is damaged and cannot be read. Restore a backup (Library → Backups).');
  }
  if (code === 'SQLITE_FULL') return new ApiError('disk_full', 'The disk is full: the change was not saved. Free some space and try again.');
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN')) {
    const disk = storage();
    if (disk !== null) return new ApiError(disk.code, `${disk.message} The change was not saved.`);
  }
  if (code.startsWith('SQLITE_BUSY')) return new ApiError('busy', 'Another Briefbook is writing this library; nothing was saved. Try again when it has finished.');
  return new ApiError('storage_error', `The library could not complete this (${code}).`);
}

/**
 * A file-system failure during encrypt, decrypt or restore, in words and without the paths a
 * Node error message carries. Those operations only ever swap in a verified copy, so the
 * library is whole either way.
 */
export function asWholeFileFailure(error: unknown): unknown {
  if (error instanceof ApiError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const reason =
    code === 'ENOSPC'
      ? 'the disk is full'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'EROFS'
          ? 'the disk is read-only'
          : typeof code === 'string'
            ? `a file operation failed (${code})`
            : 'an unexpected error';
  return new ApiError('vault_failed', `This could not be finished: ${reason}. The library was left whole; check its status and try again.`);
}
