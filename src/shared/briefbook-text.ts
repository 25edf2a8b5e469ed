/**
 * Briefbook text (docs/spec/EXCHANGE.md): a line-based subset of Markdown. One parser for the
 * PDF engine, the editor preview and search snippets, so every place reads a draft the same way.
 *
 * - paragraphs are separated by a blank line; a single line break inside a paragraph (or a
 *   list entry's continuation line) is kept: the runs carry it as "\n", and it prints as a
 *   line break
 * - `- ` starts a bullet; two more spaces of indent nest it one level
 * - `1. `, `2. `... start a numbered item
 * - `**bold**` and `*italic*` inside a line
 * - everything else is literal text
 */

export interface TextRun {
  text: string;
  bold: boolean;
  italic: boolean;
}

export interface ListEntry {
  runs: TextRun[];
  /** one nested level: bullets (or numbers) indented by two spaces */
  children: NestedList | null;
}

export interface NestedList {
  ordered: boolean;
  start: number;
  entries: { runs: TextRun[] }[];
}

export type Block =
  | { type: 'paragraph'; runs: TextRun[] }
  | { type: 'list'; ordered: boolean; start: number; entries: ListEntry[] };

export interface TextDocument {
  blocks: Block[];
}

interface Marker {
  depth: 0 | 1;
  ordered: boolean;
  number: number;
  text: string;
}

const BULLET = /^( {0,3})- (.*)$/;
const NUMBERED = /^( {0,3})(\d{1,9})[.)] (.*)$/;

function readMarker(line: string): Marker | null {
  const bullet = BULLET.exec(line);
  if (bullet !== null) {
    return { depth: bullet[1].length >= 2 ? 1 : 0, ordered: false, number: 0, text: bullet[2] };
  }
  const numbered = NUMBERED.exec(line);
  if (numbered !== null) {
    return {
      depth: numbered[1].length >= 2 ? 1 : 0,
      ordered: true,
      number: Number(numbered[2]),
      text: numbered[3],
    };
  }
  return null;
}

/** The control characters with no printed form (all but the tab and the line feed), as a class's range. */
const CONTROL_RANGE = '\\u0000-\\u0008\\u000b-\\u001f\\u007f';
const CONTROL = new RegExp(`[${CONTROL_RANGE}]`, 'g');
/** what {@link cleanLine} changes: a tab or a control character */
const NEEDS_CLEANING = new RegExp(`[\\t${CONTROL_RANGE}]`);

/** Tabs become spaces and other control characters are dropped: they have no printed form. */
function cleanLine(line: string): string {
  return line.replace(/\t/g, '    ').replace(CONTROL, '');
}

export function parseBriefbookText(source: string): TextDocument {
  // most texts have no carriage return, tab or control character: one scan each instead of
  // two replaces per line
  const unified = source.includes('\r') ? source.replace(/\r\n?/g, '\n') : source;
  const split = unified.split('\n');
  const lines = NEEDS_CLEANING.test(unified) ? split.map(cleanLine) : split;
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let list: Extract<Block, { type: 'list' }> | null = null;
  // the text of the entry (or nested entry) that continuation lines extend
  let openEntry: { lines: string[]; target: { runs: TextRun[] } } | null = null;

  const closeEntry = () => {
    if (openEntry !== null) {
      openEntry.target.runs = parseInline(openEntry.lines.join('\n'));
      openEntry = null;
    }
  };
  const closeParagraph = () => {
    if (paragraph.length > 0) {
      blocks.push({ type: 'paragraph', runs: parseInline(paragraph.join('\n')) });
      paragraph = [];
    }
  };
  const closeList = () => {
    closeEntry();
    if (list !== null) {
      blocks.push(list);
      list = null;
    }
  };

  for (const line of lines) {
    if (line.trim() === '') {
      closeParagraph();
      closeList();
      continue;
    }
    const marker = readMarker(line);
    if (marker !== null && (marker.depth === 0 || list !== null)) {
      closeParagraph();
      closeEntry();
      if (marker.depth === 0) {
        if (list === null || list.ordered !== marker.ordered) {
          closeList();
          list = { type: 'list', ordered: marker.ordered, start: marker.number || 1, entries: [] };
        }
        const entry: ListEntry = { runs: [], children: null };
        list.entries.push(entry);
        openEntry = { lines: [marker.text.trim()], target: entry };
      } else {
        const parent = (list as Extract<Block, { type: 'list' }>).entries.at(-1);
        if (parent === undefined) continue;
        if (parent.children === null || parent.children.ordered !== marker.ordered) {
          parent.children = { ordered: marker.ordered, start: marker.number || 1, entries: [] };
        }
        const nested = { runs: [] as TextRun[] };
        parent.children.entries.push(nested);
        openEntry = { lines: [marker.text.trim()], target: nested };
      }
      continue;
    }
    if (list !== null && openEntry !== null && /^ {2,}/.test(line)) {
      // an indented line continues the list entry above it
      openEntry.lines.push(line.trim());
      continue;
    }
    closeList();
    paragraph.push(line.trim());
  }
  closeParagraph();
  closeList();
  return { blocks };
}

function isSpace(ch: string | undefined): boolean {
  return ch === undefined || /\s/.test(ch);
}

/** Whether `inner` leaves a `*` (or a `**`) open: counted over its runs of asterisks. */
function leavesOpen(inner: string, delimiter: string): boolean {
  let count = 0;
  for (const stars of inner.match(/\*+/g) ?? []) count += delimiter === '*' ? stars.length % 2 : Math.floor(stars.length / 2);
  return count % 2 === 1;
}

/**
 * Finds the closing delimiter for an opener at `from`; it must not follow white space. Three
 * asterisks after text close two spans: `***x***` is bold italic, `*a***b**` is italic then
 * bold, `**a***b*` bold then italic; which of the three closes first depends on what is open.
 */
function findClose(text: string, delimiter: string, from: number): number {
  let at = text.indexOf(delimiter, from);
  while (at >= 0) {
    const isDouble = text.startsWith('**', at);
    const triple = text.startsWith('***', at) && text[at - 1] !== '*';
    if (at > from && !isSpace(text[at - 1])) {
      if (delimiter === '**') return triple && leavesOpen(text.slice(from, at), '*') ? at + 1 : at;
      if (!isDouble || (triple && !leavesOpen(text.slice(from, at), '**'))) return at;
    }
    // a `**` is never the closer of a single `*`: skip both characters
    at = text.indexOf(delimiter, at + (delimiter === '*' && isDouble ? 2 : 1));
  }
  return -1;
}

const ASTERISK = 0x2a;

/** `**bold**` and `*italic*` runs; an unmatched delimiter stays literal. */
export function parseInline(text: string, bold = false, italic = false): TextRun[] {
  // most lines have no markup at all: skip the scan
  if (!text.includes('*')) return text === '' ? [] : [{ text, bold, italic }];
  const runs: TextRun[] = [];
  let literal = '';
  const push = (run: TextRun) => {
    if (run.text === '') return;
    const last = runs.at(-1);
    if (last !== undefined && last.bold === run.bold && last.italic === run.italic) last.text += run.text;
    else runs.push({ ...run });
  };
  let i = 0;
  while (i < text.length) {
    // text up to the next asterisk is literal: taken in one slice, not a character at a time
    if (text.charCodeAt(i) !== ASTERISK) {
      const next = text.indexOf('*', i);
      const end = next < 0 ? text.length : next;
      literal += text.slice(i, end);
      i = end;
      continue;
    }
    if (text.startsWith('**', i) && !isSpace(text[i + 2])) {
      const close = findClose(text, '**', i + 2);
      if (close > i + 2) {
        push({ text: literal, bold, italic });
        literal = '';
        for (const run of parseInline(text.slice(i + 2, close), true, italic)) push(run);
        i = close + 2;
        continue;
      }
    } else if (text[i] === '*' && text[i + 1] !== '*' && !isSpace(text[i + 1])) {
      const close = findClose(text, '*', i + 1);
      if (close > i + 1) {
        push({ text: literal, bold, italic });
        literal = '';
        for (const run of parseInline(text.slice(i + 1, close), bold, true)) push(run);
        i = close + 1;
        continue;
      }
    }
    literal += text[i];
    i += 1;
  }
  push({ text: literal, bold, italic });
  return runs;
}

function runsText(runs: readonly TextRun[]): string {
  return runs.map((run) => run.text).join('');
}

/** The words of a draft without its markup: for search snippets and the first lines of cards. */
export function plainText(source: string): string {
  const out: string[] = [];
  for (const block of parseBriefbookText(source).blocks) {
    if (block.type === 'paragraph') out.push(runsText(block.runs));
    else {
      for (const entry of block.entries) {
        out.push(runsText(entry.runs));
        for (const nested of entry.children?.entries ?? []) out.push(runsText(nested.runs));
      }
    }
  }
  return out.join('\n');
}
