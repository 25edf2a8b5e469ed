/**
 * `npm run bench`: every benchmark in this folder (`*-bench.ts`), one child process each so
 * that memory figures do not mix. Prints their figures; exits non-zero only if one crashed.
 * `npm run bench -- library pdf` runs only the named ones; options after the names go to each
 * of them (`npm run bench -- pdf --items 4000 --skip-chromium`).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const firstOption = args.findIndex((arg) => arg.startsWith('--'));
const wanted = firstOption < 0 ? args : args.slice(0, firstOption);
const options = firstOption < 0 ? [] : args.slice(firstOption);
const benches = readdirSync(here)
  .filter((name) => name.endsWith('-bench.ts'))
  .filter((name) => wanted.length === 0 || wanted.some((w) => name.startsWith(w)))
  .sort();

let failed = 0;
for (const bench of benches) {
  console.log(`\n== ${bench}`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(here, bench), ...options], { stdio: 'inherit' });
  if (run.status !== 0) {
    failed += 1;
    console.log(`${bench} stopped with status ${run.status ?? run.signal}`);
  }
}
process.exitCode = failed > 0 ? 1 : 0;
