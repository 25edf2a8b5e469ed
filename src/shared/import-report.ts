/**
 * An import plan in words (docs/cli.md, "import"): the same lines for the command line, the
 * store's refusal and the app's preview.
 */
import type { ImportOutcome, ImportPlan, ImportPlanEntry } from './contract';
import { shorten } from './exchange-scan';

/** Each outcome as the report names it, in the order the report lists them. */
export const OUTCOME_LABELS: Readonly<Record<ImportOutcome, string>> = {
  created: 'created',
  'fast-forward': 'updated (fast-forward)',
  'replaced-without-rev': 'replaced (file without revs)',
  conflict: 'conflicts',
  older: 'older than ours (kept ours)',
  'deleted-here': 'deleted here (stay deleted)',
  unchanged: 'unchanged',
};

/** `item "rl-1" "Title": body, status differ`, with a word when the rev does not match. */
export function conflictLine(entry: ImportPlanEntry): string {
  const { entity, id, title, fields, revMismatch } = entry;
  const absent = entry.ours !== undefined && Object.keys(entry.ours).length === 0;
  const what = absent ? 'not in this library (or deleted here)' : fields.length > 0 ? `${fields.join(', ')} differ` : 'no field differs';
  return `  ${entity} "${shorten(id)}" "${shorten(title)}": ${what}${revMismatch ? ' (its rev does not match its content: hand-edited or damaged)' : ''}`;
}

/** The plan, outcome by outcome: a count line, then one line per object that is not unchanged. */
export function planLines(plan: ImportPlan): string[] {
  const lines: string[] = [];
  if (plan.markingDifferences.length > 0) lines.push(`marking scheme differs: ${plan.markingDifferences.join('; ')}`);
  for (const outcome of Object.keys(OUTCOME_LABELS) as ImportOutcome[]) {
    const entries = plan.entries.filter((e) => e.outcome === outcome);
    lines.push(`${OUTCOME_LABELS[outcome]}: ${entries.length}`);
    if (outcome === 'unchanged') continue;
    for (const entry of entries) {
      lines.push(outcome === 'conflict' || entry.revMismatch ? conflictLine(entry) : `  ${entry.entity} "${shorten(entry.id)}" "${shorten(entry.title)}"`);
    }
  }
  return lines;
}
