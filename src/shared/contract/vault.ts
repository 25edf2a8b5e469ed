/** The encrypted-library session across the process boundary: lock state, passphrases, backups, purging. */
import { z } from 'zod';
import { idSchema, LIMITS } from '../domain';
import type { ApiErrorShape } from '../errors';
import { SETTINGS } from '../settings';
import { LIBRARY_DATA, method, none, read, returns, short, write, type ContractDefinition } from './method';

/**
 * The encrypted-library session (docs/security.md DATA-*): lock state, passphrases, backups.
 * Implemented in electron/store beside the service; every store method answers `locked` while
 * the library is locked.
 */
export const vaultContract = {
  /** Whether the library is open, locked (encrypted, no key in memory) or in recovery. */
  'vault.status': method(none, returns<VaultStatus>(), read('vault')),
  /** Unlocks an encrypted library; a wrong passphrase answers `wrong_passphrase` and changes nothing. */
  'vault.unlock': method(z.strictObject({ passphrase: z.string().min(1).max(LIMITS.short) }), returns<VaultStatus>(), write('vault')),
  /** Drops the key from memory; the library shows the lock screen. */
  'vault.lock': method(none, returns<VaultStatus>(), write('vault')),
  /**
   * Encrypts a plain library with a new passphrase, and every plain backup with it. A copy of a
   * damaged library that cannot be encrypted is removed when `removeDamagedCopies` is true;
   * otherwise such a copy makes the call answer `damaged_copies_plain` and change nothing.
   */
  'vault.encrypt': method(
    z.strictObject({ passphrase: z.string().min(8).max(LIMITS.short), removeDamagedCopies: z.boolean().optional() }),
    returns<EncryptResult>(), write('vault', 'backups', 'audit')
  ),
  /** Turns an encrypted library back into a plain one (asks for the passphrase again). */
  'vault.decrypt': method(z.strictObject({ passphrase: z.string().min(1).max(LIMITS.short) }), returns<VaultStatus>(), write('vault', 'backups', 'audit')),
  /** Rewraps the data key; the database file is left byte-identical. */
  'vault.changePassphrase': method(
    z.strictObject({ current: z.string().min(1).max(LIMITS.short), next: z.string().min(8).max(LIMITS.short) }),
    returns<VaultStatus>(), write('vault', 'backups', 'audit')
  ),
  /**
   * A new data key: the library and every backup are re-encrypted under it and get new key
   * files (with `next` as their passphrase, else the current one), all or nothing. Afterwards no
   * earlier key file opens anything. For a passphrase that may have leaked.
   */
  'vault.rotateKey': method(
    z.strictObject({ passphrase: z.string().min(1).max(LIMITS.short), next: z.string().min(8).max(LIMITS.short).optional() }),
    returns<KeyRotation>(), write('vault', 'backups', 'audit')
  ),
  /** Minutes of inactivity before the library locks itself (0: never). */
  'vault.setIdleLock': method(z.strictObject({ minutes: SETTINGS['vault.idleLockMinutes'].schema }), returns<VaultStatus>(), write('vault')),
  /**
   * Erases an item for good (entered at too high a level): every version, its places in books,
   * its search-index entries and its mentions in the logs; the freed space is overwritten and the
   * file rebuilt; every backup that holds it is rewritten without it. The audit log keeps only
   * that an item was purged, by whom and when. Confirmed by the person in a native dialog.
   */
  'items.purge': method(z.strictObject({ id: idSchema, by: short.min(1) }), returns<PurgeResult>(), write('items', 'books', 'exports', 'audit', 'backups')),
  /** Rolling backups of the library, newest first. */
  'backups.list': method(none, returns<BackupEntry[]>(), read('backups')),
  /** Takes a backup now. */
  'backups.create': method(none, returns<BackupEntry>(), write('backups')),
  /**
   * Replaces the library with a backup (the current state is backed up first). `passphrase` is
   * the backup's own, needed when the library no longer has its key (key file lost, passphrase
   * changed since): without it such a restore answers `backup_needs_passphrase`.
   */
  'backups.restore': method(
    z.strictObject({ name: z.string().min(1).max(255), passphrase: z.string().min(1).max(LIMITS.short).optional() }),
    returns<VaultStatus>(), write(...LIBRARY_DATA)
  ),
} as const satisfies ContractDefinition;

export interface VaultStatus {
  /** the library file's name (no folder), for the lock and recovery screens */
  fileName: string;
  state: 'open' | 'locked' | 'recovery';
  encrypted: boolean;
  readOnly: boolean;
  /** what went wrong, in words, when in recovery */
  problem: ApiErrorShape | null;
  idleLockMinutes: number;
}

/** What `items.purge` did. */
export interface PurgeResult {
  purgedAt: string;
  /** backups that held the item and were rewritten without it */
  backupsPurged: number;
  /** backups that may still hold it, with why (another key, a copy of a damaged file) */
  backupsLeft: { name: string; why: string }[];
}

/** What `vault.encrypt` did. */
export interface EncryptResult {
  status: VaultStatus;
  /** plain backups now encrypted (copies of damaged files included) */
  encryptedBackups: number;
  /** copies of damaged files removed because they could not be encrypted (the user agreed) */
  removedDamagedCopies: string[];
  /** backups that could not be encrypted and are still readable, with why */
  stillPlain: { name: string; why: string }[];
}

/** What `vault.rotateKey` did. */
export interface KeyRotation {
  status: VaultStatus;
  /** backups now encrypted under the new data key */
  rotatedBackups: number;
  /** encrypted backups left as they were (another data key the passphrase does not unwrap, or damaged) */
  untouchedBackups: { name: string; why: string }[];
}

export interface BackupEntry {
  name: string;
  createdAt: string;
  bytes: number;
}
