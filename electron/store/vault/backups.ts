/**
 * Rolling backups of a library (docs/security.md: nothing may be lost): complete, verified copies in
 * `<library>.backups/`, newest K kept. Plain Node: no 'electron'.
 *
 * A backup is made with `VACUUM INTO` rather than the online backup API: it is synchronous (the
 * vault contract is), reads one consistent snapshot (WAL content included), and SQLite3 Multiple
 * Ciphers writes the copy encrypted with the same cipher and data key as the library, while the
 * backup API refuses a copy between an encrypted source and a new file ("incompatible source and
 * target databases"). Each copy is reopened, integrity-checked and compared with the library
 * (content fingerprint) before it gets its final name. An encrypted backup gets a copy of the
 * key file beside it (`<backup>.key`): the data key stays the same across passphrase changes,
 * and the copy keeps the backup readable after the library is decrypted or re-encrypted.
 */
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { BackupEntry } from '../../../src/shared/contract';
import { ApiError } from '../../../src/shared/contract';
import { fsyncFolder, writeFileAtomic } from '../atomic-write';
import type { Db } from '../db';
import { keyFilePath } from './key-file';
import { contentFingerprint, copyVerified, fsyncFile, libraryFormat, openForReading, reserveTempFile } from './library-file';

export const DEFAULT_KEEP_BACKUPS = 10;
export const BACKUP_SUFFIX = '.backup';

export const defaultBackupDir = (libraryPath: string): string => `${libraryPath}.backups`;

/** `2026-11-27T05:52:31.123Z` → `20261127T055231123Z`: sorts by time, safe in any file system. */
function stamp(at: Date): string {
  return at.toISOString().replace(/[-:.]/g, '');
}

function parseStamp(text: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z$/.exec(text);
  return m === null ? null : `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}Z`;
}

const NAME = /^(.+)\.(\d{8}T\d{9}Z)(-[a-z]+)?\.backup$/;

export interface BackupPlace {
  /** the library file the backups belong to */
  libraryPath: string;
  /** where they live (default `<library>.backups`) */
  dir: string;
}

function ensureDir(dir: string): void {
  if (!existsSync(dir)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  }
}

/** Backups of this library, newest first. */
export function listBackups(place: BackupPlace): BackupEntry[] {
  if (!existsSync(place.dir)) return [];
  const stem = basename(place.libraryPath);
  const entries: BackupEntry[] = [];
  for (const name of readdirSync(place.dir)) {
    const m = NAME.exec(name);
    if (m === null || m[1] !== stem) continue;
    const createdAt = parseStamp(m[2]);
    if (createdAt === null) continue;
    try {
      const stat = statSync(join(place.dir, name));
      if (stat.isFile()) entries.push({ name, createdAt, bytes: stat.size });
    } catch {
      // removed while listing
    }
  }
  return entries.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
}

/** The full path of a backup by its listed name; refuses anything that is not one. */
export function backupPath(place: BackupPlace, name: string): string {
  if (name.includes('/') || name.includes('\\') || name.includes('\0') || !listBackups(place).some((b) => b.name === name)) {
    throw new ApiError('not_found', `There is no backup named "${name}" for this library.`);
  }
  return join(place.dir, name);
}

function uniqueName(place: BackupPlace, at: Date, tag: string): string {
  const base = `${basename(place.libraryPath)}.${stamp(at)}`;
  let name = `${base}${tag}${BACKUP_SUFFIX}`;
  // two backups in the same millisecond: move the later one on by a millisecond
  let t = at.getTime();
  while (existsSync(join(place.dir, name))) {
    t += 1;
    name = `${basename(place.libraryPath)}.${stamp(new Date(t))}${tag}${BACKUP_SUFFIX}`;
  }
  return name;
}

export interface CreateBackupOptions {
  /** the library's data key when encrypted (the backup is encrypted with it), else null */
  key: Buffer | null;
  now?: Date;
  /** keep the newest K (default 10); 0 keeps all */
  keep?: number;
  /** a protected copy, named `…-<tag>.backup` (lowercase letters) and never pruned */
  tag?: string;
}

/**
 * A verified copy of the open library `db` as a new backup; returns its entry. Written under a
 * temp name, then renamed: an interrupted backup never shows up in the list.
 */
export function createBackup(db: Db, place: BackupPlace, options: CreateBackupOptions): BackupEntry & { fingerprint: string } {
  ensureDir(place.dir);
  const at = options.now ?? new Date();
  const name = uniqueName(place, at, options.tag === undefined ? '' : `-${options.tag}`);
  const final = join(place.dir, name);
  const temp = reserveTempFile(place.dir, name, 'backup');
  let fingerprint: string;
  try {
    fingerprint = copyVerified(db, options.key, temp, options.key);
    if (options.key !== null) {
      // the backup's own key copy first, so a listed encrypted backup always has its key
      writeFileAtomic(`${final}.key`, readFileSync(keyFilePath(place.libraryPath)));
    }
    renameSync(temp, final);
    fsyncFolder(place.dir);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  pruneBackups(place, options.keep ?? DEFAULT_KEEP_BACKUPS);
  return { name, createdAt: parseStamp(stamp(at)) ?? at.toISOString(), bytes: statSync(final).size, fingerprint };
}

/**
 * Keeps the bytes of a library that cannot be read normally (a damaged file in recovery), before
 * a restore replaces it: a plain byte copy of the file and its WAL, never interpreted.
 */
export function preserveDamaged(place: BackupPlace, now = new Date()): BackupEntry | null {
  if (!existsSync(place.libraryPath)) return null;
  ensureDir(place.dir);
  const name = uniqueName(place, now, '-damaged');
  const final = join(place.dir, name);
  const temp = reserveTempFile(place.dir, name, 'backup');
  try {
    copyFileSync(place.libraryPath, temp);
    chmodSync(temp, 0o600);
    fsyncFile(temp);
    for (const side of ['-wal', '.key']) {
      const from = `${place.libraryPath}${side}`;
      if (existsSync(from)) writeFileAtomic(`${final}${side === '.key' ? '.key' : '.wal'}`, readFileSync(from));
    }
    renameSync(temp, final);
    fsyncFolder(place.dir);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  return { name, createdAt: parseStamp(stamp(now)) ?? now.toISOString(), bytes: statSync(final).size };
}

/**
 * Removes all but the newest `keep` ordinary backups. Tagged ones (copies of damaged files, the
 * protected copies taken before a restore or an encryption) are never pruned.
 */
export function pruneBackups(place: BackupPlace, keep: number): string[] {
  if (keep <= 0) return [];
  const removed: string[] = [];
  const ordinary = listBackups(place).filter((b) => NAME.exec(b.name)?.[3] === undefined);
  for (const old of ordinary.slice(keep)) {
    const full = join(place.dir, old.name);
    rmSync(full, { force: true });
    rmSync(`${full}.key`, { force: true });
    removed.push(old.name);
  }
  if (removed.length > 0) fsyncFolder(place.dir);
  return removed;
}

/**
 * The content fingerprint of a backup, or null when it cannot be read with `key` (another key, or
 * damaged). Used to skip a backup on open when nothing changed since the last one.
 */
export function backupFingerprint(path: string, key: Buffer | null): string | null {
  const format = libraryFormat(path);
  if ((format === 'encrypted') !== (key !== null)) return null;
  try {
    const db = openForReading(path, key);
    try {
      return contentFingerprint(db);
    } finally {
      db.close();
    }
  } catch {
    return null;
  }
}
