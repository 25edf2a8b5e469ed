/**
 * Writes a parsed Briefbook text document back as canonical Briefbook text: the inverse of
 * `parseBriefbookText`. The rich-text editor and the HTML (paste, .docx) converter both save
 * through it, so every draft is stored in one spelling. docs/rich-text.md explains the choices.
 *
 * Canonical spelling:
 * - blocks are separated by one blank line; a line break inside a paragraph or an entry is "\n"
 * - `- ` bullets, `N. ` numbers counted up from the list's start; a nested entry is indented
 *   by two spaces; an entry's continuation lines are indented to its text (2 or 4 spaces)
 * - emphasis is closed at the end of every line and reopened on the next; white space at the
 *   edge of an emphasised span is written outside it (`**a** b`, never `**a **b`)
 *
 * The format has no escape character. Two literal spellings would be read as markup:
 * - a line whose text starts like a list marker (`- x`, `1. x`, `1) x`) is indented by four
 *   spaces: the parser only sees markers indented by at most three, and trims the line, so the
 *   text reads back unchanged;
 * - a literal `*` that would pair up into emphasis is written as `＊` (U+FF0A FULLWIDTH
 *   ASTERISK, in every font the PDF engine bundles; a wider asterisk, but an asterisk); a `*`
 *   that cannot pair (a footnote mark, `5 * 3`) stays as typed.
 */
import { parseInline, type Block, type TextDocument, type TextRun } from './briefbook-text';

/** U+FF0A, printed as an asterisk but never read as emphasis. */
export const LITERAL_ASTERISK = '\uff0a';

const MARKER_LIKE = /^(- |\d{1,9}[.)] )/;

export function writeBriefbookText(doc: TextDocument): string {
  return doc.blocks
    .map(writeBlock)
    .filter((text) => text !== '')
    .join('\n\n');
}

function writeBlock(block: Block): string {
  if (block.type === 'paragraph') {
    // an empty line inside a paragraph is where it splits in two: one blank line, none at the ends
    return writeLines(block.runs)
      .map((line) => (MARKER_LIKE.test(line) ? `    ${line}` : line))
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .replace(/^\n+|\n+$/g, '');
  }
  const out: string[] = [];
  block.entries.forEach((entry, index) => {
    out.push(...entryLines(entry.runs, marker(block.ordered, block.start, index), ''));
    const nested = entry.children;
    if (nested !== null) {
      nested.entries.forEach((child, childIndex) => {
        out.push(...entryLines(child.runs, marker(nested.ordered, nested.start, childIndex), '  '));
      });
    }
  });
  return out.join('\n');
}

function marker(ordered: boolean, start: number, index: number): string {
  return ordered ? `${start + index}. ` : '- ';
}

function entryLines(runs: readonly TextRun[], mark: string, indent: string): string[] {
  // a blank line would end the list: an entry's empty lines are left out
  const [first = '', ...rest] = writeLines(runs).filter((line, index) => index === 0 || line !== '');
  // continuation lines: indented past the marker's own indent, and past four spaces when the
  // text itself looks like a marker (so that it is not read as a nested entry)
  const continuation = indent === '' ? '  ' : '    ';
  return [
    `${indent}${mark}${first}`,
    ...rest.map((line) => (MARKER_LIKE.test(line) ? `    ${line}` : `${continuation}${line}`)),
  ];
}

/** Splits runs at their line breaks, each line normalised (see `normaliseLine`). */
export function splitLines(runs: readonly TextRun[]): TextRun[][] {
  const lines: TextRun[][] = [[]];
  for (const run of runs) {
    run.text.split('\n').forEach((part, index) => {
      if (index > 0) lines.push([]);
      if (part !== '') lines[lines.length - 1].push({ ...run, text: part });
    });
  }
  return lines.map(normaliseLine);
}

/**
 * The lines of a paragraph or entry, emphasis closed on each. Emphasis can be nested two ways
 * (`**a *b***` or `*a **b***`); per line, the first spelling that the parser reads back as the
 * same runs wins. The parser reads the lines of a block together, so the whole block is checked
 * again; if literal asterisks still pair up (across lines, or with the markup), they are written
 * as `＊`.
 */
function writeLines(runs: readonly TextRun[]): string[] {
  const lines = splitLines(runs);
  const starless = lines.map((line) => line.map((run) => ({ ...run, text: run.text.replaceAll('*', LITERAL_ASTERISK) })));
  for (const candidate of [lines, starless]) {
    const written = candidate.map(writeLine);
    if (sameLines(splitLines(parseInline(written.join('\n'))), candidate)) return written;
  }
  // unreachable for the documents of the model (the property tests in
  // briefbook-text-writer.test.ts try every combination); kept so that a writer bug
  // degrades to plain text, never to lost words
  return starless.map((line) => line.map((run) => run.text).join(''));
}

function writeLine(runs: readonly TextRun[]): string {
  for (const boldOutside of [true, false]) {
    const text = spell(runs, boldOutside);
    if (sameRuns(parseInline(text), runs)) return text;
  }
  return spell(runs, true);
}

function sameLines(a: readonly TextRun[][], b: readonly TextRun[][]): boolean {
  return a.length === b.length && a.every((line, i) => sameRuns(line, b[i]));
}

/**
 * What a line of runs can mean in Briefbook text: the line trimmed, white space at the edge of
 * an emphasised span moved outside it, neighbouring runs with the same emphasis merged.
 */
export function normaliseLine(input: readonly TextRun[]): TextRun[] {
  const chars: TextRun[] = [];
  for (const run of input) for (const ch of run.text) chars.push({ text: ch, bold: run.bold, italic: run.italic });
  // white space carries no emphasis; the parser trims each line
  for (const ch of chars) {
    if (/\s/.test(ch.text)) {
      ch.bold = false;
      ch.italic = false;
    }
  }
  let from = 0;
  let to = chars.length;
  while (from < to && /\s/.test(chars[from].text)) from += 1;
  while (to > from && /\s/.test(chars[to - 1].text)) to -= 1;
  return mergeRuns(chars.slice(from, to));
}

/**
 * Merges neighbours with the same emphasis; a white-space run between two spans of the same
 * emphasis joins them (`**a b**`), since the space inside reads the same.
 */
function mergeRuns(chars: readonly TextRun[]): TextRun[] {
  const out: TextRun[] = [];
  for (const ch of chars) {
    const last = out.at(-1);
    if (last !== undefined && last.bold === ch.bold && last.italic === ch.italic) last.text += ch.text;
    else out.push({ ...ch });
  }
  // space between two spans with the same marks goes inside them
  for (let i = 1; i + 1 < out.length; i += 1) {
    const [before, space, after] = [out[i - 1], out[i], out[i + 1]];
    if (/^\s+$/.test(space.text) && (before.bold || before.italic) && before.bold === after.bold && before.italic === after.italic) {
      before.text += space.text + after.text;
      out.splice(i, 2);
      i -= 1;
    }
  }
  return out;
}

function sameRuns(a: readonly TextRun[], b: readonly TextRun[]): boolean {
  return a.length === b.length && a.every((run, i) => run.text === b[i].text && run.bold === b[i].bold && run.italic === b[i].italic);
}

/** Spells runs with one emphasis outside and the other nested inside it. */
function spell(runs: readonly TextRun[], boldOutside: boolean): string {
  const outer = (run: TextRun) => (boldOutside ? run.bold : run.italic);
  const inner = (run: TextRun) => (boldOutside ? run.italic : run.bold);
  const [open, nested] = boldOutside ? ['**', '*'] : ['*', '**'];
  let text = '';
  let i = 0;
  while (i < runs.length) {
    if (!outer(runs[i])) {
      text += wrap(runs[i].text, inner(runs[i]) ? nested : '');
      i += 1;
      continue;
    }
    let body = '';
    while (i < runs.length && outer(runs[i])) {
      body += wrap(runs[i].text, inner(runs[i]) ? nested : '');
      i += 1;
    }
    text += wrap(body, open);
  }
  return text;
}

function wrap(text: string, delimiter: string): string {
  if (delimiter === '') return text;
  const lead = /^\s*/.exec(text)?.[0] ?? '';
  const trail = /\s*$/.exec(text.slice(lead.length))?.[0] ?? '';
  const core = text.slice(lead.length, text.length - trail.length);
  return core === '' ? text : `${lead}${delimiter}${core}${delimiter}${trail}`;
}
