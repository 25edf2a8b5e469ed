import { useEffect, useId, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { MarkingScheme } from '../../../shared/contract';
import { COUNTRY_CODES } from '../../../shared/countries';
import { MARKING_PRESETS } from '../../../shared/markings';
import { ErrorState } from '../../components/EmptyState';
import { apiKey, apiQuery, call, errorMessage } from '../../lib/api';
import { invalidate } from '../../lib/invalidate';
import { formatTime } from '../../lib/format';
import { trackWrite } from '../../lib/save-status';
import { draftFromScheme, draftProblems, schemeFromDraft, type SchemeDraft } from './scheme-draft';
import { CaveatRows, LevelRows } from './SchemeRows';
import { LIMITS } from '../../../shared/domain';

/**
 * Settings → Markings: the library's classification scheme (docs/spec/EXCHANGE.md,
 * "Markings"): levels, caveats in banner order, portion marks, per-page marking, the owner
 * country, and the US, UK and Korean presets. Nothing changes until Save; the store refuses a
 * scheme that drops a level an item or a book floor still uses, and says so here.
 */
export function MarkingsSettings({ onDirtyChange }: { onDirtyChange?: (dirty: boolean) => void }) {
  const stored = useQuery(apiQuery('markings.get', {}));
  const info = useQuery(apiQuery('library.info', {}));
  if (stored.isError) return <ErrorState message={`The marking scheme could not be read. ${errorMessage(stored.error)}`} onRetry={() => void stored.refetch()} />;
  if (!stored.isSuccess) return <div className="loading">Loading…</div>;
  return <MarkingsForm stored={stored.data} readOnly={info.data?.readOnly ?? false} onDirtyChange={onDirtyChange} />;
}

type Outcome = { tone: 'ok' | 'error'; text: string } | null;

function MarkingsForm({ stored, readOnly, onDirtyChange }: { stored: MarkingScheme; readOnly: boolean; onDirtyChange?: (dirty: boolean) => void }) {
  const uid = useId();
  const client = useQueryClient();
  const [draft, setDraft] = useState<SchemeDraft>(() => draftFromScheme(stored));
  const [baseline, setBaseline] = useState(() => JSON.stringify(schemeFromDraft(draftFromScheme(stored))));
  const [presetId, setPresetId] = useState(MARKING_PRESETS[0].id);
  const [confirming, setConfirming] = useState(false);
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  const scheme = schemeFromDraft(draft);
  const dirty = JSON.stringify(scheme) !== baseline;
  const problems = draftProblems(draft);
  useEffect(() => onDirtyChange?.(dirty), [dirty, onDirtyChange]);
  const preset = MARKING_PRESETS.find((p) => p.id === presetId) ?? MARKING_PRESETS[0];
  const update = (patch: Partial<SchemeDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setOutcome(null);
  };

  const save = async () => {
    if (problems.length > 0 || saving) return;
    setSaving(true);
    setOutcome(null);
    try {
      const saved = await trackWrite(() => call('markings.set', { scheme }));
      client.setQueryData(apiKey('markings.get', {}), saved);
      const next = draftFromScheme(saved);
      setDraft(next);
      setBaseline(JSON.stringify(schemeFromDraft(next)));
      setOutcome({ tone: 'ok', text: `Saved ${formatTime(new Date())}. Every badge, portion mark and export now follows the “${saved.scheme}” scheme.` });
      // every portion mark and overall marking may have changed
      void invalidate(client, 'markings.set', apiKey('markings.get', {}));
    } catch (error) {
      setOutcome({ tone: 'error', text: `Not saved: ${errorMessage(error)}` });
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="markings-settings">
      <p className="settings-lead">
        The scheme every item and book is marked with: what the badges show and what the PDF prints. Changes apply when you press Save.
      </p>
      <section className="settings-section" aria-labelledby={`${uid}-preset`}>
        <h3 id={`${uid}-preset`}>Start from a preset</h3>
        <div className="inline-form">
          <label className="field">
            <span>Preset</span>
            <select value={presetId} disabled={readOnly} onChange={(e) => { setPresetId(e.target.value as typeof presetId); setConfirming(false); }}>
              {MARKING_PRESETS.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label}
                </option>
              ))}
            </select>
          </label>
          <button type="button" disabled={readOnly} onClick={() => setConfirming(true)}>
            Apply preset…
          </button>
        </div>
        {confirming && (
          <div className="settings-warning" role="group" aria-label="Confirm the preset">
            <p>
              Replace the levels, caveats and options below with the <strong>{preset.label}</strong> preset? What you changed here is replaced. Nothing is stored until you press Save; the store refuses a scheme that
              lacks a level your items or book floors use.
            </p>
            <div className="settings-actions">
              <button type="button" onClick={() => setConfirming(false)}>
                Keep the scheme as it is
              </button>
              <button
                type="button"
                className="primary"
                onClick={() => {
                  setDraft({ ...draftFromScheme(structuredClone(preset.scheme)), extra: draft.extra });
                  setConfirming(false);
                  setOutcome({ tone: 'ok', text: `The ${preset.label} preset is in the form below. Press Save to use it.` });
                }}
              >
                Apply the {preset.label} preset
              </button>
            </div>
          </div>
        )}
      </section>
      <section className="settings-section" aria-labelledby={`${uid}-levels`}>
        <h3 id={`${uid}-levels`}>Levels</h3>
        <label className="field scheme-name">
          <span>Scheme name</span>
          <input value={draft.name} readOnly={readOnly} maxLength={LIMITS.short} onChange={(e) => update({ name: e.target.value })} />
        </label>
        <p className="muted">Lowest first. The code is what items store; the banner is printed at the top and bottom of pages; the portion form starts each item's mark.</p>
        <LevelRows rows={draft.levels} readOnly={readOnly} onChange={(levels) => update({ levels })} />
      </section>
      <section className="settings-section" aria-labelledby={`${uid}-caveats`}>
        <h3 id={`${uid}-caveats`}>Caveats</h3>
        <p className="muted">In banner order: the overall marking lists them in this order. A caveat that supersedes another removes it from the overall marking when both are present (NOFORN over REL TO).</p>
        <CaveatRows rows={draft.caveats} readOnly={readOnly} onChange={(caveats) => update({ caveats })} />
      </section>
      <section className="settings-section" aria-labelledby={`${uid}-print`}>
        <h3 id={`${uid}-print`}>Printing</h3>
        <label className="check">
          <input type="checkbox" checked={draft.portionMarks} disabled={readOnly} onChange={(e) => update({ portionMarks: e.target.checked })} />
          Portion marks: start every printed item with its mark, e.g. (C//NF)
        </label>
        <fieldset className="scheme-page-marking">
          <legend>Interior pages are marked with</legend>
          <label className="check">
            <input type="radio" name={`${uid}-page`} checked={draft.pageMarking === 'overall'} disabled={readOnly} onChange={() => update({ pageMarking: 'overall' })} />
            the overall marking of the book
          </label>
          <label className="check">
            <input type="radio" name={`${uid}-page`} checked={draft.pageMarking === 'page'} disabled={readOnly} onChange={() => update({ pageMarking: 'page' })} />
            the highest item printed on each page
          </label>
        </fieldset>
        <label className="field scheme-owner">
          <span>Owner country (first in every REL TO list)</span>
          <select value={draft.owner} disabled={readOnly} onChange={(e) => update({ owner: e.target.value })}>
            {!COUNTRY_CODES.some((c) => c.code === draft.owner) && <option value={draft.owner}>{draft.owner}</option>}
            {COUNTRY_CODES.map((c) => (
              <option key={c.code} value={c.code}>
                {c.code} — {c.name}
              </option>
            ))}
          </select>
        </label>
      </section>
      {problems.length > 0 && (
        <div className="settings-warning" role="note" aria-label="Problems to fix before saving">
          <p>Fix these before saving:</p>
          <ul>
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="settings-actions">
        {dirty && <span className="muted grow">Unsaved changes to the scheme</span>}
        <button
          type="button"
          disabled={!dirty || saving}
          onClick={() => {
            setDraft(draftFromScheme(stored));
            setOutcome(null);
          }}
        >
          Discard changes
        </button>
        <button type="button" className="primary" disabled={readOnly || !dirty || saving || problems.length > 0} onClick={() => void save()}>
          {saving ? 'Saving…' : 'Save the scheme'}
        </button>
      </div>
      {readOnly && <p className="muted">The library is open read-only, so its scheme cannot be changed.</p>}
      <p className={`settings-outcome ${outcome?.tone ?? ''}`} role={outcome?.tone === 'error' ? 'alert' : 'status'}>
        {outcome?.text}
      </p>
    </div>
  );
}
