/**
 * Side-by-side diff for the version history: lines matched by longest common subsequence,
 * then changed line pairs compared word by word so the reader sees what moved inside a line.
 */

export interface Segment {
  text: string;
  changed: boolean;
}

export type DiffRow =
  | { type: 'same'; left: Segment[]; right: Segment[] }
  | { type: 'changed'; left: Segment[]; right: Segment[] }
  | { type: 'removed'; left: Segment[]; right: null }
  | { type: 'added'; left: null; right: Segment[] };

type Op = { op: 'same'; a: number; b: number } | { op: 'del'; a: number } | { op: 'ins'; b: number };

/** LCS edit script; above `budget` cells it falls back to "all removed, all added". */
function editScript<T>(a: readonly T[], b: readonly T[], budget = 4_000_000): Op[] {
  // trim the common head and tail first: most edits touch a few lines
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head += 1;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail += 1;
  const ops: Op[] = [];
  for (let i = 0; i < head; i += 1) ops.push({ op: 'same', a: i, b: i });
  const n = a.length - head - tail;
  const m = b.length - head - tail;
  if (n * m > budget) {
    for (let i = 0; i < n; i += 1) ops.push({ op: 'del', a: head + i });
    for (let j = 0; j < m; j += 1) ops.push({ op: 'ins', b: head + j });
  } else {
    const width = m + 1;
    const table = new Uint32Array((n + 1) * width);
    for (let i = n - 1; i >= 0; i -= 1) {
      for (let j = m - 1; j >= 0; j -= 1) {
        table[i * width + j] =
          a[head + i] === b[head + j]
            ? table[(i + 1) * width + j + 1] + 1
            : Math.max(table[(i + 1) * width + j], table[i * width + j + 1]);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[head + i] === b[head + j]) {
        ops.push({ op: 'same', a: head + i, b: head + j });
        i += 1;
        j += 1;
      } else if (j < m && (i === n || table[i * width + j + 1] >= table[(i + 1) * width + j])) {
        ops.push({ op: 'ins', b: head + j });
        j += 1;
      } else {
        ops.push({ op: 'del', a: head + i });
        i += 1;
      }
    }
  }
  for (let k = tail; k > 0; k -= 1) ops.push({ op: 'same', a: a.length - k, b: b.length - k });
  return ops;
}

function tokens(line: string): string[] {
  return line.match(/\s+|[\p{L}\p{N}_'’-]+|./gu) ?? [];
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
  const a = tokens(left);
  const b = tokens(right);
  const l: Segment[] = [];
  const r: Segment[] = [];
  for (const op of editScript(a, b, 250_000)) {
    if (op.op === 'same') {
      l.push({ text: a[op.a], changed: false });
      r.push({ text: b[op.b], changed: false });
    } else if (op.op === 'del') l.push({ text: a[op.a], changed: true });
    else r.push({ text: b[op.b], changed: true });
  }
  return { left: merge(l), right: merge(r) };
}

/** Rows for a two-column view: runs of removed and added lines are paired as changes. */
export function diffLines(before: string, after: string): DiffRow[] {
  const a = before.split('\n');
  const b = after.split('\n');
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
  for (const op of editScript(a, b)) {
    if (op.op === 'same') {
      flush();
      rows.push({ type: 'same', left: [{ text: a[op.a], changed: false }], right: [{ text: b[op.b], changed: false }] });
    } else if (op.op === 'del') removed.push(a[op.a]);
    else added.push(b[op.b]);
  }
  flush();
  return rows;
}
