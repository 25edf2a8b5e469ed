/**
 * Word-level diffs: side by side for the version history, inline for "changes since an edition"
 * (the app's dialog, the CLI and the PDF's change page). Pure, so the renderer, the store and the
 * CLI share one implementation. Side-by-side diff for the version history, computed by jsdiff (docs/dependencies.md): lines
 * matched first (Myers' O(ND) algorithm, so one changed line in a long body costs next to
 * nothing), then each changed line pair compared word by word so the reader sees what moved
 * inside a line. O(ND) is quadratic in the number of differences D: a 100,000-character body of
 * short lines rewritten throughout would hold the window for minutes, so past MAX_EDITS
 * differences lines are compared where they stand (and words: the whole line is marked). A line's tokens are its `Intl.Segmenter` word segments (words, runs of spaces,
 * punctuation), so Korean compares by word, not by character, and both sides are rebuilt
 * exactly, spaces included (jsdiff's own `diffWords` would fold whitespace changes away).
 */
import { diffArrays } from 'diff';

export interface Segment {
  text: string;
  changed: boolean;
}

export type DiffRow =
  | { type: 'same'; left: Segment[]; right: Segment[] }
  | { type: 'changed'; left: Segment[]; right: Segment[] }
  | { type: 'removed'; left: Segment[]; right: null }
  | { type: 'added'; left: null; right: Segment[] };

const words = new Intl.Segmenter(undefined, { granularity: 'word' });

/**
 * Inserted plus deleted lines (or words, within one line) that Myers' algorithm may look for
 * before it stops: 500 costs tens of milliseconds on the reference machine, however long the body
 * (tests/bench/diff-bench.ts), and a body that differs in more lines than that reads as rewritten.
 */
export const MAX_EDITS = 500;

function tokens(line: string): string[] {
  return Array.from(words.segment(line), (s) => s.segment);
}

function merge(segments: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const s of segments) {
    const last = out.at(-1);
    if (last !== undefined && last.changed === s.changed) last.text += s.text;
    else if (s.text !== '') out.push({ ...s });
  }
  return out;
}

/** Word-level comparison of two lines: what the left lost, what the right gained. */
export function diffWords(left: string, right: string): { left: Segment[]; right: Segment[] } {
  const changes = diffArrays(tokens(left), tokens(right), { maxEditLength: MAX_EDITS });
  if (changes === undefined) return { left: merge([{ text: left, changed: true }]), right: merge([{ text: right, changed: true }]) };
  const l: Segment[] = [];
  const r: Segment[] = [];
  for (const change of changes) {
    const text = change.value.join('');
    if (change.removed) l.push({ text, changed: true });
    else if (change.added) r.push({ text, changed: true });
    else {
      l.push({ text, changed: false });
      r.push({ text, changed: false });
    }
  }
  return { left: merge(l), right: merge(r) };
}

/** A body's rows, and whether its lines were matched up or, past MAX_EDITS, set side by side as they stand. */
export interface LineDiff {
  rows: DiffRow[];
  inPlace: boolean;
}

const same = (line: string): DiffRow => ({ type: 'same', left: [{ text: line, changed: false }], right: [{ text: line, changed: false }] });

/** Line n beside line n: for bodies that differ in more than MAX_EDITS lines. */
function inPlace(a: readonly string[], b: readonly string[]): DiffRow[] {
  const rows: DiffRow[] = [];
  for (let n = 0; n < Math.max(a.length, b.length); n += 1) {
    if (n >= b.length) rows.push({ type: 'removed', left: [{ text: a[n], changed: true }], right: null });
    else if (n >= a.length) rows.push({ type: 'added', left: null, right: [{ text: b[n], changed: true }] });
    else rows.push(a[n] === b[n] ? same(a[n]) : { type: 'changed', ...diffWords(a[n], b[n]) });
  }
  return rows;
}

/** Rows for a two-column view: runs of removed and added lines are paired as changes. */
export function diffLines(before: string, after: string): LineDiff {
  const a = before.split('\n');
  const b = after.split('\n');
  const changes = diffArrays(a, b, { maxEditLength: MAX_EDITS });
  if (changes === undefined) return { rows: inPlace(a, b), inPlace: true };
  const rows: DiffRow[] = [];
  let removed: string[] = [];
  let added: string[] = [];
  const flush = () => {
    const pairs = Math.min(removed.length, added.length);
    for (let k = 0; k < pairs; k += 1) rows.push({ type: 'changed', ...diffWords(removed[k], added[k]) });
    for (const line of removed.slice(pairs)) rows.push({ type: 'removed', left: [{ text: line, changed: true }], right: null });
    for (const line of added.slice(pairs)) rows.push({ type: 'added', left: null, right: [{ text: line, changed: true }] });
    removed = [];
    added = [];
  };
  for (const change of changes) {
    if (change.removed) removed.push(...change.value);
    else if (change.added) added.push(...change.value);
    else {
      flush();
      for (const line of change.value) rows.push(same(line));
    }
  }
  flush();
  return { rows, inPlace: false };
}

/** One run of an inline diff: text both sides share, or text only the old or only the new has. */
export interface DiffPart {
  op: 'same' | 'deleted' | 'inserted';
  text: string;
}

/**
 * The old text and the new in one stream, word by word (the same tokens as {@link diffWords}):
 * runs of deleted and inserted words between the words both share. Past MAX_EDITS differences
 * the whole old text reads as deleted and the whole new one as inserted.
 */
export function inlineDiff(before: string, after: string): DiffPart[] {
  if (before === after) return before === '' ? [] : [{ op: 'same', text: before }];
  const changes = diffArrays(tokens(before), tokens(after), { maxEditLength: MAX_EDITS });
  const parts: DiffPart[] =
    changes === undefined
      ? [
          { op: 'deleted', text: before },
          { op: 'inserted', text: after },
        ]
      : changes.map((change) => ({ op: change.removed ? 'deleted' : change.added ? 'inserted' : 'same', text: change.value.join('') }));
  const out: DiffPart[] = [];
  for (const part of parts) {
    const last = out.at(-1);
    if (part.text === '') continue;
    if (last !== undefined && last.op === part.op) last.text += part.text;
    else out.push({ ...part });
  }
  return out;
}
