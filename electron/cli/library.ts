/**
 * How a command finds and opens its library: `--db PATH`, else BRIEFBOOK_DB. Errors become
 * InputError with a message in words (exit 1).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ApiError } from '../../src/shared/contract';
import { openLibrary, type Library } from '../store';
import { checkReadable, libraryFormat, unlockKey } from '../store/vault/library-file';
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

export async function openCliLibrary(path: string, io: CliIo, options: CliOpenOptions = {}): Promise<Library> {
  if (options.create !== true && !existsSync(path)) {
    throw new InputError(`no library at ${path} (import a file first: briefbook import FILE --db ${path})`);
  }
  const format = libraryFormat(path);
  if (format === 'encrypted') return openEncrypted(path, io);
  if (format === 'plain') refuseDamaged(path, null);
  try {
    return openLibrary(path, { mustExist: options.create !== true });
  } catch (error) {
    if (error instanceof ApiError) throw new InputError(error.message);
    throw error;
  }
}

/**
 * A passphrase for scripts from the environment, else from a prompt without echo. No terminal
 * and no variable: exit 1 with what to do.
 */
export async function readPassphrase(io: CliIo, variable = 'BRIEFBOOK_PASSPHRASE', question = 'Passphrase: '): Promise<string> {
  const fromEnv = io.env[variable];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  const typed = await io.prompt(question);
  if (typed === null) throw new InputError(`a passphrase is needed: run in a terminal, or set ${variable}`);
  if (typed === '') throw new InputError('no passphrase given; nothing was changed');
  return typed;
}

/** The data key of an encrypted library (exit 1, nothing touched, on a wrong passphrase). */
export async function libraryKey(path: string, io: CliIo): Promise<Buffer> {
  const passphrase = await readPassphrase(io);
  try {
    return unlockKey(path, passphrase);
  } catch (error) {
    if (error instanceof ApiError) throw new InputError(error.message);
    throw error;
  }
}

/** A damaged file is never opened for writing (closing a writer would checkpoint into it). */
function refuseDamaged(path: string, key: Buffer | null): void {
  const problem = checkReadable(path, key);
  if (problem !== null) {
    throw new InputError(`${problem.message} See: briefbook backup list --db ${path}`);
  }
}

async function openEncrypted(path: string, io: CliIo): Promise<Library> {
  const key = await libraryKey(path, io);
  try {
    refuseDamaged(path, key);
    return openLibrary(path, { key, mustExist: true });
  } catch (error) {
    if (error instanceof ApiError) throw new InputError(error.message);
    throw error;
  } finally {
    // SQLite holds its own copy once the connection is keyed
    key.fill(0);
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
