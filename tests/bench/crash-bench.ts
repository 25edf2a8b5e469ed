/**
 * Crash benchmark (docs/security.md DUR-2): 300 SIGKILLs at random moments, half on an encrypted
 * library, and the figures — commits acknowledged, lost, half-done, integrity failures, what was
 * running when the kill landed, time to reopen. A benchmark prints numbers; it does not pass or
 * fail on a noisy machine, but it exits 1 when anything was lost or torn.
 *
 *   npx tsx tests/bench/crash-bench.ts [trials=300] [maxKillMs=600]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildChild, newLedger, prepareLibrary, runTrial, type TrialResult } from '../durability/crash-harness';
import { prng, replay, runSeed } from '../durability/prng';

const trials = Number(process.argv[2] ?? 300);
const maxKillMs = Number(process.argv[3] ?? 600);

async function main(): Promise<number> {
  const child = await buildChild();
  const dir = mkdtempSync(join(tmpdir(), 'briefbook-crash-bench-'));
  try {
    const plain = prepareLibrary(dir, 'plain.briefbook.db');
    const encrypted = prepareLibrary(dir, 'encrypted.briefbook.db', 'crash-test-passphrase');
    const ledgers = { plain: newLedger(plain), encrypted: newLedger(encrypted) };
    const results: (TrialResult & { library: string; seed: number })[] = [];
    const started = Date.now();
    const runSeedValue = runSeed();
    const random = prng(runSeedValue);
    for (let trial = 0; trial < trials; trial += 1) {
      const which = trial % 2 === 0 ? 'plain' : 'encrypted';
      const seed = 50_000 + trial;
      const result = await runTrial(child, which === 'plain' ? plain : encrypted, ledgers[which], seed, Math.floor(random() * maxKillMs));
      results.push({ ...result, library: which, seed });
      if (result.lost.length > 0 || result.torn.length > 0 || result.integrity !== 'ok') {
        process.stdout.write(`trial ${trial} (${which}, seed ${seed}, killed ${result.killedAfterMs} ms after READY; ${replay(runSeedValue)}): integrity ${result.integrity}; lost ${result.lost.join('; ')}; torn ${result.torn.join('; ')}\n`);
      }
      if ((trial + 1) % 50 === 0) process.stdout.write(`${trial + 1} trials...\n`);
    }
    const sum = (f: (r: TrialResult) => number) => results.reduce((s, r) => s + f(r), 0);
    const inFlight = new Map<string, number>();
    for (const r of results) inFlight.set(r.inFlight, (inFlight.get(r.inFlight) ?? 0) + 1);
    const reopen = results.map((r) => r.reopenMs).sort((a, b) => a - b);
    const pct = (p: number) => reopen[Math.min(reopen.length - 1, Math.floor((p / 100) * reopen.length))];
    const lost = sum((r) => r.lost.length);
    const torn = sum((r) => r.torn.length);
    const badIntegrity = results.filter((r) => r.integrity !== 'ok').length;
    const lines = [
      '',
      `crash benchmark (${replay(runSeedValue)}): ${trials} SIGKILLs (${results.filter((r) => r.library === 'plain').length} plain, ${results.filter((r) => r.library === 'encrypted').length} encrypted), kill 0–${maxKillMs} ms after start`,
      `  commits acknowledged        ${sum((r) => r.acks)}`,
      `  items checked at the end    ${ledgers.plain.items.size + ledgers.encrypted.items.size} saved, ${ledgers.plain.imported.size + ledgers.encrypted.imported.size} imported`,
      `  acknowledged commits lost   ${lost}`,
      `  half-done changes           ${torn}`,
      `  integrity_check not ok      ${badIntegrity}`,
      `  killed during               ${[...inFlight.entries()].sort((a, b) => b[1] - a[1]).map(([op, n]) => `${op} ${n}`).join(', ')}`,
      `  reopen after crash          p50 ${pct(50)} ms, p95 ${pct(95)} ms, max ${reopen[reopen.length - 1]} ms`,
      `  wall time                   ${((Date.now() - started) / 1000).toFixed(1)} s`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    return lost + torn + badIntegrity === 0 ? 0 : 1;
  } finally {
    child.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`crash benchmark failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
