/**
 * Restoring a backup: checked whole first (integrity, schema version, a key that opens it), the
 * current library kept as a protected backup (or a byte copy when it is damaged), then a
 * verified copy swapped in under the library's own key. Refused while another connection has
 * the library open: its writes would go to the replaced file and be lost.
 */
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { ApiError, type VaultStatus } from '../../../src/shared/contract';
import { fsyncFolder, writeFileAtomic } from '../atomic-write';
import type { Db } from '../db';
import { loadMigrations, schemaVersion } from '../migrate';
import { backupFingerprint, backupPath, createBackup, preserveDamaged } from './backups';
import { keyFilePath, readKeyFile, unwrapDataKey } from './key-file';
import type { Lifecycle } from './lifecycle';
import { copyVerified, libraryFormat, openExclusive, openForReading, reserveTempFile } from './library-file';
import { dropConnection, dropKey, statusOf, type SessionState } from './session-state';
import { LibraryTooNewError } from '../../../src/shared/errors';

/** The backup's data key: the library's own, or unwrapped from the key copy beside the backup. */
function sourceKeyOf(s: SessionState, source: string, name: string, passphrase: string | undefined): { key: Buffer | null; fromBackup: boolean } {
  if (libraryFormat(source) !== 'encrypted') return { key: null, fromBackup: false };
  if (s.key !== null && backupFingerprint(source, s.key) !== null) return { key: Buffer.from(s.key), fromBackup: false };
  if (passphrase !== undefined && existsSync(`${source}.key`)) {
    return { key: unwrapDataKey(readKeyFile(`${source}.key`), passphrase), fromBackup: true };
  }
  throw new ApiError(
    'backup_needs_passphrase',
    `The backup ${name} is encrypted with another key. Restore it with its passphrase: briefbook backup restore ${name}.`,
  );
}

/** Opens the backup for reading after checking it is whole and not from a newer Briefbook. */
function openCheckedBackup(source: string, sourceKey: Buffer | null, name: string): Db {
  try {
    const reader = openForReading(source, sourceKey);
    const integrity = reader.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') {
      reader.close();
      throw new ApiError('backup_damaged', `The backup ${name} is damaged (${String(integrity)}); choose another one.`);
    }
    if (schemaVersion(reader) > loadMigrations().length) {
      reader.close();
      throw new LibraryTooNewError(`The backup ${name}`);
    }
    return reader;
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError('backup_damaged', `The backup ${name} cannot be read: ${(error as Error).message}.`);
  }
}

export function restoreBackup(
  s: SessionState,
  life: Lifecycle,
  now: () => Date,
  name: string,
  restoreOptions: { passphrase?: string } = {},
): VaultStatus {
  if (s.closed) throw new ApiError('closed', 'This library has been closed.');
  if (s.state === 'locked') throw new ApiError('locked', 'Unlock the library before restoring a backup.');
  const { path, place } = s;
  const source = backupPath(place, name);
  const sourceFormat = libraryFormat(source);
  if (sourceFormat !== 'plain' && sourceFormat !== 'encrypted') throw new ApiError('backup_damaged', `The backup ${name} is empty or unreadable.`);
  const { key: sourceKey, fromBackup: keyFromBackup } = sourceKeyOf(s, source, name, restoreOptions.passphrase);
  try {
    const targetKey = s.encrypted ? Buffer.from(s.key ?? sourceKey ?? Buffer.alloc(0)) : null;
    if (targetKey !== null && targetKey.length === 0) {
      throw new ApiError('backup_needs_passphrase', `The library is encrypted and its key is not available: restore an encrypted backup with its passphrase (briefbook backup restore ${name}).`);
    }
    const reader = openCheckedBackup(source, sourceKey, name);
    try {
      // the current state first: nothing is lost by restoring
      const healthy = s.state === 'open' && s.db !== null;
      if (healthy && s.db !== null) {
        // protected: never pruned, so the restore can always be undone
        createBackup(s.db, place, { key: s.key, now: now(), keep: 0, tag: 'prerestore' });
      } else {
        preserveDamaged(place, now());
      }
      dropConnection(s);
      // refused while another window or command has the library open: its writes would go
      // to the replaced file and be lost
      const guard = healthy ? openExclusive(path, s.key) : null;
      const temp = reserveTempFile(dirname(path), basename(path), 'restoring');
      try {
        copyVerified(reader, sourceKey, temp, targetKey);
        if (keyFromBackup && targetKey !== null) writeFileAtomic(keyFilePath(path), readFileSync(`${source}.key`));
        guard?.close();
        renameSync(temp, path);
        rmSync(`${path}-wal`, { force: true });
        rmSync(`${path}-shm`, { force: true });
        fsyncFolder(dirname(path));
      } finally {
        if (guard?.open === true) guard.close();
        rmSync(temp, { force: true });
      }
    } finally {
      reader.close();
    }
    dropKey(s);
    // a restore has just put a backup in place: backing it up again on open would only duplicate it
    life.attach(targetKey, true);
    return statusOf(s);
  } catch (error) {
    return life.reattachAfter(error);
  } finally {
    sourceKey?.fill(0);
  }
}
