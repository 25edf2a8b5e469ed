import { CHAIN_DECISION_LABELS, CHAIN_DECISIONS, LIMITS, type ChainDecision, type ChainEntry } from '../../../shared/domain';
import type { Draft } from './item-draft';

/**
 * Who drafted the paper and the offices that cleared it (or took it for information): one
 * fieldset per office, in the order they saw it. Each decision holds for the text it was made
 * on: an entry recorded or changed here is made on the text as saved; an older one says so.
 */
export function ClearanceChainEditor({
  drafter,
  chain,
  contentHash,
  readOnly,
  onDrafter,
  onChain,
}: {
  drafter: string;
  chain: Draft['clearances'];
  /** the hash of the item's text as stored: a decision made on another text no longer stands */
  contentHash: string;
  readOnly: boolean;
  onDrafter: (drafter: string) => void;
  onChain: (chain: Draft['clearances'], typing: boolean) => void;
}) {
  // an edited entry is a decision on the text as it is now: its old hash goes, the store sets the new one
  const update = (index: number, change: Partial<ChainEntry>, typing: boolean) =>
    onChain(
      chain.map((entry, i) => {
        if (i !== index) return entry;
        const { contentHash: _old, ...rest } = { ...entry, ...change };
        return rest;
      }),
      typing,
    );
  return (
    <div className="clearance-chain">
      <label className="field">
        <span>Drafted by</span>
        <input value={drafter} readOnly={readOnly} maxLength={LIMITS.short} placeholder="Office or person who drafted it" onChange={(e) => onDrafter(e.target.value)} />
      </label>
      {chain.length === 0 && <p className="muted">No clearing offices yet. Add each office that has to clear this paper, or sees it for information.</p>}
      {chain.map((entry, index) => (
        <fieldset key={index} className="source chain-entry">
          <legend>Office {index + 1}</legend>
          <div className="field-row">
            <label className="field">
              <span>Office</span>
              <input value={entry.office} readOnly={readOnly} maxLength={LIMITS.short} onChange={(e) => update(index, { office: e.target.value }, true)} />
            </label>
            <label className="field">
              <span>Person</span>
              <input value={entry.person ?? ''} readOnly={readOnly} maxLength={LIMITS.short} onChange={(e) => update(index, { person: e.target.value === '' ? undefined : e.target.value }, true)} />
            </label>
          </div>
          <div className="field-row">
            <label className="field">
              <span>Date</span>
              <input value={entry.date ?? ''} readOnly={readOnly} maxLength={LIMITS.short} placeholder="YYYY-MM-DD" onChange={(e) => update(index, { date: e.target.value === '' ? undefined : e.target.value }, true)} />
            </label>
            <label className="field">
              <span>Decision</span>
              <select value={entry.decision} disabled={readOnly} onChange={(e) => update(index, { decision: e.target.value as ChainDecision }, false)}>
                {CHAIN_DECISIONS.map((decision) => (
                  <option key={decision} value={decision}>
                    {CHAIN_DECISION_LABELS[decision]}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {entry.contentHash !== undefined && entry.contentHash !== contentHash && (
            <p className="warn">Given on an earlier text: this office has not seen the text as it is now.</p>
          )}
          <button type="button" className="danger" disabled={readOnly} onClick={() => onChain(chain.filter((_, i) => i !== index), false)}>
            Remove office {index + 1}
          </button>
        </fieldset>
      ))}
      <button type="button" disabled={readOnly} onClick={() => onChain([...chain, { office: '', decision: 'cleared' }], false)}>
        Add clearing office
      </button>
    </div>
  );
}
