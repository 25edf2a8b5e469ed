/**
 * Clearance bound to the text (docs/spec/EXCHANGE.md, "Clearance"; docs/data-model.md): what a
 * save, a status change and an import do to an item's clearance and its clearance chain. Pure
 * functions over items and hashes; the service parts call them inside their transactions.
 */
import { UNRECORDED_CLEARER } from '../../../src/shared/clearance';
import type { ChainEntry, Clearance, ExchangeItem, MarkingScheme } from '../../../src/shared/domain';
import { contentHashOf } from '../hashes';

/** The item without a clearance (the field absent). */
function withoutClearance(item: ExchangeItem): ExchangeItem {
  const { clearance: _gone, ...rest } = item;
  return rest as ExchangeItem;
}

const sameDecision = (a: ChainEntry, b: ChainEntry) => a.office === b.office && a.person === b.person && a.date === b.date && a.decision === b.decision;

/**
 * Chain entries recorded in the app are made on the text it holds now: an entry without a hash
 * gets the current one, unless the stored chain already holds the same decision (an editor that
 * sent it back without its hash), which keeps the text it was made on.
 */
function chainOnText(item: ExchangeItem, previous: readonly ChainEntry[], contentHash: string): ExchangeItem {
  const chain = item.clearances as ChainEntry[] | undefined;
  if (chain === undefined || chain.every((entry) => entry.contentHash !== undefined)) return item;
  return {
    ...item,
    clearances: chain.map((entry) => {
      if (entry.contentHash !== undefined) return entry;
      const stored = previous.find((old) => old.contentHash !== undefined && sameDecision(old, entry));
      return { ...entry, contentHash: stored?.contentHash ?? contentHash };
    }),
  };
}

export interface SavedClearance {
  item: ExchangeItem;
  /** the item was cleared and its printed text changed: the clearance is withdrawn */
  withdrawn: boolean;
}

/**
 * A save in the app. The clearance the item carries (its own, or a restored version's) stands
 * when it was given on the text saved; a cleared item whose printed text changed goes back to
 * in review without it (its saved versions keep it). An item saved as cleared that was not
 * cleared before and brings no clearance (a new item, an old version from before clearances
 * held a hash) is recorded as cleared on this text, by no one recorded.
 */
export function clearanceOnSave(next: ExchangeItem, before: ExchangeItem | null, scheme: MarkingScheme, at: string): SavedClearance {
  const contentHash = contentHashOf(next, scheme);
  const item = chainOnText(next, before?.clearances ?? [], contentHash);
  if (item.status !== 'cleared') return { item: withoutClearance(item), withdrawn: false };
  if (item.clearance?.contentHash === contentHash) return { item, withdrawn: false };
  if (before?.status === 'cleared') return { item: { ...withoutClearance(item), status: 'in_review' }, withdrawn: true };
  return { item: { ...item, clearance: { by: UNRECORDED_CLEARER, at, contentHash } }, withdrawn: false };
}

/** The clearance a status change leaves: a new one on the current text when clearing, none otherwise. */
export function clearanceOnStatus(status: ExchangeItem['status'], by: string, at: string, contentHash: string): Clearance | null {
  return status === 'cleared' ? { by, at, contentHash } : null;
}

/**
 * An item read from an exchange file. A cleared item without a clearance comes from a file
 * written before clearances existed: it is taken as cleared, on the text it carries, and the
 * library records that hash now (keeping its own clearance when it already has one on this
 * text, so importing the same file again changes nothing). A clearance in the file is kept as it
 * is: when its hash does not match the text, the item is changed since cleared.
 */
export function clearanceOnImport(item: ExchangeItem, current: ExchangeItem | null, scheme: MarkingScheme, at: string): ExchangeItem {
  if (item.status !== 'cleared' || item.clearance !== undefined) return item;
  const contentHash = contentHashOf(item, scheme);
  const kept = current?.clearance?.contentHash === contentHash ? current.clearance : undefined;
  return { ...item, clearance: kept ?? { by: UNRECORDED_CLEARER, at, contentHash } };
}
