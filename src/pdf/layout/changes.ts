/**
 * Changes since an edition (docs/pdf.md): a change bar in the outer margin beside every item
 * added or edited since the edition, and a "Changes since the edition of DATE" page after the
 * contents listing what was added, edited, removed and moved, with the page of each item still in
 * the book. The change set is computed by the caller (the store) and passed in with the book's
 * content: the engine only draws it.
 *
 * The bar sits between the widest text (bilingual columns, which run up to 20 pt from the thumb
 * tabs) and the thumb tabs on the outer edge: never over either. It is a vector rectangle, not
 * text, so copying a page's text does not pick it up.
 */
import type { ChangeSet, ItemPlace } from '../../shared/changes';
import { isAtOrBelow, MarkingError } from '../../shared/markings';
import { A4, fillRect, type Page, type Placement } from '../page';
import type { PreparedBook, PreparedItem } from '../prepare';
import { GREY, INK } from '../styles';
import type { ListingEntry } from './listing';
import { COLUMNS_RIGHT, formatDate } from './item';
import { TAB_WIDTH } from './thumb-tabs';

/** The bar's left edge: 9 pt right of the widest text, 8 pt left of the thumb tabs. */
export const CHANGE_BAR_X = COLUMNS_RIGHT + 9;
export const CHANGE_BAR_WIDTH = 3;

// the bar must never touch the text nor reach the thumb tabs on the outer edge
if (CHANGE_BAR_X <= COLUMNS_RIGHT || CHANGE_BAR_X + CHANGE_BAR_WIDTH >= A4.width - TAB_WIDTH) throw new Error('the change bar would overlap the text or the thumb tabs');

/** Draws a bar beside the item on each page it spans, from its first line's top to its last line's bottom there. */
export function paintChangeBars(placements: readonly Placement[]): void {
  const spans = new Map<Page, { top: number; bottom: number }>();
  for (const { page, top, bottom } of placements) {
    const span = spans.get(page);
    if (span === undefined) spans.set(page, { top, bottom });
    else spans.set(page, { top: Math.max(span.top, top), bottom: Math.min(span.bottom, bottom) });
  }
  for (const [page, { top, bottom }] of spans) page.body.push(fillRect(CHANGE_BAR_X, bottom, CHANGE_BAR_WIDTH, top - bottom, INK));
}

/** The page's heading: "Changes since the edition of 1 December 2026". */
export function changesHeading(changes: ChangeSet): string {
  return `Changes since the edition of ${formatDate(changes.since.exportedAt.slice(0, 10))}`;
}

/**
 * May a removed item's title be printed here? Only when this edition's banner covers its marking
 * as exported: its level at or below the book's overall level (and the releasable level), and
 * each of its caveats in the banner. Otherwise the line says that an item was removed, no more.
 */
function titlePrintable(book: PreparedBook, classification: string, caveats: readonly string[]): boolean {
  try {
    if (!isAtOrBelow(book.scheme, classification, book.overall.level.code)) return false;
    if (book.releasableTo !== undefined && !isAtOrBelow(book.scheme, classification, book.releasableTo.code)) return false;
  } catch (error) {
    if (error instanceof MarkingError) return false;
    throw error;
  }
  return caveats.every((caveat) => book.overall.caveats.includes(caveat));
}

function where(place: ItemPlace): string {
  return place.sectionTitle;
}

/**
 * The page's lines, group by group. Only items this edition prints are listed as added, edited
 * or moved (a releasable edition's withheld items are not named); each points to its page.
 */
export function changesEntries(book: PreparedBook, changes: ChangeSet, starts: Map<PreparedItem, { page: Page; top: number }>): ListingEntry[] {
  const printed = new Map<string, PreparedItem>();
  for (const prepared of book.sections.flatMap((s) => s.items)) if (!printed.has(prepared.item.id)) printed.set(prepared.item.id, prepared);
  const line = (prepared: PreparedItem, note: string): ListingEntry => ({
    level: 'item',
    number: prepared.number,
    title: `${prepared.mark === '' ? '' : `${prepared.mark} `}${prepared.item.title}${note === '' ? '' : ` — ${note}`}`,
    target: starts.get(prepared),
  });
  const entries: ListingEntry[] = [];
  const group = (title: string, lines: ListingEntry[]) => {
    entries.push({ level: 'group', title: `${title} (${lines.length})`, color: INK });
    if (lines.length === 0) entries.push({ level: 'item', title: 'none', color: GREY });
    entries.push(...lines);
  };
  const listed = <T extends { id: string }>(list: readonly T[], note: (item: T) => string) =>
    list.flatMap((item) => {
      const prepared = printed.get(item.id);
      return prepared === undefined ? [] : [line(prepared, note(item))];
    });

  group('ADDED', listed(changes.added, (item) => `new in ${where(item.place)}`));
  group('EDITED', listed(changes.edited, (item) => (item.marking === null ? 'text changed' : `marking ${item.marking.from} to ${item.marking.to}`)));
  group(
    'REMOVED',
    changes.removed.map((item) => ({
      level: 'item' as const,
      title: titlePrintable(book, item.classification, item.caveats)
        ? `${item.mark === '' ? '' : `${item.mark} `}${item.title}${item.from === null ? '' : ` — was in ${where(item.from)}`}`
        : 'an item marked above this edition (title not printed)',
      color: GREY,
    })),
  );
  if (changes.movesKnown) {
    group('MOVED', listed(changes.moved, (item) => (item.from.sectionId === item.to.sectionId ? `moved within ${where(item.to)}` : `moved from ${where(item.from)}`)));
  } else {
    entries.push({ level: 'group', title: 'MOVED', color: INK });
    entries.push({ level: 'item', title: 'not known: that edition was logged before Briefbook kept a book’s sections', color: GREY });
  }
  return entries;
}
