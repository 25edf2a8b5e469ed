/**
 * Whole-file operations on a library that is not open elsewhere: recognising a file, making a
 * verified copy (plain or encrypted), encrypting, decrypting. Plain Node: no 'electron'.
 * (Over ~400 lines: every operation below is a step of the one build-verify-swap sequence
 * described here, and they share its helpers.)
 *
 * Every change of encryption builds a complete new file beside the library and swaps it in only
 * after it has been verified (integrity_check, and the same content fingerprint as the source):
 *   1. the source is checkpointed and taken out of WAL (this also fails while another
 *      connection has it open, so nobody writes into the old file behind our back),
 *   2. `VACUUM INTO` a temp file (mode 0600) in the same folder,
 *   3. the temp file is rekeyed in rollback-journal mode (docs/security.md DATA-4: rekey in WAL mode
 *      corrupts silently, better-sqlite3-multiple-ciphers#91), then put back into WAL,
 *   4. it is reopened with its new key and compared with the source,
 *   5. only then: key file written (encrypting) and the temp file renamed over the library,
 *      the folder fsynced, the key file removed (decrypting).
 * A crash at any point leaves the old library whole; the only in-between state, a key file
 * beside a plain library, is recognised by the header and opens as plain.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { nativeBinding } from '../native-binding';
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ApiError } from '../../../src/shared/contract';
import { LibraryTooNewError } from '../../../src/shared/errors';
import { fsyncFolder } from '../atomic-write';
import { applyKey, type Db } from '../open';
import { contentTables, readSchema, tableRows, vacuumInto } from '../repositories/library-file';
import { libraryFormat } from './file-format';
import { DEFAULT_SCRYPT, keyFilePath, newDataKey, readKeyFile, unwrapDataKey, wrapDataKey, writeKeyFile, type ScryptParams } from './key-file';

export { foreignKind, libraryFormat, type LibraryFormat } from './file-format';

/** Opens a file with its key (or none) for reading, without touching it. */
export function openForReading(path: string, key: Buffer | null): Db {
  const db = new Database(path, { readonly: true, fileMustExist: true, nativeBinding: nativeBinding() });
  try {
    if (key !== null) applyKey(db, key);
    db.pragma('temp_store = MEMORY');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * A crash in rollback-journal mode (the library is briefly in that mode while its encryption
 * changes) leaves a hot journal that only a writer can roll back; a read-only probe would
 * otherwise see "attempt to write a readonly database". Rolling it back is SQLite's own crash
 * recovery: it puts back the pages as they were before the interrupted transaction. Returns
 * whether there was one. Failures are left for the probe to report.
 */
export function rollBackInterruptedWrite(path: string, key: Buffer | null): boolean {
  let size = 0;
  try {
    size = statSync(`${path}-journal`).size;
  } catch {
    return false;
  }
  if (size === 0) return false;
  let db: Db | null = null;
  try {
    db = new Database(path, { fileMustExist: true, nativeBinding: nativeBinding() });
    if (key !== null) applyKey(db, key);
    db.pragma('busy_timeout = 5000');
    // the first read of the schema finds the hot journal and rolls it back
    readSchema(db);
    return true;
  } catch {
    return false;
  } finally {
    db?.close();
  }
}

/**
 * A SHA-256 over every row of every ordinary table (full-text index tables excluded: they are
 * derived), in b-tree order, plus the schema version. Two files with the same fingerprint hold
 * the same library.
 */
export function contentFingerprint(db: Db): string {
  const hash = createHash('sha256');
  hash.update(`user_version=${String(db.pragma('user_version', { simple: true }))}\n`);
  for (const table of contentTables(db)) {
    hash.update(`table ${table}\n`);
    for (const row of tableRows(db, table)) {
      hash.update(JSON.stringify(row, (_k, v: unknown) => (Buffer.isBuffer(v) ? `blob:${v.toString('base64')}` : typeof v === 'bigint' ? `big:${v}` : v)));
      hash.update('\n');
    }
  }
  return hash.digest('hex');
}

/** A new empty file, mode 0600, that VACUUM INTO may fill (it accepts an existing empty file). */
export function reserveTempFile(folder: string, stem: string, purpose: string): string {
  const path = join(folder, `.${stem}.${randomBytes(6).toString('hex')}.${purpose}.tmp`);
  closeSync(openSync(path, 'wx', 0o600));
  return path;
}

export function fsyncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function removeWithSidecars(path: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
}

export class CopyFailedError extends ApiError {}

/** integrity_check / quick_check can list hundreds of lines: the first says enough. */
export function firstFinding(result: unknown): string {
  const line = String(result).split('\n').find((l) => l.trim() !== '' && !l.startsWith('*** in database')) ?? String(result);
  return line.length > 160 ? `${line.slice(0, 159)}…` : line;
}

const isDiskFull = (error: unknown) => ['SQLITE_FULL', 'ENOSPC'].includes(String((error as { code?: unknown } | null)?.code));

const diskFull = () =>
  new CopyFailedError('disk_full', 'The disk is full: there is no room for the new copy of the library. Nothing was changed; free some space and try again.');

/**
 * Copies the library open on `source` into `target` (an empty temp file), encrypted with
 * `targetKey` (null: plain), and verifies the copy. `sourceKey` is the key `source` was opened
 * with (null: plain). Returns the content fingerprint both share. The target is left in WAL
 * mode, closed and fsynced; on failure it is removed.
 */
export function copyVerified(source: Db, sourceKey: Buffer | null, target: string, targetKey: Buffer | null, expected?: string): string {
  try {
    const fingerprint = expected ?? contentFingerprint(source);
    vacuumInto(source, target);
    const sameKey = sourceKey === null ? targetKey === null : targetKey !== null && sourceKey.equals(targetKey);
    if (!sameKey) rekeyFile(target, sourceKey, targetKey);
    const copy = new Database(target, { fileMustExist: true, nativeBinding: nativeBinding() });
    try {
      if (targetKey !== null) applyKey(copy, targetKey);
      copy.pragma('temp_store = MEMORY');
      const integrity = copy.pragma('integrity_check', { simple: true });
      if (integrity !== 'ok') throw new CopyFailedError('copy_failed', `the new copy did not pass its integrity check (${String(integrity)})`);
      if (contentFingerprint(copy) !== fingerprint) throw new CopyFailedError('copy_failed', 'the new copy does not hold the same content as the library');
      copy.pragma('journal_mode = WAL');
    } finally {
      copy.close();
    }
    const format = libraryFormat(target);
    if (format !== (targetKey === null ? 'plain' : 'encrypted')) {
      throw new CopyFailedError('copy_failed', `the new copy came out ${format}, not ${targetKey === null ? 'plain' : 'encrypted'}`);
    }
    fsyncFile(target);
    return fingerprint;
  } catch (error) {
    removeWithSidecars(target);
    if (error instanceof ApiError) throw error;
    if (isDiskFull(error)) throw diskFull();
    throw new CopyFailedError('copy_failed', `The copy could not be made: ${(error as Error).message}. The library is unchanged.`);
  }
}

/**
 * Changes a closed file's key in place; only ever called on a temp copy nobody else knows of.
 * DATA-4: out of WAL first, rekey, check the journal mode stayed rollback.
 */
function rekeyFile(path: string, fromKey: Buffer | null, toKey: Buffer | null): void {
  const db = new Database(path, { fileMustExist: true, nativeBinding: nativeBinding() });
  try {
    if (fromKey !== null) applyKey(db, fromKey);
    db.pragma('temp_store = MEMORY');
    db.pragma('wal_checkpoint(TRUNCATE)');
    if (db.pragma('journal_mode = DELETE', { simple: true }) !== 'delete') {
      throw new CopyFailedError('copy_failed', 'the copy could not leave WAL mode for rekeying');
    }
    db.pragma(`cipher = 'chacha20'`);
    // hex we produced from random bytes (or empty to decrypt): safe to inline in the PRAGMA
    db.pragma(toKey === null ? `rekey = ''` : `rekey = "x'${toKey.toString('hex')}'"`);
  } finally {
    db.close();
  }
}

/** Opens the library file for an exclusive whole-file operation: checkpointed, out of WAL. */
export function openExclusive(path: string, key: Buffer | null): Db {
  const db = new Database(path, { fileMustExist: true, nativeBinding: nativeBinding() });
  try {
    if (key !== null) applyKey(db, key);
    db.pragma('busy_timeout = 2000');
    db.pragma('temp_store = MEMORY');
    const quick = db.pragma('quick_check', { simple: true });
    if (quick !== 'ok') throw new ApiError('corrupt', `The library is damaged (${firstFinding(quick)}); restore a backup before changing its encryption.`);
    db.pragma('wal_checkpoint(TRUNCATE)');
    let mode: unknown;
    try {
      mode = db.pragma('journal_mode = DELETE', { simple: true });
    } catch (error) {
      const code = (error as { code?: string }).code ?? '';
      if (!code.startsWith('SQLITE_BUSY') && !code.startsWith('SQLITE_LOCKED')) throw error;
      mode = 'busy';
    }
    if (mode !== 'delete') {
      throw new ApiError('busy', 'The library is open in another Briefbook window or command. Close it there and try again; nothing was changed.');
    }
    return db;
  } catch (error) {
    db.close();
    if (error instanceof ApiError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_NOTADB') throw new ApiError('wrong_key', 'The library could not be read with this key; nothing was changed.');
    if (isDiskFull(error)) throw diskFull();
    throw new ApiError('open_failed', `The library could not be opened: ${(error as Error).message}. Nothing was changed.`);
  }
}

/** Puts a verified temp copy in the library's place (same folder: an atomic rename). */
function swapIn(temp: string, path: string): void {
  renameSync(temp, path);
  // the old file's -wal/-shm (if a WAL was left) must never be applied to the new file
  rmSync(`${path}-wal`, { force: true });
  rmSync(`${path}-shm`, { force: true });
  fsyncFolder(dirname(path));
}

export interface EncryptOptions {
  scrypt?: ScryptParams;
}

/**
 * Encrypts a plain library file with a new random data key wrapped under `passphrase`, and
 * returns the data key. The library must not be open anywhere (close the session's connection
 * first). On any failure the plain library is exactly as it was.
 */
export function encryptLibraryFile(path: string, passphrase: string, options: EncryptOptions = {}): Buffer {
  const format = libraryFormat(path);
  if (format === 'encrypted') throw new ApiError('already_encrypted', 'This library is already encrypted.');
  if (format !== 'plain') throw new ApiError('not_found', `There is no library at ${basename(path)} to encrypt.`);
  const dataKey = newDataKey();
  const source = openExclusive(path, null);
  let temp: string | null = null;
  try {
    temp = reserveTempFile(dirname(path), basename(path), 'encrypting');
    copyVerified(source, null, temp, dataKey);
    // the key file goes first: an encrypted library without its key would be lost
    writeKeyFile(keyFilePath(path), wrapDataKey(dataKey, passphrase, options.scrypt ?? DEFAULT_SCRYPT));
    source.close();
    swapIn(temp, path);
    temp = null;
    return dataKey;
  } catch (error) {
    dataKey.fill(0);
    throw error;
  } finally {
    releaseSource(source, temp);
  }
}

/** After encrypt or decrypt: the source returns to WAL and closes; a leftover copy is removed. */
function releaseSource(source: Db, temp: string | null): void {
  if (source.open) {
    try {
      source.pragma('journal_mode = WAL');
    } finally {
      source.close();
    }
  }
  if (temp !== null) removeWithSidecars(temp);
}

/**
 * Turns an encrypted library back into a plain one. The passphrase is checked against the key
 * file first (a wrong one changes nothing). The key file is removed once the plain library is
 * in place; backups keep their own copies of it.
 */
export function decryptLibraryFile(path: string, passphrase: string): void {
  const format = libraryFormat(path);
  if (format === 'plain') throw new ApiError('not_encrypted', 'This library is not encrypted.');
  if (format !== 'encrypted') throw new ApiError('not_found', `There is no library at ${basename(path)} to decrypt.`);
  const dataKey = unwrapDataKey(readKeyFile(keyFilePath(path)), passphrase);
  try {
    const source = openExclusive(path, dataKey);
    let temp: string | null = null;
    try {
      temp = reserveTempFile(dirname(path), basename(path), 'decrypting');
      copyVerified(source, dataKey, temp, null);
      source.close();
      swapIn(temp, path);
      temp = null;
      rmSync(keyFilePath(path), { force: true });
      fsyncFolder(dirname(path));
    } finally {
      releaseSource(source, temp);
    }
  } finally {
    dataKey.fill(0);
  }
}

/**
 * Refuses a key file that unwraps but belongs to another library (copied beside the wrong
 * file): the data key must open this library before anything is written with it.
 */
export function requireKeyOpens(path: string, dataKey: Buffer): void {
  if (!keyOpens(path, dataKey)) {
    throw new ApiError(
      'wrong_key_file',
      `The key file ${basename(keyFilePath(path))} does not open ${basename(path)}: it belongs to another library, or the library is damaged. Nothing was changed.`,
    );
  }
}

/** Whether `key` opens the database file (its first page decrypts and the schema reads); never writes it. */
export function keyOpens(path: string, key: Buffer): boolean {
  let db: Db | null = null;
  try {
    db = openForReading(path, key);
    readSchema(db);
    return true;
  } catch {
    return false;
  } finally {
    db?.close();
  }
}

/** The data key for a library and passphrase (KeyFileError on a wrong passphrase or bad file). */
export function unlockKey(path: string, passphrase: string): Buffer {
  return unwrapDataKey(readKeyFile(keyFilePath(path)), passphrase);
}

/**
 * Removes temp files a crash left behind beside the library or in its backups folder (never the
 * library or a backup itself). Only files older than `minAgeMs`: a younger one may belong to an
 * encrypt, decrypt or backup running right now in another window or command.
 */
export function removeStaleTempFiles(path: string, backupDir?: string, minAgeMs = 10 * 60_000): string[] {
  const removed: string[] = [];
  const sweep = (folder: string, prefix: string, pattern: RegExp) => {
    let names: string[];
    try {
      names = readdirSync(folder);
    } catch {
      return;
    }
    for (const name of names) {
      if (!name.startsWith(prefix) || !pattern.test(name)) continue;
      const full = join(folder, name);
      try {
        const stat = statSync(full);
        if (stat.isFile() && Date.now() - stat.mtimeMs >= minAgeMs) {
          rmSync(full, { force: true });
          removed.push(name);
        }
      } catch {
        // already gone
      }
    }
  };
  sweep(dirname(path), `.${basename(path)}.`, /\.(encrypting|decrypting|restoring|rotating|swap)\.tmp(-journal|-wal|-shm)?$/);
  if (backupDir !== undefined) sweep(backupDir, `.${basename(path)}.`, /\.(backup|rotating|swap)\.tmp(-journal|-wal|-shm)?$/);
  return removed;
}

/**
 * Whether the file can be opened safely: read-only, keyed, quick_check ok, schema not newer
 * than this app. Returns the problem in words, or null. Never writes.
 */
export function checkReadable(path: string, key: Buffer | null, knownSchema?: number): { code: string; message: string } | null {
  rollBackInterruptedWrite(path, key);
  let db: Db;
  try {
    db = openForReading(path, key);
  } catch (error) {
    return { code: 'open_failed', message: `The library ${basename(path)} could not be opened: ${(error as Error).message}.` };
  }
  try {
    const quick = db.pragma('quick_check', { simple: true });
    if (quick !== 'ok') return { code: 'corrupt', message: `The library ${basename(path)} is damaged (${firstFinding(quick)}).` };
    const version = db.pragma('user_version', { simple: true }) as number;
    if (knownSchema !== undefined && version > knownSchema) {
      return new LibraryTooNewError(`The library ${basename(path)}`, { found: version }).toShape();
    }
    return null;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_NOTADB') {
      return key === null
        ? { code: 'not_a_library', message: `${basename(path)} is not a Briefbook library, or its first page is damaged.` }
        : { code: 'corrupt', message: `${basename(path)} could not be decrypted: the file is damaged, or the key file belongs to another library.` };
    }
    return { code: 'corrupt', message: `The library ${basename(path)} is damaged: ${(error as Error).message}.` };
  } finally {
    db.close();
  }
}
