/**
 * The principal's pocket card: one A5 page with the objectives, talking-point headlines, asks and
 * red lines. The text shrinks step by step down to a readable minimum; if it still does not fit,
 * the error names the entries that fall off the page.
 */
import type { ExchangeItem } from '../shared/domain';
import { POCKET_GROUPS, formatDate, paintFurniture, type Copy } from './book-layout';
import type { FontSet } from './fonts';
import { A5, Page, fillRect, hLine, type Box } from './page';
import { PdfExportError, type PreparedBook, type PreparedItem } from './prepare';
import { ALERT, GREY, KIND_STYLES, WHITE, leading, style } from './styles';
import { breakLines, drawLine, makeParagraph, singleLine, type StyledRun } from './text-layout';

export const POCKET_SIZES = [10.5, 10, 9.5, 9, 8.5, 8, 7.5, 7] as const;
/** below this the card stops being readable at arm's length */
export const POCKET_MIN_SIZE = 7;

const MARGIN = 28;
const TOP = A5.height - 42;
const BOTTOM = 36;

interface CardEntry {
  prepared?: PreparedItem;
  group: string;
  boxes: Box[];
}

function cardEntries(fonts: FontSet, book: PreparedBook, size: number): CardEntry[] {
  const x = MARGIN;
  const width = A5.width - 2 * MARGIN;
  const entries: CardEntry[] = [];
  const header = (runs: StyledRun[], spaceBefore: number, align: 'left' | 'center' = 'left'): Box[] => {
    const paragraph = makeParagraph(fonts, runs);
    return breakLines(paragraph, () => width).map((line, i) => ({
      height: leading(line.size),
      spaceBefore: i === 0 ? spaceBefore : 0,
      keepWithNext: true,
      paint(page: Page, top: number) {
        page.body.push(drawLine(fonts, line, align === 'center' ? x + (width - line.width) / 2 : x, top - leading(line.size) * 0.78));
      },
    }));
  };
  fonts.context = { where: 'the pocket card' };
  const meeting = book.book.meeting;
  const meetingLine = [meeting?.date === undefined ? undefined : formatDate(meeting.date), meeting?.counterpart, meeting?.location].filter((v): v is string => v !== undefined && v.trim() !== '').join(' · ');
  entries.push({
    group: 'heading',
    boxes: [
      ...header([{ text: 'POCKET CARD', style: style(size - 1.5, { bold: true, color: GREY }) }], 0, 'center'),
      ...header([{ text: book.book.title, style: style(size + 3, { bold: true }) }], 2, 'center'),
      ...(meetingLine === '' ? [] : header([{ text: meetingLine, style: style(size - 1, { color: GREY }) }], 1, 'center')),
    ],
  });
  const seen = new Set<string>();
  for (const group of POCKET_GROUPS) {
    const items = book.sections.flatMap((s) => s.items).filter((p) => p.item.kind === group.kind && !seen.has(p.item.id));
    if (items.length === 0) continue;
    for (const p of items) seen.add(p.item.id);
    const kind = KIND_STYLES[group.kind];
    const groupHead: Box = {
      height: leading(size) + 2,
      spaceBefore: size * 0.9,
      keepWithNext: true,
      paint(page, top) {
        const label = singleLine(fonts, group.title, style(size - 1, { bold: true, color: kind.chip ? WHITE : kind.accent }));
        const baseline = top - leading(size) * 0.78;
        if (kind.chip) page.body.push(fillRect(x - 1, baseline - 2.5, label.width + 6, size + 2, kind.accent));
        page.body.push(drawLine(fonts, label, x + (kind.chip ? 2 : 0), baseline));
        if (!kind.chip) page.body.push(hLine(x + label.width + 6, x + width, baseline + size * 0.3, kind.accent, 0.6));
      },
    };
    entries.push({ group: group.title, boxes: [groupHead] });
    for (const p of items) entries.push({ prepared: p, group: group.title, boxes: entryBoxes(fonts, p, size, x, width) });
  }
  return entries;
}

function entryBoxes(fonts: FontSet, prepared: PreparedItem, size: number, x: number, width: number): Box[] {
  fonts.context = { itemId: prepared.item.id, sectionId: prepared.sectionId, where: `item "${prepared.item.id}"` };
  const item: ExchangeItem = prepared.item;
  const kind = KIND_STYLES[item.kind];
  const indent = size * 1.1;
  const runs: StyledRun[] = [];
  // a portion mark is a marking: dark bold text, never the kind's colour alone
  if (prepared.mark !== '') runs.push({ text: `${prepared.mark} `, style: style(size, { bold: true }) });
  runs.push({ text: item.title, style: style(size, { bold: item.kind === 'red_line' }) });
  if (!prepared.cleared) runs.push({ text: ' [NOT CLEARED]', style: style(size - 1, { bold: true, color: ALERT }) });
  const lines = breakLines(makeParagraph(fonts, runs), () => width - indent);
  const bullet = singleLine(fonts, '•', style(size, { color: kind.accent }));
  return lines.map((line, i) => ({
    height: leading(size) * 0.95,
    spaceBefore: i === 0 ? size * 0.2 : 0,
    keepWithNext: i < lines.length - 1,
    paint(page: Page, top: number) {
      const baseline = top - leading(size) * 0.75;
      if (i === 0) page.body.push(drawLine(fonts, bullet, x + 1, baseline));
      page.body.push(drawLine(fonts, line, x + indent, baseline));
    },
  }));
}

function heightOf(boxes: readonly Box[], first: boolean): number {
  return boxes.reduce((sum, box, i) => sum + box.height + (first && i === 0 ? 0 : box.spaceBefore), 0);
}

export function layoutPocketCard(fonts: FontSet, book: PreparedBook, copy?: Copy): Page {
  const capacity = TOP - BOTTOM;
  let last: CardEntry[] = [];
  for (const size of POCKET_SIZES) {
    const entries = cardEntries(fonts, book, size);
    last = entries;
    const total = entries.reduce((sum, e, i) => sum + heightOf(e.boxes, i === 0), 0);
    if (total <= capacity) {
      const page = new Page(A5, 'card');
      page.index = 0;
      let y = TOP;
      entries.forEach((entry, i) => {
        entry.boxes.forEach((box, j) => {
          if (!(i === 0 && j === 0)) y -= box.spaceBefore;
          box.paint(page, y);
          y -= box.height;
        });
      });
      paintFurniture(fonts, [page], book, copy, { compact: true });
      return page;
    }
  }
  // still too long at the smallest size: name what falls off the page
  let y = 0;
  const overflowing: CardEntry[] = [];
  last.forEach((entry, i) => {
    y += heightOf(entry.boxes, i === 0);
    if (y > capacity && entry.prepared !== undefined) overflowing.push(entry);
  });
  const names = overflowing.map((e) => `"${e.prepared?.item.id}" (${e.group.toLowerCase()})`);
  const shown = names.slice(0, 10).join(', ') + (names.length > 10 ? ` and ${names.length - 10} more` : '');
  const message = `book "${book.book.id}": the pocket card does not fit on one page even at ${POCKET_MIN_SIZE} pt; ${overflowing.length} ${
    overflowing.length === 1 ? 'entry falls' : 'entries fall'
  } off the page: ${shown}. Shorten those titles or move items out of the card's kinds (objectives, talking points, asks, red lines).`;
  throw new PdfExportError(
    message,
    overflowing.map((e) => ({
      code: 'pocket_card_overflow' as const,
      message: `item "${e.prepared?.item.id}" in ${e.group.toLowerCase()} does not fit on the pocket card`,
      itemId: e.prepared?.item.id,
      sectionId: e.prepared?.sectionId,
    })),
  );
}

export function pocketCardIsEmpty(book: PreparedBook): boolean {
  const kinds = new Set(POCKET_GROUPS.map((g) => g.kind));
  return !book.sections.some((s) => s.items.some((p) => kinds.has(p.item.kind)));
}
