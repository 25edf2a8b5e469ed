/**
 * Crash safety (SECURITY.md DUR-2), the short run: 20 trials, half on an encrypted library.
 * A child edits the library through the real service and acknowledges each commit; it is
 * killed with SIGKILL at a random moment; the reopened library passes integrity_check, holds
 * every acknowledged commit and no half-done multi-row change. The 300-trial run with figures
 * is tests/bench/crash-bench.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildChild, newLedger, prepareLibrary, runTrial, type Child, type Ledger, type Library, type TrialResult } from './crash-harness';

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
  const results: TrialResult[] = [];
  for (let trial = 0; trial < 20; trial += 1) {
    const target = trial % 2 === 0 ? plain : encrypted;
    const seed = 1000 + trial;
    // from "just started" to a few hundred commits in
    const killAfter = Math.floor(Math.random() * 400);
    const result = await runTrial(child, target.library, target.ledger, seed, killAfter);
    results.push(result);
    expect.soft(result.integrity, `trial ${trial} (seed ${seed})`).toBe('ok');
    expect.soft(result.lost, `trial ${trial} (seed ${seed}) lost commits`).toEqual([]);
    expect.soft(result.torn, `trial ${trial} (seed ${seed}) half-done changes`).toEqual([]);
  }
  const acks = results.reduce((sum, r) => sum + r.acks, 0);
  // the trials really did work before being killed
  expect(acks).toBeGreaterThan(100);
  expect(plain.ledger.items.size + encrypted.ledger.items.size).toBeGreaterThan(20);
}, 60_000);
