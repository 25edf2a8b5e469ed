/**
 * Pages of one-line entries with page numbers, dot leaders and links: the two-level contents and
 * the "At a glance" page. Every entry is one line of a known height, so how many pages a listing
 * takes is known before the body's page numbers are (listingPageCount).
 */
import type { FontSet } from '../fonts';
import { A4, Page, hLine, type PageRole } from '../page';
import { num, rgb, type Rgb } from '../pdf-syntax';
import { GREY, INK, style } from '../styles';
import { drawLine, fitLine, singleLine } from '../text-layout';
import { BODY_BOTTOM, BODY_TOP, CONTENT_WIDTH, MARGIN_LEFT } from './geometry';

export interface ListingEntry {
  /**
   * `group`: a heading without a page (OUR ASKS); `section`: a bold line; `item`: indented;
   * `translation`: the item above in a bilingual book's other language, under its title
   */
  level: 'group' | 'section' | 'item' | 'translation';
  /** the language of the title, for line breaking and quotes */
  lang?: string;
  /** printed before the title in bold: `3`, `RL-2` */
  number?: string;
  title: string;
  /** where the entry points; its page number is printed at the right */
  target?: { page: Page; top: number };
  color?: Rgb;
  /** how many of the entries after this one go on the same page with it (a paper and its lines) */
  keep?: number;
}

const HEAD = 56;
const DOT_STEP = 4.5;

/** Round dots every DOT_STEP points from `from` to `to` on a line at `y`. */
function dotLeader(from: number, to: number, y: number): string {
  return `q ${rgb(GREY)} RG 1.1 w 1 J [0 ${DOT_STEP}] 0 d ${num(from)} ${num(y)} m ${num(to)} ${num(y)} l S Q`;
}
const HEIGHT: Record<ListingEntry['level'], number> = { group: 26, section: 21, item: 17, translation: 14 };

/** The height the entry at `index` needs on its page: its own, and that of the entries it keeps with it. */
function needed(entries: readonly ListingEntry[], index: number): number {
  let height = 0;
  for (const entry of entries.slice(index, index + 1 + (entries[index].keep ?? 0))) height += HEIGHT[entry.level];
  return height;
}

/** How many pages `entries` take: the same walk as layoutListing, without drawing. */
export function listingPageCount(entries: readonly ListingEntry[]): number {
  let pages = 1;
  let y = BODY_TOP - HEAD;
  for (const [index, entry] of entries.entries()) {
    if (y - needed(entries, index) < BODY_BOTTOM) {
      pages += 1;
      y = BODY_TOP;
    }
    y -= HEIGHT[entry.level];
  }
  return pages;
}

/** Draws the listing; the targets' pages must have their final indices. */
export function layoutListing(fonts: FontSet, heading: string, role: PageRole, entries: readonly ListingEntry[]): Page[] {
  const pages: Page[] = [];
  const x = MARGIN_LEFT;
  const width = CONTENT_WIDTH;
  let page = new Page(A4, role, heading);
  pages.push(page);
  fonts.context = { where: `the ${heading.toLowerCase()} page` };
  let y = BODY_TOP;
  page.body.push(drawLine(fonts, singleLine(fonts, heading, style(20, { bold: true })), x, y - 22));
  page.body.push(hLine(x, x + width, y - 34, INK, 1.2));
  y -= HEAD;
  for (const [index, entry] of entries.entries()) {
    const height = HEIGHT[entry.level];
    if (y - needed(entries, index) < BODY_BOTTOM) {
      page = new Page(A4, role, heading);
      pages.push(page);
      y = BODY_TOP;
    }
    const size = entry.level === 'item' ? 10 : entry.level === 'translation' ? 9 : entry.level === 'group' ? 9 : 11.5;
    const bold = entry.level === 'group' || entry.level === 'section';
    const baseline = y - height + (entry.level === 'group' ? 7 : entry.level === 'translation' ? 4 : 5);
    const indent = entry.level === 'item' ? 22 : entry.level === 'translation' ? 66 : 0;
    const color = entry.color ?? (entry.level === 'group' || entry.level === 'translation' ? GREY : INK);
    let cursor = x + indent;
    if (entry.number !== undefined) {
      const numberLine = singleLine(fonts, entry.number, style(size, { bold: true, color: entry.color ?? INK }), 'once');
      page.body.push(drawLine(fonts, numberLine, cursor, baseline));
      cursor += Math.max(numberLine.width + 8, entry.level === 'item' ? 44 : 22);
    }
    const pageText = entry.target === undefined ? '' : String(entry.target.page.index + 1);
    const pageLine = singleLine(fonts, pageText, style(size, { bold: true }));
    // each entry's number and title are printed once: laid out without being kept
    const titleLine = fitLine(fonts, entry.title, style(size, { bold, color }), x + width - cursor - pageLine.width - 30, 'once');
    page.body.push(drawLine(fonts, titleLine, cursor, baseline));
    if (entry.target !== undefined) {
      page.body.push(drawLine(fonts, pageLine, x + width - pageLine.width, baseline));
      // dot leaders on a fixed grid, so the dots of every entry line up: round dots drawn as one
      // dashed path (not text, so a copied contents line is its title and page alone)
      const from = Math.ceil((cursor + titleLine.width + 8 - x) / DOT_STEP) * DOT_STEP + x;
      const to = x + width - pageLine.width - 6;
      if (to - from >= DOT_STEP) page.body.push(dotLeader(from, to, baseline + 1));
      page.links.push({ rect: [x - 2, y - height + 1, x + width + 2, y], targetPage: entry.target.page.index, targetTop: entry.target.top });
    }
    y -= height;
  }
  return pages;
}
