/**
 * Seeded randomness for tests that pick moments or inputs at random: the same seed gives the
 * same choices, so a failure can be replayed. A test takes its seed from `runSeed()` and names
 * it in every assertion message.
 */
import { randomInt } from 'node:crypto';

/** mulberry32: a small seeded generator of numbers in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const SEED_VARIABLE = 'BRIEFBOOK_TEST_SEED';

/** This run's seed: BRIEFBOOK_TEST_SEED when set (to replay a failure), otherwise a fresh one. */
export function runSeed(): number {
  const given = process.env[SEED_VARIABLE];
  if (given === undefined || given.trim() === '') return randomInt(2 ** 31);
  const seed = Number(given);
  if (!Number.isSafeInteger(seed) || seed < 0) throw new Error(`${SEED_VARIABLE} must be a whole number ≥ 0, not "${given}"`);
  return seed;
}

/** The words a failure message carries so that the run can be repeated exactly. */
export const replay = (seed: number) => `run seed ${seed}; replay with ${SEED_VARIABLE}=${seed}`;
