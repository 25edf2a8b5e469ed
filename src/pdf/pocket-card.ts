/**
 * The principal's pocket card: A6 or 4 × 6 in, red lines first, then the asks, the talking
 * points and the "if raised" questions with their answers, each with the words to say
 * (card-words.ts) and its number and portion mark. Type is as large as fits, from 14 pt down to
 * 9 pt, on one side if it can, on two if it must; what does not fit even then is left off and
 * named in a warning.
 */
import { formatDate, POCKET_GROUPS } from './book-layout';
import { cardWords } from './card-words';
import type { FontSet } from './fonts';
import { A6, CARD_4X6, Flow, Page, box, boxWith, fillRect, hLine, type Box, type PageSize } from './page';
import { PdfExportError, type PdfProblem, type PreparedBook, type PreparedItem } from './prepare';
import { ALERT, GREY, KIND_STYLES, WHITE, leading, style } from './styles';
import { breakLines, drawLine, makeParagraph, singleLine, type StyledRun } from './text-layout';
import type { Rgb } from './pdf-syntax';

/** From large to small: the first size at which the card fits is used. */
export const POCKET_SIZES = [14, 13.5, 13, 12.5, 12, 11.5, 11, 10.5, 10, 9.5, 9] as const;
/** below this the card stops being readable at arm's length */
export const POCKET_MIN_SIZE = 9;
export const POCKET_PAGE_SIZES: Record<'a6' | '4x6', PageSize> = { a6: A6, '4x6': CARD_4X6 };

const MARGIN = 22;
const TOP_GAP = 36;
const BOTTOM_GAP = 32;

interface CardEntry {
  prepared?: PreparedItem;
  group: string;
  boxes: Box[];
}

function lineBoxes(fonts: FontSet, runs: StyledRun[], x: number, width: number, spaceBefore: number, options: { align?: 'center'; bullet?: { text: string; color: Rgb }; indent?: number } = {}): Box[] {
  const size = runs[0]?.style.size ?? 10;
  const indent = options.indent ?? 0;
  const lines = breakLines(makeParagraph(fonts, runs), () => width - indent);
  return lines.map((line, i) => (box(line.size * 1.24, i === 0 ? spaceBefore : 0, i < lines.length - 1, (page, top) => {
    const baseline = top - line.size * 0.98;
    const lineX = options.align === 'center' ? x + (width - line.width) / 2 : x + indent;
    page.body.push(drawLine(fonts, line, lineX, baseline));
    if (i === 0 && options.bullet !== undefined) page.body.push(drawLine(fonts, singleLine(fonts, options.bullet.text, style(size, { bold: true, color: options.bullet.color })), x, baseline));
  })));
}

function cardEntries(fonts: FontSet, book: PreparedBook, size: number, pageSize: PageSize): CardEntry[] {
  const x = MARGIN;
  const width = pageSize.width - 2 * MARGIN;
  const entries: CardEntry[] = [];
  fonts.context = { where: 'the pocket card' };
  const meeting = book.book.meeting;
  const meetingLine = [meeting?.date === undefined ? undefined : formatDate(meeting.date), meeting?.counterpart, meeting?.location]
    .filter((v): v is string => v !== undefined && v.trim() !== '')
    .join(' · ');
  entries.push({
    group: 'heading',
    boxes: [
      ...lineBoxes(fonts, [{ text: book.book.title, style: style(size + 1, { bold: true }) }], x, width, 0, { align: 'center' }),
      ...(meetingLine === '' ? [] : lineBoxes(fonts, [{ text: meetingLine, style: style(size - 2, { color: GREY }) }], x, width, 1, { align: 'center' })),
    ],
  });
  const seen = new Set<string>();
  for (const group of POCKET_GROUPS) {
    const items = book.sections.flatMap((s) => s.items).filter((p) => p.item.kind === group.kind && !seen.has(p.item.id));
    if (items.length === 0) continue;
    for (const p of items) seen.add(p.item.id);
    const kind = KIND_STYLES[group.kind];
    const labelSize = Math.max(8, size - 3);
    const groupHead: Box = box(leading(labelSize) + 3, size * 0.7, true, (page, top) => {
      const label = singleLine(fonts, group.title, style(labelSize, { bold: true, color: kind.chip ? WHITE : kind.accent }));
      const baseline = top - leading(labelSize) * 0.78;
      if (kind.chip) page.body.push(fillRect(x - 1, baseline - 2.5, label.width + 6, labelSize + 4, kind.accent));
      page.body.push(drawLine(fonts, label, x + (kind.chip ? 2 : 0), baseline));
      page.body.push(hLine(x + label.width + 8, x + width, baseline + labelSize * 0.3, kind.accent, 0.6));
    });
    entries.push({ group: group.title, boxes: [groupHead] });
    for (const p of items) entries.push({ prepared: p, group: group.title, boxes: entryBoxes(fonts, p, size, x, width) });
  }
  return entries;
}

function entryBoxes(fonts: FontSet, prepared: PreparedItem, size: number, x: number, width: number): Box[] {
  fonts.context = { itemId: prepared.item.id, sectionId: prepared.sectionId, where: `item "${prepared.item.id}" on the pocket card` };
  const { item } = prepared;
  const kind = KIND_STYLES[item.kind];
  const numberStyle = style(size - 2, { bold: true, color: kind.accent });
  const indent = singleLine(fonts, 'RL-00', numberStyle).width + 5;
  const mark: StyledRun[] = prepared.mark === '' ? [] : [{ text: `${prepared.mark} `, style: style(size, { bold: true }) }];
  const stamp: StyledRun[] = prepared.cleared ? [] : [{ text: ' [NOT CLEARED]', style: style(size - 2, { bold: true, color: ALERT }) }];
  const bullet = { text: prepared.number, color: kind.accent };
  if (item.kind === 'if_raised') {
    // the question as the writer put it, then the answer's words after an arrow
    const question = lineBoxes(fonts, [...mark, { text: item.title, style: style(size, { bold: true }) }, ...stamp], x, width, size * 0.35, { bullet, indent });
    const answer = lineBoxes(fonts, [{ text: '→ ', style: style(size, { bold: true, color: kind.accent }) }, { text: cardWords(item), style: style(size) }], x, width, 1, { indent });
    if (question.length > 0) question[question.length - 1] = boxWith(question[question.length - 1], { keepWithNext: true });
    return [...question, ...answer];
  }
  const words = cardWords(item);
  return lineBoxes(fonts, [...mark, { text: words, style: style(size, { bold: item.kind === 'red_line' }) }, ...stamp], x, width, size * 0.35, { bullet, indent });
}

interface Trial {
  pages: Page[];
  /** the first entry that began past the allowed sides, if any */
  overflowFrom: number;
}

/** Lays the entries out on cards of `pageSize`, at most `sides` of them. */
function layOut(entries: CardEntry[], pageSize: PageSize, sides: number): Trial {
  const pages: Page[] = [];
  const flow = new Flow(
    () => {
      const page = new Page(pageSize, 'card');
      page.index = pages.length;
      pages.push(page);
      return page;
    },
    pageSize.height - TOP_GAP,
    BOTTOM_GAP,
  );
  for (let i = 0; i < entries.length; i += 1) {
    flow.place(entries[i].boxes);
    if (pages.length > sides) {
      // a group heading left alone before the break goes with the entry
      const from = i > 0 && entries[i - 1].prepared === undefined ? i - 1 : i;
      return { pages, overflowFrom: from };
    }
  }
  return { pages, overflowFrom: -1 };
}

export interface PocketCardLayout {
  /** the card's sides, without their banners and page numbers yet (see paintFurniture) */
  pages: Page[];
  /** warnings: the entries left off the card */
  problems: PdfProblem[];
  size: number;
  /** the ids of the items the card prints, in card order: what its marking and export log name */
  printed: string[];
}

function printedIds(entries: readonly CardEntry[]): string[] {
  return entries.flatMap((e) => (e.prepared === undefined ? [] : [e.prepared.item.id]));
}

/**
 * Lays the card out: the largest type that fits one side, else two, else the smallest type on
 * two sides with the entries that do not fit left off. The sides' furniture (banners carrying
 * the marking of what the card prints) is painted by the caller, once `printed` is known.
 */
export function layoutPocketCard(fonts: FontSet, book: PreparedBook, format: 'a6' | '4x6' = 'a6'): PocketCardLayout {
  const pageSize = POCKET_PAGE_SIZES[format];
  for (const sides of [1, 2]) {
    for (const size of POCKET_SIZES) {
      const entries = cardEntries(fonts, book, size, pageSize);
      const trial = layOut(entries, pageSize, sides);
      if (trial.overflowFrom === -1) return { pages: trial.pages, problems: [], size, printed: printedIds(entries) };
    }
  }
  // two sides at the smallest size are not enough: the talking points give way from the last
  // (the first are the key ones), then whatever still falls off the end; a warning names each
  let entries = cardEntries(fonts, book, POCKET_MIN_SIZE, pageSize);
  const dropped: CardEntry[] = [];
  let trial = layOut(entries, pageSize, 2);
  while (trial.overflowFrom !== -1) {
    const lastPoint = entries.findLastIndex((e) => e.prepared?.item.kind === 'talking_point');
    if (lastPoint === -1) {
      dropped.push(...entries.slice(trial.overflowFrom).filter((e) => e.prepared !== undefined));
      entries = entries.slice(0, trial.overflowFrom);
    } else {
      dropped.unshift(entries[lastPoint]);
      entries = entries.filter((_, i) => i !== lastPoint);
      // a group left without entries loses its heading
      entries = entries.filter((e, i) => e.prepared !== undefined || e.group === 'heading' || entries[i + 1]?.group === e.group);
    }
    trial = layOut(entries, pageSize, 2);
  }
  const problems = dropped.map((e): PdfProblem => ({
    code: 'pocket_card_overflow',
    message: `${e.prepared?.number} "${e.prepared?.item.id}" (${e.group.toLowerCase()}) does not fit on the two sides of the pocket card at ${POCKET_MIN_SIZE} pt and is left off`,
    itemId: e.prepared?.item.id,
    sectionId: e.prepared?.sectionId,
  }));
  return { pages: trial.pages, problems, size: POCKET_MIN_SIZE, printed: printedIds(entries) };
}

function pocketCardIsEmpty(book: PreparedBook): boolean {
  const kinds = new Set(POCKET_GROUPS.map((g) => g.kind));
  return !book.sections.some((s) => s.items.some((p) => kinds.has(p.item.kind)));
}

/** Refuses a pocket card for a book with nothing of the card's kinds in it. */
export function checkPocketCardHasItems(book: PreparedBook): void {
  if (!pocketCardIsEmpty(book)) return;
  const message = `book "${book.book.id}" has no red lines, asks, talking points or "if raised" items for a pocket card`;
  throw new PdfExportError(message, [{ code: 'empty_book', message }]);
}
