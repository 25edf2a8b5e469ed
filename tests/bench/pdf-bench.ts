/**
 * PDF benchmark: Briefbook's engine against pdfkit (pdfkit-run.ts) and headless Chromium printing
 * the same book. Prints figures; passes or fails on nothing (docs/architecture.md: benchmarks print numbers).
 *
 *   npx tsx tests/bench/pdf-bench.ts [--items 2000] [--skip-chromium]
 *
 * The engine runs bundled (esbuild) in a child process of plain Node, so its peak memory is the
 * engine's and not the TypeScript loader's. Chromium needs two passes: the first finds the page
 * each section starts on, the second prints the contents with those numbers. Its memory is the
 * sum of the resident sets of all its processes, sampled every 50 ms. pdfkit and Chromium set the
 * engine's type (its body size, measure, headings and two-level contents: src/pdf/styles.ts), so
 * all three print about as many pages of the same content.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { parseBriefbookText, type TextRun } from '../../src/shared/briefbook-text';
import { KIND_LABELS } from '../../src/shared/domain';
import { overallMarking, portionMark } from '../../src/shared/markings';
import { FONTS_DIR } from '../../electron/cli/fonts';
import { MEASURE, TEXT_LEFT, TYPE } from '../../src/pdf/styles';
import { generatedBook } from './pdf-book';
import { lazyPackagesPlugin } from '../../scripts/lazy-packages.mjs';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i < 0 ? undefined : args[i + 1];
};
const ITEMS = Number(flag('items') ?? 2000);
const SKIP_CHROMIUM = args.includes('--skip-chromium');
const ROOT = resolve(import.meta.dirname, '../..');
const WORK = join(ROOT, 'node_modules/.cache/briefbook-pdf-bench');
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

interface EngineRun {
  items: number;
  pages: number;
  bytes: number;
  wallMs: number;
  cpuMs: number;
  /** the main thread's own CPU time (Linux), null elsewhere and for pdfkit */
  mainThreadMs: number | null;
  peakRssMiB: number;
  baselineRssMiB: number;
  warmMs: number | null;
}

/** A runner bundled into one plain Node script: pdf-engine-run.ts, or pdfkit-run.ts with pdfkit outside. */
async function bundleEngine(runner = 'pdf-engine-run'): Promise<string> {
  mkdirSync(WORK, { recursive: true });
  const outfile = join(WORK, `${runner}.mjs`);
  await build({
    entryPoints: [join(ROOT, `tests/bench/${runner}.ts`)],
    external: ['pdfkit'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'error',
    plugins: [lazyPackagesPlugin()],
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  return outfile;
}

function runEngine(script: string, items: number, out = '', warm = false): EngineRun {
  const stdout = execFileSync(process.execPath, [script, String(items), out, FONTS_DIR, warm ? 'warm' : ''], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as EngineRun;
}

// ---------------------------------------------------------------------------------------------
// The same book as HTML for Chromium

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function runsHtml(runs: readonly TextRun[]): string {
  return runs
    .map((run) => {
      let html = escapeHtml(run.text);
      if (run.italic) html = `<em>${html}</em>`;
      if (run.bold) html = `<strong>${html}</strong>`;
      return html;
    })
    .join('');
}

function bodyHtml(source: string): string {
  return parseBriefbookText(source)
    .blocks.map((block) => {
      if (block.type === 'paragraph') return `<p>${runsHtml(block.runs)}</p>`;
      const tag = block.ordered ? 'ol' : 'ul';
      const entries = block.entries
        .map((entry) => {
          const nested = entry.children === null ? '' : `<${entry.children.ordered ? 'ol' : 'ul'}>${entry.children.entries.map((c) => `<li>${runsHtml(c.runs)}</li>`).join('')}</${entry.children.ordered ? 'ol' : 'ul'}>`;
          return `<li>${runsHtml(entry.runs)}${nested}</li>`;
        })
        .join('');
      return `<${tag} start="${block.start}">${entries}</${tag}>`;
    })
    .join('');
}

function bookHtml(content: ReturnType<typeof generatedBook>, sectionPages: number[] | null): string {
  const byId = new Map(content.items.map((item) => [item.id, item]));
  const overall = overallMarking(content.items, content.markings, content.book.floor).text;
  const fontUrl = (name: string) => `file://${join(FONTS_DIR, name)}`;
  // two-level contents, as the engine's: sections, then their items (numbered as their section)
  const contents = content.book.sections
    .map(
      (s, i) =>
        `<div class="toc"><b>${escapeHtml(s.title)}</b><span class="dots"></span><span>${sectionPages === null ? '000' : sectionPages[i]}</span></div>` +
        s.items
          .map((id) => byId.get(id))
          .filter((item) => item !== undefined)
          .map((item) => `<div class="toc item"><span>${escapeHtml(item.title)}</span><span class="dots"></span><span>${sectionPages === null ? '000' : sectionPages[i]}</span></div>`)
          .join(''),
    )
    .join('');
  const sections = content.book.sections
    .map((section, index) => {
      const items = section.items
        .map((id) => byId.get(id))
        .filter((item) => item !== undefined)
        .map((item) => {
          const translations = Object.entries(item.translations ?? {})
            .map(([lang, t]) => `<div class="lang">${escapeHtml(lang)}</div><h4>${escapeHtml(t.title ?? '')}</h4>${bodyHtml(t.body ?? '')}`)
            .join('');
          return `<article class="${item.kind}"><div class="label">${escapeHtml(KIND_LABELS[item.kind].toUpperCase())}</div><h3><span class="mark">${escapeHtml(portionMark(item, content.markings))}</span> ${escapeHtml(item.title)}</h3>${bodyHtml(item.body)}${translations}</article>`;
        })
        .join('');
      return `<section><div class="section-no">SECTION ${index + 1} OF ${content.book.sections.length} §${section.id}§</div><h2>${escapeHtml(section.title)}</h2>${items}</section>`;
    })
    .join('');
  return `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><style>
@font-face { font-family: Pretendard; src: url('${fontUrl('Pretendard-Regular.ttf')}'); font-weight: 400; }
@font-face { font-family: Pretendard; src: url('${fontUrl('Pretendard-Bold.ttf')}'); font-weight: 700; }
@font-face { font-family: NotoKR; src: url('${fontUrl('NotoSansKR-Regular.ttf')}'); }
body { font-family: Pretendard, NotoKR, sans-serif; font-size: ${TYPE.body}pt; line-height: 1.42; word-break: keep-all; margin: 0; }
section { margin-left: ${TEXT_LEFT - 22 * (72 / 25.4)}pt; width: ${MEASURE}pt; } .toc.item { font-size: ${TYPE.note}pt; padding-left: 14pt; }
.cover { height: 240mm; text-align: center; padding-top: 60mm; break-after: page; }
.toc { display: flex; gap: 4px; } .toc .dots { flex: 1; border-bottom: 1px dotted #888; margin-bottom: 4px; }
section { break-before: page; } h2 { font-size: ${TYPE.sectionTitle}pt; margin: 4px 0 12px; border-bottom: 1.2pt solid #222; }
h3 { font-size: ${TYPE.itemHeading}pt; margin: 2px 0; break-after: avoid; } .label { font-size: ${TYPE.label}pt; font-weight: 700; color: #456; break-after: avoid; }
article { margin-top: 16px; } .red_line { background: #ffecec; border-left: 5px solid #c7101f; padding-left: 8px; }
.ask { background: #eefaf3; border-left: 3px solid #007348; padding-left: 8px; } .mark { color: #234; } .lang { font-size: ${TYPE.note}pt; color: #777; }
p { margin: 0 0 5px; } ul, ol { margin: 0 0 5px; padding-left: 16px; }
</style></head><body><div class="cover"><div>${escapeHtml(overall)}</div><h1>${escapeHtml(content.book.title)}</h1></div><div class="contents"><h2>Contents</h2>${contents}</div>${sections}</body></html>`;
}

async function pdfSectionPages(pdf: Uint8Array, ids: string[]): Promise<number[]> {
  const doc = await getDocument({ data: pdf, verbosity: 0 }).promise;
  const found = new Map<string, number>();
  for (let n = 1; n <= doc.numPages; n += 1) {
    const page = await doc.getPage(n);
    const text = (await page.getTextContent()).items.map((item) => ('str' in item ? item.str : '')).join('');
    for (const match of text.matchAll(/§([^§]+)§/g)) if (!found.has(match[1])) found.set(match[1], n);
  }
  await doc.destroy();
  return ids.map((id) => found.get(id) ?? 0);
}

function chromiumRssMiB(userDataDir: string): number {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmdline.includes(userDataDir)) continue;
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const rss = /VmRSS:\s+(\d+) kB/.exec(status);
      if (rss !== null) total += Number(rss[1]);
    } catch {
      // the process ended between the listing and the read
    }
  }
  return total / 1024;
}

async function runChromium(content: ReturnType<typeof generatedBook>): Promise<{ launchMs: number; printMs: number; pages: number; bytes: number; peakRssMiB: number }> {
  const userDataDir = join(WORK, `chromium-profile-${process.pid}`);
  rmSync(userDataDir, { recursive: true, force: true });
  let peak = 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, chromiumRssMiB(userDataDir));
  }, 50);
  const launchStart = performance.now();
  const context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, args: CHROMIUM_FLAGS, headless: true });
  const launchMs = performance.now() - launchStart;
  const printStart = performance.now();
  const overall = overallMarking(content.items, content.markings).text;
  const furniture = (inner: string) => `<div style="font-size:9px;width:100%;text-align:center;font-family:sans-serif">${inner}</div>`;
  const print = async (html: string) => {
    const page = await context.newPage();
    const file = join(WORK, 'book.html');
    writeFileSync(file, html);
    await page.goto(`file://${file}`, { waitUntil: 'load' });
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: furniture(`<b>${overall}</b>`),
      footerTemplate: furniture(`Page <span class="pageNumber"></span> of <span class="totalPages"></span><br><b>${overall}</b>`),
      margin: { top: '26mm', bottom: '24mm', left: '22mm', right: '20mm' },
    });
    await page.close();
    return new Uint8Array(pdf);
  };
  const first = await print(bookHtml(content, null));
  const pages = await pdfSectionPages(first, content.book.sections.map((s) => s.id));
  const second = await print(bookHtml(content, pages));
  const printMs = performance.now() - printStart;
  clearInterval(sampler);
  peak = Math.max(peak, chromiumRssMiB(userDataDir));
  await context.close();
  rmSync(userDataDir, { recursive: true, force: true });
  const doc = await getDocument({ data: second.slice(), verbosity: 0 }).promise;
  const pageCount = doc.numPages;
  await doc.destroy();
  return { launchMs, printMs, pages: pageCount, bytes: second.length, peakRssMiB: peak };
}

function spawnCheck(): boolean {
  try {
    execFileSync(CHROMIUM, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const fmt = (n: number, digits = 0) => n.toFixed(digits);
/**
 * pdfkit runs per comparison, each between two engine runs (so PAIRS + 1 engine runs): the
 * machine's speed drifts from second to second, by half or more within a minute, and a
 * pdfkit run lasts three times an engine run, so its ratio is taken to the mean of the engine
 * runs just before and just after it, which share its minute. Seven: on this shared two-core
 * machine one ratio moves by ±8% or more from run to run, and with five pairs, each ratio to the
 * engine run before it, the 4,000-item row read 3.72x in one run and 2.82x in the next.
 */
const PAIRS = 7;
/** The run in the middle by `key` (of an odd count: the median's own run, its other figures with it; of an even count the upper one). */
const medianOf = (runs: readonly EngineRun[], key: (run: EngineRun) => number): EngineRun => [...runs].sort((a, b) => key(a) - key(b))[runs.length >> 1];
/** Each pdfkit run's wall time over the mean of the engine runs around it, smallest first. */
const bracketedRatios = (ours: readonly EngineRun[], theirs: readonly EngineRun[]): number[] =>
  theirs.map((run, i) => run.wallMs / ((ours[i].wallMs + ours[i + 1].wallMs) / 2)).sort((a, b) => a - b);
/** The median of each pdfkit run's wall time over the engine run just before it alone (the method before the brackets, printed beside them). */
const beforeOnlyMedian = (ours: readonly EngineRun[], theirs: readonly EngineRun[]): number => {
  const ratios = theirs.map((run, i) => run.wallMs / ours[i].wallMs).sort((a, b) => a - b);
  return ratios[ratios.length >> 1];
};

/** Engine runs with a pdfkit run between each two: `engine(i)` PAIRS + 1 times, `peer(i)` PAIRS times. */
function inTurn(engine: (i: number) => EngineRun, peer: (i: number) => EngineRun): { ours: EngineRun[]; theirs: EngineRun[] } {
  const ours: EngineRun[] = [engine(0)];
  const theirs: EngineRun[] = [];
  for (let i = 0; i < PAIRS; i += 1) {
    theirs.push(peer(i));
    ours.push(engine(i + 1));
  }
  return { ours, theirs };
}

async function main(): Promise<void> {
  console.log(`PDF benchmark: ${ITEMS} generated items (English and Korean), load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const script = await bundleEngine();
  const pdfkitScript = await bundleEngine('pdfkit-run');
  // warm the file cache (fonts) once, unmeasured
  runEngine(script, 50);
  runEngine(pdfkitScript, 50);
  // the engine and pdfkit in turn, so that a ratio holds when the shared machine's speed drifts
  const { ours: runs, theirs: peer } = inTurn(
    (i) => runEngine(script, ITEMS, i === 0 ? join(WORK, 'briefbook.pdf') : '', i === 0),
    (i) => runEngine(pdfkitScript, ITEMS, i === 0 ? join(WORK, 'pdfkit.pdf') : '', i === 0),
  );
  const best = runs.reduce((a, b) => (b.wallMs < a.wallMs ? b : a));
  const median = medianOf(runs, (r) => r.wallMs);
  console.log('\nBriefbook engine (cold process each run: fonts read, book laid out, PDF written)');
  for (const run of runs) {
    const main = run.mainThreadMs === null ? '' : ` (main thread ${fmt(run.mainThreadMs)} ms)`;
    console.log(`  ${run.pages} pages  wall ${fmt(run.wallMs)} ms  cpu ${fmt(run.cpuMs)} ms${main}  peak RSS ${fmt(run.peakRssMiB)} MiB (node alone ${fmt(run.baselineRssMiB)} MiB)  ${fmt(run.bytes / 1024)} KiB`);
  }
  console.log(`  median ${fmt(median.wallMs)} ms, best ${fmt(best.wallMs)} ms, ${fmt(median.wallMs / median.pages, 2)} ms/page`);
  if (runs[0].warmMs !== null) console.log(`  warm (same process again, as the app's export worker): best of 3 ${fmt(runs[0].warmMs)} ms`);

  // pdfkit, run the same way (above): a cold process each run, the same content and fonts
  const peerMedian = medianOf(peer, (r) => r.wallMs);
  console.log('\npdfkit 0.20 on the same content and type (same fonts, subset-embedded, 11 pt body on the same measure, two-level contents; its own greedy line breaking, no kerning, Korean word rules or keep-together)');
  for (const run of peer) {
    console.log(`  ${run.pages} pages  wall ${fmt(run.wallMs)} ms  cpu ${fmt(run.cpuMs)} ms  peak RSS ${fmt(run.peakRssMiB)} MiB (node alone ${fmt(run.baselineRssMiB)} MiB)  ${fmt(run.bytes / 1024)} KiB`);
  }
  console.log(`  median ${fmt(peerMedian.wallMs)} ms, ${fmt(peerMedian.wallMs / peerMedian.pages, 2)} ms/page`);
  if (peer[0].warmMs !== null) console.log(`  warm (same process again): best of 3 ${fmt(peer[0].warmMs)} ms`);
  const pairs = bracketedRatios(runs, peer);
  const cpuMedian = (list: EngineRun[]) => medianOf(list, (r) => r.cpuMs).cpuMs;
  console.log('  ratio pdfkit / Briefbook (above 1: Briefbook is faster)');
  console.log(`    wall, each pdfkit run to the engine runs before and after it: ${pairs.map((r) => fmt(r, 2)).join(', ')} (median ${fmt(pairs[pairs.length >> 1], 2)}x; to the engine run before each alone ${fmt(beforeOnlyMedian(runs, peer), 2)}x); best against best ${fmt(Math.min(...peer.map((r) => r.wallMs)) / best.wallMs, 2)}x`);
  console.log(`    CPU (median): ${fmt(cpuMedian(peer) / cpuMedian(runs), 2)}x; per page ${fmt(cpuMedian(peer) / peerMedian.pages / (cpuMedian(runs) / median.pages), 2)}x; peak memory ${fmt(peerMedian.peakRssMiB / median.peakRssMiB, 2)}x` +
    (peer[0].warmMs !== null && runs[0].warmMs !== null ? `; warm (same process again) ${fmt(peer[0].warmMs / runs[0].warmMs, 2)}x` : ''));

  // linear growth shows as a steady cost per added page (CPU time: steadier than wall time on a
  // shared machine); the first row carries the fixed cost of loading code and fonts. pdfkit runs
  // beside each row, in turn with the engine (inTurn): a row's figures are the medians, and its
  // ratio the median of the bracketed ratios (one run each read 2.4x one time and 2.9x the next)
  console.log(`\nScaling (${PAIRS + 1} cold engine runs each, with ${PAIRS} of pdfkit on the same content between them; medians; "per added page" = extra CPU time / extra pages since the row above; each pdfkit run to the engine runs before and after it)`);
  let previous: EngineRun | undefined;
  for (const items of [250, 500, 1000, 2000, 4000].filter((n) => n <= ITEMS * 2)) {
    const { ours, theirs } = inTurn(
      () => runEngine(script, items),
      () => runEngine(pdfkitScript, items),
    );
    const run = medianOf(ours, (r) => r.cpuMs);
    const wall = medianOf(ours, (r) => r.wallMs).wallMs;
    const other = medianOf(theirs, (r) => r.wallMs);
    const ratios = bracketedRatios(ours, theirs);
    const marginal = previous === undefined ? '' : `  ${fmt((run.cpuMs - previous.cpuMs) / (run.pages - previous.pages), 2)} ms per added page`;
    console.log(
      `  ${String(items).padStart(5)} items  ${String(run.pages).padStart(4)} pages  wall ${fmt(wall).padStart(5)} ms  cpu ${fmt(run.cpuMs).padStart(5)} ms  peak ${fmt(run.peakRssMiB)} MiB${marginal}` +
        `  |  pdfkit ${other.pages} pages ${fmt(other.wallMs)} ms: ${fmt(ratios[ratios.length >> 1], 2)}x (each run ${ratios.map((r) => fmt(r, 2)).join(', ')}; to the run before alone ${fmt(beforeOnlyMedian(ours, theirs), 2)}x)`,
    );
    previous = run;
  }

  if (SKIP_CHROMIUM || !spawnCheck()) {
    console.log(`\nChromium: ${SKIP_CHROMIUM ? 'skipped (--skip-chromium)' : `not found at ${CHROMIUM}`}`);
    return;
  }
  const chrome = await runChromium(generatedBook(ITEMS, Math.max(1, Math.round(ITEMS / 50))));
  console.log('\nHeadless Chromium printing the same content and type as HTML (two passes for contents page numbers)');
  console.log(`  ${chrome.pages} pages  launch ${fmt(chrome.launchMs)} ms  print ${fmt(chrome.printMs)} ms  peak RSS (all processes) ${fmt(chrome.peakRssMiB)} MiB  ${fmt(chrome.bytes / 1024)} KiB`);
  console.log('\nRatio (Chromium print time / Briefbook median wall time)');
  console.log(`  ${fmt(chrome.printMs / median.wallMs, 1)}x faster; ${fmt((chrome.printMs + chrome.launchMs) / median.wallMs, 1)}x counting Chromium's launch; memory ${fmt(chrome.peakRssMiB / median.peakRssMiB, 1)}x less`);
  console.log(`\nBriefbook's PDF: ${join(WORK, 'briefbook.pdf')}; pdfkit's: ${join(WORK, 'pdfkit.pdf')}`);
}

await main();
