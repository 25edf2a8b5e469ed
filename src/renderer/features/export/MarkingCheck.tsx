import type { RollUp } from '../../lib/book-marking';

/**
 * The marking this edition prints and what to check before it leaves the desk: a final export
 * without its authority block is refused, naming the missing fields; caveats the scheme does not
 * know and REL TO dropped for NOFORN are listed as warnings.
 */
export function MarkingCheck({ rollUp, authorityMissing, onOpenItem }: { rollUp: RollUp | null; authorityMissing: string[]; onOpenItem: (itemId: string) => void }) {
  if (rollUp === null) return null;
  if (!rollUp.ok) {
    return (
      <section className="problems blocking" aria-label="Marking">
        <h3>The marking cannot be worked out</h3>
        <p>{rollUp.message}</p>
      </section>
    );
  }
  const warnings = [
    ...rollUp.overall.reasons.filter((r) => r.kind !== 'unknown_caveat').map((r) => ({ itemId: r.itemId, message: r.message })),
    ...rollUp.unknownCaveats,
  ];
  return (
    <>
      <p className="export-marking">
        Marked <strong>{rollUp.overall.text}</strong>
      </p>
      {authorityMissing.length > 0 && (
        <section className="problems blocking" aria-label="Final export refused">
          <h3>A final export is refused: the authority block is incomplete</h3>
          <ul>
            {authorityMissing.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
          <p className="muted">Fill them in under Classification authority block in the book's details, or make a working copy.</p>
        </section>
      )}
      {warnings.length > 0 && (
        <section className="problems" aria-label="Marking warnings">
          <h3>Check the marking before export</h3>
          <ul>
            {warnings.map((w, i) => (
              <li key={i}>
                {w.message}{' '}
                {w.itemId !== undefined && (
                  <button type="button" className="link" onClick={() => onOpenItem(w.itemId as string)}>
                    Open the item
                  </button>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
