import { useState } from 'react';
import { Dialog } from '../components/Dialog';
import { call, errorMessage, hasMethod } from '../lib/api';

/**
 * The first start on an empty library asks what to do (docs/ux.md, "First run"): open the
 * sample book, start an empty library, or open a library file. Nothing is imported unasked;
 * closing with Esc decides nothing, and the question comes again on the next start.
 */
export function FirstRunDialog({ onSample, onEmpty, onClose }: { onSample: () => Promise<void>; onEmpty: () => Promise<void>; onClose: () => void }) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setProblem(null);
    try {
      await action();
    } catch (error) {
      setProblem(errorMessage(error));
      setBusy(false);
    }
  };
  return (
    <Dialog title="Welcome to Briefbook" onClose={onClose}>
      <p>This library is empty. How would you like to start?</p>
      <div className="first-run-choices">
        <button type="button" className="primary" disabled={busy} onClick={() => void run(onSample)}>
          Open the sample book
        </button>
        <small className="muted">A summit briefing book with its items, to look around and try an export. Delete it like any other book.</small>
        <button type="button" disabled={busy} onClick={() => void run(onEmpty)}>
          Start an empty library
        </button>
        <small className="muted">No items, no books: start with New book (Ctrl+Shift+N). The sample is not offered again.</small>
        {hasMethod('files.openLibrary') && (
          <>
            <button
              type="button"
              disabled={busy}
              onClick={() =>
                void run(async () => {
                  const outcome = await call('files.openLibrary', {});
                  if (outcome.cancelled) setBusy(false);
                })
              }
            >
              Open a library file…
            </button>
            <small className="muted">A .briefbook library you already have: the window reopens on it.</small>
          </>
        )}
      </div>
      {problem !== null && (
        <p className="warn" role="alert">
          {problem}
        </p>
      )}
    </Dialog>
  );
}
