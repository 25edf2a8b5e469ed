/**
 * Telling a full or read-only disk from a damaged library. SQLite reports both alike ("disk I/O
 * error", "unable to open database file", "attempt to write a readonly database"): when opening
 * fails, the folder is asked directly before anyone is told their library is damaged. And a
 * plain library on such a disk can still be read, from an in-memory image of the file.
 * Plain Node: no 'electron'.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { accessSync, constants, readFileSync, statfsSync, statSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { applyKey, type Db } from '../open';
import { readSchema } from '../repositories/library-file';

export type StorageCode = 'disk_full' | 'read_only_disk';

export interface StorageProblem {
  code: StorageCode;
  message: string;
}

export const STORAGE_CODES: readonly string[] = ['disk_full', 'read_only_disk'] satisfies StorageCode[];

/** Less free space than this, and SQLite cannot make its -wal and -shm (32 KiB) and grow them. */
const LOW_SPACE_BYTES = 1024 * 1024;

function size(bytes: number): string {
  return bytes < 1024 ? `${bytes} bytes` : bytes < 1024 * 1024 ? `${Math.floor(bytes / 1024)} KiB` : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/**
 * Whether the library's disk is full or read-only (the folder or the file itself), asked of the
 * file system: write access to the folder (and the file), and (unless `space` is false) its
 * free space and inodes. Nothing is written. Null when neither: then a failure to open is the
 * file's own.
 */
export function storageProblem(path: string, options: { space?: boolean } = {}): StorageProblem | null {
  const name = basename(path);
  const folder = dirname(path);
  const readOnly = (why: string): StorageProblem => ({
    code: 'read_only_disk',
    message: `The library ${name} is ${why}: it can be read but not changed.`,
  });
  try {
    // access(2) answers EROFS on a read-only mount even for root, EACCES without permission
    accessSync(folder, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EROFS') return readOnly('on a read-only disk');
    if (code === 'EACCES' || code === 'EPERM') return readOnly('in a folder you cannot write to');
    return null;
  }
  if (options.space !== false) {
    try {
      const stats = statfsSync(folder);
      const free = Number(stats.bavail) * Number(stats.bsize);
      if (free < LOW_SPACE_BYTES) return full(name, free);
      // no file can be created without a free inode either (0 on file systems that do not count them)
      if (Number(stats.files) > 0 && Number(stats.ffree) === 0) return full(name, free);
    } catch {
      // no statfs here: nothing more to tell
    }
  }
  try {
    if (statSync(path).isFile()) accessSync(path, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return readOnly('a read-only file');
  }
  return null;
}

function full(name: string, free: number): StorageProblem {
  return {
    code: 'disk_full',
    message: `The disk holding the library ${name} is full (${size(free)} free): it can be read but not changed. Free some space and try again.`,
  };
}

/**
 * A read-only in-memory image of a plain library that cannot be opened in place (SQLite needs to
 * create its -shm beside a WAL library even to read it). Refused, with why in words, when it
 * would not show the library as it is: an encrypted file (SQLite3 Multiple Ciphers cannot key
 * an in-memory database), or a -wal holding changes that are not in the file yet.
 */
export function openImage(path: string, key: Buffer | null): { db: Db } | { why: string } {
  if (key !== null) {
    return { why: 'An encrypted library cannot be read from there: copy it with its .key file to a writable disk with free space.' };
  }
  let wal = 0;
  try {
    wal = statSync(`${path}-wal`).size;
  } catch {
    wal = 0;
  }
  if (wal > 0) {
    return {
      why: `Its -wal file holds changes not yet in the library file, which can only be read where SQLite may write: copy ${basename(path)} with its -wal and -shm to a writable disk.`,
    };
  }
  try {
    const bytes = readFileSync(path);
    // the header's read and write versions say WAL (2); an image in memory has no WAL: legacy (1)
    if (bytes.length >= 20) {
      bytes[18] = 1;
      bytes[19] = 1;
    }
    const db = new Database(bytes, { readonly: true });
    db.pragma('temp_store = MEMORY');
    return { db };
  } catch (error) {
    return { why: `It could not be read: ${(error as Error).message}.` };
  }
}

/**
 * On a full disk SQLite cannot grow the -shm a reader needs, but a connection in exclusive
 * locking mode keeps the WAL index in memory and needs no -shm at all. It is opened read-write
 * (SQLite allows exclusive mode only there) and then made query-only, so nothing can be written
 * through it; it reads the -wal, and works for an encrypted library too. Fails (busy) while
 * another connection has the library open.
 */
export function openExclusiveReader(path: string, key: Buffer | null): Db {
  const db = new Database(path, { fileMustExist: true });
  try {
    if (key !== null) applyKey(db, key);
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('temp_store = MEMORY');
    db.pragma('query_only = ON');
    readSchema(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
