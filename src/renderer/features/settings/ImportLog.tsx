/**
 * The import log (docs/ux.md, "Importing"): each import that changed something, from which file
 * with its SHA-256, what it did, and its Undo, which takes the whole import back (refused, with
 * the reason, when something it changed has changed since).
 */
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ErrorState } from '../../components/EmptyState';
import { apiQuery, call, errorMessage } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { invalidate } from '../../lib/invalidate';
import { notify } from '../../lib/notices';
import { trackWrite } from '../../lib/save-status';

export function ImportLog() {
  const client = useQueryClient();
  const log = useQuery(apiQuery('imports.list', {}));
  const [problem, setProblem] = useState<{ id: number; message: string } | null>(null);
  if (log.isError) return <ErrorState message={errorMessage(log.error)} />;
  if (!log.isSuccess) return <div className="loading">Loading…</div>;
  if (log.data.length === 0) return <p className="muted">No import yet. Every import is logged here with its file’s SHA-256, and can be undone as a whole.</p>;

  const undo = async (id: number, fileName: string) => {
    setProblem(null);
    try {
      const done = await trackWrite(() => call('imports.undo', { id }));
      await invalidate(client, 'imports.undo');
      notify(`Undid the import of ${fileName}: ${done.restored} restored, ${done.removed} removed.`);
    } catch (error) {
      setProblem({ id, message: errorMessage(error) });
    }
  };

  return (
    <ol className="import-log" aria-label="Import log">
      {log.data.map((entry) => (
        <li key={entry.id}>
          <div className="log-line">
            <strong title={entry.fileName}>{entry.fileName}</strong>
            <span className="muted">{formatDateTime(entry.at)}</span>
            {entry.undoneAt === null ? (
              <button type="button" onClick={() => void undo(entry.id, entry.fileName)} aria-label={`Undo the import of ${entry.fileName}`}>
                Undo
              </button>
            ) : (
              <span className="muted">undone {formatDateTime(entry.undoneAt)}</span>
            )}
          </div>
          <div className="log-line muted">{entry.summary}</div>
          <div className="sha" title={`SHA-256 ${entry.sha256}`}>
            SHA-256 <code>{entry.sha256}</code>
          </div>
          {entry.changes.objects.length > 0 && (
            <details>
              <summary>{entry.changes.objects.length} changed</summary>
              <ul>
                {entry.changes.objects.map((change) => (
                  <li key={`${change.entity}:${change.id}`}>
                    {change.title} <span className="muted">({change.entity}: {change.outcome}{change.resolution === null ? '' : `, settled ${change.resolution}`})</span>
                  </li>
                ))}
              </ul>
            </details>
          )}
          {problem?.id === entry.id && (
            <p className="error" role="alert">
              {problem.message}
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}
