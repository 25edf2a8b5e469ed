import { useMemo, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ItemRecord, ItemVersion } from '../../../shared/contract';
import { CHAIN_DECISION_LABELS, KIND_LABELS, STATUS_LABELS, type ExchangeItem } from '../../../shared/domain';
import { ErrorState } from '../../components/EmptyState';
import { apiKey, apiQuery, call, errorMessage } from '../../lib/api';
import { invalidate } from '../../lib/invalidate';
import { formatDateTime } from '../../lib/format';
import { notify, notifyError } from '../../lib/notices';
import { trackWrite } from '../../lib/save-status';
import { ITEM_TITLE } from '../../lib/focus-target';
import { appUndo } from '../../lib/undo-stack';
import { diffLines, diffWords, MAX_EDITS, type LineDiff, type Segment } from '../../../shared/word-diff';
import { TRANSLATION_LANG } from './item-draft';

const NO_DIFF: LineDiff = { rows: [], inPlace: false };

function describeFields(item: ExchangeItem): [string, string][] {
  return [
    ['Title', item.title],
    ['Kind', KIND_LABELS[item.kind]],
    ['Classification', item.classification],
    ['Caveats', (item.caveats ?? []).join('/')], // as the banner joins them: a caveat may hold commas (REL TO USA, KOR)
    ['Status', STATUS_LABELS[item.status]],
    ['Cleared by', item.clearance === undefined ? '' : `${item.clearance.by}, ${item.clearance.at}`],
    ['Drafted by', item.drafter ?? ''],
    ['Clearing offices', (item.clearances ?? []).map((c) => `${c.office} (${CHAIN_DECISION_LABELS[c.decision]})`).join('; ')],
    ['Topic', item.topic ?? ''],
    ['Tags', (item.tags ?? []).join(', ')],
    ['Owner', item.owner ?? ''],
    ['Korean title', item.translations?.[TRANSLATION_LANG]?.title ?? ''],
    ['Sources', (item.sources ?? []).map((s) => s.title).join('; ')],
  ];
}

function Marked({ segments }: { segments: Segment[] | null }) {
  if (segments === null) return null;
  return (
    <>
      {segments.map((s, i) =>
        s.changed ? (
          <span key={i} className="diff-changed">
            {s.text}
          </span>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </>
  );
}

function DiffTable({ diff, caption }: { diff: LineDiff; caption: string }) {
  return (
    <>
      {diff.inPlace && <p className="muted">More than {MAX_EDITS} lines differ, too many to match up: each line is shown beside the line in the same place.</p>}
      <table className="diff-table">
        <caption className="visually-hidden">{caption}</caption>
        <tbody>
          {diff.rows.map((row, i) => (
            <tr key={i} className={`diff-${row.type}`}>
              <td className="diff-left">
                <Marked segments={row.left} />
              </td>
              <td className="diff-right">
                <Marked segments={row.right} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** Versions newest first; pick one to compare it side by side with the current text, and restore it. */
export function HistoryTab({ itemId, current, large, onRestored }: { itemId: string; current: ItemRecord; large: boolean; onRestored: (record: ItemRecord) => void }) {
  const client = useQueryClient();
  const history = useQuery(apiQuery('items.history', { id: itemId }));
  const older = useMemo(() => (history.data ?? []).filter((v) => v.version !== current.version), [history.data, current.version]);
  const [picked, setPicked] = useState<number | null>(null);
  const selected: ItemVersion | undefined = older.find((v) => v.version === picked) ?? older[0];
  const [busy, setBusy] = useState(false);

  const fieldRows = useMemo(() => {
    if (selected === undefined) return [];
    const before = describeFields(selected.item);
    const after = describeFields(current);
    return before
      .map(([label, value], i) => ({ label, before: value, after: after[i][1] }))
      .filter((r) => r.before !== r.after)
      .map((r) => ({ ...r, ...diffWords(r.before, r.after) }));
  }, [selected, current]);
  const bodyDiff = useMemo(() => (selected === undefined ? NO_DIFF : diffLines(selected.item.body, current.body)), [selected, current.body]);
  const koBefore = selected?.item.translations?.[TRANSLATION_LANG]?.body ?? '';
  const koAfter = current.translations?.[TRANSLATION_LANG]?.body ?? '';
  const koDiff = useMemo(() => (koBefore === koAfter ? NO_DIFF : diffLines(koBefore, koAfter)), [koBefore, koAfter]);

  const restore = async (version: number) => {
    setBusy(true);
    const previous = current.version;
    try {
      const apply = async (v: number) => {
        const record = await trackWrite(() => call('items.restoreVersion', { id: itemId, version: v }));
        client.setQueryData(apiKey('items.get', { id: itemId }), record);
        await invalidate(client, 'items.restoreVersion', apiKey('items.get', { id: itemId }));
        onRestored(record);
      };
      await apply(version);
      appUndo.record({ label: `Restore version ${version} of “${current.title}”`, undo: () => apply(previous), redo: () => apply(version), focus: () => ({ place: { item: current.id }, selector: ITEM_TITLE }) });
      notify(`Restored version ${version}; it is now the newest version.`);
      setPicked(null);
    } catch (error) {
      notifyError(error, 'Could not restore the version');
    } finally {
      setBusy(false);
    }
  };

  if (history.isError) return <ErrorState message={errorMessage(history.error)} onRetry={() => void history.refetch()} />;
  if (!history.isSuccess) return <div className="loading">Loading versions…</div>;
  if (older.length === 0) return <p className="muted">This is the first version. Every save keeps the one before, so older versions will appear here.</p>;
  return (
    <div className={`history ${large ? 'large' : ''}`}>
      <ul className="version-list" role="listbox" aria-label="Versions, newest first">
        <li className="version current" role="option" aria-selected={false} aria-disabled="true">
          <strong>Version {current.version}</strong> <span className="muted">current · {formatDateTime(current.updatedAt)}</span>
        </li>
        {older.map((v) => (
          <li
            key={v.version}
            role="option"
            tabIndex={0}
            aria-selected={v.version === selected?.version}
            className="version"
            onClick={() => setPicked(v.version)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                setPicked(v.version);
              }
            }}
          >
            <strong>Version {v.version}</strong> <span className="muted">{formatDateTime(v.savedAt)}</span>
            <div className="version-title" title={v.item.title}>
              {v.item.title}
            </div>
          </li>
        ))}
      </ul>
      {selected !== undefined && (
        <div className="diff" aria-label={`Changes from version ${selected.version} to the current version`}>
          <div className="diff-head">
            <span>Version {selected.version}</span>
            <span>Current (version {current.version})</span>
          </div>
          {fieldRows.length > 0 && (
            <table className="diff-table fields">
              <caption className="visually-hidden">Changed properties</caption>
              <tbody>
                {fieldRows.map((r) => (
                  <tr key={r.label} className="diff-changed-row">
                    <td className="diff-left">
                      <span className="diff-label">{r.label}: </span>
                      <Marked segments={r.left} />
                    </td>
                    <td className="diff-right">
                      <span className="diff-label">{r.label}: </span>
                      <Marked segments={r.right} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <DiffTable diff={bodyDiff} caption="Body, line by line" />
          {koDiff.rows.length > 0 && (
            <>
              <div className="diff-sub">Korean text</div>
              <DiffTable diff={koDiff} caption="Korean text, line by line" />
            </>
          )}
          <div className="diff-actions">
            <button type="button" className="primary" disabled={busy} onClick={() => void restore(selected.version)}>
              Restore version {selected.version}
            </button>
            <span className="muted">The current text stays in the history.</span>
          </div>
        </div>
      )}
    </div>
  );
}
