/**
 * `npm run bench`: every benchmark in this folder (`*-bench.ts`), one child process each so
 * that memory figures do not mix. Prints their figures; exits non-zero only if one crashed.
 * `npm run bench -- library pdf` runs only the named ones.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const benches = readdirSync(here)
  .filter((name) => name.endsWith('-bench.ts'))
  .filter((name) => wanted.length === 0 || wanted.some((w) => name.startsWith(w)))
  .sort();

let failed = 0;
for (const bench of benches) {
  console.log(`\n== ${bench}`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(here, bench)], { stdio: 'inherit' });
  if (run.status !== 0) {
    failed += 1;
    console.log(`${bench} stopped with status ${run.status ?? run.signal}`);
  }
}
process.exitCode = failed > 0 ? 1 : 0;
