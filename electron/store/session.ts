/**
 * A library session: one library file as the app sees it — open, locked (encrypted, no key in
 * memory) or in recovery (damaged, key missing, too new: read-only or nothing) — implementing
 * every store method of the contract (forwarded to the service of the moment) and the vault
 * methods (SECURITY.md DATA-1..4, DUR-3). Plain Node: no 'electron'.
 *
 * For the main process:
 *
 *   import { openLibrarySession } from '../store/session';
 *   const session = openLibrarySession(path, { sampleText, create: firstRun });
 *   // bind every storeContract and vaultContract method to session[method](parsedInput);
 *   // recordExport(entry) after an export is on disk; session.close() on quit or switch.
 *
 * It never throws for a file it cannot open: it lands in `recovery` with a problem in words
 * (`vault.status`), and the file is never deleted, truncated or recreated (DATA-3). While
 * locked, every store method answers ApiError('locked'); in recovery, reads work when the file
 * could be opened read-only and writes answer 'read_only'. An encrypted library locks itself
 * after `idleLockMinutes` without calls (0: never) and on `vault.lock` (Ctrl+L): the key Buffer
 * is zeroed and the connection closed. Rolling backups are taken on open (unless nothing
 * changed since the newest) and after an edit when the last one is older than
 * `backupEveryMinutes`, keeping the newest `keepBackups`.
 */
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import {
  ApiError,
  STORE_READ_METHODS,
  storeContract,
  type BackupEntry,
  type ExportRecord,
  type NewExportRecord,
  type StoreMethod,
  type StoreService,
  type VaultService,
  type VaultStatus,
} from '../../src/shared/contract';
import { LibraryTooNewError, type ApiErrorCode, type ApiErrorShape } from '../../src/shared/errors';
import { SETTINGS } from '../../src/shared/settings';
import { fsyncFolder, writeFileAtomic } from './atomic-write';
import { loadMigrations, schemaVersion } from './migrate';
import { openDatabase, type Db } from './open';
import { createService, type LibraryService } from './service';
import { readSampleBook } from './index';
import {
  backupFingerprint,
  backupPath,
  createBackup,
  defaultBackupDir,
  DEFAULT_KEEP_BACKUPS,
  listBackups,
  preserveDamaged,
  type BackupPlace,
} from './vault/backups';
import { keyFilePath, readKeyFile, unwrapDataKey, type ScryptParams } from './vault/key-file';
import { changePassphrase, rotateDataKey } from './vault/key-change';
import { commitSwap, finishInterruptedSwap, removeEmptyWalLeftovers } from './vault/file-swap';
import { encryptPlainBackup, plainBackups, removePlainBackup } from './vault/plain-backups';
import {
  contentFingerprint,
  copyVerified,
  decryptLibraryFile,
  encryptLibraryFile,
  firstFinding,
  foreignKind,
  libraryFormat,
  openExclusive,
  openForReading,
  removeStaleTempFiles,
  reserveTempFile,
  rollBackInterruptedWrite,
  unlockKey,
} from './vault/library-file';
import { openExclusiveReader, openImage, STORAGE_CODES, storageProblem, type StorageProblem } from './vault/storage';

export interface LibrarySessionOptions {
  /** the bundled sample book as exchange-file text (default: read from resources/) */
  sampleText?: () => string;
  /** create a new plain library when there is no file (never when a key file says one existed) */
  create?: boolean;
  /** where rolling backups go (default `<library>.backups`) */
  backupDir?: string;
  /** how many ordinary backups to keep (default 10) */
  keepBackups?: number;
  /** minutes of editing between rolling backups (default 15; 0: only on open and on request) */
  backupEveryMinutes?: number;
  /** take a backup when the library opens (default true) */
  backupOnOpen?: boolean;
  /** minutes without calls before an encrypted library locks (default 10; the library's own setting wins) */
  idleLockMinutes?: number;
  /** key-derivation cost for new key files (tests use cheap parameters) */
  scrypt?: ScryptParams;
  /** injectable clock */
  now?: () => Date;
}

export interface LibrarySession extends StoreService, VaultService {
  readonly path: string;
  /** writes one entry into the export log (main calls it once the file is safely on disk) */
  recordExport(entry: NewExportRecord): ExportRecord;
  /** the entries of one export (book, pocket card, numbered copies), all in one transaction */
  recordExports(entries: readonly NewExportRecord[]): ExportRecord[];
  /** export-log entries whose file had this SHA-256 (briefbook verify) */
  exportsBySha(sha256: string): ExportRecord[];
  /** activity: restarts the idle-lock timer (every method call does this too) */
  touch(): void;
  /** restores a backup, with the passphrase its key copy needs when the library has no key */
  restoreBackup(name: string, options?: { passphrase?: string }): VaultStatus;
  /** the last rolling-backup failure (a save never fails because its backup did) */
  lastBackupProblem(): { at: string; message: string } | null;
  /** the open service, or null when locked or in recovery without a readable file */
  currentService(): LibraryService | null;
  close(): void;
}


const IDLE_SETTING = 'vault.idleLockMinutes';
const DEFAULT_IDLE_MINUTES = SETTINGS[IDLE_SETTING].default;
const DEFAULT_BACKUP_MINUTES = 15;

type Problem = ApiErrorShape;

function problemOf(error: unknown, fallback: ApiErrorCode): Problem {
  if (error instanceof ApiError) return { code: error.code, message: error.message };
  return { code: fallback, message: error instanceof Error ? error.message : String(error) };
}

/**
 * SQLite's own errors become a named problem (IPC-2: no stack, no path): damage as damage, and a
 * disk that filled up or became read-only while the library was open as that, never as damage.
 */
function asDamage(error: unknown, path: string): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (error instanceof ApiError || typeof code !== 'string' || !code.startsWith('SQLITE_')) return error;
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') {
    return new ApiError('corrupt', 'This part of the library is damaged and cannot be read. Restore a backup (Library → Backups).');
  }
  if (code === 'SQLITE_FULL') return new ApiError('disk_full', 'The disk is full: the change was not saved. Free some space and try again.');
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN')) {
    const storage = storageProblem(path);
    if (storage !== null) return new ApiError(storage.code, `${storage.message} The change was not saved.`);
  }
  if (code.startsWith('SQLITE_BUSY')) return new ApiError('busy', 'Another Briefbook is writing this library; nothing was saved. Try again when it has finished.');
  return new ApiError('storage_error', `The library could not complete this (${code}).`);
}

/**
 * A file-system failure during encrypt, decrypt or restore, in words and without the paths a
 * Node error message carries. Those operations only ever swap in a verified copy, so the
 * library is whole either way.
 */
function asWholeFileFailure(error: unknown): unknown {
  if (error instanceof ApiError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const reason =
    code === 'ENOSPC'
      ? 'the disk is full'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'EROFS'
          ? 'the disk is read-only'
          : typeof code === 'string'
            ? `a file operation failed (${code})`
            : 'an unexpected error';
  return new ApiError('vault_failed', `This could not be finished: ${reason}. The library was left whole; check its status and try again.`);
}

/**
 * Opens a library as a session. Never throws for a damaged or locked file: check
 * `session['vault.status']({})`.
 */
export function openLibrarySession(path: string, options: LibrarySessionOptions = {}): LibrarySession {
  const sampleText = options.sampleText ?? (() => readSampleBook());
  const now = () => options.now?.() ?? new Date();
  const place: BackupPlace = { libraryPath: path, dir: options.backupDir ?? defaultBackupDir(path) };
  const keep = options.keepBackups ?? DEFAULT_KEEP_BACKUPS;
  const backupEvery = options.backupEveryMinutes ?? DEFAULT_BACKUP_MINUTES;

  let db: Db | null = null;
  let service: LibraryService | null = null;
  let key: Buffer | null = null;
  let state: VaultStatus['state'] = 'recovery';
  let encrypted = false;
  let problem: Problem | null = null;
  let idleMinutes = options.idleLockMinutes ?? DEFAULT_IDLE_MINUTES;
  let idleTimer: ReturnType<typeof setTimeout> | null = null;
  let lastBackupAt = 0;
  let backupProblem: { at: string; message: string } | null = null;
  let closed = false;
  /** a restore has just put a backup in place: backing it up again on open would only duplicate it */
  let skipOpenBackup = false;

  const status = (): VaultStatus => ({
    fileName: basename(path),
    state,
    encrypted,
    readOnly: state !== 'open',
    problem,
    idleLockMinutes: idleMinutes,
  });

  function dropConnection(): void {
    service = null;
    if (db !== null && db.open) db.close();
    db = null;
  }

  function dropKey(): void {
    if (key !== null) key.fill(0);
    key = null;
  }

  function stopIdleTimer(): void {
    if (idleTimer !== null) clearTimeout(idleTimer);
    idleTimer = null;
  }

  function touch(): void {
    stopIdleTimer();
    if (closed || !encrypted || key === null || idleMinutes <= 0) return;
    idleTimer = setTimeout(() => {
      idleTimer = null;
      lock();
    }, idleMinutes * 60_000);
    idleTimer.unref?.();
  }

  function lock(): VaultStatus {
    stopIdleTimer();
    if (!encrypted || key === null) return status();
    dropConnection();
    dropKey();
    state = 'locked';
    problem = null;
    return status();
  }

  function enterRecovery(next: Problem, readable: Db | null): void {
    state = 'recovery';
    problem = next;
    db = readable;
    service = null;
    if (readable !== null) {
      try {
        service = createService(readable, { path, sampleText, encrypted, readOnly: true, now: options.now });
      } catch {
        // the schema itself cannot be read: nothing to show, the file stays as it is
        readable.close();
        db = null;
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
      readable.prepare('SELECT count(*) FROM sqlite_schema').get();
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

  /**
   * Probes the file read-only first (a damaged file is never opened for writing: closing a
   * read-write connection checkpoints into it), then opens it read-write and migrated.
   */
  function openWith(k: Buffer | null): void {
    rollBackInterruptedWrite(path, k);
    let probe: Db;
    try {
      probe = openForReading(path, k);
      probe.pragma('busy_timeout = 5000');
    } catch (error) {
      if (!enterStorageRecovery(k)) enterRecovery(problemOf(error, 'open_failed'), null);
      return;
    }
    let found: Problem | null = null;
    try {
      const quick = probe.pragma('quick_check', { simple: true });
      if (quick !== 'ok') {
        found = { code: 'corrupt', message: `The library ${basename(path)} is damaged (${firstFinding(quick)}). It is open read-only; restore a backup to go on editing.` };
      } else {
        const version = schemaVersion(probe);
        const known = loadMigrations().length;
        if (version > known) {
          found = new LibraryTooNewError('This library', { found: version, known }, 'It is open read-only and has not been changed.').toShape();
        }
      }
    } catch (error) {
      probe.close();
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
    service = createService(db, { path, sampleText, encrypted: k !== null, readOnly: false, now: options.now });
    state = 'open';
    problem = null;
    // a crash while encrypting may have left plain backups: they are encrypted now
    if (k !== null) encryptPlainBackups(k, false);
    loadIdleSetting();
    touch();
    if (options.backupOnOpen !== false && !skipOpenBackup) rollingBackup(true);
    if (skipOpenBackup) lastBackupAt = now().getTime();
  }

  function loadIdleSetting(): void {
    const stored = service?.['settings.get']({ key: IDLE_SETTING });
    if (typeof stored === 'number' && Number.isInteger(stored) && stored >= 0) idleMinutes = stored;
  }

  /** Works out what the file is and opens it as far as it can be opened. */
  function attach(k: Buffer | null): void {
    dropConnection();
    // a passphrase change or key rotation killed after its commit point is finished first
    finishInterruptedSwap(path);
    removeStaleTempFiles(path, place.dir);
    const format = libraryFormat(path);
    const hasKeyFile = existsSync(keyFilePath(path));
    encrypted = format === 'encrypted' || ((format === 'missing' || format === 'empty') && hasKeyFile);
    if (format === 'missing') {
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
        openWith(null);
        return;
      }
      enterRecovery(
        hasKeyFile
          ? { code: 'library_missing', message: `The library file ${basename(path)} is missing, though its key file is there. Open a backup.` }
          : { code: 'not_found', message: `There is no library file ${basename(path)} at that place.` },
        null,
      );
      return;
    }
    if (format === 'empty') {
      enterRecovery({ code: 'empty_file', message: `The library file ${basename(path)} is empty (0 bytes): it was cut short. It was left as it is; open a backup.` }, null);
      return;
    }
    if (format === 'plain') {
      k?.fill(0);
      openWith(null);
      return;
    }
    const foreign = foreignKind(path);
    if (foreign !== null) {
      k?.fill(0);
      encrypted = false;
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
      state = 'locked';
      problem = null;
      return;
    }
    key = k;
    openWith(k);
  }

  function requireService(): LibraryService {
    if (closed) throw new ApiError('closed', 'This library has been closed.');
    if (state === 'locked') throw new ApiError('locked', 'The library is locked. Unlock it with its passphrase.');
    if (service === null) throw new ApiError('recovery', problem?.message ?? 'The library could not be opened.');
    return service;
  }

  function rollingBackup(onOpen: boolean): void {
    if (db === null || state !== 'open') return;
    try {
      if (onOpen) {
        const newest = listBackups(place).find((b) => !b.name.includes('-damaged'));
        if (newest !== undefined) {
          const current = contentFingerprint(db);
          if (backupFingerprint(join(place.dir, newest.name), key) === current) {
            lastBackupAt = now().getTime();
            return;
          }
        }
      }
      createBackup(db, place, { key, now: now(), keep });
      lastBackupAt = now().getTime();
      backupProblem = null;
    } catch (error) {
      backupProblem = { at: now().toISOString(), message: error instanceof Error ? error.message : String(error) };
    }
  }

  function afterWrite(): void {
    if (backupEvery > 0 && now().getTime() - lastBackupAt >= backupEvery * 60_000) rollingBackup(false);
  }

  function requireEditable(what: string): void {
    if (state === 'locked') throw new ApiError('locked', `Unlock the library to ${what}.`);
    if (state !== 'open') throw new ApiError('read_only', `The library is in recovery (read-only): it cannot ${what}. Restore a backup first.`);
  }

  /** Re-opens after a failed whole-file operation, so the session shows the file as it is. */
  function reattachAfter(error: unknown): never {
    const k = key === null ? null : Buffer.from(key);
    dropKey();
    attach(k);
    throw asWholeFileFailure(error);
  }

  const store = {} as StoreService;
  for (const method of Object.keys(storeContract) as StoreMethod[]) {
    const forward = (input: never) => {
      touch();
      const target = requireService() as unknown as Record<StoreMethod, (input: never) => unknown>;
      let result: unknown;
      try {
        result = target[method](input);
      } catch (error) {
        throw asDamage(error, path);
      }
      if (!STORE_READ_METHODS.has(method)) afterWrite();
      return result;
    };
    (store as unknown as Record<string, unknown>)[method] = forward;
  }

  function restoreBackup(name: string, restoreOptions: { passphrase?: string } = {}): VaultStatus {
    if (closed) throw new ApiError('closed', 'This library has been closed.');
    if (state === 'locked') throw new ApiError('locked', 'Unlock the library before restoring a backup.');
    const source = backupPath(place, name);
    const sourceFormat = libraryFormat(source);
    if (sourceFormat !== 'plain' && sourceFormat !== 'encrypted') throw new ApiError('backup_damaged', `The backup ${name} is empty or unreadable.`);
    let sourceKey: Buffer | null = null;
    let keyFromBackup = false;
    if (sourceFormat === 'encrypted') {
      if (key !== null && backupFingerprint(source, key) !== null) {
        sourceKey = Buffer.from(key);
      } else if (restoreOptions.passphrase !== undefined && existsSync(`${source}.key`)) {
        sourceKey = unwrapDataKey(readKeyFile(`${source}.key`), restoreOptions.passphrase);
        keyFromBackup = true;
      } else {
        throw new ApiError(
          'backup_needs_passphrase',
          `The backup ${name} is encrypted with another key. Restore it with its passphrase: briefbook backup restore ${name}.`,
        );
      }
    }
    try {
      const targetKey = encrypted ? Buffer.from(key ?? sourceKey ?? Buffer.alloc(0)) : null;
      if (targetKey !== null && targetKey.length === 0) {
        throw new ApiError('backup_needs_passphrase', `The library is encrypted and its key is not available: restore an encrypted backup with its passphrase (briefbook backup restore ${name}).`);
      }
      let reader: Db;
      try {
        reader = openForReading(source, sourceKey);
        const integrity = reader.pragma('integrity_check', { simple: true });
        if (integrity !== 'ok') {
          reader.close();
          throw new ApiError('backup_damaged', `The backup ${name} is damaged (${String(integrity)}); choose another one.`);
        }
        if (schemaVersion(reader) > loadMigrations().length) {
          reader.close();
          throw new LibraryTooNewError(`The backup ${name}`);
        }
      } catch (error) {
        if (error instanceof ApiError) throw error;
        throw new ApiError('backup_damaged', `The backup ${name} cannot be read: ${(error as Error).message}.`);
      }
      try {
        // the current state first: nothing is lost by restoring
        const healthy = state === 'open' && db !== null;
        if (healthy && db !== null) {
          // protected: never pruned, so the restore can always be undone
          createBackup(db, place, { key, now: now(), keep: 0, tag: 'prerestore' });
        } else {
          preserveDamaged(place, now());
        }
        dropConnection();
        // refused while another window or command has the library open: its writes would go
        // to the replaced file and be lost
        const guard = healthy ? openExclusive(path, key) : null;
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
      dropKey();
      skipOpenBackup = true;
      try {
        attach(targetKey);
      } finally {
        skipOpenBackup = false;
      }
      return status();
    } catch (error) {
      return reattachAfter(error);
    } finally {
      sourceKey?.fill(0);
    }
  }

  const vault: VaultService = {
    'vault.status': () => status(),

    'vault.unlock': ({ passphrase }) => {
      if (closed) throw new ApiError('closed', 'This library has been closed.');
      if (state === 'open') return status();
      if (state === 'recovery' && !encrypted) {
        attach(null);
        return status();
      }
      let k: Buffer;
      try {
        k = unlockKey(path, passphrase);
      } catch (error) {
        const p = problemOf(error, 'key_unreadable');
        if (p.code === 'wrong_passphrase') {
          problem = p;
          throw error;
        }
        dropConnection();
        enterRecovery(p, null);
        return status();
      }
      dropKey();
      attach(k);
      if (key === null) k.fill(0);
      return status();
    },

    'vault.lock': () => lock(),

    'vault.encrypt': ({ passphrase, removeDamagedCopies }) => {
      requireEditable('be encrypted');
      if (encrypted) throw new ApiError('already_encrypted', 'This library is already encrypted.');
      // a copy of a damaged file that SQLite cannot read cannot be encrypted: it would stay
      // readable beside the encrypted library, so it goes only when the user agreed
      const unreadable = plainBackups(place).filter((b) => !b.readable);
      if (unreadable.length > 0 && removeDamagedCopies !== true) {
        throw new ApiError(
          'damaged_copies_plain',
          `${unreadable.length === 1 ? 'A copy of a damaged library' : `${unreadable.length} copies of a damaged library`} in the backups folder cannot be encrypted and would stay readable: ${unreadable.map((b) => b.name).join(', ')}. Nothing was changed. Move them somewhere safe first, or encrypt again and agree to remove them.`,
        );
      }
      // a protected copy of the library as it is (encrypted with the others just after)
      if (db !== null) createBackup(db, place, { key: null, now: now(), keep: 0, tag: 'preencrypt' });
      dropConnection();
      let k: Buffer;
      try {
        k = encryptLibraryFile(path, passphrase, { scrypt: options.scrypt });
      } catch (error) {
        return reattachAfter(error);
      }
      const outcome = encryptPlainBackups(k, removeDamagedCopies === true);
      attach(k);
      return { status: status(), encryptedBackups: outcome.encrypted, removedDamagedCopies: outcome.removed, stillPlain: outcome.stillPlain };
    },

    'vault.decrypt': ({ passphrase }) => {
      if (!encrypted) throw new ApiError('not_encrypted', 'This library is not encrypted.');
      requireEditable('be decrypted');
      // the passphrase is checked before anything is closed
      unlockKey(path, passphrase).fill(0);
      dropConnection();
      try {
        decryptLibraryFile(path, passphrase);
      } catch (error) {
        return reattachAfter(error);
      }
      dropKey();
      attach(null);
      return status();
    },

    'vault.changePassphrase': ({ current, next }) => {
      if (!encrypted) throw new ApiError('not_encrypted', 'This library is not encrypted, so it has no passphrase.');
      changePassphrase(path, current, next, { scrypt: options.scrypt, backupDir: place.dir });
      touch();
      return status();
    },

    'vault.rotateKey': ({ passphrase, next }) => {
      if (!encrypted) throw new ApiError('not_encrypted', 'This library is not encrypted, so it has no data key to rotate.');
      requireEditable('get a new key');
      // the passphrase is checked before anything is closed
      unlockKey(path, passphrase).fill(0);
      dropConnection();
      let rotated: ReturnType<typeof rotateDataKey>;
      try {
        rotated = rotateDataKey(path, passphrase, { scrypt: options.scrypt, backupDir: place.dir, next });
      } catch (error) {
        return reattachAfter(error);
      }
      dropKey();
      attach(rotated.key);
      return { status: status(), rotatedBackups: rotated.report.updated.length, untouchedBackups: rotated.report.untouched };
    },

    'vault.setIdleLock': ({ minutes }) => {
      idleMinutes = minutes;
      if (state === 'open' && service !== null) service['settings.set']({ key: IDLE_SETTING, value: minutes });
      touch();
      return status();
    },

    'items.purge': ({ id, by }) => {
      touch();
      requireEditable('purge an item');
      let purgedAt: string;
      try {
        purgedAt = requireService().purgeItem(id, by).purgedAt;
      } catch (error) {
        throw asDamage(error, path);
      }
      const backups = purgeFromBackups(id, by);
      return { purgedAt, backupsPurged: backups.purged, backupsLeft: backups.left };
    },

    'backups.list': () => listBackups(place),

    'backups.create': (): BackupEntry => {
      if (state === 'locked') throw new ApiError('locked', 'Unlock the library to back it up.');
      if (state === 'open' && db !== null) {
        // a backup on request never prunes: asking for backups must not remove one (only the
        // rolling backups, which nobody can hurry, keep the newest K)
        const { fingerprint: _fingerprint, ...entry } = createBackup(db, place, { key, now: now(), keep: 0 });
        lastBackupAt = now().getTime();
        return entry;
      }
      if (problem !== null && STORAGE_CODES.includes(problem.code)) {
        // a whole library on a full or read-only disk: a verified copy of what it holds, elsewhere
        if (db === null) throw new ApiError(problem.code, problem.message);
        // the exclusive reader of a full disk is query-only; VACUUM INTO writes only the copy
        const queryOnly = db.pragma('query_only', { simple: true }) === 1;
        try {
          if (queryOnly) db.pragma('query_only = OFF');
          // an image in memory is plain; a library read in place keeps its key
          const { fingerprint: _fingerprint, ...entry } = createBackup(db, place, { key, now: now(), keep });
          return entry;
        } catch (error) {
          if (error instanceof ApiError) throw error;
          const code = (error as { code?: unknown } | null)?.code;
          throw new ApiError(problem.code, `${problem.message} The backup could not be written there either (${String(code ?? (error as Error).message)}); choose another folder (briefbook backup create --dir FOLDER).`);
        } finally {
          if (queryOnly && db.open) db.pragma('query_only = ON');
        }
      }
      const copy = preserveDamaged(place, now());
      if (copy === null) throw new ApiError('not_found', 'There is no library file to back up.');
      return copy;
    },

    'backups.restore': ({ name, passphrase }) => restoreBackup(name, passphrase === undefined ? {} : { passphrase }),
  };

  /**
   * After a purge: every backup that holds the item is rewritten without it — a copy purged the
   * same way (secure_delete, merged indexes, vacuumed), checked, and swapped in all or nothing.
   * A backup this session cannot read (another key, a copy of a damaged file) is named instead.
   */
  function purgeFromBackups(id: string, by: string): { purged: number; left: { name: string; why: string }[] } {
    const outcome = { purged: 0, left: [] as { name: string; why: string }[] };
    for (const entry of listBackups(place)) {
      const file = join(place.dir, entry.name);
      const format = libraryFormat(file);
      const k = format === 'encrypted' ? key : null;
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
          if (reader.prepare('SELECT 1 FROM items WHERE id = ?').get(id) === undefined) continue;
          temp = reserveTempFile(place.dir, entry.name, 'backup');
          reader.prepare('VACUUM INTO ?').run(temp);
        } finally {
          reader.close();
          removeEmptyWalLeftovers(file);
        }
        const copy = openDatabase(temp, { key: k ?? undefined, mustExist: true, migrate: false });
        try {
          createService(copy, { path: temp, sampleText, encrypted: k !== null, readOnly: false, now: options.now }).purgeItem(id, by);
          if (copy.pragma('integrity_check', { simple: true }) !== 'ok') throw new Error('the purged copy did not pass its integrity check');
        } finally {
          copy.close();
        }
        commitSwap(path, [{ from: temp, to: file, database: true }]);
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

  /**
   * An encrypted library keeps no readable copy: every plain backup (copies of damaged files
   * included) is re-encrypted under its key, each one all or nothing. Run after encrypting, and
   * on every open with a key, which finishes a run a crash cut short. Returns what it did.
   */
  function encryptPlainBackups(k: Buffer, removeUnreadable: boolean): { encrypted: number; removed: string[]; stillPlain: { name: string; why: string }[] } {
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
        backupProblem = { at: now().toISOString(), message: `backup ${backup.name} could not be encrypted: ${why}` };
      }
    }
    if (outcome.removed.length > 0) fsyncFolder(place.dir);
    return outcome;
  }

  attach(null);

  return {
    ...store,
    ...vault,
    path,
    recordExport: (entry) => {
      touch();
      let result: ExportRecord;
      try {
        result = requireService().recordExport(entry);
      } catch (error) {
        throw asDamage(error, path);
      }
      afterWrite();
      return result;
    },
    recordExports: (entries) => {
      touch();
      let result: ExportRecord[];
      try {
        result = requireService().recordExports(entries);
      } catch (error) {
        throw asDamage(error, path);
      }
      afterWrite();
      return result;
    },
    exportsBySha: (sha256) => {
      touch();
      return requireService().exportsBySha(sha256);
    },
    touch,
    restoreBackup,
    lastBackupProblem: () => backupProblem,
    currentService: () => (state === 'locked' ? null : service),
    close() {
      closed = true;
      stopIdleTimer();
      dropConnection();
      dropKey();
    },
  };
}
