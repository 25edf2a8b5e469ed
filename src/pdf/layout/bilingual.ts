/**
 * Bilingual pages: an item's text in one column and its translation in the next, aligned block
 * by block (paragraph beside paragraph, list entry beside list entry), each pair of lines one
 * box so a page may break inside a long pair without the columns drifting apart. Also the words
 * of the book's own furniture (contents, cover labels) in the languages a briefing book is most
 * often translated into.
 */
import { parseBriefbookText, type Block, type TextRun } from '../../shared/briefbook-text';
import type { FontSet } from '../fonts';
import { box, type Box } from '../page';
import { INK, LANGUAGE_NAMES, leading, style } from '../styles';
import { breakLines, drawLine, makeParagraph, type Line, type StyledRun } from '../text-layout';

/** The gap between the two columns, in points. */
export const COLUMN_GAP = 18;

/** Labels of the book's furniture in other languages; a language not listed keeps English alone. */
const LABELS: Record<string, Record<'contents' | 'glance' | 'date' | 'location' | 'principal' | 'counterpart' | 'format' | 'preparedBy', string>> = {
  ko: { contents: '목차', glance: '한눈에 보기', date: '일시', location: '장소', principal: '수석대표', counterpart: '상대', format: '형식', preparedBy: '작성' },
  ja: { contents: '目次', glance: '要点', date: '日付', location: '場所', principal: '首席', counterpart: '相手', format: '形式', preparedBy: '作成' },
  zh: { contents: '目录', glance: '要点一览', date: '日期', location: '地点', principal: '主谈人', counterpart: '对方', format: '形式', preparedBy: '编写' },
  fr: { contents: 'Sommaire', glance: 'En bref', date: 'Date', location: 'Lieu', principal: 'Chef', counterpart: 'Interlocuteur', format: 'Format', preparedBy: 'Rédaction' },
  de: { contents: 'Inhalt', glance: 'Auf einen Blick', date: 'Datum', location: 'Ort', principal: 'Leitung', counterpart: 'Gegenüber', format: 'Format', preparedBy: 'Erstellt von' },
  es: { contents: 'Índice', glance: 'De un vistazo', date: 'Fecha', location: 'Lugar', principal: 'Titular', counterpart: 'Interlocutor', format: 'Formato', preparedBy: 'Elaborado por' },
  ru: { contents: 'Содержание', glance: 'Кратко', date: 'Дата', location: 'Место', principal: 'Глава', counterpart: 'Собеседник', format: 'Формат', preparedBy: 'Подготовлено' },
};

export type LabelKey = keyof (typeof LABELS)['ko'];

/** `Contents · 목차` in a bilingual book, `Contents` otherwise. */
export function bilingualLabel(english: string, key: LabelKey, lang: string | undefined): string {
  if (lang === undefined) return english;
  const other = LABELS[lang]?.[key] ?? LABELS[lang.split('-')[0]]?.[key];
  return other === undefined ? english : `${english} · ${other}`;
}

export function languageName(lang: string): string {
  const name = LANGUAGE_NAMES[lang];
  return name === undefined ? lang : `${name} (${lang})`;
}

/** The blocks of Briefbook text as units of one paragraph each: lists become marked entries. */
function units(source: string): TextRun[][] {
  const out: TextRun[][] = [];
  const blocks: Block[] = parseBriefbookText(source).blocks;
  for (const block of blocks) {
    if (block.type === 'paragraph') {
      out.push(block.runs);
      continue;
    }
    block.entries.forEach((entry, i) => {
      out.push([{ text: block.ordered ? `${block.start + i}. ` : '• ', bold: false, italic: false }, ...entry.runs]);
      entry.children?.entries.forEach((child, j) => {
        out.push([{ text: entry.children?.ordered === true ? `   ${(entry.children?.start ?? 1) + j}. ` : '   – ', bold: false, italic: false }, ...child.runs]);
      });
    });
  }
  return out;
}

function styled(runs: readonly TextRun[], size: number, bold = false): StyledRun[] {
  return runs.map((r) => ({ text: r.text, style: style(size, { bold: bold || r.bold, italic: r.italic, color: INK }) }));
}

/** Two lists of lines side by side, one box per row. */
function rows(fonts: FontSet, left: Line[], right: Line[], x: number, columnWidth: number, size: number, spaceBefore: number, keep: boolean): Box[] {
  const count = Math.max(left.length, right.length);
  const boxes: Box[] = [];
  for (let i = 0; i < count; i += 1) {
    const l = left[i];
    const r = right[i];
    const height = leading(Math.max(l?.size ?? size, r?.size ?? size));
    // no orphan or widow: the first row stays with the second, the last with the one before
    const keepRow = keep || (i === 0 && count >= 2) || (i === count - 2 && count >= 3);
    boxes.push(box(height, i === 0 ? spaceBefore : 0, keepRow, (page, top) => {
      const baseline = top - ((height - size) / 2 + 0.8 * size);
      if (l !== undefined) page.body.push(drawLine(fonts, l, x, baseline));
      if (r !== undefined) page.body.push(drawLine(fonts, r, x + columnWidth + COLUMN_GAP, baseline));
    }));
  }
  return boxes;
}

export interface BilingualText {
  title: StyledRun[];
  translatedTitle: StyledRun[];
  body: string;
  translatedBody: string;
  lang: string;
  sourceLang?: string;
}

/**
 * The heading and the body of an item in two columns: title beside translated title, then each
 * block beside its counterpart. Blocks beyond the shorter side's last sit beside empty space.
 */
export function columnBoxes(fonts: FontSet, text: BilingualText, x: number, width: number, size: number, hyphenate: boolean): Box[] {
  const columnWidth = (width - COLUMN_GAP) / 2;
  const measure = () => columnWidth;
  const boxes: Box[] = [];
  const headLeft = breakLines(makeParagraph(fonts, text.title, { lang: text.sourceLang }), measure);
  const headRight = text.translatedTitle.length === 0 ? [] : breakLines(makeParagraph(fonts, text.translatedTitle, { lang: text.lang }), measure);
  boxes.push(...rows(fonts, headLeft, headRight, x, columnWidth, text.title[0]?.style.size ?? size, 0, true));
  const left = units(text.body);
  const right = units(text.translatedBody);
  const pairs = Math.max(left.length, right.length);
  for (let i = 0; i < pairs; i += 1) {
    const l = left[i] === undefined ? [] : breakLines(makeParagraph(fonts, styled(left[i], size), { hyphenate, lang: text.sourceLang }), measure);
    const r = right[i] === undefined ? [] : breakLines(makeParagraph(fonts, styled(right[i], size), { lang: text.lang }), measure);
    boxes.push(...rows(fonts, l, r, x, columnWidth, size, i === 0 ? 4 : size * 0.55, false));
  }
  return boxes;
}
