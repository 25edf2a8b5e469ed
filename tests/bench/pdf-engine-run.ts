/**
 * One measured run of the PDF engine, in its own process so its peak memory is its own:
 * `node pdf-engine-run.mjs ITEMS OUT.pdf FONTS_DIR [warm]` prints one JSON line. Bundled by
 * pdf-bench.ts. With `warm`, three more builds in the same process give the warm figure.
 */
// first, as the command line does: V8 set for a one-shot process (v8-tuning.ts)
import '../../electron/cli/v8-tuning';
import { readFileSync, writeFileSync } from 'node:fs';
import { buildBookPdf } from '../../src/pdf';
import { DeflateThread, deflateForNode } from '../../electron/cli/pdf-deflate';
import { loadFontFiles } from '../../electron/cli/fonts';
import { generatedBook } from './pdf-book';

const items = Number(process.argv[2] ?? 2000);
const out = process.argv[3];
const fontsDir = process.argv[4];
// the book's content is the input (the library hands it over): made before the clock starts
const content = generatedBook(items, Math.max(1, Math.round(items / 50)));
/**
 * The main thread's own CPU time in ms (Linux's schedstat, in nanoseconds; null elsewhere): the
 * export's critical path, apart from the compiler, collector and compression threads, and
 * steadier than wall time on a machine other work shares.
 */
function mainThreadMs(): number | null {
  try {
    return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return null;
  }
}
const baselineRss = process.resourceUsage().maxRSS;
const started = performance.now();
const cpuStart = process.cpuUsage();
const mainStart = mainThreadMs();
// as the command line does: page streams compressed on a thread of their own (BENCH_DEFLATE=sync: on this one)
const thread = process.env.BENCH_DEFLATE === 'sync' ? undefined : new DeflateThread();
const deflate = thread?.deflate ?? deflateForNode;
const fonts = loadFontFiles(fontsDir);
const result = await buildBookPdf(content, fonts, { mode: 'working' }, {
  creationDate: new Date(Date.UTC(2025, 7, 25)),
  deflate,
  producerVersion: 'bench',
});
const wallMs = performance.now() - started;
const cpu = process.cpuUsage(cpuStart);
const mainEnd = mainThreadMs();
const peakRss = process.resourceUsage().maxRSS;
if (out !== undefined && out !== '') writeFileSync(out, result.bytes);
// the app's export worker stays loaded: later exports find the code compiled and the fonts read
let warmMs = Number.POSITIVE_INFINITY;
for (let i = 0; i < (process.argv[5] === 'warm' ? 3 : 0); i += 1) {
  const again = performance.now();
  await buildBookPdf(content, fonts, { mode: 'working' }, { creationDate: new Date(Date.UTC(2025, 7, 25)), deflate });
  warmMs = Math.min(warmMs, performance.now() - again);
}
await thread?.close();
process.stdout.write(
  `${JSON.stringify({
    items,
    pages: result.pageCount,
    bytes: result.bytes.length,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    mainThreadMs: mainStart === null || mainEnd === null ? null : mainEnd - mainStart,
    peakRssMiB: peakRss / 1024,
    warmMs: Number.isFinite(warmMs) ? warmMs : null,
    baselineRssMiB: baselineRss / 1024,
  })}\n`,
);
