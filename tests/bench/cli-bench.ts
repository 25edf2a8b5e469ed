/**
 * Command-line benchmark: the built command line (scripts/briefbook.mjs running the bundle in
 * out/cli/) against the same TypeScript run through tsx, as `npm run briefbook` did before.
 * Prints figures; passes or fails on nothing (docs/architecture.md: benchmarks print numbers).
 *
 *   npx tsx tests/bench/cli-bench.ts [--runs 10] [--items 2000]
 *
 * Each figure is the wall time of a whole process, from spawn to exit, as a user waits for it:
 * the median (and range) of several runs. Start-up is `--help` and `list books` on the sample
 * library; export is `pdf` of the generated ~400-page book (pdf-book.ts, as the PDF benchmark
 * prints). "After a source change" is the first run once the bundle is out of date, the rebuild
 * included; "bundle up to date" is every run after it.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { generatedBook } from './pdf-book';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i < 0 ? undefined : args[i + 1];
};
const RUNS = Number(flag('runs') ?? 10);
const ITEMS = Number(flag('items') ?? 2000);
const ROOT = resolve(import.meta.dirname, '../..');
const WORK = join(ROOT, 'node_modules/.cache/briefbook-cli-bench');
const SAMPLE = join(ROOT, 'resources/summit-2025-08-25.briefbook.json');

const BUILT = [process.execPath, join(ROOT, 'scripts/briefbook.mjs')];
const TSX = [process.execPath, join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'electron/cli/index.ts')];
const NPM = ['npm', 'run', '-s', 'briefbook', '--'];

function once(command: readonly string[], extra: readonly string[]): number {
  const started = performance.now();
  const run = spawnSync(command[0], [...command.slice(1), ...extra], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, BRIEFBOOK_DB: '' } });
  const ms = performance.now() - started;
  if (run.status !== 0) throw new Error(`${[...command, ...extra].join(' ')} exited ${run.status ?? run.signal}: ${run.stderr.slice(0, 400)}`);
  return ms;
}

function series(command: readonly string[], extra: readonly string[], runs: number): number[] {
  once(command, extra); // warm-up: the file cache, not counted
  return Array.from({ length: runs }, () => once(command, extra));
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const describe = (values: readonly number[]) => `median ${fmt(median(values))} (${fmt(Math.min(...values))} to ${fmt(Math.max(...values))}, ${values.length} runs)`;
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

function forceRebuild(): void {
  rmSync(join(ROOT, 'out/cli/current.json'), { force: true });
}

function main(): void {
  console.log(`CLI benchmark, load average ${load()}`);
  mkdirSync(WORK, { recursive: true });
  const db = join(WORK, 'sample.db');
  rmSync(db, { force: true });
  once(BUILT, ['import', SAMPLE, '--db', db]);
  const book = join(WORK, 'generated.briefbook.json');
  const content = generatedBook(ITEMS, Math.max(1, Math.round(ITEMS / 50)));
  writeFileSync(book, JSON.stringify({ format: 'briefbook/v1', markings: content.markings, items: content.items, books: [content.book] }));

  console.log('\nStart-up: `briefbook --help`');
  const nodeAlone = series([process.execPath, '-e', ''], [], RUNS);
  const helpBuilt = series(BUILT, ['--help'], RUNS);
  const helpTsx = series(TSX, ['--help'], RUNS);
  const helpNpm = series(NPM, ['--help'], RUNS);
  console.log(`  node alone (node -e '')         ${describe(nodeAlone)}`);
  console.log(`  built (node scripts/briefbook)  ${describe(helpBuilt)}`);
  console.log(`  tsx (the TypeScript sources)    ${describe(helpTsx)}`);
  console.log(`  npm run -s briefbook (built)    ${describe(helpNpm)}`);
  console.log(`  tsx / built: ${(median(helpTsx) / median(helpBuilt)).toFixed(1)}x`);

  console.log('\nStart-up with SQLite: `briefbook list books` on the sample library');
  const listBuilt = series(BUILT, ['list', 'books', '--db', db], RUNS);
  const listTsx = series(TSX, ['list', 'books', '--db', db], RUNS);
  console.log(`  built  ${describe(listBuilt)}`);
  console.log(`  tsx    ${describe(listTsx)}`);
  console.log(`  tsx / built: ${(median(listTsx) / median(listBuilt)).toFixed(1)}x`);

  const exportArgs = ['pdf', '--from', book, '--book', content.book.id, '--out', join(WORK, 'book.pdf')];
  const pages = spawnSync(BUILT[0], [...BUILT.slice(1), ...exportArgs], { cwd: ROOT, encoding: 'utf8' }).stdout.match(/(\d+) pages/)?.[1] ?? '?';
  const exportRuns = Math.max(3, Math.round(RUNS / 3));
  console.log(`\nExport: \`briefbook pdf\` of the generated book (${ITEMS} items, ${pages} pages), a new process each run`);
  const cold: number[] = [];
  for (let i = 0; i < exportRuns; i += 1) {
    forceRebuild();
    cold.push(once(BUILT, exportArgs));
  }
  const warm = series(BUILT, exportArgs, exportRuns);
  const exportTsx = series(TSX, exportArgs, exportRuns);
  console.log(`  built, first run after a source change (rebuild included)  ${describe(cold)}`);
  console.log(`  built, bundle up to date                                   ${describe(warm)}`);
  console.log(`  tsx                                                        ${describe(exportTsx)}`);
  console.log(`  tsx / built (up to date): ${(median(exportTsx) / median(warm)).toFixed(2)}x; per page ${(median(warm) / Number(pages)).toFixed(2)} ms built`);
  console.log(`\nload average at the end ${load()}`);
}

main();
