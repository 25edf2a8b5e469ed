/**
 * Paragraph layout: line breaking per script (UAX #14 with keep-all for Korean, kinsoku for
 * Chinese and Japanese: `script-breaks.ts`), typographic quotes (`quotes.ts`), optional English
 * hyphenation (`hyphenation.ts`), kerning from the fonts (`kerning.ts`), over-long words broken
 * between grapheme clusters (`Intl.Segmenter`), styled runs; and the writing of a laid-out line
 * as content-stream operators.
 *
 * Over ~400 lines on purpose: the paragraph's prefix sums of advances, the greedy breaker that
 * reads them and the line writer that draws from the same measured glyphs are one hot loop of
 * the export (docs/pdf.md, "Where the time goes"); the script rules, quotes, hyphenation and
 * kerning it calls are modules of their own.
 */
import type { FontSet, GlyphInfo } from './fonts';
import { SOFT_HYPHEN, hyphenate, hyphenatesLanguage } from './hyphenation';
import { num, rgb, type Rgb } from './pdf-syntax';
import { typographicQuotes } from './quotes';
import { breakOpportunities, kinsokuAllows, type BreakOpportunity } from './script-breaks';

export interface TextStyle {
  size: number;
  bold: boolean;
  italic: boolean;
  color: Rgb;
}

export interface StyledRun {
  text: string;
  style: TextStyle;
}

/** How a paragraph is typeset beyond its runs' styles. */
export interface ParagraphOptions {
  /**
   * BCP 47 language of the text (`en`, `ko`, `de-CH`...): the quotation marks it takes, whether
   * its ideographs break (Chinese, Japanese) or stay whole between spaces (Korean), whether it
   * may be hyphenated. Default: English marks, scripts told apart by the text itself.
   */
  lang?: string;
  /** English hyphenation at line ends (the `hyphenate` PDF option); for body text, never titles */
  hyphenate?: boolean;
}

/** A paragraph ready to be broken: its text, the run each character belongs to, its advances. */
export interface Paragraph {
  /** as printed: cleaned, with typographic quotes and any soft hyphens */
  text: string;
  runs: { start: number; end: number; style: TextStyle }[];
  /**
   * prefix sums of advances and kerning in points: text[a..b) set on one line is
   * {@link spanWidth} wide, prefix[b] - prefix[a] less the kerning before b
   */
  prefix: number[];
  /** kerning before the glyph at each index, in points (part of prefix); absent when none */
  kerns?: number[];
  /** the glyph of the character starting at each index (none at the low half of a surrogate pair) */
  glyphs: (GlyphInfo | undefined)[];
  lang?: string;
  /** the hyphen drawn where a line ends at a soft hyphen, regular and bold; only if the text has one */
  hyphens?: [GlyphInfo, GlyphInfo];
}

export interface Line {
  paragraph: Paragraph;
  start: number;
  end: number;
  /** including the hyphen drawn at its end, if any */
  width: number;
  /** the largest font size on the line */
  size: number;
  /** the line ends at a soft hyphen: this hyphen is drawn after its last character */
  hyphen?: { glyph: GlyphInfo; style: TextStyle };
}

// eslint-disable-next-line no-control-regex -- control characters have no printed form
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
// eslint-disable-next-line no-control-regex -- the same characters, plus tab and line feed
const NEEDS_CLEANING = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * Text as the engine prints it: NFC (so decomposed Hangul and accents draw as one glyph), tabs
 * as spaces, no control characters. A line end becomes a space, unless `keepLineBreaks` (body
 * text, where a single line break is the writer's and prints as one): then it stays a "\n",
 * which the line breaker takes as a required break.
 */
export function cleanText(text: string, keepLineBreaks = false): string {
  const normalized = text.normalize('NFC');
  // most text has no tab, line end or control character: one scan instead of three replaces
  if (!NEEDS_CLEANING.test(normalized)) return normalized;
  return normalized
    .replace(/\t/g, '    ')
    .replace(/\r\n?|\n/g, keepLineBreaks ? '\n' : ' ')
    .replace(CONTROL, '');
}

const LINE_FEED = 0x0a;
const SHY = 0xad;
const HYPHEN = 0x2d;

/** White space a line may end or start with: trimmed, never drawn (a kept line feed too). */
function isSpace(code: number): boolean {
  return code === 0x20 || code === 0xa0 || code === 0x3000 || (code >= 0x2000 && code <= 0x200a) || code === LINE_FEED;
}

/** Zeros stored as doubles: a slice of it is an array of numbers made in one copy. */
let doubleZeros: number[] = [0.5];

function zeros(length: number): number[] {
  if (doubleZeros.length < length) {
    const grown = [0.5];
    for (let i = 1; i < Math.max(length, 2 * doubleZeros.length); i += 1) grown.push(0.5);
    grown.fill(0);
    doubleZeros = grown;
  }
  return doubleZeros.slice(0, length);
}

/**
 * Lays out the characters of styled runs: cleaned text, typographic quotes, soft hyphens when
 * hyphenating, each character's glyph, and prefix sums of the advances with the font's kerning
 * between glyphs of one run.
 */
export function makeParagraph(fonts: FontSet, runs: readonly StyledRun[], options: ParagraphOptions = {}): Paragraph {
  const { lang } = options;
  const hyphenating = options.hyphenate === true && hyphenatesLanguage(lang);
  // plain loops, not map and forEach: callers hand over arrays of several kinds (literals, pushed,
  // spread), and the builtins inlined for one kind made the compiled function throw itself away
  // at the next (docs/pdf.md, "Where the time goes")
  const count = runs.length;
  const cleaned: string[] = [];
  for (let r = 0; r < count; r += 1) cleaned.push(cleanText(runs[r].text, true));
  let text = '';
  const spans: Paragraph['runs'] = [];
  for (let r = 0; r < count; r += 1) {
    const clean = cleaned[r];
    if (clean === '') continue;
    let next = r + 1;
    while (next < count && cleaned[next] === '') next += 1;
    let set = typographicQuotes(clean, lang, text.slice(-1), next < count ? cleaned[next][0] : '');
    if (hyphenating) set = hyphenate(set);
    spans.push({ start: text.length, end: text.length + set.length, style: runs[r].style });
    text += set;
  }
  // sized once (arrays grown a glyph at a time left twice their size as garbage) and on the
  // heap: a typed array's own buffer per paragraph costs an allocation outside it each
  const prefix = zeros(text.length + 1);
  const glyphs: (GlyphInfo | undefined)[] = new Array(text.length);
  let kerns: number[] | undefined;
  let width = 0;
  for (const span of spans) {
    const { size, bold } = span.style;
    /** the last visible glyph of this run: the left of the next kerning pair */
    let previous: GlyphInfo | undefined;
    for (let i = span.start; i < span.end; i += 1) {
      const at = i;
      // a surrogate pair is one code point and one glyph, unless the end of a run splits it
      let cp = text.codePointAt(i)!;
      if (cp > 0xffff) {
        if (i + 1 < span.end) i += 1;
        else cp = text.charCodeAt(i);
      }
      // a kept line feed is a break, not a character: measured as nothing, never drawn
      const glyph = cp === LINE_FEED ? fonts.glyph(0x20, bold) : fonts.glyph(cp, bold);
      glyphs[at] = glyph;
      if (previous?.kerns === true) {
        const kern = fonts.kern(previous, glyph) * size;
        if (kern !== 0) {
          kerns ??= zeros(text.length + 1);
          kerns[at] = kern;
          width += kern;
        }
      }
      prefix[at] = width;
      width += glyph.advance * size;
      if (i !== at) prefix[i] = width;
      if (cp === LINE_FEED) previous = undefined;
      else if (!glyph.invisible) previous = glyph;
    }
  }
  prefix[text.length] = width;
  const hyphens: Paragraph['hyphens'] = text.includes(SOFT_HYPHEN) ? [fonts.glyph(HYPHEN, false), fonts.glyph(HYPHEN, true)] : undefined;
  return { text, runs: spans, prefix, kerns, glyphs, lang, hyphens };
}

/** Width of text[from..to) set on one line: the advances and the kerning between them, none after the last. */
export function spanWidth(paragraph: Paragraph, from: number, to: number): number {
  return paragraph.prefix[to] - paragraph.prefix[from] - (paragraph.kerns === undefined ? 0 : paragraph.kerns[to]);
}

function runAt(paragraph: Paragraph, index: number): Paragraph['runs'][number] | undefined {
  for (const run of paragraph.runs) if (index >= run.start && index < run.end) return run;
  return undefined;
}

function maxSize(paragraph: Paragraph, start: number, end: number): number {
  let size = 0;
  for (const run of paragraph.runs) {
    if (run.end > start && run.start < end && run.style.size > size) size = run.style.size;
  }
  return size || (paragraph.runs[0]?.style.size ?? 10);
}

/** The line text[start..end), with the hyphen drawn at its end when it ends at a soft hyphen. */
function makeLine(paragraph: Paragraph, start: number, end: number): Line {
  const line: Line = { paragraph, start, end, width: spanWidth(paragraph, start, end), size: maxSize(paragraph, start, end) };
  if (paragraph.hyphens !== undefined && end > start && paragraph.text.charCodeAt(end - 1) === SHY) {
    const run = runAt(paragraph, end - 1);
    if (run !== undefined) {
      const glyph = paragraph.hyphens[run.style.bold ? 1 : 0];
      line.hyphen = { glyph, style: run.style };
      line.width += glyph.advance * run.style.size;
    }
  }
  return line;
}

/** Where a line that breaks at `position` ends: before the spaces it would end with. */
function trimEnd(text: string, from: number, position: number): number {
  let end = position;
  while (end > from && isSpace(text.charCodeAt(end - 1))) end -= 1;
  return end;
}

/** Width of the line text[from..position) would make, its trailing spaces dropped and any hyphen drawn. */
function lineWidth(paragraph: Paragraph, from: number, position: number): number {
  const end = trimEnd(paragraph.text, from, position);
  let width = spanWidth(paragraph, from, end);
  if (paragraph.hyphens !== undefined && end > from && paragraph.text.charCodeAt(end - 1) === SHY) {
    const run = runAt(paragraph, end - 1);
    if (run !== undefined) width += paragraph.hyphens[run.style.bold ? 1 : 0].advance * run.style.size;
  }
  return width;
}

/** Typesetters' rule: a third hyphenated line in a row reads as a ladder down the margin. */
const MAX_HYPHENS_IN_A_ROW = 2;

/**
 * Greedy (first-fit) line breaking at the script's break opportunities (`script-breaks.ts`).
 * `widthOf(n)` is the width available to line n, so a first line can be shorter (a hanging
 * label) or longer than the rest. A last line of a single word takes the word before it along
 * when both fit (no word alone on the last line of a title, nor of a paragraph).
 */
export function breakLines(paragraph: Paragraph, widthOf: (lineIndex: number) => number): Line[] {
  const { text } = paragraph;
  const lines: Line[] = [];
  /** for each line: the break it ended at (after its spaces), required or not, or a cut inside a word */
  const breaks: LineBreak[] = [];
  let start = 0;
  while (start < text.length && isSpace(text.charCodeAt(start))) start += 1;
  if (start >= text.length) return lines;
  const push = (from: number, to: number, required = false, insideWord = false) => {
    const end = trimEnd(text, from, to);
    if (end > from) {
      lines.push(makeLine(paragraph, from, end));
      breaks.push({ position: to, required, insideWord });
    }
  };
  const opportunities = breakOpportunities(text, paragraph.lang);
  let lineStart = start;
  let lastFit = -1; // end of the last segment that fits on the current line
  // after two hyphenated lines in a row, a soft hyphen is a break of last resort only
  let lastHyphenFit = -1;
  let hyphensInARow = 0;
  for (const { position, required } of opportunities) {
    if (position <= lineStart) continue;
    if (lineWidth(paragraph, lineStart, position) > widthOf(lines.length)) {
      const fit = lastFit > lineStart ? lastFit : lastHyphenFit;
      if (fit > lineStart) {
        push(lineStart, fit);
        hyphensInARow = lines[lines.length - 1].hyphen === undefined ? 0 : hyphensInARow + 1;
        lineStart = fit;
      }
      // the segment alone may still be too wide: break it by character
      const before = lines.length;
      lineStart = breakLongWord(paragraph, lines.length, lineStart, position, widthOf, (a, b) => push(a, b, false, true));
      if (lines.length > before) hyphensInARow = 0;
      lastFit = -1;
      lastHyphenFit = -1;
      if (trimEnd(text, lineStart, position) <= lineStart) {
        lineStart = position;
        continue;
      }
    }
    if (hyphensInARow >= MAX_HYPHENS_IN_A_ROW && text.charCodeAt(position - 1) === SHY) {
      lastHyphenFit = position;
      continue;
    }
    lastFit = position;
    if (required) {
      push(lineStart, position, true);
      lineStart = position;
      lastFit = -1;
      lastHyphenFit = -1;
      hyphensInARow = 0;
    }
  }
  if (lineStart < text.length) push(lineStart, text.length, true);
  avoidRunt(paragraph, lines, breaks, opportunities, widthOf);
  return lines;
}

interface LineBreak {
  position: number;
  required: boolean;
  /** a word too long for the line, cut between characters */
  insideWord: boolean;
}

/**
 * A last line holding one word (no break opportunity inside it) takes the last word of the line
 * above along, when that line keeps a word and the two fit on the last line's width.
 */
function avoidRunt(
  paragraph: Paragraph,
  lines: Line[],
  breaks: readonly LineBreak[],
  opportunities: readonly BreakOpportunity[],
  widthOf: (lineIndex: number) => number,
): void {
  const n = lines.length;
  if (n < 2 || breaks[n - 2].required || breaks[n - 2].insideWord) return;
  const last = lines[n - 1];
  const above = lines[n - 2];
  let pull = -1;
  for (let k = opportunities.length - 1; k >= 0; k -= 1) {
    const { position, required } = opportunities[k];
    if (position >= last.end) continue;
    // a word break inside the last line: it holds more than one word
    if (position > last.start) return;
    if (position >= breaks[n - 2].position) continue;
    if (position <= above.start || required) break;
    pull = position;
    break;
  }
  if (pull < 0 || trimEnd(paragraph.text, above.start, pull) <= above.start) return;
  if (lineWidth(paragraph, pull, last.end) > widthOf(n - 1)) return;
  lines[n - 2] = makeLine(paragraph, above.start, trimEnd(paragraph.text, above.start, pull));
  lines[n - 1] = makeLine(paragraph, pull, last.end);
}

/**
 * Splits text[from..to) by character while it does not fit; returns where the unfinished line
 * starts. Cuts fall between grapheme clusters, never against the kinsoku rules when another cut
 * fits.
 */
function breakLongWord(
  paragraph: Paragraph,
  firstLine: number,
  from: number,
  to: number,
  widthOf: (lineIndex: number) => number,
  push: (a: number, b: number) => void,
): number {
  const { text } = paragraph;
  let lineStart = from;
  let lineIndex = firstLine;
  const visibleEnd = trimEnd(text, lineStart, to);
  // most segments fit the new line whole: segmenting them into clusters would be wasted
  if (spanWidth(paragraph, lineStart, visibleEnd) <= widthOf(lineIndex)) return lineStart;
  const ends = clusterEnds(text, lineStart, visibleEnd);
  let k = 0;
  while (k < ends.length && spanWidth(paragraph, lineStart, visibleEnd) > widthOf(lineIndex)) {
    const available = widthOf(lineIndex);
    // the furthest cluster end that fits, then back to one the kinsoku rules allow
    let fit = k - 1;
    while (fit + 1 < ends.length && spanWidth(paragraph, lineStart, ends[fit + 1]) <= available) fit += 1;
    let cut = fit;
    while (cut >= k && !kinsokuAllows(text, ends[cut])) cut -= 1;
    if (cut < k) {
      // nothing fits (or nothing allowed fits): at least one character per line, the first allowed cut
      cut = k;
      while (cut < ends.length - 1 && !kinsokuAllows(text, ends[cut])) cut += 1;
    }
    push(lineStart, ends[cut]);
    lineStart = ends[cut];
    lineIndex += 1;
    k = cut + 1;
  }
  return lineStart;
}

/** made on first use: loading ICU's break data costs milliseconds, and most books never need it */
let graphemes: Intl.Segmenter | undefined;

/**
 * Where each character a reader sees (a Unicode extended grapheme cluster: a base with its
 * combining marks, an emoji ZWJ sequence, a run of conjoining Hangul jamo) of text[from..to)
 * ends. A line is only ever cut at one of these.
 */
function clusterEnds(text: string, from: number, to: number): number[] {
  const ends: number[] = [];
  // below U+0300 (no combining marks, joiners, surrogates or jamo; the text has no CR), every
  // code unit is a cluster of its own: most of a book, and no segmenter's objects to make
  let simple = true;
  for (let i = from; i < to && simple; i += 1) simple = text.charCodeAt(i) < 0x300;
  if (simple) {
    for (let i = from + 1; i <= to; i += 1) ends.push(i);
    return ends;
  }
  graphemes ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  for (const { index, segment } of graphemes.segment(text.slice(from, to))) ends.push(from + index + segment.length);
  return ends;
}

const ITALIC_SKEW = '0.2';

/** `)-12.5(` inside a TJ string by value: a font has a few hundred kerning values, a book a million kerned pairs. */
const kernAdjustments = new Map<number, string>();

function kernAdjustment(thousandths: number): string {
  let text = kernAdjustments.get(thousandths);
  if (text === undefined) {
    text = `)${num(thousandths)}(`;
    kernAdjustments.set(thousandths, text);
  }
  return text;
}

/** `r g b rg` by colour: written once per colour, not at every line. */
const fillOperators = new Map<string, string>();

function fillOperator(color: string): string {
  let operator = fillOperators.get(color);
  if (operator === undefined) {
    operator = `${color} rg`;
    fillOperators.set(color, operator);
  }
  return operator;
}

/**
 * The content-stream operators that draw a line with its left end at (x, baseline). Glyphs of
 * one face and style go in one string; kerning inside it is written as TJ adjustments.
 */
export function drawLine(fonts: FontSet, line: Line, x: number, baseline: number): string {
  const { paragraph } = line;
  const { prefix, glyphs, kerns } = paragraph;
  // parts joined once at the end: a flat string, not a rope of thousands of `+=` nodes that the
  // garbage collector would have to trace until the page is written
  const out: string[] = ['BT'];
  let font = '';
  let fill = '';
  let stroke = '';
  let mode = 0;
  for (const run of paragraph.runs) {
    if (run.end <= line.start || run.start >= line.end) continue;
    const from = Math.max(run.start, line.start);
    const to = Math.min(run.end, line.end);
    const { style } = run;
    const color = rgb(style.color);
    let pieceFace = -1;
    let pieceBold = false;
    let pieceCodes = '';
    let pieceKerned = false;
    let pieceX = 0;
    const flush = () => {
      if (pieceCodes === '') return;
      const selector = fonts.faces[pieceFace].selector(style.size);
      if (selector !== font) {
        out.push(selector);
        font = selector;
      }
      if (color !== fill) {
        out.push(fillOperator(color));
        fill = color;
        stroke = '';
      }
      const wantMode = pieceBold ? 2 : 0;
      if (wantMode === 2 && stroke !== color) {
        // synthetic bold: the outline stroked in the text colour
        out.push(`${color} RG ${num(style.size * 0.03)} w`);
        stroke = color;
      }
      if (wantMode !== mode) {
        out.push(wantMode === 2 ? '2 Tr' : '0 Tr');
        mode = wantMode;
      }
      const codes = pieceCodes;
      pieceCodes = '';
      out.push(`1 0 ${style.italic ? ITALIC_SKEW : '0'} 1 ${num(pieceX)} ${num(baseline)} Tm ${pieceKerned ? `[(${codes})] TJ` : `(${codes}) Tj`}`);
      pieceKerned = false;
    };
    const place = (glyph: GlyphInfo, at: number, kern: number) => {
      if (glyph.face !== pieceFace || glyph.syntheticBold !== pieceBold) {
        flush();
        pieceFace = glyph.face;
        pieceBold = glyph.syntheticBold;
        pieceX = x + at;
      } else if (kern !== 0) {
        // TJ: a number moves the next glyph left by thousandths of the font size
        pieceCodes += kernAdjustment((-kern / style.size) * 1000);
        pieceKerned = true;
      }
      pieceCodes += glyph.code ?? fonts.codeOf(glyph);
    };
    for (let i = from; i < to; i += 1) {
      const glyph = glyphs[i];
      if (glyph === undefined || glyph.invisible) continue;
      // the same glyph met again in another item is reported there too
      if (glyph.missing) fonts.noteMissing(glyph.codePoint);
      place(glyph, prefix[i] - prefix[line.start], i === line.start || kerns === undefined ? 0 : kerns[i]);
    }
    if (line.hyphen !== undefined && to === line.end) place(line.hyphen.glyph, line.width - line.hyphen.glyph.advance * style.size, 0);
    flush();
  }
  if (mode !== 0) out.push('0 Tr');
  out.push('ET');
  return out.join(' ');
}

/**
 * Lines laid out once per document: by style and text, and shortened ones by width too. What
 * repeats (banners, labels, running heads) is found again; a book's one-off lines (its contents
 * entries) would keep every laid-out paragraph alive to the end, so each map is emptied when it
 * reaches {@link LINE_CACHE_LIMIT} entries.
 */
const LINE_CACHE_LIMIT = 1000;

/**
 * Lines by style (styles.ts makes one object per style, so a style is found by identity), then by
 * text (and width); emptied when it reaches {@link LINE_CACHE_LIMIT} entries.
 */
class LineMap {
  private readonly byStyle = new Map<TextStyle, Map<string, Line>>();
  private count = 0;

  get(style: TextStyle, key: string): Line | undefined {
    return this.byStyle.get(style)?.get(key);
  }

  set(style: TextStyle, key: string, line: Line): void {
    if (this.count >= LINE_CACHE_LIMIT) {
      this.byStyle.clear();
      this.count = 0;
    }
    let byKey = this.byStyle.get(style);
    if (byKey === undefined) {
      byKey = new Map();
      this.byStyle.set(style, byKey);
    }
    byKey.set(key, line);
    this.count += 1;
  }
}

interface LineCache {
  whole: LineMap;
  /** by width and text */
  fitted: LineMap;
}

const lineCaches = new WeakMap<FontSet, LineCache>();

function lineCache(fonts: FontSet): LineCache {
  let cache = lineCaches.get(fonts);
  if (cache === undefined) {
    cache = { whole: new LineMap(), fitted: new LineMap() };
    lineCaches.set(fonts, cache);
  }
  return cache;
}

/**
 * One line of plain text in one style, never broken (banners, footers, labels, bullets). Lines
 * are immutable, so the same text in the same style is laid out once per document.
 */
export function singleLine(fonts: FontSet, text: string, style: TextStyle, reuse: Reuse = 'cache'): Line {
  return wholeLine(fonts, lineCache(fonts), text, style, reuse);
}

/**
 * `once`: the text is printed once in the book (a contents entry, a page number): laid out
 * without keeping it, since a kept one-off line only lives on to be copied by the collector.
 */
export type Reuse = 'cache' | 'once';

function wholeLine(fonts: FontSet, cache: LineCache, text: string, style: TextStyle, reuse: Reuse = 'cache'): Line {
  let line = reuse === 'once' ? undefined : cache.whole.get(style, text);
  if (line === undefined) {
    const paragraph = makeParagraph(fonts, [{ text, style }]);
    line = { paragraph, start: 0, end: paragraph.text.length, width: spanWidth(paragraph, 0, paragraph.text.length), size: style.size };
    if (reuse === 'cache') cache.whole.set(style, text, line);
  }
  return line;
}

/** The text of a line too wide for `width`, cut between characters and ended with an ellipsis. */
function cutToFit(fonts: FontSet, whole: Line, style: TextStyle, width: number): string {
  const ellipsis = fonts.measure('…', style.bold) * style.size;
  const { text: set } = whole.paragraph;
  // only the clusters up to a little past the first character that overflows can be cut at:
  // segmenting a long contents entry whole would be wasted (an end at the truncation itself
  // may fall inside a cluster, so it is never a cut)
  let over = 0;
  while (over < set.length && spanWidth(whole.paragraph, 0, over + 1) + ellipsis <= width) over += 1;
  const scanned = Math.min(set.length, over + 32);
  let end = 0;
  for (const cut of clusterEnds(set, 0, scanned)) {
    if ((cut === scanned && scanned < set.length) || spanWidth(whole.paragraph, 0, cut) + ellipsis > width) break;
    end = cut;
  }
  return `${set.slice(0, end).trimEnd()}…`;
}

/**
 * Shortens a line to fit `width`, ending it with an ellipsis (contents entries, running heads,
 * thumb tabs). The same text, style and width give the same line, laid out once per document.
 */
export function fitLine(fonts: FontSet, text: string, style: TextStyle, width: number, reuse: Reuse = 'cache'): Line {
  const cache = lineCache(fonts);
  const whole = wholeLine(fonts, cache, text, style, reuse);
  if (whole.width <= width) return whole;
  if (reuse === 'once') return wholeLine(fonts, cache, cutToFit(fonts, whole, style, width), style, reuse);
  const key = `${width}|${text}`;
  let fitted = cache.fitted.get(style, key);
  if (fitted === undefined) {
    fitted = wholeLine(fonts, cache, cutToFit(fonts, whole, style, width), style);
    cache.fitted.set(style, key, fitted);
  }
  return fitted;
}
