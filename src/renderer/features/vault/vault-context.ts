/**
 * What the rest of the app may know about the encrypted-library session: its status (from
 * `vault.status`, kept by the vault gate) and the few things it may ask the gate to do.
 */
import { createContext, useContext } from 'react';
import type { BackupEntry, VaultStatus } from '../../../shared/contract';

export interface VaultView {
  /** null when the bridge offers no vault methods (a plain library in tests) */
  status: VaultStatus | null;
  /** the library is in recovery and the user chose to read it anyway */
  readOnlyRecovery: boolean;
  /** Ctrl+L: waits for pending saves, locks, shows the lock screen */
  lock: () => void;
  /** a vault method answered a new status (encrypt, decrypt, idle time) */
  applyStatus: (status: VaultStatus) => void;
  /** a backup replaced the library: everything shown is forgotten and read again */
  restored: (status: VaultStatus, backup?: BackupEntry) => void;
  /** back from the read-only view to the recovery choices */
  showRecovery: () => void;
}

export const VaultContext = createContext<VaultView>({
  status: null,
  readOnlyRecovery: false,
  lock: () => undefined,
  applyStatus: () => undefined,
  restored: () => undefined,
  showRecovery: () => undefined,
});

export function useVault(): VaultView {
  return useContext(VaultContext);
}
