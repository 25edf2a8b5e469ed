import { KIND_LABELS, type ItemKind } from '../../shared/domain';
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
