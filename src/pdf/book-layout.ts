/**
 * The book's pages: cover, contents, one section per tab, items styled by kind, the back cover,
 * and the page furniture (banners, running head, "Page N of M", watermark). Layout runs once:
 * the body is laid out first, so the contents know every section's page before they are drawn;
 * the cover and contents lengths are known in advance (the contents have one entry per line).
 * Banners are dark bold text; the level's colour is only an extra band (docs/markings.md).
 */
import { parseBriefbookText, type Block, type TextRun } from '../shared/briefbook-text';
import type { ExchangeItem } from '../shared/domain';
import { levelColour, overallMarking, type Markable } from '../shared/markings';
import type { OutlineNode } from './document';
import type { FontSet } from './fonts';
import { A4, Flow, Page, fillRect, hLine, strokeRect, type Box, type Placement } from './page';
import type { BookLayoutOptions, PreparedBook, PreparedItem, PreparedSection } from './prepare';
import { ALERT, GREY, INK, KIND_STYLES, LANGUAGE_NAMES, MEASURE, RULE, TEXT_LEFT, TYPE, WHITE, leading, style } from './styles';
import { BODY_BOTTOM, BODY_TOP, CONTENT_WIDTH, MARGIN_LEFT, MARGIN_RIGHT } from './layout/geometry';
import { layoutListing, listingPageCount, type ListingEntry } from './layout/listing';
import { paintThumbTabs } from './layout/thumb-tabs';
import { draftArt, paintDraftBand, paintWatermark } from './layout/draft-band';
import type { Rgb } from './pdf-syntax';
import { breakLines, cleanText, drawLine, fitLine, makeParagraph, singleLine, type Line, type ParagraphOptions, type StyledRun, type TextStyle } from './text-layout';
import { bilingualLabel, columnBoxes, languageName } from './layout/bilingual';
import { TAB_WIDTH } from './layout/thumb-tabs';

export interface Copy {
  number: number;
  of: number;
  recipient: string;
}

export interface LaidOutBook {
  pages: Page[];
  outline: OutlineNode[];
}


function hexColour(hex: string): Rgb {
  const value = Number.parseInt(hex.replace('#', ''), 16);
  return [((value >> 16) & 255) / 255, ((value >> 8) & 255) / 255, (value & 255) / 255];
}

/** Distance from a line box's top to its baseline. */
function baselineOffset(lineHeight: number, size: number): number {
  return (lineHeight - size) / 2 + 0.8 * size;
}

interface LineBoxOptions {
  x: number;
  width: number;
  /** space above the first line only */
  spaceBefore?: number;
  /** keep every line with the box that follows (headings, labels) */
  keep?: boolean;
  align?: 'left' | 'center' | 'right';
  lineHeight?: number;
  /** drawn beside the first line (bullets, numbers, Q and A) */
  marker?: { text: string; style: TextStyle; x: number; align?: 'left' | 'right' };
  /** width of the first line when it differs (a hanging label) */
  firstWidth?: number;
  /** the text's language and hyphenation (body text only) */
  paragraph?: ParagraphOptions;
}

/** Breaks styled runs into lines and returns one box per line. */
function textBoxes(fonts: FontSet, runs: readonly StyledRun[], options: LineBoxOptions): Box[] {
  const paragraph = makeParagraph(fonts, runs, options.paragraph);
  const lines = breakLines(paragraph, (n) => (n === 0 && options.firstWidth !== undefined ? options.firstWidth : options.width));
  const boxes = lines.map((line, index) => lineBox(fonts, line, options, index));
  // no orphan (a first line alone at the foot of a page) and no widow (a last line alone at the top)
  if (boxes.length >= 2) boxes[0].keepWithNext = true;
  if (boxes.length >= 3) boxes[boxes.length - 2].keepWithNext = true;
  return boxes;
}

function lineBox(fonts: FontSet, line: Line, options: LineBoxOptions, index: number): Box {
  const height = options.lineHeight ?? leading(line.size);
  const align = options.align ?? 'left';
  const offset = align === 'center' ? (options.width - line.width) / 2 : align === 'right' ? options.width - line.width : 0;
  const marker = index === 0 ? options.marker : undefined;
  return {
    height,
    spaceBefore: index === 0 ? (options.spaceBefore ?? 0) : 0,
    keepWithNext: options.keep ?? false,
    paint(page, top) {
      const baseline = top - baselineOffset(height, line.size);
      page.body.push(drawLine(fonts, line, options.x + offset, baseline));
      if (marker !== undefined) {
        const markerLine = singleLine(fonts, marker.text, marker.style);
        const x = marker.align === 'right' ? marker.x - markerLine.width : marker.x;
        page.body.push(drawLine(fonts, markerLine, x, baseline));
      }
    },
  };
}

function gap(height: number): Box {
  return { height, spaceBefore: 0, keepWithNext: false, paint() {} };
}

function runsOf(runs: readonly TextRun[], size: number, color: Rgb = INK): StyledRun[] {
  return runs.map((run) => ({ text: run.text, style: style(size, { bold: run.bold, italic: run.italic, color }) }));
}

/** Body text of Briefbook text: paragraphs, bullets with one nested level, numbered lists. */
function bodyBoxes(fonts: FontSet, source: string, x: number, width: number, size: number, firstMarker?: LineBoxOptions['marker'], paragraph?: ParagraphOptions): Box[] {
  const boxes: Box[] = [];
  const blocks: Block[] = parseBriefbookText(source).blocks;
  const paragraphGap = size * 0.55;
  let marker = firstMarker;
  const take = () => {
    const m = marker;
    marker = undefined;
    return m;
  };
  for (const block of blocks) {
    if (block.type === 'paragraph') {
      boxes.push(...textBoxes(fonts, runsOf(block.runs, size), { x, width, spaceBefore: boxes.length === 0 ? 0 : paragraphGap, marker: take(), paragraph }));
      continue;
    }
    block.entries.forEach((entry, index) => {
      const label = block.ordered ? `${block.start + index}.` : '•';
      const indent = 16;
      const outer = marker;
      marker = undefined;
      const entryBoxes = textBoxes(fonts, runsOf(entry.runs, size), {
        x: x + indent,
        width: width - indent,
        spaceBefore: index === 0 ? (boxes.length === 0 ? 0 : paragraphGap) : size * 0.25,
        paragraph,
        marker: { text: label, style: style(size, { bold: block.ordered }), x: block.ordered ? x + indent - 4 : x + 4, align: block.ordered ? 'right' : 'left' },
      });
      if (outer !== undefined && entryBoxes.length > 0) entryBoxes.unshift(withMarker(fonts, gap(0), outer, size));
      boxes.push(...entryBoxes);
      const nested = entry.children;
      if (nested !== null) {
        nested.entries.forEach((child, childIndex) => {
          const childLabel = nested.ordered ? `${nested.start + childIndex}.` : '–';
          const childIndent = indent + 15;
          boxes.push(
            ...textBoxes(fonts, runsOf(child.runs, size), {
              x: x + childIndent,
              width: width - childIndent,
              spaceBefore: size * 0.2,
              paragraph,
              marker: {
                text: childLabel,
                style: style(size),
                x: nested.ordered ? x + childIndent - 4 : x + indent + 3,
                align: nested.ordered ? 'right' : 'left',
              },
            }),
          );
        });
      }
    });
  }
  if (marker !== undefined && boxes.length > 0) boxes.unshift(withMarker(fonts, gap(0), marker, size));
  return boxes;
}

/** A zero-height box that draws a margin marker at the next line's baseline (the A of an answer). */
function withMarker(fonts: FontSet, box: Box, marker: NonNullable<LineBoxOptions['marker']>, size: number): Box {
  return {
    ...box,
    // the marker belongs to the line after it: never split from it by a page break
    keepWithNext: true,
    paint(page, top) {
      const line = singleLine(fonts, marker.text, marker.style);
      page.body.push(drawLine(fonts, line, marker.x, top - baselineOffset(leading(size), size)));
    },
  };
}

const SCENARIO_TIME = /^(\d{1,2}[:.]\d{2}(?:\s*[-–]\s*\d{1,2}[:.]\d{2})?)(\s+)(.*)$/s;

export function formatDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso.trim());
  if (match === null) return iso;
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  const month = months[Number(match[2]) - 1];
  return month === undefined ? iso : `${Number(match[3])} ${month} ${match[1]}`;
}

interface ItemLayout {
  boxes: Box[];
  /** the head that opens each further page the item runs onto: mark, title, "(continued)" */
  continuation(): Box[];
  decorate(placements: Placement[]): void;
}

/** `(C//NF) Title (continued)` on one line: the title shortened, never the mark or the word. */
function continuationBoxes(fonts: FontSet, prepared: PreparedItem, x: number, width: number): Box[] {
  const size = 9;
  const markStyle = style(size, { bold: true });
  const titleStyle = style(size, { bold: true, color: GREY });
  const mark = prepared.mark === '' ? undefined : singleLine(fonts, `${prepared.mark} `, markStyle);
  const tail = singleLine(fonts, ' (continued)', style(size, { italic: true, color: GREY }));
  const title = fitLine(fonts, prepared.item.title, titleStyle, width - (mark?.width ?? 0) - tail.width);
  return [
    {
      height: leading(size) + 4,
      spaceBefore: 0,
      keepWithNext: true,
      paint(page, top) {
        const baseline = top - baselineOffset(leading(size), size);
        let cursor = x;
        if (mark !== undefined) {
          page.body.push(drawLine(fonts, mark, cursor, baseline));
          cursor += mark.width;
        }
        page.body.push(drawLine(fonts, title, cursor, baseline));
        page.body.push(drawLine(fonts, tail, cursor + title.width, baseline));
      },
    },
  ];
}

/**
 * `showKind`: false in a section whose items are all of one kind (its title already says it):
 * the label then carries the item's number alone.
 */
function itemLayout(fonts: FontSet, prepared: PreparedItem, x: number, width: number, showKind: boolean, layout: BookLayoutOptions, hyphenate: boolean): ItemLayout {
  const { item } = prepared;
  const bilingual = layout.bilingual;
  const chosen = bilingual === undefined ? undefined : item.translations?.[bilingual.lang];
  const hasChosen = chosen !== undefined && ((chosen.title ?? '').trim() !== '' || (chosen.body ?? '').trim() !== '');
  // side by side: the two columns take the width up to the thumb tabs
  const columns = bilingual !== undefined && bilingual.layout === 'columns' && hasChosen;
  const blockWidth = columns ? A4.width - TAB_WIDTH - 20 - x : width;
  const kind = KIND_STYLES[item.kind];
  const boxes: Box[] = [];

  // the label line: the number and, where the section does not say it, the kind (never between
  // mark and title), a NOT CLEARED stamp, the topic
  const labelSize = TYPE.label;
  const labelStyle = style(labelSize, { bold: true, color: kind.chip ? WHITE : kind.accent });
  const labelText = [showKind ? kind.label : '', prepared.number].filter((t) => t !== '').join(' · ');
  const labelLine = singleLine(fonts, labelText, labelStyle);
  const stamp = prepared.cleared ? undefined : singleLine(fonts, `NOT CLEARED · ${item.status === 'in_review' ? 'IN REVIEW' : 'DRAFT'}`, style(labelSize, { bold: true, color: ALERT }));
  const topic = item.topic !== undefined && item.topic.trim() !== '' ? fitLine(fonts, item.topic, style(labelSize, { color: GREY }), width / 2) : undefined;
  boxes.push({
    height: 15,
    spaceBefore: 18,
    keepWithNext: true,
    paint(page, top) {
      const baseline = top - 10;
      let cursor = x;
      if (kind.chip) {
        page.body.push(fillRect(x - 1, baseline - 3, labelLine.width + 8, labelSize + 5, kind.accent));
        page.body.push(drawLine(fonts, labelLine, x + 3, baseline));
        cursor = x + labelLine.width + 16;
      } else {
        page.body.push(drawLine(fonts, labelLine, x, baseline));
        cursor = x + labelLine.width + 12;
      }
      if (stamp !== undefined) {
        page.body.push(strokeRect(cursor - 3, baseline - 3, stamp.width + 6, labelSize + 5, ALERT, 1));
        page.body.push(drawLine(fonts, stamp, cursor, baseline));
      }
      if (topic !== undefined) page.body.push(drawLine(fonts, topic, x + blockWidth - topic.width, baseline));
    },
  });

  // the heading: portion mark immediately followed by the title
  const headingSize = kind.headingSize;
  const headStyle = style(headingSize, { bold: true });
  // a portion mark is a marking: dark bold text, like the banners (the kind's colour is elsewhere)
  const markStyle = style(headingSize, { bold: true });
  const timeStyle = style(headingSize, { bold: true, color: kind.accent });
  const heading: StyledRun[] = [];
  if (prepared.mark !== '') heading.push({ text: `${prepared.mark} `, style: markStyle });
  const time = item.kind === 'scenario' ? SCENARIO_TIME.exec(item.title) : null;
  if (time !== null) {
    heading.push({ text: time[1], style: timeStyle }, { text: `${time[2]}${time[3]}`, style: headStyle });
  } else {
    heading.push({ text: item.title, style: headStyle });
  }
  const qa = item.kind === 'if_raised';
  const qaStyle = style(headingSize + 2, { bold: true, color: kind.accent });
  const bodySize = kind.bodySize;
  if (columns && chosen !== undefined) {
    const translatedTitle: StyledRun[] = (chosen.title ?? '').trim() === '' ? [] : [...(prepared.mark === '' ? [] : [{ text: `${prepared.mark} `, style: markStyle }]), { text: chosen.title ?? '', style: headStyle }];
    const pair = columnBoxes(fonts, { title: heading, translatedTitle, body: item.body, translatedBody: chosen.body ?? '', lang: bilingual.lang, sourceLang: item.lang }, x, blockWidth, bodySize, hyphenate);
    if (qa && pair.length > 0) pair.unshift(withMarker(fonts, gap(0), { text: 'Q', style: qaStyle, x: x - 18 }, headingSize));
    boxes.push(...pair);
    return finish();
  }
  boxes.push(
    ...textBoxes(fonts, heading, {
      x,
      width,
      keep: true,
      marker: qa ? { text: 'Q', style: qaStyle, x: x - 18 } : undefined,
      paragraph: { lang: item.lang },
    }),
  );

  const body = bodyBoxes(fonts, item.body, x, width, bodySize, qa ? { text: 'A', style: qaStyle, x: x - 18 } : undefined, { hyphenate, lang: item.lang });
  if (body.length > 0) body[0] = { ...body[0], spaceBefore: 4 };
  boxes.push(...body);

  // translations, each under its language's name (a bilingual book: its language's only)
  const languages = bilingual === undefined ? Object.keys(item.translations ?? {}).sort() : [bilingual.lang];
  for (const lang of languages) {
    const translation = item.translations?.[lang];
    if (translation === undefined || ((translation.title ?? '') === '' && (translation.body ?? '') === '')) continue;
    const name = LANGUAGE_NAMES[lang];
    boxes.push(
      ...textBoxes(fonts, [{ text: name === undefined ? lang : `${name} (${lang})`, style: style(7.5, { bold: true, color: GREY }) }], {
        x,
        width,
        spaceBefore: 7,
        keep: true,
      }),
    );
    if ((translation.title ?? '') !== '') {
      boxes.push(...textBoxes(fonts, [{ text: translation.title ?? '', style: style(bodySize + 0.5, { bold: true }) }], { x, width, keep: true, paragraph: { lang } }));
    }
    if ((translation.body ?? '') !== '') {
      const translated = bodyBoxes(fonts, translation.body ?? '', x, width, bodySize, undefined, { lang });
      if (translated.length > 0) translated[0] = { ...translated[0], spaceBefore: 2 };
      boxes.push(...translated);
    }
  }

  return finish();

  function finish(): ItemLayout {
    return {
    boxes,
    continuation: () => continuationBoxes(fonts, prepared, x, width),
    decorate(placements) {
      if (kind.bar === 0 && kind.tint === undefined) return;
      const byPage = new Map<Page, { top: number; bottom: number }>();
      for (const p of placements) {
        const extent = byPage.get(p.page);
        if (extent === undefined) byPage.set(p.page, { top: p.top, bottom: p.bottom });
        else extent.bottom = p.bottom;
      }
      for (const [page, { top, bottom }] of byPage) {
        const padTop = 2;
        const padBottom = 4;
        if (kind.tint !== undefined) page.under.push(fillRect(x - 12, bottom - padBottom, blockWidth + 18, top - bottom + padTop + padBottom, kind.tint));
        if (kind.bar > 0) page.under.push(fillRect(x - 12, bottom - padBottom, kind.bar, top - bottom + padTop + padBottom, kind.accent));
      }
    },
    };
  }
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text for a bookmark or the Info dictionary: as printed, on one line, valid UTF-16. */
export function oneLine(text: string): string {
  return cleanText(text).replace(LONE_SURROGATE, '\ufffd').replace(/\s+/g, ' ').trim();
}

function outlineTitle(prepared: PreparedItem): string {
  return oneLine(`${prepared.number} ${prepared.mark === '' ? '' : `${prepared.mark} `}${prepared.item.title}`);
}

/** A source as the endnotes print it: title, author, date (note). */
function sourceText(source: NonNullable<ExchangeItem['sources']>[number]): string | undefined {
  const parts = [source.title, source.author, source.date].filter((p): p is string => p !== undefined && p.trim() !== '');
  if (parts.length === 0) return undefined;
  return `${parts.join(', ')}${source.note ? ` (${source.note})` : ''}`;
}

/** The sources of a section's items, gathered under its last item: one note per source, by item number. */
function endnoteBoxes(fonts: FontSet, section: PreparedSection, x: number, width: number): Box[] {
  const notes: { number: string; text: string }[] = [];
  for (const prepared of section.items) {
    for (const source of prepared.item.sources ?? []) {
      const text = sourceText(source);
      if (text !== undefined) notes.push({ number: prepared.number, text });
    }
  }
  if (notes.length === 0) return [];
  const size = TYPE.note;
  const boxes: Box[] = [
    {
      height: 8,
      spaceBefore: 22,
      keepWithNext: true,
      paint(page, top) {
        page.body.push(hLine(x, x + 80, top - 2, RULE, 0.8));
      },
    },
    ...textBoxes(fonts, [{ text: 'Sources', style: style(size, { bold: true, color: GREY }) }], { x, width, keep: true }),
  ];
  for (const note of notes) {
    boxes.push(
      ...textBoxes(fonts, [{ text: note.text, style: style(size, { color: GREY }) }], {
        x: x + 44,
        width: width - 44,
        spaceBefore: 3,
        marker: { text: note.number, style: style(size, { bold: true, color: GREY }), x },
      }),
    );
  }
  return boxes;
}

/** "RL-2 withheld in this edition": the place and number of an item a releasable edition leaves out. */
function withheldBoxes(fonts: FontSet, number: string, x: number, width: number): Box[] {
  return textBoxes(fonts, [{ text: `${number} withheld in this edition`, style: style(TYPE.body, { italic: true, color: GREY }) }], { x, width, spaceBefore: 16 });
}

interface LaidOutBody {
  pages: Page[];
  outline: OutlineNode[];
  /** the items printed on each body page, for per-page marking */
  itemsOn: Map<Page, Markable[]>;
  /** where each printed item begins (its first occurrence), for the contents and the glance page */
  itemStarts: Map<PreparedItem, { page: Page; top: number }>;
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
  const x = TEXT_LEFT;
  const width = MEASURE;
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
      for (const w of section.withheld) if (w.before === at) flow.place(withheldBoxes(fonts, w.number, x, width));
    };
    section.items.forEach((prepared, at) => {
      withheldBefore(at);
      fonts.context = { itemId: prepared.item.id, sectionId: section.id, where: `item "${prepared.item.id}"` };
      const layout = itemLayout(fonts, prepared, x, width, showKind, book.layout, book.hyphenate);
      const placements = flow.place(layout.boxes, layout.continuation);
      layout.decorate(placements);
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
  return { pages, outline, itemsOn, itemStarts };
}

/** Objectives, asks and red lines, one line each, each kind once per item (book order). */
function glanceEntries(book: PreparedBook, starts: Map<PreparedItem, { page: Page; top: number }>): ListingEntry[] {
  const groups: { kind: ExchangeItem['kind']; title: string; color?: Rgb }[] = [
    { kind: 'red_line', title: 'RED LINES', color: ALERT },
    { kind: 'ask', title: 'OUR ASKS', color: KIND_STYLES.ask.accent },
    { kind: 'objective', title: 'OBJECTIVES' },
  ];
  const entries: ListingEntry[] = [];
  for (const group of groups) {
    const seen = new Set<string>();
    const items = book.sections.flatMap((s) => s.items).filter((p) => p.item.kind === group.kind && !seen.has(p.item.id) && seen.add(p.item.id));
    if (items.length === 0) continue;
    entries.push({ level: 'group', title: group.title, color: group.color });
    for (const p of items) {
      entries.push({ level: 'item', number: p.number, title: `${p.mark === '' ? '' : `${p.mark} `}${p.item.title}`, target: starts.get(p), color: group.color });
    }
  }
  return entries;
}

/** Sections, then their items with numbers: one line each. */
function contentsEntries(book: PreparedBook, outline: readonly OutlineNode[], starts: Map<PreparedItem, { page: Page; top: number }>): ListingEntry[] {
  const entries: ListingEntry[] = [];
  const lang = book.layout.bilingual?.lang;
  book.sections.forEach((section, i) => {
    entries.push({ level: 'section', number: String(i + 1), title: section.title, target: outline[i] });
    for (const p of section.items) {
      entries.push({ level: 'item', number: p.number, title: `${p.mark === '' ? '' : `${p.mark} `}${p.item.title}`, target: starts.get(p) });
      // a bilingual book lists each item in both languages
      const translated = lang === undefined ? '' : (p.item.translations?.[lang]?.title ?? '').trim();
      if (translated !== '') entries.push({ level: 'translation', title: translated, lang });
    }
  });
  return entries;
}

function labelValueBoxes(fonts: FontSet, label: string, value: string, x: number, width: number, labelWidth = 92): Box[] {
  return textBoxes(fonts, [{ text: value, style: style(11) }], {
    x: x + labelWidth,
    width: width - labelWidth,
    spaceBefore: 5,
    marker: { text: label, style: style(8.5, { bold: true, color: GREY }), x },
  });
}

/** The printed items not cleared, each once, in book order. */
function uniqueUncleared(book: PreparedBook): PreparedItem[] {
  const seen = new Set<string>();
  return book.sections.flatMap((s) => s.items).filter((p) => !p.cleared && !seen.has(p.item.id) && seen.add(p.item.id) !== undefined);
}

/** What a releasable edition leaves out, by number: its sections and numbering are the full book's. */
export function editionStatement(book: PreparedBook): string {
  const banner = book.releasableTo?.banner ?? '';
  const n = book.withheld.length;
  if (n === 0) return `Releasable edition: nothing in this book is above ${banner}; it is complete.`;
  const shown = book.withheld.slice(0, 24).join(', ') + (n > 24 ? ` and ${n - 24} more` : '');
  return `Releasable edition: ${n} ${n === 1 ? 'item' : 'items'} above ${banner} ${n === 1 ? 'is' : 'are'} withheld (${shown}); sections and numbers are as in the full book.`;
}

function coverBoxes(fonts: FontSet, book: PreparedBook, copy: Copy | undefined, x: number, width: number): Box[] {
  const { book: header } = book;
  const boxes: Box[] = [gap(62)];
  const markColour = hexColour(levelColour(book.scheme, book.overall.level.code));
  // the marking in dark bold text between two bands of the level's colour: the words carry it
  const band: Box = {
    height: 8,
    spaceBefore: 0,
    keepWithNext: true,
    paint(page, top) {
      page.under.push(fillRect(x + width / 2 - 150, top - 5, 300, 3, markColour));
    },
  };
  boxes.push(band, ...textBoxes(fonts, [{ text: book.overall.text, style: style(15, { bold: true }) }], { x, width, align: 'center', keep: true }), { ...band, keepWithNext: false });
  boxes.push(gap(40));
  boxes.push(...textBoxes(fonts, [{ text: header.title, style: style(26, { bold: true }) }], { x, width, align: 'center' }));
  if (header.subtitle !== undefined && header.subtitle.trim() !== '') {
    boxes.push(...textBoxes(fonts, [{ text: header.subtitle, style: style(14, { color: GREY }) }], { x, width, align: 'center', spaceBefore: 10 }));
  }
  boxes.push({
    height: 30,
    spaceBefore: 0,
    keepWithNext: false,
    paint(page, top) {
      page.body.push(hLine(x + width / 2 - 60, x + width / 2 + 60, top - 15, INK, 1));
    },
  });
  const meeting = header.meeting ?? {};
  const lang = book.layout.bilingual?.lang;
  const label = (english: string, key: Parameters<typeof bilingualLabel>[1]) => bilingualLabel(english, key, lang);
  const rows: [string, string | undefined][] = [
    [label('DATE', 'date'), meeting.date === undefined ? undefined : formatDate(meeting.date)],
    [label('LOCATION', 'location'), meeting.location],
    [label('PRINCIPAL', 'principal'), meeting.principal],
    [label('COUNTERPART', 'counterpart'), meeting.counterpart],
    [label('FORMAT', 'format'), meeting.format],
    [label('PREPARED BY', 'preparedBy'), header.preparedBy],
  ];
  const tableX = x + 40;
  const tableWidth = width - 80;
  for (const [rowLabel, value] of rows) {
    if (value !== undefined && value.trim() !== '') boxes.push(...labelValueBoxes(fonts, rowLabel, value, tableX, tableWidth, lang === undefined ? 92 : 130));
  }
  if (lang !== undefined) {
    boxes.push(
      ...textBoxes(fonts, [{ text: `Bilingual edition: English and ${languageName(lang)}`, style: style(10, { bold: true }) }], { x, width, align: 'center', spaceBefore: 14 }),
    );
  }
  const notCleared = uniqueUncleared(book);
  const uncleared = notCleared.length;
  const edition =
    book.mode === 'final'
      ? 'Final copy: every item is cleared.'
      : `Working copy — not for the principal${uncleared > 0 ? `: ${uncleared} ${uncleared === 1 ? 'item is' : 'items are'} not cleared and marked NOT CLEARED.` : '.'}`;
  boxes.push(gap(18));
  boxes.push(...textBoxes(fonts, [{ text: edition, style: style(10, { bold: true, color: book.mode === 'working' ? ALERT : INK }) }], { x, width, align: 'center' }));
  // what is not cleared, by number and title, so the editor knows what stands between this and a final copy
  const shownUncleared = notCleared.slice(0, 12);
  for (const p of shownUncleared) {
    const status = p.item.status === 'in_review' ? 'in review' : 'draft';
    boxes.push(
      ...textBoxes(fonts, [{ text: `${p.number} ${p.item.title} (${status})`, style: style(9.5, { color: ALERT }) }], { x: x + 60, width: width - 120, align: 'center', spaceBefore: 2 }),
    );
  }
  if (notCleared.length > shownUncleared.length) {
    boxes.push(...textBoxes(fonts, [{ text: `and ${notCleared.length - shownUncleared.length} more`, style: style(9.5, { color: ALERT }) }], { x, width, align: 'center', spaceBefore: 2 }));
  }
  if (book.releasableTo !== undefined) {
    boxes.push(
      ...textBoxes(fonts, [{ text: editionStatement(book), style: style(10, { bold: true }) }], {
        x,
        width,
        align: 'center',
        spaceBefore: 4,
      }),
    );
  }
  if (copy !== undefined) {
    const copyRuns = [{ text: `Copy ${copy.number} of ${copy.of} — ${copy.recipient}`, style: style(13, { bold: true }) }];
    const lines = textBoxes(fonts, copyRuns, { x: x + 60, width: width - 120, align: 'center', spaceBefore: 0 });
    const height = lines.reduce((sum, b) => sum + b.height, 0);
    boxes.push(gap(16), {
      height: height + 12,
      spaceBefore: 0,
      keepWithNext: false,
      paint(page, top) {
        page.body.push(strokeRect(x + 50, top - height - 12, width - 100, height + 12, INK, 1.2));
        let y = top - 6;
        for (const line of lines) {
          line.paint(page, y);
          y -= line.height;
        }
      },
    });
  }
  const authority = header.classificationAuthority;
  if (authority !== undefined) {
    const entries: [string, string | undefined][] = [
      ['Classified by', authority.classifiedBy],
      ['Derived from', authority.derivedFrom],
      ['Reason', authority.reason],
      ['Declassify on', authority.declassifyOn],
    ];
    const present = entries.filter((e): e is [string, string] => e[1] !== undefined && e[1].trim() !== '');
    if (present.length > 0) {
      boxes.push(gap(30));
      for (const [label, value] of present) {
        boxes.push(
          ...textBoxes(fonts, [{ text: `${label}: `, style: style(9, { bold: true }) }, { text: value, style: style(9) }], { x, width: width / 2 + 40, spaceBefore: 1 }),
        );
      }
    }
  }
  return boxes;
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
  const glance = book.layout.atAGlance ? glanceEntries(book, body.itemStarts) : [];
  const contentsList = contentsEntries(book, body.outline, body.itemStarts);
  const glanceCount = glance.length === 0 ? 0 : listingPageCount(glance);
  const contentsCount = listingPageCount(contentsList);
  const firstBody = coverPages.length + glanceCount + contentsCount;
  coverPages.forEach((page, i) => (page.index = i));
  body.pages.forEach((page, i) => (page.index = firstBody + i));
  const lang = book.layout.bilingual?.lang;
  const glancePages = glance.length === 0 ? [] : layoutListing(fonts, bilingualLabel('At a glance', 'glance', lang), 'contents', glance);
  glancePages.forEach((page, i) => (page.index = coverPages.length + i));
  const contents = layoutListing(fonts, bilingualLabel('Contents', 'contents', lang), 'contents', contentsList);
  contents.forEach((page, i) => (page.index = coverPages.length + glanceCount + i));
  const back = new Page(A4, 'back');
  back.index = firstBody + body.pages.length;
  const pages = [...coverPages, ...glancePages, ...contents, ...body.pages, back];
  if (book.layout.thumbTabs) paintThumbTabs(fonts, body.pages, book.sections);
  paintFurniture(fonts, pages, book, copy, { marking: pageMarkings(book, pages, coverPages.length, body.itemsOn) });
  return { pages, outline: body.outline };
}

/**
 * The marking of each page: the overall marking on the outside pages (front cover, the first
 * page after it, back cover) and, unless the scheme asks for per-page marking, on every page;
 * with `pageMarking: "page"`, an interior page is marked by the items it prints, never below the
 * book's floor.
 */
function pageMarkings(book: PreparedBook, pages: readonly Page[], coverCount: number, itemsOn: Map<Page, Markable[]>): (page: Page) => PageMark {
  const overall = { text: book.overall.text, level: book.overall.level.code };
  if (book.scheme.pageMarking !== 'page') return () => overall;
  const marks = new Map<Page, PageMark>();
  for (const page of pages) {
    const outside = page.role === 'cover' || page.role === 'back' || page.index === coverCount;
    if (outside) continue;
    const marking = overallMarking(itemsOn.get(page) ?? [], book.scheme, book.book.floor);
    marks.set(page, { text: marking.text, level: marking.level.code });
  }
  return (page) => marks.get(page) ?? overall;
}

/** The banner a page carries, and the level whose colour its band takes. */
export interface PageMark {
  text: string;
  level: string;
}

/**
 * Banners top and bottom on every page (dark bold text of at least 10 pt, a band of the level's
 * colour at the page edge), the running head, "Page N of M", copy and edition, watermark. The
 * back cover carries its banners and nothing else.
 */
export function paintFurniture(
  fonts: FontSet,
  pages: readonly Page[],
  book: PreparedBook,
  copy: Copy | undefined,
  options: { compact?: boolean; marking?: (page: Page) => PageMark } = {},
): void {
  fonts.context = { where: 'the page furniture' };
  const compact = options.compact ?? false;
  const markingOf = options.marking ?? (() => ({ text: book.overall.text, level: book.overall.level.code }));
  const bannerSize = compact ? 10 : 11;
  const small = style(compact ? 6.5 : 7.5, { color: GREY });
  const edition = [book.mode === 'final' ? 'FINAL' : 'WORKING COPY', book.releasableTo === undefined ? '' : `RELEASABLE ≤ ${book.releasableTo.banner}`]
    .filter((s) => s !== '')
    .join(' · ');
  const total = pages.length;
  // a working copy's band and any watermark: outlines, never text a reader copies
  const art = book.mode === 'working' || book.watermark !== undefined ? draftArt(fonts, book.watermark) : undefined;
  for (const page of pages) {
    if (art !== undefined && book.mode === 'working') paintDraftBand(page, art, compact);
    const { width, height } = page.size;
    const margin = compact ? 28 : MARGIN_LEFT;
    const right = width - (compact ? 28 : MARGIN_RIGHT);
    const mark = markingOf(page);
    const furniture: string[] = [...bannerLines(fonts, mark.text, width, height, bannerSize, compact)];
    const band = hexColour(levelColour(book.scheme, mark.level));
    page.under.push(fillRect(0, height - 5, width, 5, band), fillRect(0, 0, width, 5, band));
    if (page.role === 'back') {
      page.body.push(...furniture);
      continue;
    }
    if (page.role === 'body' || page.role === 'contents') {
      const headStyle = style(8, { color: GREY });
      const section = fitLine(fonts, page.sectionTitle, headStyle, (right - margin) / 2 - 10);
      const title = fitLine(fonts, book.book.title, headStyle, (right - margin) / 2 - 10);
      furniture.push(drawLine(fonts, title, margin, height - 48), drawLine(fonts, section, right - section.width, height - 48));
      furniture.push(hLine(margin, right, height - 53, RULE, 0.5));
    }
    if (page.role !== 'card') {
      const pageLine = singleLine(fonts, `Page ${page.index + 1} of ${total}`, style(8.5, { color: GREY }));
      furniture.push(drawLine(fonts, pageLine, (width - pageLine.width) / 2, 40));
    }
    if (copy !== undefined) furniture.push(drawLine(fonts, singleLine(fonts, `Copy ${copy.number} of ${copy.of}`, small), margin, compact ? 24 : 40));
    const editionLine = fitLine(fonts, edition, small, (right - margin) / 2 - 45);
    furniture.push(drawLine(fonts, editionLine, right - editionLine.width, compact ? 24 : 40));
    if (art !== undefined) paintWatermark(page, art);
    page.body.push(...furniture);
  }
}

/**
 * The banner at the top and at the bottom of a page, centred. A marking too long for one line
 * (a long REL TO list) wraps, never shortened: the top lines run down, the bottom lines up.
 */
function bannerLines(fonts: FontSet, text: string, width: number, height: number, size: number, compact: boolean): string[] {
  const bannerStyle = style(size, { bold: true });
  const lines = breakLines(makeParagraph(fonts, [{ text, style: bannerStyle }]), () => width - 40);
  const step = size * 1.15;
  const topBaseline = height - (compact ? 20 : 22) - (size - 10);
  const bottomBaseline = compact ? 12 : 14;
  const out: string[] = [];
  lines.forEach((line, i) => {
    const x = (width - line.width) / 2;
    out.push(drawLine(fonts, line, x, topBaseline - i * step));
    out.push(drawLine(fonts, line, x, bottomBaseline + (lines.length - 1 - i) * step));
  });
  return out;
}

/** Items of the kinds the pocket card carries, in card order: what must not be said first. */
export const POCKET_GROUPS: { kind: ExchangeItem['kind']; title: string }[] = [
  { kind: 'red_line', title: 'RED LINES' },
  { kind: 'ask', title: 'OUR ASKS' },
  { kind: 'talking_point', title: 'TALKING POINTS' },
  { kind: 'if_raised', title: 'IF RAISED' },
];
