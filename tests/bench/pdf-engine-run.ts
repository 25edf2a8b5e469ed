/**
 * One measured run of the PDF engine, in its own process so its peak memory is its own:
 * `node pdf-engine-run.mjs ITEMS OUT.pdf FONTS_DIR [warm]` prints one JSON line. Bundled by
 * pdf-bench.ts. With `warm`, three more builds in the same process give the warm figure.
 */
import { writeFileSync } from 'node:fs';
import { buildBookPdf } from '../../src/pdf';
import { deflateForNode } from '../../electron/cli/pdf-deflate';
import { loadFontFiles } from '../../electron/cli/fonts';
import { generatedBook } from './pdf-book';

const items = Number(process.argv[2] ?? 2000);
const out = process.argv[3];
const fontsDir = process.argv[4];
// the book's content is the input (the library hands it over): made before the clock starts
const content = generatedBook(items, Math.max(1, Math.round(items / 50)));
const baselineRss = process.resourceUsage().maxRSS;
const started = performance.now();
const cpuStart = process.cpuUsage();
const fonts = loadFontFiles(fontsDir);
const result = await buildBookPdf(content, fonts, { mode: 'working' }, {
  creationDate: new Date(Date.UTC(2025, 7, 25)),
  // as the command line compresses
  deflate: deflateForNode,
  producerVersion: 'bench',
});
const wallMs = performance.now() - started;
const cpu = process.cpuUsage(cpuStart);
const peakRss = process.resourceUsage().maxRSS;
if (out !== undefined && out !== '') writeFileSync(out, result.bytes);
// the app's export worker stays loaded: later exports find the code compiled and the fonts read
let warmMs = Number.POSITIVE_INFINITY;
for (let i = 0; i < (process.argv[5] === 'warm' ? 3 : 0); i += 1) {
  const again = performance.now();
  await buildBookPdf(content, fonts, { mode: 'working' }, { creationDate: new Date(Date.UTC(2025, 7, 25)), deflate: deflateForNode });
  warmMs = Math.min(warmMs, performance.now() - again);
}
process.stdout.write(
  `${JSON.stringify({
    items,
    pages: result.pageCount,
    bytes: result.bytes.length,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    peakRssMiB: peakRss / 1024,
    warmMs: Number.isFinite(warmMs) ? warmMs : null,
    baselineRssMiB: baselineRss / 1024,
  })}\n`,
);
