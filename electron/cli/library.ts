/**
 * How a command finds and opens its library: `--db PATH`, else BRIEFBOOK_DB. Every command opens
 * through the same session as the app (electron/store/session.ts), so the same checks apply: a
 * 0-byte, damaged, foreign or too-new file is refused in words and never replaced by a new
 * library. Only `import` into a path where no file exists creates one. Errors become InputError
 * (exit 1).
 */
import { basename, resolve } from 'node:path';
import { ApiError, type StoreService } from '../../src/shared/contract';
import type { LibraryService } from '../store';
import { openLibrarySession } from '../store/session';
import { STORAGE_CODES } from '../store/vault/storage';
import { foreignKind, libraryFormat, type LibraryFormat } from '../store/vault/library-file';
import { InputError, UsageError, type CliIo } from './command';

export function libraryPath(values: Record<string, string>, io: CliIo): string {
  const path = values.db ?? io.env.BRIEFBOOK_DB;
  if (path === undefined || path === '') {
    throw new UsageError('no library: pass --db PATH or set BRIEFBOOK_DB');
  }
  return resolve(path);
}

/**
 * For the commands that work on the library file itself (encrypt, decrypt, passphrase): its
 * format, after refusing in words a file that is missing, empty or no library at all.
 */
export function requireLibraryFile(path: string): Exclude<LibraryFormat, 'missing' | 'empty'> {
  const format = libraryFormat(path);
  if (format === 'missing') throw new InputError(`no library at ${path}`);
  if (format === 'empty') throw new InputError(`${basename(path)} is empty (0 bytes): it was cut short. It was left as it is; open a backup (briefbook backup list --db ${path}).`);
  const foreign = format === 'encrypted' ? foreignKind(path) : null;
  if (foreign !== null) throw new InputError(`${basename(path)} is not a Briefbook library (it is ${foreign}); nothing was changed.`);
  return format;
}

/** What a command may call: the store methods and the export log, through the session. */
export type CliService = StoreService & Pick<LibraryService, 'recordExport' | 'recordExports' | 'exportsBySha'>;

export interface CliLibrary {
  path: string;
  service: CliService;
  /** why the library cannot be changed here (a full or read-only disk), or null when it can */
  readOnly: string | null;
  close(): void;
}

export interface CliOpenOptions {
  /** create a new library when no file is at the path (import); otherwise a missing file is an error */
  create?: boolean;
  /** a command that only reads (list, search, export, pdf, verify) works from a full or read-only disk */
  readOnly?: boolean;
}

export async function openCliLibrary(path: string, io: CliIo, options: CliOpenOptions = {}): Promise<CliLibrary> {
  const creating = options.create === true && libraryFormat(path) === 'missing';
  if (!creating && libraryFormat(path) === 'missing') {
    throw new InputError(`no library at ${path} (import a file first: briefbook import FILE --db ${path})`);
  }
  // the CLI takes no rolling backups and never locks on its own: one command, one short session
  const session = openLibrarySession(path, { create: creating, backupOnOpen: false, backupEveryMinutes: 0, idleLockMinutes: 0 });
  try {
    if (session['vault.status']({}).state === 'locked') {
      const passphrase = await readPassphrase(io);
      session['vault.unlock']({ passphrase });
    }
    const status = session['vault.status']({});
    const problem = status.problem;
    if (status.state !== 'open') {
      const storage = problem !== null && STORAGE_CODES.includes(problem.code);
      if (storage && options.readOnly === true && session.currentService() !== null) {
        return { path, service: session, readOnly: problem.message, close: () => session.close() };
      }
      // a full or read-only disk is no reason to go to the backups
      const hint = storage ? '' : ` See: briefbook backup list --db ${path}`;
      throw new InputError(`${problem?.message ?? `${path} could not be opened.`}${hint}`);
    }
  } catch (error) {
    session.close();
    if (error instanceof ApiError) throw new InputError(error.message);
    throw error;
  }
  return { path, service: session, readOnly: null, close: () => session.close() };
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

/** Runs `fn` with an open library and always closes it. */
export async function withLibrary<T>(
  values: Record<string, string>,
  io: CliIo,
  fn: (library: CliLibrary) => T | Promise<T>,
  options: CliOpenOptions = {},
): Promise<T> {
  const library = await openCliLibrary(libraryPath(values, io), io, options);
  try {
    return await fn(library);
  } finally {
    library.close();
  }
}
