import { KIND_LABELS, STATUS_LABELS, type ItemKind, type ItemStatus } from '../../shared/domain';
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

export function StatusLabel({ status }: { status: ItemStatus }) {
  return <span className={`status-label status-${status}`}>{STATUS_LABELS[status]}</span>;
}
