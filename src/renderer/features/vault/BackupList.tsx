import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { BackupEntry, VaultStatus } from '../../../shared/contract';
import { apiKey, apiQuery, BriefbookError, call, errorMessage } from '../../lib/api';
import { invalidate } from '../../lib/invalidate';
import { PassphraseField } from './PassphraseField';
import { formatDateTime } from '../../lib/format';
import { formatBytes } from './vault-words';
import './vault.css';

interface BackupListProps {
  /** "Back up now" (Settings); the recovery screen only restores */
  allowCreate?: boolean;
  /** restoring is refused (for example while the library is read-only and not damaged) */
  disabled?: boolean;
  onRestored: (status: VaultStatus, backup: BackupEntry) => void;
}

function isDamagedCopy(entry: BackupEntry): boolean {
  return entry.name.includes('-damaged');
}

/**
 * The library's rolling backups, newest first, each restorable after a confirmation that says
 * the current state is backed up first (the store does that before every restore).
 */
export function BackupList({ allowCreate = false, disabled = false, onRestored }: BackupListProps) {
  const client = useQueryClient();
  const list = useQuery(apiQuery('backups.list', {}));
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState<'create' | 'restore' | null>(null);
  const [message, setMessage] = useState<{ tone: 'error' | 'info'; text: string } | null>(null);
  // a backup made with a key the library no longer has asks for its own passphrase
  const [needsPassphrase, setNeedsPassphrase] = useState<string | null>(null);
  const [backupPassphrase, setBackupPassphrase] = useState('');

  const create = async () => {
    setBusy('create');
    setMessage(null);
    try {
      const entry = await call('backups.create', {});
      await invalidate(client, 'backups.create');
      setMessage({ tone: 'info', text: `Backed up at ${formatDateTime(entry.createdAt)} (${formatBytes(entry.bytes)}).` });
    } catch (error) {
      setMessage({ tone: 'error', text: `The backup was not made: ${errorMessage(error)}` });
    } finally {
      setBusy(null);
    }
  };

  const restore = async (entry: BackupEntry) => {
    setBusy('restore');
    setMessage(null);
    const withPassphrase = needsPassphrase === entry.name && backupPassphrase !== '';
    try {
      const status = await call('backups.restore', withPassphrase ? { name: entry.name, passphrase: backupPassphrase } : { name: entry.name });
      setConfirming(null);
      setBusy(null);
      setNeedsPassphrase(null);
      setBackupPassphrase('');
      onRestored(status, entry);
    } catch (error) {
      setBusy(null);
      if (error instanceof BriefbookError && error.code === 'backup_needs_passphrase') {
        setNeedsPassphrase(entry.name);
        setMessage({
          tone: 'info',
          text: 'This backup is encrypted with a key the library no longer has (its key file is missing, or the passphrase changed since). Enter the passphrase the backup was made with.',
        });
        return;
      }
      const words = error instanceof BriefbookError && error.code === 'wrong_passphrase' && withPassphrase ? 'that passphrase does not open this backup. Nothing was changed.' : errorMessage(error);
      setMessage({ tone: 'error', text: `The backup was not restored: ${words}` });
      void client.invalidateQueries({ queryKey: apiKey('backups.list', {}) });
    }
  };

  return (
    <div className="backups">
      {allowCreate && (
        <div className="backups-head">
          <button type="button" onClick={() => void create()} disabled={busy !== null || disabled}>
            {busy === 'create' ? 'Backing up…' : 'Back up now'}
          </button>
          <small>Backups are also taken when the library opens and every 15 minutes while you edit; of those, the newest 10 are kept. A backup you take here is never removed to make room.</small>
        </div>
      )}
      <p className={`backups-message ${message?.tone ?? ''}`} role={message?.tone === 'error' ? 'alert' : 'status'}>
        {message?.text}
      </p>
      {list.isPending && <p className="muted">Reading the backups…</p>}
      {list.isError && <p className="vault-error">The backups could not be listed: {errorMessage(list.error)}</p>}
      {list.isSuccess && list.data.length === 0 && <p className="muted">No backups yet.{allowCreate ? ' Back up now to make the first one.' : ''}</p>}
      {list.isSuccess && list.data.length > 0 && (
        <ul className="backup-list" aria-label="Backups, newest first">
          {list.data.map((entry) => {
            const when = formatDateTime(entry.createdAt);
            return (
              <li key={entry.name} className="backup-row">
                <div className="backup-line">
                  <span className="backup-when" title={entry.name}>
                    {when}
                  </span>
                  <span className="backup-size">{formatBytes(entry.bytes)}</span>
                  {isDamagedCopy(entry) && <span className="backup-tag">copy of a damaged library</span>}
                  <span className="grow" />
                  {confirming !== entry.name && (
                    <button type="button" disabled={busy !== null || disabled} aria-label={`Restore the backup of ${when}…`} onClick={() => setConfirming(entry.name)}>
                      Restore…
                    </button>
                  )}
                </div>
                {confirming === entry.name && (
                  <div className="backup-confirm" role="group" aria-label={`Restore the backup of ${when}`}>
                    <p>
                      Replace the library with the backup of {when}? The library as it is now is backed up first, so nothing is lost: you can go back to it from this list.
                    </p>
                    {needsPassphrase === entry.name && (
                      <PassphraseField label="Passphrase of this backup" value={backupPassphrase} onChange={setBackupPassphrase} disabled={busy !== null} autoFocus />
                    )}
                    <div className="actions">
                      <button
                        type="button"
                        onClick={() => {
                          setConfirming(null);
                          setNeedsPassphrase(null);
                          setBackupPassphrase('');
                        }}
                        disabled={busy !== null}
                      >
                        Cancel
                      </button>
                      <button
                        type="button"
                        className="primary"
                        onClick={() => void restore(entry)}
                        disabled={busy !== null || (needsPassphrase === entry.name && backupPassphrase === '')}
                      >
                        {busy === 'restore' ? 'Restoring…' : 'Restore this backup'}
                      </button>
                    </div>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
