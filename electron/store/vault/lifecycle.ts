/**
 * How a session gets from a path to an open library, or to the nearest thing to it: works out
 * what the file is (missing, empty, plain, encrypted, foreign), probes it read-only first, and
 * opens it read-write and migrated only when it is whole; otherwise it lands in `recovery` with
 * the problem in words, readable where it can be read, and the file never deleted, truncated or
 * recreated (docs/security.md DATA-3). A full or read-only disk is named as that, never as damage.
 */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { ApiError } from '../../../src/shared/contract';
import type { Db } from '../db';
import { asWholeFileFailure, problemOf, type Problem } from '../errors';
import { loadMigrations, schemaVersion } from '../migrate';
import { openDatabase } from '../open';
import { readSchema } from '../repositories/library-file';
import { createService, type LibraryService } from '../service';
import { finishInterruptedSwap } from './file-swap';
import { keyFilePath, readKeyFile } from './key-file';
import { firstFinding, foreignKind, libraryFormat, openForReading, removeStaleTempFiles, rollBackInterruptedWrite } from './library-file';
import { dropConnection, dropKey, type SessionState } from './session-state';
import { openExclusiveReader, openImage, storageProblem, type StorageProblem } from './storage';
import { LibraryTooNewError } from '../../../src/shared/errors';

export interface LifecycleOptions {
  sampleText: () => string;
  /** create a new plain library when there is no file (never when a key file says one existed) */
  create?: boolean;
  /** the service's clock */
  now?: () => Date;
  /** the library has just opened read-write (after a restore: `restored`) */
  onOpen(key: Buffer | null, restored: boolean): void;
}

export function lifecycle(s: SessionState, options: LifecycleOptions) {
  const { path } = s;
  const serviceFor = (db: Db, readOnly: boolean) =>
    createService(db, { path, sampleText: options.sampleText, encrypted: s.encrypted, readOnly, now: options.now });

  function enterRecovery(next: Problem, readable: Db | null): void {
    s.state = 'recovery';
    s.problem = next;
    s.db = readable;
    s.service = null;
    if (readable !== null) {
      try {
        s.service = serviceFor(readable, true);
      } catch {
        // the schema itself cannot be read: nothing to show, the file stays as it is
        readable.close();
        s.db = null;
      }
    }
  }

  /**
   * When the file could not be opened or read: is the disk full or read-only? Then that is the
   * problem, in those words (never "damaged"), and a plain library stays readable from an
   * in-memory image. Returns false when the disk is fine: the failure is the file's own.
   */
  function enterStorageRecovery(k: Buffer | null, known: StorageProblem | null = null): boolean {
    const storage = known ?? storageProblem(path);
    if (storage === null) return false;
    // the file itself opens read-only where -wal and -shm exist; else an image in memory
    let readable: Db | null = null;
    try {
      readable = openForReading(path, k);
      readSchema(readable);
      enterRecovery(storage, readable);
      return true;
    } catch {
      readable?.close();
    }
    if (storage.code === 'disk_full') {
      try {
        enterRecovery(storage, openExclusiveReader(path, k));
        return true;
      } catch {
        // another connection has it open: the image below, or the reason why not
      }
    }
    const image = openImage(path, k);
    if ('db' in image) enterRecovery(storage, image.db);
    else enterRecovery({ code: storage.code, message: `${storage.message} ${image.why}` }, null);
    return true;
  }

  /** What a read-only probe of the file finds wrong with it, or null when it may be opened for writing. */
  function probeProblem(probe: Db): Problem | null {
    const quick = probe.pragma('quick_check', { simple: true });
    if (quick !== 'ok') {
      return { code: 'corrupt', message: `The library ${basename(path)} is damaged (${firstFinding(quick)}). It is open read-only; restore a backup to go on editing.` };
    }
    const version = schemaVersion(probe);
    const known = loadMigrations().length;
    if (version > known) {
      return new LibraryTooNewError('This library', { found: version, known }, 'It is open read-only and has not been changed.').toShape();
    }
    return null;
  }

  /** The probe could not even read the file: damage, a wrong key, or a disk in trouble. */
  function unreadable(error: unknown, k: Buffer | null): void {
    const code = (error as { code?: string }).code;
    // a full or read-only disk fails the first read too ("disk I/O error"): not damage
    if (code !== 'SQLITE_NOTADB' && enterStorageRecovery(k)) return;
    if (code === 'SQLITE_NOTADB') {
      enterRecovery(
        k === null
          ? { code: 'not_a_library', message: `${basename(path)} is not a Briefbook library, or its first page is damaged. It was not changed; open a backup.` }
          : {
              code: 'corrupt',
              message: `${basename(path)} could not be decrypted although the passphrase is right: the file is damaged, or the key file belongs to another library. Nothing was changed; open a backup.`,
            },
        null,
      );
    } else {
      enterRecovery({ code: 'corrupt', message: `The library ${basename(path)} is damaged: ${(error as Error).message}. It was not changed; open a backup.` }, null);
    }
  }

  /**
   * Probes the file read-only first (a damaged file is never opened for writing: closing a
   * read-write connection checkpoints into it), then opens it read-write and migrated.
   */
  function openWith(k: Buffer | null, restored: boolean): void {
    rollBackInterruptedWrite(path, k);
    let probe: Db;
    try {
      probe = openForReading(path, k);
      probe.pragma('busy_timeout = 5000');
    } catch (error) {
      if (!enterStorageRecovery(k)) enterRecovery(problemOf(error, 'open_failed'), null);
      return;
    }
    let found: Problem | null;
    try {
      found = probeProblem(probe);
    } catch (error) {
      probe.close();
      unreadable(error, k);
      return;
    }
    if (found !== null) {
      enterRecovery(found, probe);
      return;
    }
    probe.close();
    // on a read-only disk SQLite opens "read-write" quietly read-only, and the first save fails
    const readOnlyDisk = storageProblem(path, { space: false });
    if (readOnlyDisk !== null) {
      enterStorageRecovery(k, readOnlyDisk);
      return;
    }
    let db: Db;
    try {
      db = openDatabase(path, { key: k ?? undefined, mustExist: true });
    } catch (error) {
      if (enterStorageRecovery(k)) return;
      const p = problemOf(error, 'open_failed');
      let readable: Db | null = null;
      try {
        readable = openForReading(path, k);
      } catch {
        readable = null;
      }
      enterRecovery({ code: p.code, message: `${p.message} It is open read-only.` }, readable);
      return;
    }
    s.db = db;
    s.service = createService(db, { path, sampleText: options.sampleText, encrypted: k !== null, readOnly: false, now: options.now });
    s.state = 'open';
    s.problem = null;
    options.onOpen(k, restored);
  }

  /** A missing file: created when asked (and no key file says one existed), else the reason. */
  function attachMissing(hasKeyFile: boolean, restored: boolean): void {
    if (options.create === true && !hasKeyFile) {
      try {
        // created owner-only (0600), and so are its -wal and -shm (openDatabase)
        openDatabase(path, {}).close();
      } catch (error) {
        const storage = storageProblem(path);
        enterRecovery(
          storage === null
            ? problemOf(error, 'create_failed')
            : {
                code: storage.code,
                message:
                  storage.code === 'disk_full'
                    ? `There is no room for a new library ${basename(path)}: the disk is full.`
                    : `A new library ${basename(path)} cannot be created there: the disk or folder is read-only.`,
              },
          null,
        );
        return;
      }
      openWith(null, restored);
      return;
    }
    enterRecovery(
      hasKeyFile
        ? { code: 'library_missing', message: `The library file ${basename(path)} is missing, though its key file is there. Open a backup.` }
        : { code: 'not_found', message: `There is no library file ${basename(path)} at that place.` },
      null,
    );
  }

  /** Works out what the file is and opens it as far as it can be opened. */
  function attach(k: Buffer | null, restored = false): void {
    dropConnection(s);
    // a passphrase change or key rotation killed after its commit point is finished first
    finishInterruptedSwap(path);
    removeStaleTempFiles(path, s.place.dir);
    const format = libraryFormat(path);
    const hasKeyFile = existsSync(keyFilePath(path));
    s.encrypted = format === 'encrypted' || ((format === 'missing' || format === 'empty') && hasKeyFile);
    if (format === 'missing') {
      attachMissing(hasKeyFile, restored);
      return;
    }
    if (format === 'empty') {
      enterRecovery({ code: 'empty_file', message: `The library file ${basename(path)} is empty (0 bytes): it was cut short. It was left as it is; open a backup.` }, null);
      return;
    }
    if (format === 'plain') {
      k?.fill(0);
      openWith(null, restored);
      return;
    }
    const foreign = foreignKind(path);
    if (foreign !== null) {
      k?.fill(0);
      s.encrypted = false;
      enterRecovery({ code: 'not_a_library', message: `${basename(path)} is not a Briefbook library (it is ${foreign}). It was not changed.` }, null);
      return;
    }
    if (k === null) {
      try {
        readKeyFile(keyFilePath(path));
      } catch (error) {
        const p = problemOf(error, 'key_unreadable');
        // without a key file, an encrypted file and a plain one with a damaged header look alike
        if (p.code === 'key_missing') p.message += ' If this library was never encrypted, its file is damaged: open a backup.';
        enterRecovery(p, null);
        return;
      }
      s.state = 'locked';
      s.problem = null;
      return;
    }
    s.key = k;
    openWith(k, restored);
  }

  function requireService(): LibraryService {
    if (s.closed) throw new ApiError('closed', 'This library has been closed.');
    if (s.state === 'locked') throw new ApiError('locked', 'The library is locked. Unlock it with its passphrase.');
    if (s.service === null) throw new ApiError('recovery', s.problem?.message ?? 'The library could not be opened.');
    return s.service;
  }

  function requireEditable(what: string): void {
    if (s.state === 'locked') throw new ApiError('locked', `Unlock the library to ${what}.`);
    if (s.state !== 'open') throw new ApiError('read_only', `The library is in recovery (read-only): it cannot ${what}. Restore a backup first.`);
  }

  /** Re-opens after a failed whole-file operation, so the session shows the file as it is. */
  function reattachAfter(error: unknown): never {
    const k = s.key === null ? null : Buffer.from(s.key);
    dropKey(s);
    attach(k);
    throw asWholeFileFailure(error);
  }

  return { attach, enterRecovery, requireService, requireEditable, reattachAfter };
}

export type Lifecycle = ReturnType<typeof lifecycle>;
