/**
 * Side-by-side diff for the version history, computed by jsdiff (docs/dependencies.md): lines
 * matched first (Myers' O(ND) algorithm, so one changed line in a long body costs next to
 * nothing), then each changed line pair compared word by word so the reader sees what moved
 * inside a line. A line's tokens are its `Intl.Segmenter` word segments (words, runs of spaces,
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
  const l: Segment[] = [];
  const r: Segment[] = [];
  for (const change of diffArrays(tokens(left), tokens(right))) {
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

/** Rows for a two-column view: runs of removed and added lines are paired as changes. */
export function diffLines(before: string, after: string): DiffRow[] {
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
  for (const change of diffArrays(before.split('\n'), after.split('\n'))) {
    if (change.removed) removed.push(...change.value);
    else if (change.added) added.push(...change.value);
    else {
      flush();
      for (const line of change.value) rows.push({ type: 'same', left: [{ text: line, changed: false }], right: [{ text: line, changed: false }] });
    }
  }
  flush();
  return rows;
}
