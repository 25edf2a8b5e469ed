/**
 * The clearance page (an export option, after the contents): one entry per paper, in book
 * order: its number, portion mark and title with its page, and under it who drafted it and
 * each office that cleared it (or saw it for information), one line each, with the dates. A
 * paper without a chain names whoever cleared it in the library, and when; one not cleared as
 * printed says so.
 */
import { CLEARANCE_STATE_LABELS, clearedBy, type ClearanceState } from '../../shared/clearance';
import type { ChainEntry, ExchangeItem } from '../../shared/domain';
import type { Page } from '../page';
import type { PreparedBook, PreparedItem } from '../prepare';
import type { ListingEntry } from './listing';

/** `2026-11-30T09:00:00.000Z` → `2026-11-30`: a clearance's day is what the page says. */
function day(text: string): string {
  return /^\d{4}-\d{2}-\d{2}T/.test(text) ? text.slice(0, 10) : text;
}

function office(entry: ChainEntry): string {
  const who = entry.person === undefined || entry.person.trim() === '' ? entry.office : `${entry.office} (${entry.person})`;
  const when = entry.date === undefined || entry.date === '' ? '' : `, ${day(entry.date)}`;
  return `${entry.decision === 'cleared' ? 'Cleared by' : 'For information:'} ${who}${when}`;
}

/**
 * The lines under a paper's title: who drafted it, then each office in the order it saw the
 * paper; without a chain, the library's own clearance (or the state that stands instead).
 */
export function clearanceLines(item: ExchangeItem, state: ClearanceState): string[] {
  const lines = [`Drafted by ${item.drafter === undefined || item.drafter.trim() === '' ? '(not recorded)' : item.drafter.trim()}`];
  const chain = item.clearances ?? [];
  if (chain.length > 0) lines.push(...chain.map(office));
  else if (state === 'cleared' && item.clearance !== undefined) lines.push(`${clearedBy(item.clearance)}, ${day(item.clearance.at)}`);
  if (state !== 'cleared') lines.push(`Not cleared as printed: ${CLEARANCE_STATE_LABELS[state].toLowerCase()}`);
  return lines;
}

export function clearanceEntries(book: PreparedBook, starts: Map<PreparedItem, { page: Page; top: number }>): ListingEntry[] {
  const entries: ListingEntry[] = [];
  const seen = new Set<string>();
  for (const section of book.sections) {
    for (const p of section.items) {
      if (seen.has(p.item.id)) continue;
      seen.add(p.item.id);
      const lines = clearanceLines(p.item, p.state);
      // a paper and its lines stay on one page
      entries.push({ level: 'item', number: p.number, title: `${p.mark === '' ? '' : `${p.mark} `}${p.item.title}`, target: starts.get(p), keep: lines.length });
      for (const line of lines) entries.push({ level: 'translation', title: line });
    }
  }
  return entries;
}
