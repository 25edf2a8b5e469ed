/**
 * The backups a session keeps by itself (docs/security.md DUR-3): one on open (unless nothing changed
 * since the newest), one after an edit when the last is older than `everyMinutes`, keeping the
 * newest `keep`. Also what must happen to every backup when the library changes as a whole: a
 * purged item leaves them, and an encrypted library keeps no plain copy.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fsyncFolder } from '../atomic-write';
import { openDatabase } from '../open';
import { holdsItem, vacuumInto } from '../repositories/library-file';
import { createService } from '../service';
import { backupFingerprint, createBackup, listBackups } from './backups';
import { commitSwap, removeEmptyWalLeftovers } from './file-swap';
import { contentFingerprint, libraryFormat, openForReading, reserveTempFile } from './library-file';
import { encryptPlainBackup, plainBackups, removePlainBackup } from './plain-backups';
import type { SessionState } from './session-state';

export interface RollingBackupOptions {
  /** how many ordinary backups to keep */
  keep: number;
  /** minutes of editing between rolling backups (0: only on open and on request) */
  everyMinutes: number;
  now: () => Date;
  /** the service's clock, for the purged copies' audit lines */
  serviceNow?: () => Date;
  sampleText: () => string;
}

export function rollingBackups(s: SessionState, options: RollingBackupOptions) {
  const { place } = s;
  const now = options.now;
  let lastBackupAt = 0;
  let problem: { at: string; message: string } | null = null;

  /** A backup now; on open, only when the newest one does not already hold the same content. */
  function take(onOpen: boolean): void {
    const db = s.db;
    if (db === null || s.state !== 'open') return;
    try {
      if (onOpen) {
        const newest = listBackups(place).find((b) => !b.name.includes('-damaged'));
        if (newest !== undefined) {
          const current = contentFingerprint(db);
          if (backupFingerprint(join(place.dir, newest.name), s.key) === current) {
            lastBackupAt = now().getTime();
            return;
          }
        }
      }
      createBackup(db, place, { key: s.key, now: now(), keep: options.keep });
      lastBackupAt = now().getTime();
      problem = null;
    } catch (error) {
      problem = { at: now().toISOString(), message: error instanceof Error ? error.message : String(error) };
    }
  }

  /** After an edit: a backup when the last one is old enough. A save never fails because its backup did. */
  function afterWrite(): void {
    if (options.everyMinutes > 0 && now().getTime() - lastBackupAt >= options.everyMinutes * 60_000) take(false);
  }

  /** A backup was taken another way (on request, or a restore put one in place). */
  function markTaken(): void {
    lastBackupAt = now().getTime();
  }

  /**
   * An encrypted library keeps no readable copy: every plain backup (copies of damaged files
   * included) is re-encrypted under its key, each one all or nothing. Run after encrypting, and
   * on every open with a key, which finishes a run a crash cut short. Returns what it did.
   */
  function encryptPlain(k: Buffer, removeUnreadable: boolean): { encrypted: number; removed: string[]; stillPlain: { name: string; why: string }[] } {
    const outcome = { encrypted: 0, removed: [] as string[], stillPlain: [] as { name: string; why: string }[] };
    for (const backup of plainBackups(place)) {
      if (!backup.readable) {
        if (removeUnreadable) {
          removePlainBackup(backup);
          outcome.removed.push(backup.name);
        } else {
          outcome.stillPlain.push({ name: backup.name, why: 'it is damaged, so it cannot be encrypted' });
        }
        continue;
      }
      try {
        encryptPlainBackup(place, backup, k);
        outcome.encrypted += 1;
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        outcome.stillPlain.push({ name: backup.name, why });
        problem = { at: now().toISOString(), message: `backup ${backup.name} could not be encrypted: ${why}` };
      }
    }
    if (outcome.removed.length > 0) fsyncFolder(place.dir);
    return outcome;
  }

  /**
   * After a purge: every backup that holds the item is rewritten without it — a copy purged the
   * same way (secure_delete, merged indexes, vacuumed), checked, and swapped in all or nothing.
   * A backup this session cannot read (another key, a copy of a damaged file) is named instead.
   */
  function purgeFrom(id: string, by: string): { purged: number; left: { name: string; why: string }[] } {
    const outcome = { purged: 0, left: [] as { name: string; why: string }[] };
    for (const entry of listBackups(place)) {
      const file = join(place.dir, entry.name);
      const format = libraryFormat(file);
      const k = format === 'encrypted' ? s.key : null;
      if (entry.name.endsWith('-damaged.backup')) {
        outcome.left.push({ name: entry.name, why: 'a byte copy of a damaged library: it is kept as it was' });
        continue;
      }
      if (format === 'encrypted' && k === null) {
        outcome.left.push({ name: entry.name, why: 'it is encrypted and the library is not' });
        continue;
      }
      let temp: string | null = null;
      try {
        const reader = openForReading(file, k);
        try {
          if (!holdsItem(reader, id)) continue;
          temp = reserveTempFile(place.dir, entry.name, 'backup');
          vacuumInto(reader, temp);
        } finally {
          reader.close();
          removeEmptyWalLeftovers(file);
        }
        const copy = openDatabase(temp, { key: k ?? undefined, mustExist: true, migrate: false });
        try {
          createService(copy, { path: temp, sampleText: options.sampleText, encrypted: k !== null, readOnly: false, now: options.serviceNow }).purgeItem(id, by);
          if (copy.pragma('integrity_check', { simple: true }) !== 'ok') throw new Error('the purged copy did not pass its integrity check');
        } finally {
          copy.close();
        }
        commitSwap(s.path, [{ from: temp, to: file, database: true }]);
        temp = null;
        outcome.purged += 1;
      } catch (error) {
        outcome.left.push({ name: entry.name, why: error instanceof Error ? error.message : String(error) });
      } finally {
        if (temp !== null) for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${temp}${suffix}`, { force: true });
      }
    }
    return outcome;
  }

  return { take, afterWrite, markTaken, encryptPlain, purgeFrom, lastProblem: () => problem };
}

export type RollingBackups = ReturnType<typeof rollingBackups>;
