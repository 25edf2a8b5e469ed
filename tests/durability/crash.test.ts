/**
 * Crash safety (docs/security.md DUR-2), the short run: 20 trials, half on an encrypted library.
 * A child edits the library through the real service and acknowledges each commit; once it has
 * acknowledged its first, it is killed with SIGKILL at a moment drawn from a seeded generator;
 * the reopened library passes integrity_check, holds every acknowledged commit and no half-done
 * multi-row change. Every failure message names the run's seed: BRIEFBOOK_TEST_SEED=<seed>
 * replays the same kill moments. The 300-trial run with figures is tests/bench/crash-bench.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildChild, newLedger, prepareLibrary, runTrial, type Child, type Ledger, type Library } from './crash-harness';
import { prng, replay, runSeed } from './prng';

let child: Child;
let dir: string;
let plain: { library: Library; ledger: Ledger };
let encrypted: { library: Library; ledger: Ledger };

beforeAll(async () => {
  child = await buildChild();
  dir = mkdtempSync(join(tmpdir(), 'briefbook-crash-'));
  const p = prepareLibrary(dir, 'plain.briefbook.db');
  const e = prepareLibrary(dir, 'encrypted.briefbook.db', 'crash-test-passphrase');
  plain = { library: p, ledger: newLedger(p) };
  encrypted = { library: e, ledger: newLedger(e) };
});

afterAll(() => {
  child?.dispose();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

it('20 SIGKILLs at random moments lose no acknowledged commit and tear no multi-row change', async () => {
  const seed = runSeed();
  const random = prng(seed);
  for (let trial = 0; trial < 20; trial += 1) {
    const target = trial % 2 === 0 ? plain : encrypted;
    const childSeed = 1000 + trial;
    // from "just acknowledged its first commit" to a few hundred commits in
    const killAfter = Math.floor(random() * 400);
    const where = `trial ${trial} (${replay(seed)}; child seed ${childSeed}, killed ${killAfter} ms after its first acknowledged commit)`;
    const result = await runTrial(child, target.library, target.ledger, childSeed, killAfter, 'first-ack').catch((error: unknown) => {
      throw new Error(`${where}: ${error instanceof Error ? error.message : String(error)}`);
    });
    // the trial really did work before it was killed
    expect.soft(result.acks, `${where}: acknowledged commits`).toBeGreaterThanOrEqual(1);
    expect.soft(result.integrity, `${where}, during ${result.inFlight}`).toBe('ok');
    expect.soft(result.lost, `${where}, during ${result.inFlight}: lost commits`).toEqual([]);
    expect.soft(result.torn, `${where}, during ${result.inFlight}: half-done changes`).toEqual([]);
  }
}, 60_000);
