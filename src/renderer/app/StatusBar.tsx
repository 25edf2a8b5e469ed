import { useQuery } from '@tanstack/react-query';
import { apiQuery } from '../lib/api';
import { formatDateTime, formatTime } from '../lib/format';
import { useSaveState, useUnsavedCount } from '../lib/save-status';
import { useUndoState } from '../lib/undo-stack';
import { useVault } from '../features/vault';

export function StatusBar() {
  const info = useQuery(apiQuery('library.info', {}));
  const save = useSaveState();
  const unsaved = useUnsavedCount();
  const undo = useUndoState();
  const vault = useVault();
  const last = info.data?.lastExport;
  const encrypted = vault.status?.encrypted ?? info.data?.encrypted;
  return (
    <footer className="statusbar" aria-label="Status">
      <span className="file" title={info.data?.path}>
        {info.data?.fileName ?? 'Library'}
      </span>
      {encrypted !== undefined && (
        <span className="vault-state">
          {encrypted ? 'Encrypted' : 'Not encrypted'}
          {encrypted && vault.status !== null && (
            <button type="button" className="lock-button" onClick={vault.lock} title="Lock the library now (Ctrl+L)">
              Lock
            </button>
          )}
        </span>
      )}
      {(vault.readOnlyRecovery || info.data?.readOnly === true) && <span className="read-only">Read-only: recovery mode</span>}
      <span role="status" aria-live="polite" className={save.state === 'saved' && unsaved === 0 ? 'saved' : save.state === 'failed' ? 'failed' : ''} title={save.state === 'failed' ? save.message : undefined}>
        {save.state === 'saving' && 'Saving…'}
        {save.state !== 'saving' && save.state !== 'failed' && unsaved > 0 && 'Unsaved changes'}
        {save.state === 'saved' && unsaved === 0 && `Saved ${formatTime(save.at)}`}
        {save.state === 'failed' && `Not saved: ${save.message}`}
      </span>
      {undo.canUndo && <span title="Ctrl+Z">Undo: {undo.undoLabel}</span>}
      <span className="grow" />
      {info.data !== undefined && (
        <span>
          {info.data.itemCount.toLocaleString('en-US')} items · {info.data.bookCount} {info.data.bookCount === 1 ? 'book' : 'books'}
        </span>
      )}
      <span title={last ? `${last.fileName}, ${last.at}` : undefined}>{last ? `Last export: ${last.fileName} (${formatDateTime(last.at)})` : 'No exports yet'}</span>
    </footer>
  );
}
