/**
 * The editor toolbar's transforms over Briefbook text (src/shared/briefbook-text.ts): bold,
 * italic, bullets and numbered lists. Each takes the text and the selection and returns the
 * new text and selection, so the textarea stays the single source of truth and every change
 * is one undoable step.
 */

export interface TextEdit {
  text: string;
  start: number;
  end: number;
}

type Emphasis = 'bold' | 'italic';

const WORD = /[\p{L}\p{N}_'’-]/u;

/** Widens an empty selection to the word around the caret (nothing when between words). */
function wordAt(text: string, at: number): [number, number] {
  let start = at;
  let end = at;
  while (start > 0 && WORD.test(text[start - 1])) start -= 1;
  while (end < text.length && WORD.test(text[end])) end += 1;
  return [start, end];
}

/** How many `*` surround [start, end), counting up to three on each side. */
function starsAround(text: string, start: number, end: number): number {
  let before = 0;
  while (before < 3 && text[start - 1 - before] === '*') before += 1;
  let after = 0;
  while (after < 3 && text[end + after] === '*') after += 1;
  return Math.min(before, after);
}

function hasEmphasis(stars: number, emphasis: Emphasis): boolean {
  return emphasis === 'bold' ? stars >= 2 : stars === 1 || stars === 3;
}

/** Bold or italic on, or off when the selection already has it. */
export function toggleEmphasis(edit: TextEdit, emphasis: Emphasis): TextEdit {
  const marker = emphasis === 'bold' ? '**' : '*';
  let { start, end } = edit;
  const { text } = edit;
  if (start === end) [start, end] = wordAt(text, start);

  // The selection itself includes the markers: "**word**" selected.
  const selected = text.slice(start, end);
  if (selected.length > marker.length * 2 && selected.startsWith(marker) && selected.endsWith(marker)) {
    const inner = selected.slice(marker.length, -marker.length);
    const innerStars = emphasis === 'italic' ? starsAround(selected, marker.length, selected.length - marker.length) : 0;
    if (emphasis === 'bold' || innerStars !== 1) {
      return { text: text.slice(0, start) + inner + text.slice(end), start, end: start + inner.length };
    }
  }

  const stars = starsAround(text, start, end);
  if (hasEmphasis(stars, emphasis)) {
    const width = marker.length;
    // with `***x***`, bold is the outer pair and italic the inner one
    const outer = emphasis === 'bold' && stars === 3 ? 0 : stars - width;
    const from = start - width - outer;
    const to = end + outer;
    return {
      text: text.slice(0, from) + text.slice(from + width, to) + text.slice(to + width),
      start: start - width,
      end: end - width,
    };
  }

  if (start === end) {
    return { text: text.slice(0, start) + marker + marker + text.slice(end), start: start + marker.length, end: start + marker.length };
  }
  // Markers must hug the words: keep spaces at the edges of the selection outside them.
  const lead = selected.length - selected.trimStart().length;
  const trail = selected.length - selected.trimEnd().length;
  const innerStart = start + lead;
  const innerEnd = end - trail;
  if (innerStart >= innerEnd) return edit;
  return {
    text: text.slice(0, innerStart) + marker + text.slice(innerStart, innerEnd) + marker + text.slice(innerEnd),
    start: innerStart + marker.length,
    end: innerEnd + marker.length,
  };
}

const BULLET = /^(\s*)- /;
const NUMBER = /^(\s*)\d{1,9}[.)] /;

/** Bullets or numbers on every line the selection touches, or off when they all have them. */
export function toggleList(edit: TextEdit, list: 'bullet' | 'numbered'): TextEdit {
  const { text } = edit;
  const lineStart = text.lastIndexOf('\n', edit.start - 1) + 1;
  let lineEnd = text.indexOf('\n', edit.end > edit.start && text[edit.end - 1] === '\n' ? edit.end - 1 : edit.end);
  if (lineEnd < 0) lineEnd = text.length;
  const lines = text.slice(lineStart, lineEnd).split('\n');
  const own = list === 'bullet' ? BULLET : NUMBER;
  const filled = lines.filter((line) => line.trim() !== '');
  const allHave = filled.length > 0 && filled.every((line) => own.test(line));

  let n = 0;
  const next = lines.map((line) => {
    if (line.trim() === '' && lines.length > 1) return line;
    const bare = line.replace(BULLET, '$1').replace(NUMBER, '$1');
    if (allHave) return bare;
    const indent = /^\s*/.exec(bare)?.[0] ?? '';
    n += 1;
    return `${indent}${list === 'bullet' ? '- ' : `${n}. `}${bare.slice(indent.length)}`;
  });
  const replaced = next.join('\n');
  const result = text.slice(0, lineStart) + replaced + text.slice(lineEnd);
  if (edit.start === edit.end && lines.length === 1) {
    const caret = Math.max(lineStart, edit.start + (replaced.length - (lineEnd - lineStart)));
    return { text: result, start: caret, end: caret };
  }
  return { text: result, start: lineStart, end: lineStart + replaced.length };
}

export type ToolbarAction = 'bold' | 'italic' | 'bullet' | 'numbered';

export function applyToolbar(edit: TextEdit, action: ToolbarAction): TextEdit {
  return action === 'bold' || action === 'italic' ? toggleEmphasis(edit, action) : toggleList(edit, action);
}

/** The editor's shortcuts (UX.md): Ctrl+B, Ctrl+I, Ctrl+Shift+8, Ctrl+Shift+7. */
export function shortcutAction(event: { key: string; code: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }): ToolbarAction | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return null;
  const key = event.key.toLowerCase();
  if (!event.shiftKey && key === 'b') return 'bold';
  if (!event.shiftKey && key === 'i') return 'italic';
  if (event.shiftKey && (event.code === 'Digit8' || key === '*' || key === '8')) return 'bullet';
  if (event.shiftKey && (event.code === 'Digit7' || key === '&' || key === '7')) return 'numbered';
  return null;
}
