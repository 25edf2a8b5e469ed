import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { BackupEntry, VaultStatus } from '../../../shared/contract';
import type { ApiErrorCode } from '../../../shared/errors';
import { apiKey, call, errorMessage, hasMethod } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { BackupList } from './BackupList';
import { PassphraseField } from './PassphraseField';
import { vaultErrorWords } from './vault-words';
import './vault.css';

/**
 * A plain library in recovery is probed again by `vault.unlock` (the session re-opens the file
 * and ignores the passphrase, which the contract still requires): this is "Check again".
 */
const RECHECK_PLAIN = 'recheck';

interface RecoveryScreenProps {
  status: VaultStatus;
  fileName: string | null;
  onStatus: (status: VaultStatus) => void;
  onRestored: (status: VaultStatus, backup: BackupEntry) => void;
  onContinueReadOnly: () => void;
}

const HEADINGS: Partial<Record<ApiErrorCode, string>> = {
  key_missing: 'The key file of this library is missing',
  key_file_damaged: 'The key file of this library is damaged',
  key_file_too_new: 'The key file was written by a newer Briefbook',
  key_unreadable: 'The key file could not be read',
  corrupt: 'This library is damaged',
  not_a_library: 'This file is not a Briefbook library',
  empty_file: 'This library file is empty',
  library_too_new: 'This library was written by a newer Briefbook',
  library_missing: 'The library file is missing',
  not_found: 'The library file is missing',
  disk_full: 'The disk holding this library is full',
  read_only_disk: 'This library is on a read-only disk',
};

/**
 * docs/security.md DATA-3: a library that does not open is never deleted or recreated; this screen
 * says what happened and offers what can be done — try again, restore a backup, read it
 * read-only when the file could be read, or open another library.
 */
export function RecoveryScreen({ status, fileName, onStatus, onRestored, onContinueReadOnly }: RecoveryScreenProps) {
  const problem = status.problem ?? { code: 'recovery', message: 'The library could not be opened.' };
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [checked, setChecked] = useState<string | null>(null);
  const [shellError, setShellError] = useState<string | null>(null);

  // whether the file could be opened read-only at all: only then is there something to read
  const readable = useQuery({
    queryKey: [...apiKey('library.info', {}), problem.code, problem.message],
    queryFn: () => call('library.info', {}),
    enabled: status.readOnly,
  });

  const retry = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || (status.encrypted && passphrase === '')) return;
    setBusy(true);
    setError(null);
    setChecked(null);
    try {
      const next = await call('vault.unlock', { passphrase: status.encrypted ? passphrase : RECHECK_PLAIN });
      setPassphrase('');
      if (next.state === 'recovery' && next.problem?.message === problem.message) {
        setChecked(`Checked again at ${formatDateTime(new Date().toISOString())}: nothing has changed.`);
      }
      onStatus(next);
    } catch (failure) {
      setError(vaultErrorWords(failure));
    } finally {
      setBusy(false);
    }
  };

  const shell = async (method: 'files.openLibrary' | 'files.newLibrary') => {
    setShellError(null);
    try {
      await call(method, {});
    } catch (failure) {
      setShellError(errorMessage(failure));
    }
  };

  const canRead = status.readOnly && readable.isSuccess;

  return (
    <div className="vault-screen" data-vault-screen="recovery">
      <main className="vault-card recovery" aria-labelledby="recovery-title">
        <p className="vault-brand">Briefbook · recovery</p>
        <h1 id="recovery-title">{HEADINGS[problem.code] ?? 'This library could not be opened'}</h1>
        {fileName !== null && (
          <p className="vault-file" title={fileName}>
            {fileName}
          </p>
        )}
        <div className="recovery-problem" role="alert">
          <p>{problem.message}</p>
        </div>
        <p className="vault-note">Nothing was deleted or overwritten. Choose what to do:</p>

        <section className="recovery-choice" aria-labelledby="recovery-retry">
          <h2 id="recovery-retry">Try again</h2>
          <form className="recovery-retry" onSubmit={(e) => void retry(e)}>
            {status.encrypted ? (
              <>
                <p className="muted">If you put the key file back beside the library, or fixed what was wrong, unlock it again.</p>
                <div className="inline-form">
                  <PassphraseField label="Passphrase" value={passphrase} onChange={setPassphrase} disabled={busy} invalid={error !== null} errorId="recovery-error" />
                  <button type="submit" className="primary" disabled={busy || passphrase === ''}>
                    {busy ? 'Unlocking…' : 'Unlock again'}
                  </button>
                </div>
              </>
            ) : (
              <div className="inline-form">
                <p className="muted">If you put the file back or fixed what was wrong, open it again.</p>
                <button type="submit" disabled={busy}>
                  {busy ? 'Checking…' : 'Check again'}
                </button>
              </div>
            )}
            <p id="recovery-error" className="vault-error" role="alert">
              {error}
            </p>
            {checked !== null && (
              <p className="muted" role="status">
                {checked}
              </p>
            )}
          </form>
        </section>

        {canRead && (
          <section className="recovery-choice" aria-labelledby="recovery-read">
            <h2 id="recovery-read">Read it as it is</h2>
            <div className="inline-form">
              <p className="muted">Open the library read-only: read, search and export what it holds. Nothing can be changed.</p>
              <button type="button" className="primary" onClick={onContinueReadOnly}>
                Continue read-only
              </button>
            </div>
          </section>
        )}

        <section className="recovery-choice" aria-labelledby="recovery-backup">
          <h2 id="recovery-backup">Restore a backup</h2>
          <p className="muted">The library as it is now is kept first, byte for byte, in the backups folder.</p>
          <BackupList onRestored={onRestored} />
        </section>

        {(hasMethod('files.openLibrary') || hasMethod('files.newLibrary')) && (
          <section className="recovery-choice" aria-labelledby="recovery-other">
            <h2 id="recovery-other">Work on another library</h2>
            <div className="actions">
              {hasMethod('files.openLibrary') && (
                <button type="button" onClick={() => void shell('files.openLibrary')}>
                  Open another library…
                </button>
              )}
              {hasMethod('files.newLibrary') && (
                <button type="button" onClick={() => void shell('files.newLibrary')}>
                  New library…
                </button>
              )}
            </div>
            <p className="vault-error" role="alert">
              {shellError}
            </p>
          </section>
        )}
      </main>
    </div>
  );
}
