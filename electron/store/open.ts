/**
 * Opening a library file: pragmas set and verified on every connection (docs/security.md DUR-1,
 * DATA-2), a quick_check, migrations. Plain Node: no 'electron'.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { closeSync, existsSync, openSync } from 'node:fs';
import { basename } from 'node:path';
import { ApiError } from '../../src/shared/contract';
import { migrate } from './migrate';
import { nativeBinding } from './native-binding';

import type { Db } from './db';

export type { Db };

export interface OpenOptions {
  readOnly?: boolean;
  /** refuse to create a file that is not there (open an existing library only) */
  mustExist?: boolean;
  /**
   * The raw 32-byte data key of an encrypted library. Applied before anything else is read;
   * the cipher is ChaCha20-Poly1305 (authenticated) from SQLite3 Multiple Ciphers.
   */
  key?: Buffer;
  /** skip migrations (tools that inspect a file as it is) */
  migrate?: boolean;
}

export class LibraryOpenError extends ApiError {}

const BUSY_TIMEOUT_MS = 5_000;

export function applyKey(db: Db, key: Buffer): void {
  if (key.length !== 32) throw new Error('a data key is 32 bytes');
  db.pragma(`cipher = 'chacha20'`);
  // the key is hex we produced from random bytes: safe to inline in the PRAGMA
  db.pragma(`key = "x'${key.toString('hex')}'"`);
}

/** Sets and checks the pragmas every connection must run with. */
export function configureConnection(db: Db, readOnly: boolean): void {
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.pragma('foreign_keys = ON');
  db.pragma('temp_store = MEMORY');
  // 32 MiB of page cache: imports and searches over a large library stay in memory
  db.pragma('cache_size = -32768');
  db.pragma('synchronous = FULL');
  if (!readOnly) db.pragma('journal_mode = WAL');
  const checks: [string, unknown][] = [
    ['foreign_keys', 1],
    ['temp_store', 2],
    ['synchronous', 2],
    ['busy_timeout', BUSY_TIMEOUT_MS],
  ];
  if (!readOnly) checks.push(['journal_mode', 'wal']);
  for (const [pragma, expected] of checks) {
    const actual = db.pragma(pragma, { simple: true });
    if (actual !== expected) {
      throw new LibraryOpenError('pragma_failed', `the library could not be opened safely: ${pragma} is ${String(actual)}, expected ${String(expected)}`);
    }
  }
}

/** Opens (or creates) a library file and brings it to the current schema. */
/** Creates `path` as an empty file readable by its owner only, unless it exists. */
export function createOwnerOnly(path: string): void {
  try {
    closeSync(openSync(path, 'wx', 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

export function openDatabase(path: string, options: OpenOptions = {}): Db {
  const readOnly = options.readOnly ?? false;
  if ((readOnly || options.mustExist === true) && !existsSync(path)) {
    throw new LibraryOpenError('not_found', `There is no library file ${basename(path)} at that place.`);
  }
  let db: Db;
  try {
    // a new library is created empty with mode 0600 first: SQLite would create it 0644 (less the
    // umask), and gives its -wal and -shm the library's mode
    if (!readOnly && options.mustExist !== true) createOwnerOnly(path);
    db = new Database(path, { readonly: readOnly, fileMustExist: readOnly || options.mustExist === true, nativeBinding: nativeBinding() });
  } catch (error) {
    throw new LibraryOpenError('open_failed', `The library ${basename(path)} could not be opened: ${(error as Error).message}`);
  }
  try {
    if (options.key !== undefined) applyKey(db, options.key);
    const quick = db.pragma('quick_check', { simple: true });
    if (quick !== 'ok') {
      throw new LibraryOpenError('corrupt', `The library ${basename(path)} is damaged (${String(quick)}).`);
    }
    configureConnection(db, readOnly);
    if (options.migrate !== false && !readOnly) migrate(db);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof ApiError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_NOTADB') {
      throw new LibraryOpenError(
        options.key === undefined ? 'encrypted_or_not_a_library' : 'wrong_key',
        options.key === undefined
          ? `${basename(path)} is encrypted or is not a Briefbook library.`
          : `${basename(path)} could not be decrypted with this key.`,
      );
    }
    if (code === 'SQLITE_CORRUPT') {
      throw new LibraryOpenError('corrupt', `The library ${basename(path)} is damaged: ${(error as Error).message}`);
    }
    throw new LibraryOpenError('open_failed', `The library ${basename(path)} could not be opened: ${(error as Error).message}`);
  }
}
