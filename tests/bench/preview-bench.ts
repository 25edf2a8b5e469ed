/**
 * Live preview benchmark: a ~400-page generated book, then edits to random items (a word typed
 * into the body, near the start of the book and in its middle), each timed from the edit to the
 * page with the edited item laid out, finished (tab, banners, "Page N of M") and written as the
 * one-page PDF the preview shows; what the preview worker does (docs/pdf.md, "Incremental
 * layout"). Also the from-scratch layout of the same book, and the background re-flow that
 * settles the contents. Prints figures; passes or fails on nothing.
 *
 *   npm run bench -- preview      (or: npx tsx tests/bench/preview-bench.ts [--items 1650] [--edits 60])
 */
import { loadavg } from 'node:os';
import { deflateSync } from 'node:zlib';
import { loadFontFiles } from '../../electron/cli/fonts';
import { layoutBook } from '../../src/pdf/book-layout';
import { FontSet } from '../../src/pdf/fonts';
import { LiveLayout } from '../../src/pdf/live-layout';
import { prepareBook } from '../../src/pdf/prepare';
import type { PdfOptions } from '../../src/shared/contract';
import type { BookContent } from '../../src/shared/domain';
import { generatedBook, random } from './pdf-book';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i < 0 ? fallback : Number(args[i + 1]);
};
const ITEMS = flag('items', 1200);
const EDITS = Math.max(50, flag('edits', 60));
const options: PdfOptions = { mode: 'working' };
/**
 * The worker compresses with the browser's native CompressionStream (zlib's default level); in
 * Node that goes through a web-stream wrapper about ten times slower (docs/pdf.md), so the
 * benchmark calls zlib at the same level directly.
 */
const deflate = (data: Uint8Array) => deflateSync(data);

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const ms = (n: number) => Math.round(n);

const files = loadFontFiles();
let content: BookContent = generatedBook(ITEMS, Math.max(1, Math.round(ITEMS / 50)));

// from scratch, as an export lays the book out: a fresh FontSet each time, the best of three
const scratch: number[] = [];
let pageCount = 0;
for (let i = 0; i < 3; i += 1) {
  const started = performance.now();
  const laidOut = layoutBook(new FontSet(files), prepareBook(content, options));
  scratch.push(performance.now() - started);
  pageCount = laidOut.pages.length;
}

// the preview worker's session: the first layout fills the cache
const live = new LiveLayout(files);
const firstStarted = performance.now();
live.finish(live.planNow(content, options));
const firstMs = performance.now() - firstStarted;

const next = random(17);
const printed = content.book.sections.flatMap((s) => s.items);
const WORDS = ['alliance', 'summit', 'deterrence', 'tariff', 'shipbuilding', 'consultation'];
const afterEdit: number[] = [];
/** the process's CPU time for the same span: on a loaded machine, what the edit costs without the wait for a core */
const afterEditCpu: number[] = [];
const layoutOnly: number[] = [];
const settle: number[] = [];
let relaid = 0;
for (let e = 0; e < EDITS; e += 1) {
  // alternately near the start of the book (first tenth) and in its middle
  const span = e % 2 === 0 ? [0, 0.1] : [0.45, 0.55];
  const itemId = printed[Math.floor((span[0] + next() * (span[1] - span[0])) * printed.length)];
  const word = WORDS[Math.floor(next() * WORDS.length)];
  // the edit: a word typed into the middle of the body (a new item object, as the worker patches it)
  const items = content.items.map((item) => {
    if (item.id !== itemId) return item;
    const at = item.body.indexOf(' ', Math.floor(item.body.length / 2));
    return { ...item, body: `${item.body.slice(0, at)} ${word}${item.body.slice(at)}` };
  });
  content = { ...content, items };
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const plan = live.planNow(content, options);
  const pages = live.itemPages(plan, itemId);
  const laid = performance.now();
  const bytes = await live.pdf(pages, 'Preview', deflate);
  afterEdit.push(performance.now() - started);
  const cpu = process.cpuUsage(cpuStarted);
  afterEditCpu.push((cpu.user + cpu.system) / 1000);
  layoutOnly.push(laid - started);
  relaid += live.cache.stats.laidOut;
  if (bytes.length === 0 || pages.length === 0) throw new Error(`no preview page for ${itemId}`);
  // then, in the background, the rest of the book: listings and furniture, page numbers settled
  const settling = performance.now();
  live.finish(plan);
  settle.push(performance.now() - settling);
}

const [one, five, fifteen] = loadavg();
console.log(`book: ${ITEMS} items, ${pageCount} pages; ${EDITS} edits (a word typed into a body), half near the start, half in the middle`);
console.log(`layout-from-scratch best ${ms(Math.min(...scratch))} ms (of ${scratch.map(ms).join(', ')}); first preview layout with an empty cache ${ms(firstMs)} ms`);
console.log(`preview-after-edit p50 ${ms(percentile(afterEdit, 50))} ms`);
console.log(`preview-after-edit p95 ${ms(percentile(afterEdit, 95))} ms`);
console.log(`  CPU time of the same spans (all threads): p50 ${ms(percentile(afterEditCpu, 50))} ms, p95 ${ms(percentile(afterEditCpu, 95))} ms`);
console.log(`  of which layout and the page's furniture: p50 ${ms(percentile(layoutOnly, 50))} ms, p95 ${ms(percentile(layoutOnly, 95))} ms; the rest writes the page's PDF`);
console.log(`  chunks laid out again per edit (the rest replayed): ${(relaid / EDITS).toFixed(1)} on average`);
console.log(`preview-settle (listings and furniture of the whole book, in the background) p50 ${ms(percentile(settle, 50))} ms, p95 ${ms(percentile(settle, 95))} ms`);
console.log(`load average ${one.toFixed(2)} ${five.toFixed(2)} ${fifteen.toFixed(2)}`);
