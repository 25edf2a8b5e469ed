/**
 * One measured run of the PDF engine, in its own process so its peak memory is its own:
 * `node pdf-engine-run.mjs ITEMS OUT.pdf` prints one JSON line. Bundled by pdf-bench.ts.
 */
import { writeFileSync } from 'node:fs';
import { buildBookPdf } from '../../src/pdf';
import { deflateSync } from 'node:zlib';
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
  // as deflateForNode in electron/cli/commands/pdf.ts (not imported: it would load the store)
  deflate: (data) => deflateSync(data, { level: 4 }),
  producerVersion: 'bench',
});
const wallMs = performance.now() - started;
const cpu = process.cpuUsage(cpuStart);
if (out !== undefined && out !== '') writeFileSync(out, result.bytes);
process.stdout.write(
  `${JSON.stringify({
    items,
    pages: result.pageCount,
    bytes: result.bytes.length,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    baselineRssMiB: baselineRss / 1024,
  })}\n`,
);
