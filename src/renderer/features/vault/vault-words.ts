/** What the vault's answers mean to the person at the keyboard, in words (docs/ux.md: never a stack). */
import { BriefbookError, errorMessage } from '../../lib/api';
import { plural } from '../../lib/format';

export const WRONG_PASSPHRASE = 'That passphrase does not open this library. Nothing was changed.';
export const MIN_PASSPHRASE = 8;

export function vaultErrorWords(error: unknown): string {
  if (error instanceof BriefbookError && error.code === 'wrong_passphrase') return WRONG_PASSPHRASE;
  return errorMessage(error);
}

/** A problem with a new passphrase and its confirmation, or null when both are fine. */
export function newPassphraseProblem(passphrase: string, confirmation: string): string | null {
  if (passphrase.length < MIN_PASSPHRASE) return `Use at least ${MIN_PASSPHRASE} characters (a few words are easier to remember than symbols).`;
  if (passphrase !== confirmation) return 'The two passphrases are not the same. Type them again.';
  return null;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return plural(bytes, 'byte');
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export function idleWords(minutes: number): string {
  return minutes === 0 ? 'It does not lock by itself; lock it with Ctrl+L.' : `It locks itself after ${plural(minutes, 'minute')} without use, and with Ctrl+L.`;
}
