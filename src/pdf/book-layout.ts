/**
 * The book's pages: cover, "At a glance", the two-level contents, one section per tab with its
 * items numbered and styled by kind, the back cover, and the page furniture. Layout runs once:
 * the body is laid out first, so the listings know every section's and item's page before they
 * are drawn; their lengths are known in advance (one entry per line). The parts live in
 * `layout/`: boxes, item, cover, listing, thumb tabs, furniture, the draft band, bilingual
 * columns.
 */
import { cleanText } from './text-layout';
import type { ExchangeItem } from '../shared/domain';
import type { Markable } from '../shared/markings';
import type { OutlineNode } from './document';
import type { FontSet } from './fonts';
import { A4, Flow, Page, hLine, type Box } from './page';
import type { PreparedBook, PreparedItem, PreparedSection } from './prepare';
import { ALERT, GREY, INK, KIND_STYLES, MEASURE, TEXT_LEFT, TYPE, style } from './styles';
import type { Rgb } from './pdf-syntax';
import { gap, textBoxes } from './layout/boxes';
import { bilingualLabel } from './layout/bilingual';
import { changedItemIds } from '../shared/changes';
import { changesEntries, changesHeading, paintChangeBars } from './layout/changes';
import { coverBoxes } from './layout/cover';
import { pageMarkings, paintFurniture } from './layout/furniture';
import { BODY_BOTTOM, BODY_TOP, CONTENT_WIDTH, MARGIN_LEFT } from './layout/geometry';
import { endnoteBoxes, itemLayout, withheldBoxes } from './layout/item';
import { layoutListing, listingPageCount, type ListingEntry } from './layout/listing';
import { paintThumbTabs } from './layout/thumb-tabs';
import { NUMBER_PREFIX } from './numbering';

export { formatDate } from './layout/item';
export { paintFurniture, type PageMark } from './layout/furniture';
export { editionStatement } from './layout/cover';

import type { Copy } from './layout/geometry';

export type { Copy };

export interface LaidOutBook {
  pages: Page[];
  outline: OutlineNode[];
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text for a bookmark or the Info dictionary: as printed, on one line, valid UTF-16. */
export function oneLine(text: string): string {
  return cleanText(text).replace(LONE_SURROGATE, '\ufffd').replace(/\s+/g, ' ').trim();
}

function outlineTitle(prepared: PreparedItem): string {
  return oneLine(`${prepared.number} ${prepared.mark === '' ? '' : `${prepared.mark} `}${prepared.item.title}`);
}

interface LaidOutBody {
  pages: Page[];
  outline: OutlineNode[];
  /** the items printed on each body page, for per-page marking */
  itemsOn: Map<Page, Markable[]>;
  /** where each printed item begins (its first occurrence), for the contents and the glance page */
  itemStarts: Map<PreparedItem, { page: Page; top: number }>;
  /** where each withheld item's line is, by number */
  withheldAt: Map<string, { page: Page; top: number }>;
}

/** A page of its own before a section: its number and title, large. */
function dividerBoxes(fonts: FontSet, section: PreparedSection, index: number, count: number, x: number, width: number): Box[] {
  return [
    gap(220),
    ...textBoxes(fonts, [{ text: `SECTION ${index + 1} OF ${count}`, style: style(11, { bold: true, color: GREY }) }], { x, width, keep: true }),
    ...textBoxes(fonts, [{ text: section.title, style: style(30, { bold: true }) }], { x, width, spaceBefore: 8 }),
  ];
}

/** The sections and items: returns the body pages, where each section and item begins, what each page prints. */
function layoutBody(fonts: FontSet, book: PreparedBook, onProgress?: (done: number, total: number) => void): LaidOutBody {
  const total = book.sections.reduce((n, s) => n + s.items.length, 0);
  let done = 0;
  const pages: Page[] = [];
  let sectionTitle = '';
  let sectionIndex = -1;
  const flow = new Flow(
    () => {
      const page = new Page(A4, 'body', sectionTitle);
      page.sectionIndex = sectionIndex;
      pages.push(page);
      return page;
    },
    BODY_TOP,
    BODY_BOTTOM,
  );
  const outline: OutlineNode[] = [];
  const itemsOn = new Map<Page, Markable[]>();
  const itemStarts = new Map<PreparedItem, { page: Page; top: number }>();
  const withheldAt = new Map<string, { page: Page; top: number }>();
  const x = TEXT_LEFT;
  const width = MEASURE;
  const changed = book.changes === null ? new Set<string>() : changedItemIds(book.changes);
  book.sections.forEach((section, index) => {
    fonts.context = { sectionId: section.id, where: `section "${section.id}"` };
    sectionTitle = section.title;
    sectionIndex = index;
    if (index > 0) flow.breakPage();
    flow.page.sectionTitle = section.title;
    flow.page.sectionIndex = index;
    if (book.layout.sectionDividers) {
      flow.place(dividerBoxes(fonts, section, index, book.sections.length, x, width));
      flow.breakPage();
    }
    const head: Box[] = [
      ...textBoxes(fonts, [{ text: `SECTION ${index + 1} OF ${book.sections.length}`, style: style(TYPE.label, { bold: true, color: GREY }) }], { x, width, keep: true }),
      ...textBoxes(fonts, [{ text: section.title, style: style(TYPE.sectionTitle, { bold: true }) }], { x, width, keep: true, spaceBefore: 4 }),
      {
        height: 10,
        spaceBefore: 2,
        keepWithNext: true,
        paint(page, top) {
          page.body.push(hLine(x, x + width, top - 4, INK, 1.2));
        },
      },
    ];
    const headPlacement = flow.place(head);
    const node: OutlineNode = { title: oneLine(section.title), page: headPlacement[0].page, top: headPlacement[0].top + 20, children: [] };
    outline.push(node);
    if (section.items.length === 0 && section.withheld.length === 0) {
      flow.place(textBoxes(fonts, [{ text: 'No items in this section.', style: style(TYPE.body, { italic: true, color: GREY }) }], { x, width, spaceBefore: 12 }));
    }
    // the kind is said once by a section of one kind (its items' labels carry the number alone)
    const kinds = new Set(section.items.map((p) => p.item.kind));
    const showKind = kinds.size > 1;
    const withheldBefore = (at: number) => {
      for (const w of section.withheld) {
        if (w.before !== at) continue;
        const placed = flow.place(withheldBoxes(fonts, w.number, x, width));
        withheldAt.set(w.number, { page: placed[0].page, top: placed[0].top });
      }
    };
    section.items.forEach((prepared, at) => {
      withheldBefore(at);
      fonts.context = { itemId: prepared.item.id, sectionId: section.id, where: `item "${prepared.item.id}"` };
      const layout = itemLayout(fonts, prepared, x, width, showKind, book.layout, book.hyphenate);
      const placements = flow.place(layout.boxes, layout.continuation);
      layout.decorate(placements);
      if (changed.has(prepared.item.id)) paintChangeBars(placements);
      for (const page of new Set(placements.map((p) => p.page))) {
        const list = itemsOn.get(page);
        if (list === undefined) itemsOn.set(page, [prepared.item]);
        else list.push(prepared.item);
      }
      const start = { page: placements[0].page, top: placements[0].top + 4 };
      itemStarts.set(prepared, start);
      node.children.push({ title: outlineTitle(prepared), ...start, children: [] });
      done += 1;
      if (onProgress !== undefined && (done % 50 === 0 || done === total)) onProgress(done, total);
    });
    withheldBefore(section.items.length);
    if (book.layout.sources === 'endnotes') {
      fonts.context = { sectionId: section.id, where: `the sources of section "${section.id}"` };
      const notes = endnoteBoxes(fonts, section, x, width);
      if (notes.length > 0) flow.place(notes);
    }
  });
  return { pages, outline, itemsOn, itemStarts, withheldAt };
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

export function layoutBook(fonts: FontSet, book: PreparedBook, copy?: Copy, onProgress?: (done: number, total: number) => void): LaidOutBook {
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

  const body = layoutBody(fonts, book, onProgress);
  const glance = book.layout.atAGlance ? glanceEntries(book, body.itemStarts, body.withheldAt) : [];
  const contentsList = contentsEntries(book, body.outline, body.itemStarts, body.withheldAt);
  const changesList = book.changes === null ? [] : changesEntries(book, book.changes, body.itemStarts);
  const glanceCount = glance.length === 0 ? 0 : listingPageCount(glance);
  const contentsCount = listingPageCount(contentsList);
  const changesCount = book.changes === null ? 0 : listingPageCount(changesList);
  const firstBody = coverPages.length + glanceCount + contentsCount + changesCount;
  coverPages.forEach((page, i) => (page.index = i));
  body.pages.forEach((page, i) => (page.index = firstBody + i));
  const lang = book.layout.bilingual?.lang;
  const glancePages = glance.length === 0 ? [] : layoutListing(fonts, bilingualLabel('At a glance', 'glance', lang), 'contents', glance);
  glancePages.forEach((page, i) => (page.index = coverPages.length + i));
  const contents = layoutListing(fonts, bilingualLabel('Contents', 'contents', lang), 'contents', contentsList);
  contents.forEach((page, i) => (page.index = coverPages.length + glanceCount + i));
  // the changes page follows the contents: what a reader of the earlier edition reads first
  const changesPages = book.changes === null ? [] : layoutListing(fonts, changesHeading(book.changes), 'contents', changesList);
  changesPages.forEach((page, i) => (page.index = coverPages.length + glanceCount + contentsCount + i));
  const back = new Page(A4, 'back');
  back.index = firstBody + body.pages.length;
  const pages = [...coverPages, ...glancePages, ...contents, ...changesPages, ...body.pages, back];
  if (book.layout.thumbTabs) paintThumbTabs(fonts, body.pages, book.sections);
  paintFurniture(fonts, pages, book, copy, { marking: pageMarkings(book, pages, coverPages.length, body.itemsOn) });
  return { pages, outline: body.outline };
}

/** Items of the kinds the pocket card carries, in card order: what must not be said first. */
export const POCKET_GROUPS: { kind: ExchangeItem['kind']; title: string }[] = [
  { kind: 'red_line', title: 'RED LINES' },
  { kind: 'ask', title: 'OUR ASKS' },
  { kind: 'talking_point', title: 'TALKING POINTS' },
  { kind: 'if_raised', title: 'IF RAISED' },
];
