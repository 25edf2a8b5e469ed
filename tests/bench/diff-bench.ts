/**
 * Version-diff benchmark: the history tab's side-by-side diff (jsdiff, Myers O(ND)) on bodies a
 * user meets — one line changed in a long body, a long body rewritten throughout. Prints
 * figures; never fails on time. Run: npx tsx tests/bench/diff-bench.ts [lines=2500]
 * Target on the reference 2-core machine: a one-line change in 2,500 lines well under one frame,
 * and no body the contract allows above a few hundred milliseconds.
 */
import { performance } from 'node:perf_hooks';
import { diffLines } from '../../src/shared/word-diff';

const lines = Number(process.argv[2] ?? 2500);
const body = Array.from({ length: lines }, (_, i) => `Paragraph ${i}: the delegation reviews the agenda with the working level.`);

function measure(name: string, before: string[], after: string[], runs = 5): void {
  const times: number[] = [];
  let rows = 0;
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    rows = diffLines(before.join('\n'), after.join('\n')).rows.length;
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  console.log(`${name}: median ${times[Math.floor(runs / 2)].toFixed(1)} ms, max ${times[runs - 1].toFixed(1)} ms (${rows} rows)`);
}

const oneLine = [...body];
oneLine[Math.floor(lines / 2)] = `${oneLine[Math.floor(lines / 2)]} (revised)`;
measure(`${lines} lines, one changed`, body, oneLine);

const farApart = [...body];
farApart[110] = `${farApart[110]} (revised)`;
farApart.push('Closing remark.');
measure(`${lines} lines, one changed near the top, one added at the end`, body, farApart);

const rewritten = body.map((line, i) => (i % 7 === 0 ? line : `${line} — reworded`));
measure(`${lines} lines, six in seven reworded (past MAX_EDITS: compared in place)`, body, rewritten);

const inserted = body.flatMap((line, i) => (i % 10 === 0 ? ['A new paragraph.', line] : [line]));
measure(`${lines} lines, one inserted every ten`, body, inserted);

// the longest body the contract allows, in one-character lines, every line different
const shortLines = Array.from({ length: 50_000 }, () => 'a');
measure('50,000 one-character lines, all different', shortLines, shortLines.map(() => 'b'));
