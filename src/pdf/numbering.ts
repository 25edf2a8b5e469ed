/**
 * Item numbers: per kind, in book order, such as TP-3 or RL-2. They are computed over the full
 * book, never over an edition's selection, so a releasable edition, a pocket card and the full
 * book all call an item by the same number (a tab reference stays right).
 */
import type { ExchangeBook, ExchangeItem, ItemKind } from '../shared/domain';

/** The prefix of each kind's numbers. */
export const NUMBER_PREFIX: Record<ItemKind, string> = {
  objective: 'OB',
  talking_point: 'TP',
  ask: 'AS',
  red_line: 'RL',
  if_raised: 'IR',
  press_line: 'PL',
  their_objective: 'TO',
  background: 'BG',
  bio: 'BIO',
  reference: 'REF',
  scenario: 'SC',
};

/**
 * item id → its number. An item a book names twice keeps the number of its first place; an id
 * the library lacks gets none (preparation reports it).
 */
export function itemNumbers(book: Pick<ExchangeBook, 'sections'>, byId: ReadonlyMap<string, Pick<ExchangeItem, 'kind'>>): Map<string, string> {
  const counts = new Map<ItemKind, number>();
  const numbers = new Map<string, string>();
  for (const section of book.sections) {
    for (const id of section.items) {
      const item = byId.get(id);
      if (item === undefined || numbers.has(id)) continue;
      const n = (counts.get(item.kind) ?? 0) + 1;
      counts.set(item.kind, n);
      numbers.set(id, `${NUMBER_PREFIX[item.kind]}-${n}`);
    }
  }
  return numbers;
}
