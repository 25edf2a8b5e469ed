/**
 * What every page carries besides its content: the marking top and bottom (per page when the
 * scheme asks), the level's colour band, the running head, "Page N of M", copy and edition, the
 * watermark and a working copy's DRAFT band. The back cover carries its banners and nothing
 * else (but a working copy's band).
 */
import { levelColour, overallMarking, type Markable } from '../../shared/markings';
import type { Copy } from './geometry';
import type { FontSet } from '../fonts';
import { fillRect, hLine, type Page } from '../page';
import type { PreparedBook } from '../prepare';
import { GREY, RULE, style } from '../styles';
import { breakLines, drawLine, fitLine, makeParagraph, singleLine } from '../text-layout';
import { hexColour } from './boxes';
import { draftArt, paintDraftBand, paintWatermark } from './draft-band';
import { MARGIN_LEFT, MARGIN_RIGHT } from './geometry';

/**
 * The marking of each page: the overall marking on the outside pages (front cover, the first
 * page after it, back cover) and, unless the scheme asks for per-page marking, on every page;
 * with `pageMarking: "page"`, an interior page is marked by the items it prints, never below the
 * book's floor.
 */
export function pageMarkings(book: PreparedBook, pages: readonly Page[], coverCount: number, itemsOn: Map<Page, Markable[]>): (page: Page) => PageMark {
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
  options: { compact?: boolean; marking?: (page: Page) => PageMark; total?: number } = {},
): void {
  fonts.context = { where: 'the page furniture' };
  const compact = options.compact ?? false;
  const markingOf = options.marking ?? (() => ({ text: book.overall.text, level: book.overall.level.code }));
  const bannerSize = compact ? 10 : 11;
  const small = style(compact ? 6.5 : 7.5, { color: GREY });
  const edition = [book.mode === 'final' ? 'FINAL' : 'WORKING COPY', book.releasableTo === undefined ? '' : `RELEASABLE ≤ ${book.releasableTo.banner}`]
    .filter((s) => s !== '')
    .join(' · ');
  // the book's page count: `pages` may be a few of its pages (the live preview)
  const total = options.total ?? pages.length;
  // a working copy's band and any watermark: outlines, never text a reader copies
  const art = book.mode === 'working' || book.watermark !== undefined ? draftArt(fonts, book.watermark) : undefined;
  // what most pages repeat (banners, running heads, copy and edition) is drawn once and reused:
  // the same text at the same place on a page of the same size draws the same operators
  const drawn = new Map<string, readonly string[]>();
  const once = (key: string, draw: () => readonly string[]): readonly string[] => {
    let operators = drawn.get(key);
    if (operators === undefined) {
      operators = draw();
      drawn.set(key, operators);
    }
    return operators;
  };
  for (const page of pages) {
    if (art !== undefined && book.mode === 'working') paintDraftBand(page, art, compact);
    const { width, height } = page.size;
    const margin = compact ? 28 : MARGIN_LEFT;
    const right = width - (compact ? 28 : MARGIN_RIGHT);
    const mark = markingOf(page);
    const size = `${width}|${height}`;
    const furniture: string[] = [...once(`banner|${size}|${mark.text}`, () => bannerLines(fonts, mark.text, width, height, bannerSize, compact))];
    page.under.push(
      ...once(`bands|${size}|${mark.level}`, () => {
        const band = hexColour(levelColour(book.scheme, mark.level));
        return [fillRect(0, height - 5, width, 5, band), fillRect(0, 0, width, 5, band)];
      }),
    );
    if (page.role === 'back') {
      page.body.push(...furniture);
      continue;
    }
    if (page.role === 'body' || page.role === 'contents') {
      const { sectionTitle } = page;
      const head = once(`head|${size}|${sectionTitle}`, () => {
        const headStyle = style(8, { color: GREY });
        const section = fitLine(fonts, sectionTitle, headStyle, (right - margin) / 2 - 10);
        const title = fitLine(fonts, book.book.title, headStyle, (right - margin) / 2 - 10);
        return [drawLine(fonts, title, margin, height - 48), drawLine(fonts, section, right - section.width, height - 48), hLine(margin, right, height - 53, RULE, 0.5)];
      });
      furniture.push(...head);
    }
    if (page.role !== 'card') {
      const pageLine = singleLine(fonts, `Page ${page.index + 1} of ${total}`, style(8.5, { color: GREY }), 'once');
      furniture.push(drawLine(fonts, pageLine, (width - pageLine.width) / 2, 40));
    }
    const foot = once(`foot|${size}`, () => {
      const lines: string[] = [];
      if (copy !== undefined) lines.push(drawLine(fonts, singleLine(fonts, `Copy ${copy.number} of ${copy.of}`, small), margin, compact ? 24 : 40));
      const editionLine = fitLine(fonts, edition, small, (right - margin) / 2 - 45);
      lines.push(drawLine(fonts, editionLine, right - editionLine.width, compact ? 24 : 40));
      return lines;
    });
    furniture.push(...foot);
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

