/**
 * Plain backups beside an encrypted library (docs/data-at-rest.md, "Encrypting"): once a library
 * is encrypted, no readable copy of it may stay in its backups folder. Ordinary backups and copies
 * of damaged files (`…-damaged.backup` with their WAL kept as `….backup.wal`) are re-encrypted
 * under the library's data key; a damaged copy SQLite cannot read cannot be re-encrypted and is
 * removed only when the user agreed. Plain Node: no 'electron'.
 */
import { chmodSync, copyFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../open';
import { listBackups, type BackupPlace } from './backups';
import { commitSwap, discardSwap, prepareFile, removeEmptyWalLeftovers, type FileSwap } from './file-swap';
import { keyFilePath } from './key-file';
import { copyVerified, libraryFormat, openForReading, reserveTempFile } from './library-file';

export interface PlainBackup {
  name: string;
  file: string;
  /** a byte copy of a library that could not be read normally */
  damaged: boolean;
  /** SQLite reads it whole (quick_check ok), so it can be re-encrypted */
  readable: boolean;
}

/** The WAL a damaged copy keeps beside it (named so that nothing applies it by accident). */
const keptWal = (file: string) => `${file}.wal`;

/**
 * Opens a backup for reading, with the WAL of a damaged copy put where SQLite reads it (a copy:
 * the kept WAL stays as it is); read-only, so the backup file itself is never written.
 */
function openBackup(file: string): { db: Db; placedWal: boolean } {
  let placedWal = false;
  if (existsSync(keptWal(file)) && !existsSync(`${file}-wal`)) {
    copyFileSync(keptWal(file), `${file}-wal`);
    chmodSync(`${file}-wal`, 0o600);
    placedWal = true;
  }
  try {
    return { db: openForReading(file, null), placedWal };
  } catch (error) {
    if (placedWal) removeSidecars(file);
    throw error;
  }
}

function removeSidecars(file: string): void {
  rmSync(`${file}-wal`, { force: true });
  rmSync(`${file}-shm`, { force: true });
}

/** Every plain backup of the library, and whether it can be re-encrypted. */
export function plainBackups(place: BackupPlace): PlainBackup[] {
  const found: PlainBackup[] = [];
  for (const entry of listBackups(place)) {
    const file = join(place.dir, entry.name);
    if (libraryFormat(file) !== 'plain') continue;
    let readable = false;
    let placedWal = false;
    try {
      const opened = openBackup(file);
      placedWal = opened.placedWal;
      try {
        readable = opened.db.pragma('quick_check', { simple: true }) === 'ok';
      } finally {
        opened.db.close();
      }
    } catch {
      readable = false;
    }
    if (placedWal) removeSidecars(file);
    else removeEmptyWalLeftovers(file);
    found.push({ name: entry.name, file, damaged: entry.name.endsWith('-damaged.backup'), readable });
  }
  return found;
}

/**
 * Re-encrypts one readable plain backup under `key`, in place and all or nothing: the verified
 * encrypted copy, its key file (a copy of the library's) and the removal of its plain WAL copies
 * happen as one step.
 */
export function encryptPlainBackup(place: BackupPlace, backup: PlainBackup, key: Buffer): void {
  const swaps: FileSwap[] = [];
  const { db, placedWal } = openBackup(backup.file);
  try {
    const temp = reserveTempFile(place.dir, backup.name, 'backup');
    swaps.push({ from: temp, to: backup.file, database: true });
    copyVerified(db, null, temp, key);
    swaps.push({ from: prepareFile(`${backup.file}.key`, readFileSync(keyFilePath(place.libraryPath), 'utf8')), to: `${backup.file}.key` });
  } catch (error) {
    db.close();
    if (placedWal) removeSidecars(backup.file);
    discardSwap(swaps);
    throw error;
  }
  db.close();
  commitSwap(place.libraryPath, swaps, [keptWal(backup.file)]);
}

/** Removes a plain backup that cannot be re-encrypted, with its WAL copies (after the user agreed). */
export function removePlainBackup(backup: PlainBackup): void {
  for (const suffix of ['', '-wal', '-shm', '.wal', '.key']) rmSync(`${backup.file}${suffix}`, { force: true });
}
