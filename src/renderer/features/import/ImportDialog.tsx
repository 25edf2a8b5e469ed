/**
 * File → Import Exchange File… (docs/ux.md, "Importing"): the file is chosen, then what the import
 * would do is shown, outcome by outcome, before anything is written; each conflict is settled
 * beside ours (keep ours, take theirs, keep both); a different marking scheme must be accepted.
 * Confirming imports it all in one step, which Undo (Ctrl+Z) takes back as a whole.
 */
import { useMemo, useState } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { ImportOutcome, ImportPlan, ImportResolution, ImportResolutionInput } from '../../../shared/contract';
import { OUTCOME_LABELS } from '../../../shared/import-report';
import { Dialog } from '../../components/Dialog';
import { call, errorMessage } from '../../lib/api';
import { plural } from '../../lib/format';
import { invalidate } from '../../lib/invalidate';
import { notify } from '../../lib/notices';
import { trackWrite } from '../../lib/save-status';
import { appUndo } from '../../lib/undo-stack';
import { ConflictReview } from './ConflictReview';
import './import.css';

export type Chosen = { fileName: string; plan: ImportPlan };

const SHOWN: ImportOutcome[] = ['created', 'fast-forward', 'replaced-without-rev', 'conflict', 'older', 'deleted-here', 'unchanged'];

const keyOf = (entity: string, id: string) => `${entity}:${id}`;

/** The first titles of an outcome, and how many more: a file may hold thousands. */
const SHOWN_TITLES = 12;
function titles(entries: readonly { title: string }[]): string {
  const shown = entries.slice(0, SHOWN_TITLES).map((e) => e.title).join(', ');
  return entries.length > SHOWN_TITLES ? `${shown} and ${entries.length - SHOWN_TITLES} more` : shown;
}

/** Imports the chosen file and puts one step on the undo stack: undo is the import log's undo. */
async function importChosen(client: QueryClient, fileName: string, resolutions: ImportResolutionInput[], acceptMarkings: boolean, basis: string) {
  let logId: number | null = null;
  const apply = async (withBasis: boolean) => {
    const result = await trackWrite(() => call('files.importExchange', { resolutions, acceptMarkings, ...(withBasis ? { basis } : {}) }));
    logId = result.logId;
    await invalidate(client, 'files.importExchange');
    return result;
  };
  const result = await apply(true);
  if (result.logId !== null) {
    appUndo.record({
      label: `Import ${fileName}`,
      undo: async () => {
        if (logId === null) return;
        await trackWrite(() => call('imports.undo', { id: logId as number }));
        await invalidate(client, 'imports.undo');
      },
      redo: async () => {
        await apply(false);
      },
    });
  }
  return result;
}

/** Opens the file dialog; the chosen file and its plan, or null when the person cancelled. */
export async function chooseImport(): Promise<Chosen | null> {
  const answer = await call('files.chooseExchange', {});
  return answer.cancelled ? null : { fileName: answer.fileName, plan: answer.plan };
}

export function ImportDialog({ chosen, onClose }: { chosen: Chosen; onClose: () => void }) {
  const client = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const [resolutions, setResolutions] = useState<Map<string, ImportResolution>>(new Map());
  const [acceptMarkings, setAcceptMarkings] = useState(false);
  const [busy, setBusy] = useState(false);

  const conflicts = useMemo(() => chosen.plan.entries.filter((e) => e.outcome === 'conflict'), [chosen]);
  const unresolved = conflicts.filter((e) => !resolutions.has(keyOf(e.entity, e.id))).length;
  const markingsDiffer = chosen.plan.markingDifferences.length > 0;
  const changes = chosen.plan.entries.filter((e) => e.outcome !== 'unchanged' && e.outcome !== 'older' && e.outcome !== 'deleted-here').length;
  const ready = unresolved === 0 && (!markingsDiffer || acceptMarkings) && !busy;

  const confirm = async () => {
    setBusy(true);
    try {
      const list = conflicts.map((e) => ({ entity: e.entity, id: e.id, resolution: resolutions.get(keyOf(e.entity, e.id)) as ImportResolution }));
      const result = await importChosen(client, chosen.fileName, list, acceptMarkings, chosen.plan.basis);
      notify(
        `Imported ${chosen.fileName}: ${plural(result.items.created, 'item')} new, ${result.items.updated} updated; ${plural(result.books.created, 'book')} new, ${result.books.updated} updated.`,
        result.logId === null ? {} : { action: { label: 'Undo', run: () => void appUndo.undo() } },
      );
      onClose();
    } catch (error) {
      setProblem(errorMessage(error));
      setBusy(false);
    }
  };

  const resolveAll = (resolution: ImportResolution) => setResolutions(new Map(conflicts.map((e) => [keyOf(e.entity, e.id), resolution])));

  return (
    <Dialog
      title={`Import ${chosen.fileName}`}
      onClose={onClose}
      wide={conflicts.length > 0}
      unsaved={resolutions.size > 0 && !busy}
      footer={
        <>
          <span className="grow muted" role="status">
            {unresolved > 0
                ? `${unresolved} of ${conflicts.length} conflict${conflicts.length === 1 ? '' : 's'} to settle before importing`
                : markingsDiffer && !acceptMarkings
                  ? 'Accept the file’s marking scheme to import it'
                  : changes === 0
                    ? 'Nothing to import: the library has all of it'
                    : 'Nothing is written until you import'}
          </span>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="primary" disabled={!ready || changes === 0} onClick={() => void confirm()}>
            {busy ? 'Importing…' : 'Import'}
          </button>
        </>
      }
    >
      {problem !== null && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      <div className="import-plan">
        <p className="muted sha" title={`SHA-256 ${chosen.plan.sha256}`}>
          SHA-256 <code>{chosen.plan.sha256}</code>
        </p>
        <table className="import-counts" aria-label="What the import would do">
          <tbody>
            {SHOWN.map((outcome) => {
              const entries = chosen.plan.entries.filter((e) => e.outcome === outcome);
              return (
                <tr key={outcome} className={`outcome-${outcome}`}>
                  <th scope="row">{OUTCOME_LABELS[outcome]}</th>
                  <td>{entries.length}</td>
                  <td className="muted">{outcome === 'unchanged' || outcome === 'conflict' ? '' : titles(entries)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {markingsDiffer && (
          <div className="import-markings" role="group" aria-label="Marking scheme">
            <p className="warn">The file’s marking scheme differs from this library’s:</p>
            <ul>
              {chosen.plan.markingDifferences.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
            <label>
              <input type="checkbox" checked={acceptMarkings} onChange={(e) => setAcceptMarkings(e.target.checked)} /> Take the file’s marking scheme for this library
            </label>
          </div>
        )}
        {conflicts.length > 0 && (
          <>
            <h3 className="conflicts-head">
              {conflicts.length} conflict{conflicts.length === 1 ? '' : 's'}: changed here and in the file since they parted
            </h3>
            {conflicts.length > 1 && (
              <p className="conflict-all">
                For all:{' '}
                <button type="button" onClick={() => resolveAll('ours')}>
                  Keep ours
                </button>{' '}
                <button type="button" onClick={() => resolveAll('theirs')}>
                  Take theirs
                </button>{' '}
                <button type="button" onClick={() => resolveAll('both')}>
                  Keep both
                </button>
              </p>
            )}
            {conflicts.map((entry) => (
              <ConflictReview
                key={keyOf(entry.entity, entry.id)}
                entry={entry}
                fileName={chosen.fileName}
                resolution={resolutions.get(keyOf(entry.entity, entry.id))}
                onResolve={(resolution) => setResolutions((current) => new Map(current).set(keyOf(entry.entity, entry.id), resolution))}
              />
            ))}
          </>
        )}
      </div>
    </Dialog>
  );
}
