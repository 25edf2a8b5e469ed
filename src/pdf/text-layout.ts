/**
 * Paragraph layout: Unicode line breaking (UAX #14 through `linebreak`), Korean kept whole
 * between spaces (CSS `word-break: keep-all`), over-long words broken between grapheme clusters
 * (`Intl.Segmenter`), styled runs; and the writing of a laid-out line as content-stream operators.
 */
import LineBreaker from 'linebreak';
import type { FontSet, GlyphInfo } from './fonts';
import { num, rgb, type Rgb } from './pdf-syntax';

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

/** A paragraph ready to be broken: its text, the run each character belongs to, its advances. */
export interface Paragraph {
  text: string;
  runs: { start: number; end: number; style: TextStyle }[];
  /** prefix sums of advances in points: width of text[a..b) is prefix[b] - prefix[a] */
  prefix: Float64Array;
  /** the glyph of the character starting at each index (none at the low half of a surrogate pair) */
  glyphs: (GlyphInfo | undefined)[];
}

export interface Line {
  paragraph: Paragraph;
  start: number;
  end: number;
  width: number;
  /** the largest font size on the line */
  size: number;
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

/** White space a line may end or start with: trimmed, never drawn (a kept line feed too). */
function isSpace(code: number): boolean {
  return code === 0x20 || code === 0xa0 || code === 0x3000 || (code >= 0x2000 && code <= 0x200a) || code === LINE_FEED;
}

/** Hangul and CJK ideographs: no break between two of them (keep-all); words end at spaces. */
function keepsTogether(code: number): boolean {
  return (
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0x1100 && code <= 0x11ff) ||
    (code >= 0x3130 && code <= 0x318f) ||
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0xf900 && code <= 0xfaff)
  );
}

export function makeParagraph(fonts: FontSet, runs: readonly StyledRun[]): Paragraph {
  let text = '';
  const spans: Paragraph['runs'] = [];
  for (const run of runs) {
    const clean = cleanText(run.text, true);
    if (clean === '') continue;
    spans.push({ start: text.length, end: text.length + clean.length, style: run.style });
    text += clean;
  }
  const prefix = new Float64Array(text.length + 1);
  const glyphs: (GlyphInfo | undefined)[] = new Array(text.length);
  let width = 0;
  for (const span of spans) {
    const { size, bold } = span.style;
    for (let i = span.start; i < span.end; i += 1) {
      prefix[i] = width;
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
      width += glyph.advance * size;
      if (i !== at) prefix[i] = width;
    }
  }
  prefix[text.length] = width;
  return { text, runs: spans, prefix, glyphs };
}

/** Break opportunities (positions after which a line may end), UAX #14 with keep-all for Hangul and Han. */
function breakOpportunities(text: string): { position: number; required: boolean }[] {
  const out: { position: number; required: boolean }[] = [];
  const breaker = new LineBreaker(text);
  for (let bk = breaker.nextBreak(); bk !== null; bk = breaker.nextBreak()) {
    const p = bk.position;
    if (!bk.required && p > 0 && p < text.length && keepsTogether(text.charCodeAt(p - 1)) && keepsTogether(text.charCodeAt(p))) continue;
    out.push({ position: p, required: bk.required });
  }
  return out;
}

function maxSize(paragraph: Paragraph, start: number, end: number): number {
  let size = 0;
  for (const run of paragraph.runs) {
    if (run.end > start && run.start < end && run.style.size > size) size = run.style.size;
  }
  return size || (paragraph.runs[0]?.style.size ?? 10);
}

/**
 * Greedy (first-fit) line breaking. `widthOf(n)` is the width available to line n, so a first
 * line can be shorter (a hanging label) or longer than the rest.
 */
export function breakLines(paragraph: Paragraph, widthOf: (lineIndex: number) => number): Line[] {
  const { text, prefix } = paragraph;
  const lines: Line[] = [];
  let start = 0;
  while (start < text.length && isSpace(text.charCodeAt(start))) start += 1;
  if (start >= text.length) return lines;
  const push = (from: number, to: number) => {
    let end = to;
    while (end > from && isSpace(text.charCodeAt(end - 1))) end -= 1;
    if (end > from) lines.push({ paragraph, start: from, end, width: prefix[end] - prefix[from], size: maxSize(paragraph, from, end) });
  };
  let lineStart = start;
  let lastFit = -1; // end of the last segment that fits on the current line
  for (const { position, required } of breakOpportunities(text)) {
    if (position <= lineStart) continue;
    let visible = position;
    while (visible > lineStart && isSpace(text.charCodeAt(visible - 1))) visible -= 1;
    const available = widthOf(lines.length);
    if (prefix[visible] - prefix[lineStart] > available) {
      if (lastFit > lineStart) {
        push(lineStart, lastFit);
        lineStart = lastFit;
      }
      // the segment alone may still be too wide: break it by character
      lineStart = breakLongWord(paragraph, lines, lineStart, position, widthOf, push);
      lastFit = -1;
      let rest = position;
      while (rest > lineStart && isSpace(text.charCodeAt(rest - 1))) rest -= 1;
      if (rest <= lineStart) {
        lineStart = position;
        continue;
      }
    }
    lastFit = position;
    if (required) {
      push(lineStart, position);
      lineStart = position;
      lastFit = -1;
    }
  }
  if (lineStart < text.length) push(lineStart, text.length);
  return lines;
}

/** Splits text[from..to) by character while it does not fit; returns where the unfinished line starts. */
function breakLongWord(
  paragraph: Paragraph,
  lines: Line[],
  from: number,
  to: number,
  widthOf: (lineIndex: number) => number,
  push: (a: number, b: number) => void,
): number {
  const { text, prefix } = paragraph;
  let lineStart = from;
  let visibleEnd = to;
  while (visibleEnd > lineStart && isSpace(text.charCodeAt(visibleEnd - 1))) visibleEnd -= 1;
  const ends = clusterEnds(text, lineStart, visibleEnd);
  let k = 0;
  while (k < ends.length && prefix[visibleEnd] - prefix[lineStart] > widthOf(lines.length)) {
    const available = widthOf(lines.length);
    let cut = lineStart;
    while (k < ends.length && prefix[ends[k]] - prefix[lineStart] <= available) {
      cut = ends[k];
      k += 1;
    }
    if (cut === lineStart) {
      cut = ends[k]; // at least one character per line
      k += 1;
    }
    push(lineStart, cut);
    lineStart = cut;
  }
  return lineStart;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Where each character a reader sees (a Unicode extended grapheme cluster: a base with its
 * combining marks, an emoji ZWJ sequence, a run of conjoining Hangul jamo) of text[from..to)
 * ends. A line is only ever cut at one of these.
 */
function clusterEnds(text: string, from: number, to: number): number[] {
  const ends: number[] = [];
  for (const { index, segment } of graphemes.segment(text.slice(from, to))) ends.push(from + index + segment.length);
  return ends;
}

const ITALIC_SKEW = '0.2';

/** The content-stream operators that draw a line with its left end at (x, baseline). */
export function drawLine(fonts: FontSet, line: Line, x: number, baseline: number): string {
  const { paragraph } = line;
  const { prefix, glyphs } = paragraph;
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
    const pieceCodes: string[] = [];
    let pieceX = 0;
    const flush = () => {
      if (pieceCodes.length === 0) return;
      const face = fonts.faces[pieceFace];
      const selector = `/${face.resource} ${num(style.size)} Tf`;
      if (selector !== font) {
        out.push(selector);
        font = selector;
      }
      if (color !== fill) {
        out.push(`${color} rg`);
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
      out.push(`1 0 ${style.italic ? ITALIC_SKEW : '0'} 1 ${num(pieceX)} ${num(baseline)} Tm (${pieceCodes.join('')}) Tj`);
      pieceCodes.length = 0;
    };
    for (let i = from; i < to; i += 1) {
      const glyph = glyphs[i];
      if (glyph === undefined || glyph.invisible) continue;
      // the same glyph met again in another item is reported there too
      if (glyph.missing) fonts.noteMissing(glyph.codePoint);
      if (glyph.face !== pieceFace || glyph.syntheticBold !== pieceBold) {
        flush();
        pieceFace = glyph.face;
        pieceBold = glyph.syntheticBold;
        pieceX = x + prefix[i] - prefix[line.start];
      }
      pieceCodes.push(glyph.code ?? fonts.codeOf(glyph));
    }
    flush();
  }
  if (mode !== 0) out.push('0 Tr');
  out.push('ET');
  return out.join(' ');
}

const singleLines = new WeakMap<FontSet, Map<string, Line>>();

/**
 * One line of plain text in one style, never broken (banners, footers, labels, bullets). Lines
 * are immutable, so the same text in the same style is laid out once per document.
 */
export function singleLine(fonts: FontSet, text: string, style: TextStyle): Line {
  let cache = singleLines.get(fonts);
  if (cache === undefined) {
    cache = new Map();
    singleLines.set(fonts, cache);
  }
  const key = `${style.size}|${style.bold ? 1 : 0}${style.italic ? 1 : 0}|${style.color.join(',')}|${text}`;
  let line = cache.get(key);
  if (line === undefined) {
    const paragraph = makeParagraph(fonts, [{ text, style }]);
    line = { paragraph, start: 0, end: paragraph.text.length, width: paragraph.prefix[paragraph.text.length], size: style.size };
    cache.set(key, line);
  }
  return line;
}

/** Shortens a line to fit `width`, ending it with an ellipsis (contents entries, running heads). */
export function fitLine(fonts: FontSet, text: string, style: TextStyle, width: number): Line {
  const whole = singleLine(fonts, text, style);
  if (whole.width <= width) return whole;
  const ellipsis = fonts.measure('…', style.bold) * style.size;
  const { prefix, text: clean } = whole.paragraph;
  let end = 0;
  for (const cut of clusterEnds(clean, 0, clean.length)) {
    if (prefix[cut] + ellipsis > width) break;
    end = cut;
  }
  return singleLine(fonts, `${clean.slice(0, end).trimEnd()}…`, style);
}
