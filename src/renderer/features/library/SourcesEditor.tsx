import { LIMITS } from '../../../shared/domain';
import type { Draft } from './item-draft';

/** The sources an item rests on: one fieldset each, added and removed by buttons. */
export function SourcesEditor({ sources, readOnly, onChange }: { sources: Draft['sources']; readOnly: boolean; onChange: (sources: Draft['sources'], typing: boolean) => void }) {
  const update = (index: number, field: 'title' | 'author' | 'date' | 'url' | 'note', value: string) =>
    onChange(
      sources.map((s, i) => (i === index ? { ...s, [field]: value } : s)),
      true,
    );
  return (
    <div className="sources">
      {sources.length === 0 && <p className="muted">No sources yet. Add the documents, articles or meetings this item rests on.</p>}
      {sources.map((source, index) => (
        <fieldset key={index} className="source">
          <legend>Source {index + 1}</legend>
          <label className="field">
            <span>Title</span>
            <input value={source.title} readOnly={readOnly} maxLength={LIMITS.short} onChange={(e) => update(index, 'title', e.target.value)} />
          </label>
          <div className="field-row">
            <label className="field">
              <span>Author</span>
              <input value={source.author ?? ''} readOnly={readOnly} maxLength={LIMITS.short} onChange={(e) => update(index, 'author', e.target.value)} />
            </label>
            <label className="field">
              <span>Date</span>
              <input value={source.date ?? ''} readOnly={readOnly} maxLength={LIMITS.short} placeholder="YYYY-MM-DD" onChange={(e) => update(index, 'date', e.target.value)} />
            </label>
          </div>
          <label className="field">
            <span>Reference or address (not opened by the app)</span>
            <input value={source.url ?? ''} readOnly={readOnly} maxLength={LIMITS.short} onChange={(e) => update(index, 'url', e.target.value)} />
          </label>
          <label className="field">
            <span>Note</span>
            <textarea rows={2} value={source.note ?? ''} readOnly={readOnly} maxLength={LIMITS.note} onChange={(e) => update(index, 'note', e.target.value)} />
          </label>
          <button type="button" className="danger" disabled={readOnly} onClick={() => onChange(sources.filter((_, i) => i !== index), false)}>
            Remove source {index + 1}
          </button>
        </fieldset>
      ))}
      <button type="button" disabled={readOnly} onClick={() => onChange([...sources, { title: '' }], false)}>
        Add source
      </button>
    </div>
  );
}
