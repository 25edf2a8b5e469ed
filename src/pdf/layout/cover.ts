/**
 * The front cover: the marking between bands of its level's colour, title and subtitle, the
 * meeting, what kind of copy this is (a working copy lists what is not cleared; a releasable
 * edition what it withholds), the copy number and the classification authority block.
 */
import { CLEARANCE_STATE_LABELS } from '../../shared/clearance';
import { levelColour } from '../../shared/markings';
import type { Copy } from './geometry';
import type { FontSet } from '../fonts';
import { box, boxWith, fillRect, hLine, strokeRect, type Box } from '../page';
import type { PreparedBook, PreparedItem } from '../prepare';
import { ALERT, GREY, INK, style } from '../styles';
import { bilingualLabel, languageName } from './bilingual';
import { formatDate } from './item';
import { gap, hexColour, textBoxes } from './boxes';

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

export function coverBoxes(fonts: FontSet, book: PreparedBook, copy: Copy | undefined, x: number, width: number): Box[] {
  const { book: header } = book;
  const boxes: Box[] = [gap(62)];
  const markColour = hexColour(levelColour(book.scheme, book.overall.level.code));
  // the marking in dark bold text between two bands of the level's colour: the words carry it
  const band: Box = box(8, 0, true, (page, top) => {
    page.under.push(fillRect(x + width / 2 - 150, top - 5, 300, 3, markColour));
  });
  boxes.push(band, ...textBoxes(fonts, [{ text: book.overall.text, style: style(15, { bold: true }) }], { x, width, align: 'center', keep: true }), boxWith(band, { keepWithNext: false }));
  boxes.push(gap(40));
  boxes.push(...textBoxes(fonts, [{ text: header.title, style: style(26, { bold: true }) }], { x, width, align: 'center' }));
  if (header.subtitle !== undefined && header.subtitle.trim() !== '') {
    boxes.push(...textBoxes(fonts, [{ text: header.subtitle, style: style(14, { color: GREY }) }], { x, width, align: 'center', spaceBefore: 10 }));
  }
  boxes.push(box(30, 0, false, (page, top) => {
    page.body.push(hLine(x + width / 2 - 60, x + width / 2 + 60, top - 15, INK, 1));
  }));
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
    const status = CLEARANCE_STATE_LABELS[p.state].toLowerCase();
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
    boxes.push(gap(16), box(height + 12, 0, false, (page, top) => {
      page.body.push(strokeRect(x + 50, top - height - 12, width - 100, height + 12, INK, 1.2));
      let y = top - 6;
      for (const line of lines) {
        line.paint(page, y);
        y -= line.height;
      }
    }));
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

