import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { BackupEntry, VaultStatus } from '../../../shared/contract';
import { apiKey, apiQuery, call, errorMessage, hasMethod, onLocked, type Output } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { notify, notifyError } from '../../lib/notices';
import { writesSettled } from '../../lib/save-status';
import { forgetLibrary } from './forget-library';
import { LockScreen } from './LockScreen';
import { RecoveryScreen } from './RecoveryScreen';
import { VaultContext, type VaultView } from './vault-context';
import './vault.css';

/**
 * How often the page asks whether the store locked the library by itself. `vault.status` does
 * not count as activity, so the poll never keeps a library unlocked (docs/data-at-rest.md).
 */
export const STATUS_POLL_MS = 15_000;

type Phase = 'open' | 'readOnly' | 'locking' | 'locked' | 'recovery' | 'restarting';

interface VaultGateProps {
  /** the app, drawn only while the library may be shown; `generation` changes when a backup replaced it */
  children: (generation: number) => ReactNode;
  /** a backup replaced the library: where the user was may no longer exist */
  onRestart?: () => void;
}

function phaseOf(status: VaultStatus, readOnlyFor: string | null): Phase {
  if (status.state === 'open') return 'open';
  if (status.state === 'locked') return 'locked';
  return readOnlyFor !== null && readOnlyFor === (status.problem?.message ?? '') ? 'readOnly' : 'recovery';
}

/**
 * Stands between the window and the app (docs/security.md DATA-3, docs/ux.md Ctrl+L): an open library
 * shows the app; a locked one only the lock screen, with the app unmounted and the page's
 * caches emptied; a library in recovery the recovery screen, or the app read-only under a
 * banner when the user chose to read it anyway. It notices the store's idle lock from any call
 * that answers `locked` and from a status poll.
 */
export function VaultGate({ children, onRestart }: VaultGateProps) {
  const client = useQueryClient();
  const bridge = hasMethod('vault.status');
  // only an encrypted library can lock by itself; a hidden window polls too (its DOM still holds the library)
  const query = useQuery({
    ...apiQuery('vault.status', {}),
    enabled: bridge,
    refetchInterval: (current) => (current.state.data?.encrypted === true ? STATUS_POLL_MS : false),
    refetchIntervalInBackground: true,
  });
  const recent = useQuery({ ...apiQuery('files.recentLibraries', {}), enabled: bridge && hasMethod('files.recentLibraries') });
  const status = query.data ?? null;

  const [locking, setLocking] = useState(false);
  const [restart, setRestart] = useState<{ backup: BackupEntry } | null>(null);
  const [readOnlyFor, setReadOnlyFor] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const [knownName, setKnownName] = useState<string | null>(null);
  const [cleared, setCleared] = useState(false);

  const phase: Phase | null = status === null ? null : restart !== null ? 'restarting' : locking ? 'locking' : phaseOf(status, readOnlyFor);
  const hidden = phase === 'locked' || phase === 'recovery';
  const fileName = status?.fileName ?? knownName ?? recent.data?.[0]?.fileName ?? null;

  // a poll still on its way was asked before this answer: it must not overwrite it
  const applyStatus = useCallback(
    async (next: VaultStatus): Promise<void> => {
      const key = apiKey('vault.status', {});
      await client.cancelQueries({ queryKey: key });
      client.setQueryData(key, next);
    },
    [client],
  );
  const lock = useCallback(() => setLocking(true), []);
  const restored = useCallback((next: VaultStatus, backup?: BackupEntry) => {
    void applyStatus(next);
    setReadOnlyFor(null);
    setRestart({ backup: backup ?? { name: '', createdAt: '', bytes: 0 } });
  }, [applyStatus]);
  const showRecovery = useCallback(() => setReadOnlyFor(null), []);

  // the store locked itself (idle time): the first call that answers `locked` says so
  useEffect(() => onLocked(() => void client.refetchQueries({ queryKey: apiKey('vault.status', {}) })), [client]);

  // locked or in recovery: nothing of the library stays in the page
  useEffect(() => {
    if (!hidden) {
      setCleared(false);
      return;
    }
    let live = true;
    const info = client.getQueryData<Output<'library.info'>>(apiKey('library.info', {}));
    if (info !== undefined) setKnownName(info.fileName);
    void forgetLibrary(client).then(() => {
      if (live) setCleared(true);
    });
    return () => {
      live = false;
    };
  }, [hidden, client]);

  // Ctrl+L: the app is already unmounted (its pending saves were sent as it closed); wait for
  // their answers, then lock
  useEffect(() => {
    if (!locking) return;
    let live = true;
    void (async () => {
      await writesSettled();
      try {
        // the lock screen stays up until the status says locked: the app must not flash back
        await applyStatus(await call('vault.lock', {}));
      } catch (error) {
        notifyError(error, 'The library could not be locked');
      }
      if (live) setLocking(false);
    })();
    return () => {
      live = false;
    };
  }, [locking, applyStatus]);

  // a backup replaced the library: forget everything shown and start the app afresh
  useEffect(() => {
    if (restart === null) return;
    let live = true;
    void forgetLibrary(client).then(() => {
      if (!live) return;
      onRestart?.();
      setGeneration((g) => g + 1);
      setRestart(null);
      if (restart.backup.createdAt !== '') notify(`Restored the backup of ${formatDateTime(restart.backup.createdAt)}. The library as it was is in the backups list.`);
    });
    return () => {
      live = false;
    };
  }, [restart, client, onRestart]);

  const encrypted = status?.encrypted === true;
  const appShown = phase === 'open' || phase === 'readOnly';
  useEffect(() => {
    if (!bridge) return;
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey || event.key.toLowerCase() !== 'l') return;
      event.preventDefault();
      if (!appShown) return;
      // locking is for anyone who walks away: it works over an open dialog too
      if (encrypted) lock();
      else notify('This library is not encrypted, so there is nothing to lock. Encrypt it in Settings → Encryption.');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [bridge, appShown, encrypted, lock]);

  const view = useMemo<VaultView>(
    () => ({ status, readOnlyRecovery: phase === 'readOnly', lock, applyStatus, restored, showRecovery }),
    [status, phase, lock, applyStatus, restored, showRecovery],
  );

  if (!bridge) return <VaultContext.Provider value={view}>{children(generation)}</VaultContext.Provider>;

  if (status === null || phase === null) {
    if (query.isError) {
      return (
        <div className="vault-screen">
          <main className="vault-card" aria-labelledby="vault-unknown">
            <h1 id="vault-unknown">Briefbook cannot tell whether this library is open</h1>
            <p className="vault-error" role="alert">
              {errorMessage(query.error)}
            </p>
            <button type="button" className="primary" onClick={() => void query.refetch()}>
              Try again
            </button>
          </main>
        </div>
      );
    }
    return <div className="vault-screen" aria-busy="true" aria-label="Opening the library" />;
  }

  if (phase === 'locked' || phase === 'locking') {
    return <LockScreen fileName={fileName} idleLockMinutes={status.idleLockMinutes} locking={phase === 'locking'} onStatus={applyStatus} />;
  }
  if (phase === 'restarting' || (phase === 'recovery' && !cleared)) {
    return <div className="vault-screen" aria-busy="true" aria-label="Opening the library" />;
  }
  if (phase === 'recovery') {
    return (
      <RecoveryScreen
        status={status}
        fileName={fileName}
        onStatus={applyStatus}
        onRestored={restored}
        onContinueReadOnly={() => setReadOnlyFor(status.problem?.message ?? '')}
      />
    );
  }
  if (phase === 'readOnly') {
    return (
      <VaultContext.Provider value={view}>
        <div className="vault-shell">
          <div className="readonly-banner" role="status">
            <strong>Read-only: recovery mode.</strong>
            <span className="readonly-why" title={status.problem?.message}>
              {status.problem?.message}
            </span>
            <button type="button" onClick={showRecovery}>
              Recovery options…
            </button>
          </div>
          {children(generation)}
        </div>
      </VaultContext.Provider>
    );
  }
  return <VaultContext.Provider value={view}>{children(generation)}</VaultContext.Provider>;
}
