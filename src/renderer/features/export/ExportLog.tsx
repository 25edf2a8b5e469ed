import { useQuery } from '@tanstack/react-query';
import type { ExportRecord } from '../../../shared/contract';
import { ErrorState } from '../../components/EmptyState';
import { apiQuery, errorMessage } from '../../lib/api';
import { formatDateTime, plural } from '../../lib/format';
import './export.css';

function describeOptions(options: Record<string, unknown>): string {
  const parts = [options.mode === 'final' ? 'Final' : 'Working copy'];
  if (typeof options.watermark === 'string' && options.watermark !== '') parts.push(`watermark “${options.watermark}”`);
  if (options.pocketCard === true) parts.push('pocket card');
  if (options.numberedCopies === true) parts.push('numbered copies');
  if (typeof options.maxLevel === 'string') parts.push(`releasable up to ${options.maxLevel}`);
  return parts.join(', ');
}

/** Whether every item of a logged PDF was cleared on the text it printed (nothing: not recorded, or not a PDF). */
function ClearanceLine({ clearance }: { clearance: ExportRecord['clearance'] }) {
  if (clearance === null) return null;
  const entries = Object.values(clearance);
  const not = entries.filter((c) => !c.cleared).length;
  return not === 0 ? (
    <div className="log-line muted">All {plural(entries.length, 'item')} cleared as printed</div>
  ) : (
    <div className="log-line warn">
      {not} of {plural(entries.length, 'item')} not cleared as printed
    </div>
  );
}

/** Past exports of a book, newest first: when, options, pages, SHA-256, clearance as printed, items changed since. */
export function ExportLog({ bookId, compact = false }: { bookId: string; compact?: boolean }) {
  const log = useQuery(apiQuery('exports.list', { bookId }));
  if (log.isError) return <ErrorState message={errorMessage(log.error)} />;
  if (!log.isSuccess) return <div className="loading">Loading…</div>;
  if (log.data.length === 0) return <p className="muted">Not exported yet. Press Ctrl+E to export a PDF; every export is logged here with its SHA-256.</p>;
  const rows = compact ? log.data.slice(0, 5) : log.data;
  return (
    <ol className={`export-log ${compact ? 'compact' : ''}`} aria-label="Export history">
      {rows.map((entry) => (
        <li key={entry.id}>
          <div className="log-line">
            <strong title={entry.fileName}>{entry.fileName}</strong>
            <span className="muted">{formatDateTime(entry.exportedAt)}</span>
          </div>
          <div className="log-line muted">
            {entry.kind === 'pdf' ? `${describeOptions(entry.options)} · ${entry.pageCount === null ? 'pages not recorded' : plural(entry.pageCount, 'page')}` : 'Exchange file'}
          </div>
          <ClearanceLine clearance={entry.clearance} />
          <div className="sha" title={`SHA-256 ${entry.sha256}`}>
            SHA-256 <code>{compact ? `${entry.sha256.slice(0, 16)}…` : entry.sha256}</code>
          </div>
          {entry.changedSince.length > 0 ? (
            <details className="changed-since">
              <summary>{entry.changedSince.length} item{entry.changedSince.length === 1 ? '' : 's'} changed since</summary>
              <ul>
                {entry.changedSince.map((c) => (
                  <li key={c.id}>
                    {c.title} <span className="muted">(v{c.exportedVersion} → {c.currentVersion === null ? 'removed' : `v${c.currentVersion}`})</span>
                  </li>
                ))}
              </ul>
            </details>
          ) : (
            <div className="muted unchanged">No item changed since</div>
          )}
        </li>
      ))}
    </ol>
  );
}
