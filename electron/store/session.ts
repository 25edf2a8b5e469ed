/**
 * A library session: one library file as the app sees it — open, locked (encrypted, no key in
 * memory) or in recovery (damaged, key missing, too new: read-only or nothing) — implementing
 * every store method of the contract (forwarded to the service of the moment) and the vault
 * methods (docs/security.md DATA-1..4, DUR-3). Plain Node: no 'electron'.
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
 *
 * This module puts the session together; each concern is its own module in vault/: the state the
 * parts share (session-state), opening and recovery (lifecycle), the idle lock, rolling backups,
 * restore. SQLite's errors become words in errors.ts.
 */
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
import { SETTINGS } from '../../src/shared/settings';
import { asDamage, problemOf } from './errors';
import { readSampleBook } from './sample';
import type { LibraryService } from './service';
import { createBackup, defaultBackupDir, DEFAULT_KEEP_BACKUPS, listBackups, preserveDamaged, type BackupPlace } from './vault/backups';
import { idleLock } from './vault/idle-lock';
import { changePassphrase, rotateDataKey } from './vault/key-change';
import type { ScryptParams } from './vault/key-file';
import { lifecycle } from './vault/lifecycle';
import { decryptLibraryFile, encryptLibraryFile, unlockKey } from './vault/library-file';
import { plainBackups } from './vault/plain-backups';
import { restoreBackup } from './vault/restore';
import { rollingBackups } from './vault/rolling-backup';
import { dropConnection, dropKey, sessionState, statusOf } from './vault/session-state';
import { STORAGE_CODES, storageProblem } from './vault/storage';

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

/**
 * Opens a library as a session. Never throws for a damaged or locked file: check
 * `session['vault.status']({})`.
 */
export function openLibrarySession(path: string, options: LibrarySessionOptions = {}): LibrarySession {
  const sampleText = options.sampleText ?? (() => readSampleBook());
  const now = () => options.now?.() ?? new Date();
  const place: BackupPlace = { libraryPath: path, dir: options.backupDir ?? defaultBackupDir(path) };
  const keep = options.keepBackups ?? DEFAULT_KEEP_BACKUPS;
  const s = sessionState(path, place, options.idleLockMinutes ?? DEFAULT_IDLE_MINUTES);
  const idle = idleLock(s);
  const backups = rollingBackups(s, { keep, everyMinutes: options.backupEveryMinutes ?? DEFAULT_BACKUP_MINUTES, now, serviceNow: options.now, sampleText });
  const life = lifecycle(s, {
    sampleText,
    create: options.create,
    now: options.now,
    onOpen(k, restored) {
      // a crash while encrypting may have left plain backups: they are encrypted now
      if (k !== null) backups.encryptPlain(k, false);
      const stored = s.service?.['settings.get']({ key: IDLE_SETTING });
      if (typeof stored === 'number' && Number.isInteger(stored) && stored >= 0) s.idleMinutes = stored;
      idle.touch();
      // a restore has just put a backup in place: backing it up again would only duplicate it
      if (restored) backups.markTaken();
      else if (options.backupOnOpen !== false) backups.take(true);
    },
  });
  const disk = () => storageProblem(path);
  const restore = (name: string, restoreOptions: { passphrase?: string } = {}) => restoreBackup(s, life, now, name, restoreOptions);

  /** A call through the open service: activity for the idle lock, SQLite's errors in words. */
  function call<T>(fn: (service: LibraryService) => T, write: boolean): T {
    idle.touch();
    let result: T;
    try {
      result = fn(life.requireService());
    } catch (error) {
      throw asDamage(error, disk);
    }
    if (write) backups.afterWrite();
    return result;
  }

  const store = {} as StoreService;
  for (const method of Object.keys(storeContract) as StoreMethod[]) {
    const forward = (input: never) => call((service) => (service as unknown as Record<StoreMethod, (input: never) => unknown>)[method](input), !STORE_READ_METHODS.has(method));
    (store as unknown as Record<string, unknown>)[method] = forward;
  }

  const vault: VaultService = {
    'vault.status': () => statusOf(s),

    'vault.unlock': ({ passphrase }) => {
      if (s.closed) throw new ApiError('closed', 'This library has been closed.');
      if (s.state === 'open') return statusOf(s);
      if (s.state === 'recovery' && !s.encrypted) {
        life.attach(null);
        return statusOf(s);
      }
      let k: Buffer;
      try {
        k = unlockKey(path, passphrase);
      } catch (error) {
        const p = problemOf(error, 'key_unreadable');
        if (p.code === 'wrong_passphrase') {
          s.problem = p;
          throw error;
        }
        dropConnection(s);
        life.enterRecovery(p, null);
        return statusOf(s);
      }
      dropKey(s);
      life.attach(k);
      if (s.key === null) k.fill(0);
      return statusOf(s);
    },

    'vault.lock': () => idle.lock(),

    'vault.encrypt': ({ passphrase, removeDamagedCopies }) => {
      life.requireEditable('be encrypted');
      if (s.encrypted) throw new ApiError('already_encrypted', 'This library is already encrypted.');
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
      if (s.db !== null) createBackup(s.db, place, { key: null, now: now(), keep: 0, tag: 'preencrypt' });
      dropConnection(s);
      let k: Buffer;
      try {
        k = encryptLibraryFile(path, passphrase, { scrypt: options.scrypt });
      } catch (error) {
        return life.reattachAfter(error);
      }
      const outcome = backups.encryptPlain(k, removeDamagedCopies === true);
      life.attach(k);
      return { status: statusOf(s), encryptedBackups: outcome.encrypted, removedDamagedCopies: outcome.removed, stillPlain: outcome.stillPlain };
    },

    'vault.decrypt': ({ passphrase }) => {
      if (!s.encrypted) throw new ApiError('not_encrypted', 'This library is not encrypted.');
      life.requireEditable('be decrypted');
      // the passphrase is checked before anything is closed
      unlockKey(path, passphrase).fill(0);
      dropConnection(s);
      try {
        decryptLibraryFile(path, passphrase);
      } catch (error) {
        return life.reattachAfter(error);
      }
      dropKey(s);
      life.attach(null);
      return statusOf(s);
    },

    'vault.changePassphrase': ({ current, next }) => {
      if (!s.encrypted) throw new ApiError('not_encrypted', 'This library is not encrypted, so it has no passphrase.');
      changePassphrase(path, current, next, { scrypt: options.scrypt, backupDir: place.dir });
      idle.touch();
      return statusOf(s);
    },

    'vault.rotateKey': ({ passphrase, next }) => {
      if (!s.encrypted) throw new ApiError('not_encrypted', 'This library is not encrypted, so it has no data key to rotate.');
      life.requireEditable('get a new key');
      // the passphrase is checked before anything is closed
      unlockKey(path, passphrase).fill(0);
      dropConnection(s);
      let rotated: ReturnType<typeof rotateDataKey>;
      try {
        rotated = rotateDataKey(path, passphrase, { scrypt: options.scrypt, backupDir: place.dir, next });
      } catch (error) {
        return life.reattachAfter(error);
      }
      dropKey(s);
      life.attach(rotated.key);
      return { status: statusOf(s), rotatedBackups: rotated.report.updated.length, untouchedBackups: rotated.report.untouched };
    },

    'vault.setIdleLock': ({ minutes }) => {
      s.idleMinutes = minutes;
      if (s.state === 'open' && s.service !== null) s.service['settings.set']({ key: IDLE_SETTING, value: minutes });
      idle.touch();
      return statusOf(s);
    },

    'items.purge': ({ id, by }) => {
      idle.touch();
      life.requireEditable('purge an item');
      let purgedAt: string;
      try {
        purgedAt = life.requireService().purgeItem(id, by).purgedAt;
      } catch (error) {
        throw asDamage(error, disk);
      }
      const fromBackups = backups.purgeFrom(id, by);
      return { purgedAt, backupsPurged: fromBackups.purged, backupsLeft: fromBackups.left };
    },

    'backups.list': () => listBackups(place),

    'backups.create': (): BackupEntry => {
      if (s.state === 'locked') throw new ApiError('locked', 'Unlock the library to back it up.');
      if (s.state === 'open' && s.db !== null) {
        // a backup on request never prunes: asking for backups must not remove one (only the
        // rolling backups, which nobody can hurry, keep the newest K)
        const { fingerprint: _fingerprint, ...entry } = createBackup(s.db, place, { key: s.key, now: now(), keep: 0 });
        backups.markTaken();
        return entry;
      }
      const problem = s.problem;
      if (problem !== null && STORAGE_CODES.includes(problem.code)) {
        // a whole library on a full or read-only disk: a verified copy of what it holds, elsewhere
        const db = s.db;
        if (db === null) throw new ApiError(problem.code, problem.message);
        // the exclusive reader of a full disk is query-only; VACUUM INTO writes only the copy
        const queryOnly = db.pragma('query_only', { simple: true }) === 1;
        try {
          if (queryOnly) db.pragma('query_only = OFF');
          // an image in memory is plain; a library read in place keeps its key
          const { fingerprint: _fingerprint, ...entry } = createBackup(db, place, { key: s.key, now: now(), keep });
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

    'backups.restore': ({ name, passphrase }) => restore(name, passphrase === undefined ? {} : { passphrase }),
  };


  life.attach(null);

  return {
    ...store,
    ...vault,
    path,
    recordExport: (entry) => call((service) => service.recordExport(entry), true),
    recordExports: (entries) => call((service) => service.recordExports(entries), true),
    exportsBySha: (sha256) => {
      idle.touch();
      return life.requireService().exportsBySha(sha256);
    },
    touch: () => idle.touch(),
    restoreBackup: restore,
    lastBackupProblem: () => backups.lastProblem(),
    currentService: () => (s.state === 'locked' ? null : s.service),
    close() {
      s.closed = true;
      idle.stop();
      dropConnection(s);
      dropKey(s);
    },
  };
}
