import { useQuery } from '@tanstack/react-query';
import { apiQuery } from '../lib/api';
import { formatTime, useSaveState } from '../lib/save-status';
import { useUndoState } from '../lib/undo-stack';

export function StatusBar() {
  const info = useQuery(apiQuery('library.info', {}));
  const save = useSaveState();
  const undo = useUndoState();
  const last = info.data?.lastExport;
  return (
    <footer className="statusbar" aria-label="Status">
      <span className="file" title={info.data?.path}>
        {info.data?.fileName ?? 'Library'}
      </span>
      {info.data !== undefined && <span>{info.data.encrypted ? 'Encrypted' : 'Not encrypted'}{info.data.readOnly ? ' · read-only' : ''}</span>}
      <span role="status" aria-live="polite" className={save.state === 'saved' ? 'saved' : save.state === 'failed' ? 'failed' : ''} title={save.state === 'failed' ? save.message : undefined}>
        {save.state === 'saving' && 'Saving…'}
        {save.state === 'saved' && `Saved ${formatTime(save.at)}`}
        {save.state === 'failed' && `Not saved: ${save.message}`}
      </span>
      {undo.canUndo && <span title="Ctrl+Z">Undo: {undo.undoLabel}</span>}
      <span className="grow" />
      {info.data !== undefined && (
        <span>
          {info.data.itemCount.toLocaleString('en-US')} items · {info.data.bookCount} {info.data.bookCount === 1 ? 'book' : 'books'}
        </span>
      )}
      <span title={last ? `${last.fileName}, ${last.at}` : undefined}>{last ? `Last export: ${last.fileName} (${new Date(last.at).toLocaleString('en-GB')})` : 'No exports yet'}</span>
    </footer>
  );
}
