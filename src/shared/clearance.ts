/**
 * Clearance bound to the text (docs/spec/EXCHANGE.md, "Clearance"): an item is cleared when its
 * status says so and its clearance was given on the text it prints now. The one predicate the
 * store, the CLI and the PDF engine share; the hash itself is computed in the main process
 * (electron/store/hashes.ts) and handed in. Pure: no crypto here.
 */
import { ITEM_STATUSES, STATUS_LABELS, type ChainEntry, type Clearance, type ItemStatus } from './domain';

/** What a status shows: the stored status, or `changed` for a cleared item whose text moved since. */
export const CLEARANCE_STATES = [...ITEM_STATUSES, 'changed'] as const;
export type ClearanceState = ItemStatus | 'changed';

export const CLEARANCE_STATE_LABELS: Record<ClearanceState, string> = {
  ...STATUS_LABELS,
  changed: 'Changed since cleared',
};

interface Clearable {
  status: ItemStatus;
  clearance?: Pick<Clearance, 'contentHash'> | null;
}

/**
 * The item's state given the hash of what it prints now. A cleared item without a clearance
 * comes from a file written before clearances existed and is taken as cleared (the library
 * records its hash when it imports it); with a clearance, the hashes must match.
 */
export function clearanceState(item: Clearable, contentHash: string | undefined): ClearanceState {
  if (item.status !== 'cleared') return item.status;
  if (item.clearance === undefined || item.clearance === null) return 'cleared';
  return contentHash !== undefined && item.clearance.contentHash === contentHash ? 'cleared' : 'changed';
}

/** Cleared, as printed: what a final export requires of every item. */
export function isCleared(item: Clearable, contentHash: string | undefined): boolean {
  return clearanceState(item, contentHash) === 'cleared';
}

/**
 * The offices an item still waits on, in chain order, each once: every office of its chain with
 * no "cleared" decision on the text it prints now. An office that took the paper only for
 * information is not waited on; a decision without a hash (from a file that did not record one)
 * stands for the text as it is.
 */
export function waitingOn(item: { clearances?: readonly ChainEntry[] }, contentHash: string | undefined): string[] {
  const chain = item.clearances ?? [];
  const offices: string[] = [];
  for (const entry of chain) if (!offices.includes(entry.office)) offices.push(entry.office);
  const onThisText = (entry: ChainEntry) => entry.contentHash === undefined || entry.contentHash === contentHash;
  return offices.filter((office) => {
    const entries = chain.filter((entry) => entry.office === office);
    if (entries.every((entry) => entry.decision === 'for_information')) return false;
    return !entries.some((entry) => entry.decision === 'cleared' && onThisText(entry));
  });
}

/** Who a clearance names when no one was recorded: items cleared before clearances held a hash. */
export const UNRECORDED_CLEARER = 'not recorded';

/** "Cleared by J. Park", or, when no one was recorded, says so. */
export function clearedBy(clearance: Pick<Clearance, 'by'>): string {
  return clearance.by === UNRECORDED_CLEARER ? 'Cleared (by whom was not recorded)' : `Cleared by ${clearance.by}`;
}
