/**
 * One conflict of an import, ours beside theirs: each field that differs, word by word (the
 * history view's diff), and the three ways to settle it (docs/ux.md, "Importing").
 */
import { useMemo } from 'react';
import type { ImportPlanEntry, ImportResolution } from '../../../shared/contract';
import { diffLines, diffWords, type Segment } from '../../../shared/word-diff';

const FIELD_LABELS: Record<string, string> = {
  title: 'Title',
  body: 'Text',
  kind: 'Kind',
  classification: 'Classification',
  caveats: 'Caveats',
  status: 'Status',
  topic: 'Topic',
  tags: 'Tags',
  owner: 'Owner',
  lang: 'Language',
  translations: 'Translations',
  sources: 'Sources',
  sections: 'Sections',
  subtitle: 'Subtitle',
  meeting: 'Meeting',
  preparedBy: 'Prepared by',
  floor: 'Floor',
  distribution: 'Distribution',
};

export const RESOLUTION_LABELS: Record<ImportResolution, string> = {
  ours: 'Keep ours',
  theirs: 'Take theirs',
  both: 'Keep both',
};

/** A field's value as a reader compares it: text as it is, lists one per line, the rest as JSON. */
function asText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join('\n');
  if (Array.isArray(value)) {
    return value
      .map((v) => (v !== null && typeof v === 'object' && 'title' in v ? `${String((v as { title: unknown }).title)}${'items' in v ? `: ${((v as { items?: unknown[] }).items ?? []).join(', ')}` : ''}` : JSON.stringify(v)))
      .join('\n');
  }
  return JSON.stringify(value, null, 1);
}

function Marked({ segments }: { segments: Segment[] | null }) {
  if (segments === null) return null;
  return (
    <>
      {segments.map((s, i) =>
        s.changed ? (
          <mark key={i} className="diff-changed">
            {s.text}
          </mark>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </>
  );
}

function FieldRows({ field, ours, theirs }: { field: string; ours: string; theirs: string }) {
  const rows = useMemo(() => {
    if (!ours.includes('\n') && !theirs.includes('\n')) {
      const words = diffWords(ours, theirs);
      return [{ type: 'changed', left: words.left, right: words.right }];
    }
    return diffLines(ours, theirs).rows;
  }, [ours, theirs]);
  return (
    <>
      {rows.map((row, i) => (
        <tr key={i} className={`diff-${row.type}`}>
          <td className="diff-left">
            {i === 0 && <span className="diff-label">{FIELD_LABELS[field] ?? field}: </span>}
            <Marked segments={row.left} />
          </td>
          <td className="diff-right">
            {i === 0 && <span className="diff-label">{FIELD_LABELS[field] ?? field}: </span>}
            <Marked segments={row.right} />
          </td>
        </tr>
      ))}
    </>
  );
}

export function ConflictReview({
  entry,
  fileName,
  resolution,
  onResolve,
}: {
  entry: ImportPlanEntry;
  fileName: string;
  resolution: ImportResolution | undefined;
  onResolve: (resolution: ImportResolution) => void;
}) {
  const ours = entry.ours ?? {};
  const theirs = entry.theirs ?? {};
  const what = entry.entity === 'item' ? 'item' : 'book';
  return (
    <section className="conflict" aria-label={`Conflict: ${entry.title}`}>
      <h3>
        {entry.title} <span className="muted">({what} {entry.id})</span>
      </h3>
      {entry.revMismatch && (
        <p className="warn" role="note">
          The file’s revision does not match this {what}’s content: the file was edited by hand or damaged after it was written.
        </p>
      )}
      {Object.keys(ours).length === 0 && <p className="muted">This {what} is not in this library (or was deleted here).</p>}
      <div className="diff-head" aria-hidden="true">
        <span>Ours (this library)</span>
        <span>Theirs ({fileName})</span>
      </div>
      <table className="diff-table fields">
        <caption className="visually-hidden">
          Ours on the left, theirs on the right: {entry.fields.map((f) => FIELD_LABELS[f] ?? f).join(', ')}
        </caption>
        <tbody>
          {entry.fields.map((field) => (
            <FieldRows key={field} field={field} ours={asText(ours[field])} theirs={asText(theirs[field])} />
          ))}
        </tbody>
      </table>
      <div className="conflict-choice" role="radiogroup" aria-label={`Settle “${entry.title}”`}>
        {(Object.keys(RESOLUTION_LABELS) as ImportResolution[]).map((choice) => (
          <label key={choice}>
            <input type="radio" name={`resolve-${entry.entity}-${entry.id}`} checked={resolution === choice} onChange={() => onResolve(choice)} />
            {RESOLUTION_LABELS[choice]}
            {choice === 'both' && <span className="muted"> (theirs as a new {what} “{entry.title} (from {fileName})”)</span>}
          </label>
        ))}
      </div>
    </section>
  );
}
