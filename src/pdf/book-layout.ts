/**
 * The book's pages: cover, "At a glance", the two-level contents, one section per tab with its
 * items numbered and styled by kind, the back cover, and the page furniture. Layout runs once:
 * the body is laid out first, so the listings know every section's and item's page before they
 * are drawn; their lengths are known in advance (one entry per line). The parts live in
 * `layout/`: boxes, item, cover, listing, thumb tabs, furniture, the draft band, bilingual
 * columns.
 */
import type { ExchangeItem } from '../shared/domain';
import type { OutlineNode } from './document';
import type { FontSet } from './fonts';
import { A4, Flow, Page } from './page';
import type { PreparedBook, PreparedItem } from './prepare';
import { ALERT, GREY, KIND_STYLES } from './styles';
import type { Rgb } from './pdf-syntax';
import { bilingualLabel } from './layout/bilingual';
import { changesEntries, changesHeading } from './layout/changes';
import { coverBoxes } from './layout/cover';
import { pageMarkings, paintFurniture } from './layout/furniture';
import { BODY_BOTTOM, BODY_TOP, CONTENT_WIDTH, MARGIN_LEFT } from './layout/geometry';
import { bodySteps, oneLine, type BodyCache, type LaidOutBody } from './layout/body';
import { layoutListing, listingPageCount, type ListingEntry } from './layout/listing';
import { clearanceEntries } from './layout/clearance-page';
import { paintThumbTabs } from './layout/thumb-tabs';
import { NUMBER_PREFIX } from './numbering';

export { formatDate } from './layout/item';
export { oneLine, BodyCache } from './layout/body';
export { paintFurniture, type PageMark } from './layout/furniture';
export { editionStatement } from './layout/cover';

import type { Copy } from './layout/geometry';

export type { Copy };

export interface LaidOutBook {
  pages: Page[];
  outline: OutlineNode[];
}

/** Objectives, asks and red lines, one line each, each kind once per item (book order). */
function glanceEntries(book: PreparedBook, starts: Map<PreparedItem, { page: Page; top: number }>, withheldAt: Map<string, { page: Page; top: number }>): ListingEntry[] {
  const groups: { kind: ExchangeItem['kind']; title: string; color?: Rgb }[] = [
    { kind: 'red_line', title: 'RED LINES', color: ALERT },
    { kind: 'ask', title: 'OUR ASKS', color: KIND_STYLES.ask.accent },
    { kind: 'objective', title: 'OBJECTIVES' },
  ];
  const entries: ListingEntry[] = [];
  for (const group of groups) {
    const seen = new Set<string>();
    const items = book.sections.flatMap((s) => s.items).filter((p) => p.item.kind === group.kind && !seen.has(p.item.id) && seen.add(p.item.id));
    // an edition's withheld items of the kind keep their lines, by number only
    const prefix = `${NUMBER_PREFIX[group.kind]}-`;
    const lines: (ListingEntry & { n: number })[] = [
      ...items.map((p) => ({ level: 'item' as const, number: p.number, title: `${p.mark === '' ? '' : `${p.mark} `}${p.item.title}`, target: starts.get(p), color: group.color, n: Number(p.number.slice(prefix.length)) })),
      ...book.withheld.filter((w) => w.startsWith(prefix)).map((w) => ({ level: 'item' as const, number: w, title: 'withheld in this edition', target: withheldAt.get(w), color: GREY, n: Number(w.slice(prefix.length)) })),
    ].sort((a, b) => a.n - b.n);
    if (lines.length === 0) continue;
    entries.push({ level: 'group', title: group.title, color: group.color });
    for (const { n: _n, ...line } of lines) entries.push(line);
  }
  return entries;
}

/** Sections, then their items with numbers: one line each. */
function contentsEntries(
  book: PreparedBook,
  outline: readonly OutlineNode[],
  starts: Map<PreparedItem, { page: Page; top: number }>,
  withheldAt: Map<string, { page: Page; top: number }>,
): ListingEntry[] {
  const entries: ListingEntry[] = [];
  const lang = book.layout.bilingual?.lang;
  book.sections.forEach((section, i) => {
    entries.push({ level: 'section', number: String(i + 1), title: section.title, target: outline[i] });
    const withheld = (at: number) => {
      for (const w of section.withheld) if (w.before === at) entries.push({ level: 'item', number: w.number, title: 'withheld in this edition', target: withheldAt.get(w.number), color: GREY });
    };
    section.items.forEach((p, at) => {
      withheld(at);
      entries.push({ level: 'item', number: p.number, title: `${p.mark === '' ? '' : `${p.mark} `}${p.item.title}`, target: starts.get(p) });
      // a bilingual book lists each item in both languages
      const translated = lang === undefined ? '' : (p.item.translations?.[lang]?.title ?? '').trim();
      if (translated !== '') entries.push({ level: 'translation', title: translated, lang });
    });
    withheld(section.items.length);
  });
  return entries;
}

/**
 * A book laid out up to its listings: the cover and the body drawn, every page's final number
 * known (the listings' lengths are known from their entries), the listings and the page
 * furniture not yet drawn. {@link finishBook} draws them; {@link previewPages} finishes only the
 * pages one item is on.
 */
export interface BookPlan {
  book: PreparedBook;
  copy?: Copy;
  coverPages: Page[];
  body: LaidOutBody;
  glance: ListingEntry[];
  contents: ListingEntry[];
  /** the changes page's entries; none without a change set */
  changes: ListingEntry[];
  /** the clearance page's entries; none without the option */
  clearance: ListingEntry[];
  glanceCount: number;
  contentsCount: number;
  changesCount: number;
  clearanceCount: number;
  /** the number of pages of the finished book */
  total: number;
}

/** The cover and the body, one section per step; with a cache, unchanged parts are replayed (layout/body.ts). */
export function* planBook(fonts: FontSet, book: PreparedBook, copy?: Copy, onProgress?: (done: number, total: number) => void, cache?: BodyCache): Generator<void, BookPlan> {
  const x = MARGIN_LEFT;
  const width = CONTENT_WIDTH;
  const coverPages: Page[] = [];
  fonts.context = { where: 'the cover' };
  const coverFlow = new Flow(
    () => {
      const page = new Page(A4, 'cover');
      coverPages.push(page);
      return page;
    },
    BODY_TOP,
    BODY_BOTTOM,
  );
  coverFlow.place(coverBoxes(fonts, book, copy, x, width));

  const body = yield* bodySteps(fonts, book, onProgress, cache);
  const glance = book.layout.atAGlance ? glanceEntries(book, body.itemStarts, body.withheldAt) : [];
  const contents = contentsEntries(book, body.outline, body.itemStarts, body.withheldAt);
  const changes = book.changes === null ? [] : changesEntries(book, book.changes, body.itemStarts);
  const clearance = book.layout.clearancePage ? clearanceEntries(book, body.itemStarts) : [];
  const glanceCount = glance.length === 0 ? 0 : listingPageCount(glance);
  const contentsCount = listingPageCount(contents);
  const changesCount = book.changes === null ? 0 : listingPageCount(changes);
  const clearanceCount = clearance.length === 0 ? 0 : listingPageCount(clearance);
  const firstBody = coverPages.length + glanceCount + contentsCount + changesCount + clearanceCount;
  coverPages.forEach((page, i) => (page.index = i));
  body.pages.forEach((page, i) => (page.index = firstBody + i));
  return { book, copy, coverPages, body, glance, contents, changes, clearance, glanceCount, contentsCount, changesCount, clearanceCount, total: firstBody + body.pages.length + 1 };
}

/**
 * Draws the thumb tabs, the listings and the furniture of every page; yields after each step and
 * after every `batch` pages of furniture (the preview worker lets newer edits in there). The
 * body's pages are finished first (their numbers are known from the plan): `onBodyFinished` gets
 * them once nothing more will be drawn on them, so an export can compress them while the
 * listings are drawn.
 */
export function* finishSteps(
  fonts: FontSet,
  plan: BookPlan,
  batch = Number.POSITIVE_INFINITY,
  onBodyFinished?: (pages: readonly Page[]) => void,
): Generator<void, LaidOutBook> {
  const { book, copy, coverPages, body } = plan;
  const lang = book.layout.bilingual?.lang;
  const furnish = function* (pages: readonly Page[]): Generator<void> {
    const marking = pageMarkings(book, pages, coverPages.length, body.itemsOn);
    for (let from = 0; from < pages.length; from += batch) {
      yield;
      paintFurniture(fonts, pages.slice(from, from + batch), book, copy, { marking, total: plan.total });
    }
  };
  if (book.layout.thumbTabs) paintThumbTabs(fonts, body.pages, book.sections);
  yield* furnish(body.pages);
  onBodyFinished?.(body.pages);
  yield;
  const glancePages = plan.glance.length === 0 ? [] : layoutListing(fonts, bilingualLabel('At a glance', 'glance', lang), 'contents', plan.glance);
  glancePages.forEach((page, i) => (page.index = coverPages.length + i));
  yield;
  const contents = layoutListing(fonts, bilingualLabel('Contents', 'contents', lang), 'contents', plan.contents);
  contents.forEach((page, i) => (page.index = coverPages.length + plan.glanceCount + i));
  // the changes page follows the contents: what a reader of the earlier edition reads first
  const changesPages = book.changes === null ? [] : layoutListing(fonts, changesHeading(book.changes), 'contents', plan.changes);
  changesPages.forEach((page, i) => (page.index = coverPages.length + plan.glanceCount + plan.contentsCount + i));
  const clearancePages = plan.clearance.length === 0 ? [] : layoutListing(fonts, 'Clearance', 'contents', plan.clearance);
  clearancePages.forEach((page, i) => (page.index = coverPages.length + plan.glanceCount + plan.contentsCount + plan.changesCount + i));
  // the front matter has bookmarks of its own, before the sections', in page order
  const front: OutlineNode[] = [];
  const mark = (listing: Page[], title: string) => {
    if (listing.length > 0) front.push({ title: oneLine(title), page: listing[0], top: BODY_TOP, children: [] });
  };
  mark(glancePages, bilingualLabel('At a glance', 'glance', lang));
  mark(contents, bilingualLabel('Contents', 'contents', lang));
  if (book.changes !== null) mark(changesPages, changesHeading(book.changes));
  mark(clearancePages, 'Clearance');
  const back = new Page(A4, 'back');
  back.index = plan.total - 1;
  const frontMatter = [...coverPages, ...glancePages, ...contents, ...changesPages, ...clearancePages];
  yield* furnish([...frontMatter, back]);
  return { pages: [...frontMatter, ...body.pages, back], outline: [...front, ...body.outline] };
}

/** {@link finishSteps} run to the end, the furniture in one pass. */
export function finishBook(fonts: FontSet, plan: BookPlan, onBodyFinished?: (pages: readonly Page[]) => void): LaidOutBook {
  const steps = finishSteps(fonts, plan, Number.POSITIVE_INFINITY, onBodyFinished);
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
  }
}

export function layoutBook(
  fonts: FontSet,
  book: PreparedBook,
  copy?: Copy,
  onProgress?: (done: number, total: number) => void,
  cache?: BodyCache,
  onBodyFinished?: (pages: readonly Page[]) => void,
): LaidOutBook {
  const steps = planBook(fonts, book, copy, onProgress, cache);
  for (;;) {
    const step = steps.next();
    if (step.done === true) return finishBook(fonts, step.value, onBodyFinished);
  }
}

/**
 * The body pages that print an item, finished as the book prints them (thumb tab, banners,
 * running head, "Page N of M"), without drawing the rest of the book; copies, so the plan can
 * still be finished. Empty when the book does not print the item.
 */
export function previewPages(fonts: FontSet, plan: BookPlan, itemId: string): Page[] {
  const { book, body } = plan;
  const on = body.pages.filter((page) => (body.itemsOn.get(page) ?? []).some((item) => item.id === itemId));
  const copies = on.map((page) => page.copy());
  const itemsOn = new Map(copies.map((copy, i) => [copy, body.itemsOn.get(on[i]) ?? []]));
  if (book.layout.thumbTabs) paintThumbTabs(fonts, copies, book.sections);
  paintFurniture(fonts, copies, book, plan.copy, { marking: pageMarkings(book, copies, plan.coverPages.length, itemsOn), total: plan.total });
  return copies;
}

/** Items of the kinds the pocket card carries, in card order: what must not be said first. */
export const POCKET_GROUPS: { kind: ExchangeItem['kind']; title: string }[] = [
  { kind: 'red_line', title: 'RED LINES' },
  { kind: 'ask', title: 'OUR ASKS' },
  { kind: 'talking_point', title: 'TALKING POINTS' },
  { kind: 'if_raised', title: 'IF RAISED' },
];
