/**
 * Changing what unlocks a library, everywhere at once (docs/data-at-rest.md, "Passphrase change
 * or key rotation"). Plain Node: no 'electron'.
 *
 * - `changePassphrase` rewraps the data key under the new passphrase in the library's key file
 *   AND in the key file of every backup encrypted with the same data key: otherwise the old
 *   passphrase and a backup's key file would still unwrap the key that opens today's library.
 *   No database file is rewritten.
 * - `rotateDataKey` makes a new data key and re-encrypts the library and every backup under it
 *   (each a verified copy, rekeyed through the DATA-4 wrapper in `copyVerified`), with new key
 *   files: afterwards no earlier key file, with any passphrase, opens anything.
 *
 * Both replace all their files as one step (`commitSwap`): a crash leaves every old file or
 * every new one.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ApiError } from '../../../src/shared/contract';
import type { Db } from '../db';
import { defaultBackupDir, listBackups, type BackupPlace } from './backups';
import { commitSwap, discardSwap, finishInterruptedSwap, prepareFile, removeEmptyWalLeftovers, type FileSwap } from './file-swap';
import {
  DEFAULT_SCRYPT,
  KeyFileError,
  keyFilePath,
  newDataKey,
  parseKeyFile,
  readKeyFile,
  unwrapDataKey,
  wrapDataKey,
  type KeyFile,
  type ScryptParams,
} from './key-file';
import { copyVerified, keyOpens, libraryFormat, openExclusive, openForReading, requireKeyOpens, reserveTempFile } from './library-file';

export interface KeyChangeOptions {
  /** key-derivation cost of the new key files (default: today's, never weaker than the old file's) */
  scrypt?: ScryptParams;
  /** the library's backups folder (default `<library>.backups`) */
  backupDir?: string;
}

/** What a passphrase change or rotation did, for the CLI and the settings screen to say. */
export interface KeyChangeReport {
  /** backups whose key file (and, on rotation, file) now follows the library */
  updated: string[];
  /** encrypted backups left as they were: another data key the passphrase does not unwrap, or unreadable */
  untouched: { name: string; why: string }[];
}

const keyText = (file: KeyFile) => `${JSON.stringify(file, null, 2)}\n`;

/** Whether `key` opens a backup; reading it leaves no empty -wal/-shm beside it. */
function opensWith(file: string, key: Buffer): boolean {
  try {
    return keyOpens(file, key);
  } finally {
    removeEmptyWalLeftovers(file);
  }
}

/**
 * The data key of an encrypted backup: the library's (`libraryKey`) when it opens it, else its
 * own key file unwrapped with `passphrase`. Null when neither works (said in `why`).
 */
function backupKey(file: string, libraryKey: Buffer, passphrase: string): { key: Buffer | null; why: string } {
  if (opensWith(file, libraryKey)) return { key: Buffer.from(libraryKey), why: '' };
  if (!existsSync(`${file}.key`)) return { key: null, why: 'it has no key file and another data key' };
  try {
    const own = unwrapDataKey(readKeyFile(`${file}.key`), passphrase);
    if (opensWith(file, own)) return { key: own, why: '' };
    own.fill(0);
    return { key: null, why: 'it cannot be read with its own key' };
  } catch (error) {
    return { key: null, why: error instanceof KeyFileError && error.code === 'wrong_passphrase' ? 'its key file has another passphrase' : (error as Error).message };
  }
}

function placeOf(path: string, options: KeyChangeOptions): BackupPlace {
  return { libraryPath: path, dir: options.backupDir ?? defaultBackupDir(path) };
}

function strongest(file: KeyFile, options: KeyChangeOptions): ScryptParams {
  return (
    options.scrypt ?? {
      N: Math.max(file.kdf.N, DEFAULT_SCRYPT.N),
      r: Math.max(file.kdf.r, DEFAULT_SCRYPT.r),
      p: Math.max(file.kdf.p, DEFAULT_SCRYPT.p),
    }
  );
}

function createdAtOf(keyPath: string, fallback: string): string {
  try {
    return parseKeyFile(readFileSync(keyPath, 'utf8')).createdAt;
  } catch {
    return fallback;
  }
}

function requireEncrypted(path: string): void {
  finishInterruptedSwap(path);
  if (libraryFormat(path) !== 'encrypted') throw new ApiError('not_encrypted', 'This library is not encrypted, so it has no passphrase.');
}

/**
 * Rewraps the data key under `next` in the library's key file and in the key file of every
 * backup the same data key opens, all or nothing. No database file is opened for writing.
 */
export function changePassphrase(path: string, current: string, next: string, options: KeyChangeOptions = {}): KeyChangeReport {
  requireEncrypted(path);
  const keyPath = keyFilePath(path);
  const file = readKeyFile(keyPath);
  const dataKey = unwrapDataKey(file, current);
  const swaps: FileSwap[] = [];
  const report: KeyChangeReport = { updated: [], untouched: [] };
  try {
    // a key file copied from another library unwraps, but must not be rewritten as this one's
    requireKeyOpens(path, dataKey);
    const wrapped = wrapDataKey(dataKey, next, strongest(file, options), file.createdAt);
    swaps.push({ from: prepareFile(keyPath, keyText(wrapped)), to: keyPath });
    const place = placeOf(path, options);
    for (const entry of listBackups(place)) {
      const backup = join(place.dir, entry.name);
      if (libraryFormat(backup) !== 'encrypted' || !existsSync(`${backup}.key`)) continue;
      if (!opensWith(backup, dataKey)) {
        report.untouched.push({ name: entry.name, why: 'it is encrypted with another data key, which does not open this library' });
        continue;
      }
      const own = { ...wrapped, createdAt: createdAtOf(`${backup}.key`, wrapped.createdAt) };
      swaps.push({ from: prepareFile(`${backup}.key`, keyText(own)), to: `${backup}.key` });
      report.updated.push(entry.name);
    }
    commitSwap(path, swaps);
    return report;
  } catch (error) {
    discardSwap(swaps);
    throw error;
  } finally {
    dataKey.fill(0);
  }
}

export interface RotateOptions extends KeyChangeOptions {
  /** a new passphrase for the new key files (default: keep `passphrase`) */
  next?: string;
}

/**
 * Re-encrypts the library and every backup under a new data key and writes new key files, all
 * or nothing; returns the new data key. The library must not be open elsewhere (like encrypt).
 * A backup that cannot be re-encrypted (another data key the passphrase does not unwrap, or
 * damaged) is left as it was and named in the report.
 */
export function rotateDataKey(path: string, passphrase: string, options: RotateOptions = {}): { key: Buffer; report: KeyChangeReport } {
  requireEncrypted(path);
  const keyPath = keyFilePath(path);
  const file = readKeyFile(keyPath);
  const oldKey = unwrapDataKey(file, passphrase);
  const newKey = newDataKey();
  const swaps: FileSwap[] = [];
  const report: KeyChangeReport = { updated: [], untouched: [] };
  let source: Db | null = null;
  try {
    source = openExclusive(path, oldKey);
    const libraryTemp = reserveTempFile(dirname(path), basename(path), 'rotating');
    swaps.push({ from: libraryTemp, to: path, database: true });
    copyVerified(source, oldKey, libraryTemp, newKey);
    const wrapped = wrapDataKey(newKey, options.next ?? passphrase, strongest(file, options), file.createdAt);
    swaps.push({ from: prepareFile(keyPath, keyText(wrapped)), to: keyPath });
    const place = placeOf(path, options);
    for (const entry of listBackups(place)) {
      const backup = join(place.dir, entry.name);
      if (libraryFormat(backup) !== 'encrypted') continue;
      const { key: own, why } = backupKey(backup, oldKey, passphrase);
      if (own === null) {
        report.untouched.push({ name: entry.name, why });
        continue;
      }
      let reader: Db | null = null;
      const temp = reserveTempFile(place.dir, entry.name, 'rotating');
      swaps.push({ from: temp, to: backup, database: true });
      try {
        reader = openForReading(backup, own);
        copyVerified(reader, own, temp, newKey);
      } catch (error) {
        // a damaged copy cannot be verified: it stays as it was, and is named
        swaps.pop();
        rmSync(temp, { force: true });
        report.untouched.push({ name: entry.name, why: error instanceof Error ? error.message : String(error) });
        continue;
      } finally {
        reader?.close();
        removeEmptyWalLeftovers(backup);
        own.fill(0);
      }
      const ownKeyFile = { ...wrapped, createdAt: createdAtOf(`${backup}.key`, wrapped.createdAt) };
      swaps.push({ from: prepareFile(`${backup}.key`, keyText(ownKeyFile)), to: `${backup}.key` });
      report.updated.push(entry.name);
    }
    source.close();
    source = null;
    commitSwap(path, swaps);
    return { key: newKey, report };
  } catch (error) {
    discardSwap(swaps);
    newKey.fill(0);
    throw error;
  } finally {
    oldKey.fill(0);
    if (source !== null && source.open) {
      try {
        source.pragma('journal_mode = WAL');
      } finally {
        source.close();
      }
    }
  }
}
