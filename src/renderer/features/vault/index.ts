/** The vault feature as the rest of the renderer sees it: the gate, the vault's state, and its passphrase pieces. */
export { BackupList } from './BackupList';
export { PassphraseField } from './PassphraseField';
export { VaultGate } from './VaultGate';
export { VaultContext, useVault, type VaultView } from './vault-context';
export { idleWords, MIN_PASSPHRASE, newPassphraseProblem, vaultErrorWords } from './vault-words';
