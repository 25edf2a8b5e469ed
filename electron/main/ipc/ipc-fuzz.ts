/**
 * Payload generators for the IPC-3 fuzz tests (docs/security.md): arbitrary values passed through
 * structuredClone (what ipc delivers), near-valid objects built from each method's own field
 * names, and the known troublemakers — `__proto__` keys, 10 MB strings, lone surrogates, NaN,
 * BigInt, typed arrays. Used by dispatch.test.ts and by the store-backed fuzz test.
 */
import fc from 'fast-check';
import type { z } from 'zod';

/** How many payloads per method: short in `npm test`, long with FUZZ_RUNS=100000. */
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 300);

const cloneable = fc.anything({
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withTypedArray: true,
  withSparseArray: true,
  withNullPrototype: true,
  withObjectString: true,
  withUnicodeString: true,
  maxDepth: 4,
});

/** What survives the structured clone ipc applies; values it cannot clone never reach main. */
export function overIpc(value: unknown): { value: unknown } | null {
  // a string crosses unchanged: skip copying the 10 MB ones again and again
  if (typeof value === 'string') return { value };
  try {
    return { value: structuredClone(value) };
  } catch {
    return null;
  }
}

function fieldNames(schema: z.ZodType): string[] {
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}

const troublesome = fc.oneof(
  fc.constantFrom<unknown>(
    NaN,
    -0,
    Infinity,
    -Infinity,
    Number.MAX_SAFE_INTEGER + 2,
    10n ** 30n,
    -1n,
    '\ud800',
    'a\udc00b',
    '\ud83d',
    '\u0000',
    '\u202e',
    '',
    ' ',
    'x'.repeat(65),
    new Uint8Array([37, 80, 68, 70, 45]),
    new Uint8Array(0),
    new Int32Array([1, 2, 3]),
    new Float64Array([NaN]),
    new ArrayBuffer(8),
    new DataView(new ArrayBuffer(4)),
    new Date(Number.NaN),
    new Map([['id', 'x']]),
    new Set(['x']),
    [],
    {},
    null,
    undefined,
    true,
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer(),
  fc.double(),
);

/** Objects with the method's own keys (and a few foreign ones) holding hostile values. */
export function nearValid(schema: z.ZodType): fc.Arbitrary<unknown> {
  const names = fieldNames(schema);
  const keys = fc.constantFrom(...names, '__proto__', 'constructor', 'prototype', 'toString', 'then');
  return fc.dictionary(keys, fc.oneof(troublesome, cloneable), { maxKeys: names.length + 2 });
}

/** Every kind of payload, for one method. */
export function payloads(schema: z.ZodType): fc.Arbitrary<unknown> {
  return fc.oneof(cloneable, troublesome, nearValid(schema));
}

let big: { tenMegabytes: string; twentyMegabytes: string; oneMegabyte: string; longArray: string[] } | null = null;

/** Payloads that are expensive to generate at random: a few of each, for every method. */
export function specialPayloads(schema: z.ZodType): unknown[] {
  const names = fieldNames(schema);
  // made once: a string is immutable, and the array is only ever read; 10 001 entries is over
  // every array bound of the contract (the largest is 5 000 items per section)
  big ??= {
    tenMegabytes: 'x'.repeat(10 * 1024 * 1024),
    // over the cap on a whole message (16 MB): refused before it is parsed
    twentyMegabytes: 'x'.repeat(20 * 1024 * 1024),
    oneMegabyte: 'x'.repeat(1_000_001),
    longArray: new Array<string>(10_001).fill('x'),
  };
  const { tenMegabytes, twentyMegabytes, oneMegabyte, longArray } = big;
  const polluting = JSON.parse('{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}}') as unknown;
  const list: unknown[] = [tenMegabytes, polluting, [polluting], NaN, 1n, '\ud800', longArray];
  // the big ones once per method, in its first field; the cheap ones in every field
  if (names.length > 0) {
    list.push({ [names[0]]: tenMegabytes });
    list.push({ [names[0]]: longArray });
    list.push({ [names[0]]: { smuggled: twentyMegabytes } });
    // many small parts that add up past the cap
    list.push({ [names[0]]: new Array<string>(9).fill(tenMegabytes.slice(0, 1024 * 1024)).concat(new Array<string>(9).fill(oneMegabyte)) });
  }
  list.push({ smuggled: oneMegabyte });
  for (const name of names) {
    // an unknown key one and two levels down, in an object and in an array of objects
    list.push({ [name]: { smuggled: oneMegabyte } });
    list.push({ [name]: [{ smuggled: 'x' }] });
    list.push({ [name]: { levels: [{ code: 'U', banner: 'U', portion: 'U', smuggled: oneMegabyte }], sources: [{ title: 't', smuggled: oneMegabyte }] } });
    list.push({ [name]: '\udfff' });
    list.push({ [name]: NaN });
    list.push({ [name]: 2n ** 64n });
    list.push({ [name]: new Uint8Array(16) });
    list.push({ [name]: oneMegabyte });
    list.push(JSON.parse(`{"${name}": "x", "__proto__": {"polluted": "yes"}}`));
  }
  return list;
}
