import { useRef, useState, type FormEvent } from 'react';
import type { VaultStatus } from '../../../shared/contract';
import { call, errorMessage, hasMethod } from '../../lib/api';
import { useRefocus } from '../../lib/use-refocus';
import { PassphraseField } from './PassphraseField';
import { idleWords, vaultErrorWords } from './vault-words';
import './vault.css';

interface LockScreenProps {
  /** the library's file name, when known */
  fileName: string | null;
  idleLockMinutes: number;
  /** Ctrl+L was pressed: pending saves finish, then the library locks */
  locking?: boolean;
  onStatus: (status: VaultStatus) => void;
}

/**
 * The whole window while an encrypted library is locked: its name, a passphrase field, and
 * nothing else of it (the app behind is not mounted and the query cache holds none of it).
 */
export function LockScreen({ fileName, idleLockMinutes, locking = false, onStatus }: LockScreenProps) {
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const field = useRef<HTMLInputElement>(null);
  const refocus = useRefocus(field);

  const unlock = async (event: FormEvent) => {
    event.preventDefault();
    if (passphrase === '' || busy || locking) return;
    setBusy(true);
    setError(null);
    try {
      const status = await call('vault.unlock', { passphrase });
      setPassphrase('');
      onStatus(status);
    } catch (failure) {
      setError(vaultErrorWords(failure));
      setBusy(false);
      refocus();
      return;
    }
    setBusy(false);
  };

  const openAnother = async () => {
    try {
      await call('files.openLibrary', {});
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };

  return (
    <div className="vault-screen" data-vault-screen="lock">
      <main className="vault-card" aria-labelledby="lock-title">
        <LockIcon />
        <p className="vault-brand">Briefbook</p>
        <h1 id="lock-title">{locking ? 'Locking the library…' : 'This library is locked'}</h1>
        {fileName !== null && (
          <p className="vault-file" title={fileName}>
            {fileName}
          </p>
        )}
        <form onSubmit={(e) => void unlock(e)} className="vault-form">
          <PassphraseField ref={field} label="Passphrase" value={passphrase} onChange={setPassphrase} disabled={busy || locking} invalid={error !== null} errorId="unlock-error" autoFocus />
          <p id="unlock-error" className="vault-error" role="alert">
            {error}
          </p>
          <button type="submit" className="primary vault-submit" disabled={busy || locking || passphrase === ''}>
            {busy ? 'Unlocking…' : 'Unlock'}
          </button>
        </form>
        <p className="vault-note">{idleWords(idleLockMinutes)} A lost passphrase cannot be recovered.</p>
        {hasMethod('files.openLibrary') && (
          <p className="vault-note">
            <button type="button" className="link" onClick={() => void openAnother()}>
              Open another library…
            </button>
          </p>
        )}
      </main>
      <footer className="vault-statusbar" aria-label="Status">
        <span className="file">{fileName ?? 'Library'}</span>
        <span>Locked</span>
      </footer>
    </div>
  );
}

export function LockIcon() {
  return (
    <svg className="vault-icon" width="36" height="36" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <rect x="4.5" y="10.5" width="15" height="10" rx="2" fill="none" stroke="currentColor" strokeWidth="1.6" />
      <path d="M8 10.5V7.5a4 4 0 0 1 8 0v3" fill="none" stroke="currentColor" strokeWidth="1.6" />
      <circle cx="12" cy="15.5" r="1.4" fill="currentColor" />
    </svg>
  );
}
