/**
 * How a command finds and opens its library: `--db PATH`, else BRIEFBOOK_DB. Errors become
 * InputError with a message in words (exit 1).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ApiError } from '../../src/shared/contract';
import { openLibrary, type Library } from '../store';
import { InputError, UsageError, type CliIo } from './command';

export function libraryPath(values: Record<string, string>, io: CliIo): string {
  const path = values.db ?? io.env.BRIEFBOOK_DB;
  if (path === undefined || path === '') {
    throw new UsageError('no library: pass --db PATH or set BRIEFBOOK_DB');
  }
  return resolve(path);
}

export interface CliOpenOptions {
  /** create the file when it is not there (import); otherwise a missing file is an error */
  create?: boolean;
}

export async function openCliLibrary(path: string, _io: CliIo, options: CliOpenOptions = {}): Promise<Library> {
  if (options.create !== true && !existsSync(path)) {
    throw new InputError(`no library at ${path} (import a file first: briefbook import FILE --db ${path})`);
  }
  try {
    return openLibrary(path, { mustExist: options.create !== true });
  } catch (error) {
    if (error instanceof ApiError) throw new InputError(error.message);
    throw error;
  }
}

/** Runs `fn` with an open library and always closes it. */
export async function withLibrary<T>(
  values: Record<string, string>,
  io: CliIo,
  fn: (library: Library) => T | Promise<T>,
  options: CliOpenOptions = {},
): Promise<T> {
  const library = await openCliLibrary(libraryPath(values, io), io, options);
  try {
    return await fn(library);
  } finally {
    library.close();
  }
}
