import type { Ref } from 'react';
import { ITEM_KINDS, KIND_LABELS, type ItemKind } from '../../shared/domain';
import { CLEARANCE_STATE_LABELS, type ClearanceState } from '../../shared/clearance';
import './components.css';

/** The kind's colour stripe and label: red lines red, asks blue, if-raised amber, background grey. */
export function KindLabel({ kind }: { kind: ItemKind }) {
  return (
    <span className={`kind-label kind-${kind}`}>
      <span className="kind-dot" aria-hidden="true" />
      {KIND_LABELS[kind]}
    </span>
  );
}

/** An item's status as it stands for the text it prints: "Changed since cleared" when cleared on other words. */
export function StatusLabel({ state }: { state: ClearanceState }) {
  return <span className={`status-label status-${state}`}>{CLEARANCE_STATE_LABELS[state]}</span>;
}

/** A choice of item kind, every kind in the book's order with its label (the item editor, requests, Word papers). */
export function KindSelect({ value, onChange, disabled, selectRef }: { value: ItemKind; onChange: (kind: ItemKind) => void; disabled?: boolean; selectRef?: Ref<HTMLSelectElement> }) {
  return (
    <select ref={selectRef} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value as ItemKind)}>
      {ITEM_KINDS.map((k) => (
        <option key={k} value={k}>
          {KIND_LABELS[k]}
        </option>
      ))}
    </select>
  );
}
