import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MARKINGS, type ExchangeFile } from '../../src/shared/domain';
import { canonicalJson } from '../../src/shared/canonical-json';
import { contentHashOf, revOf, sha256Tagged } from './hashes';

const sample = JSON.parse(readFileSync('resources/summit-2025-08-25.briefbook.json', 'utf8')) as ExchangeFile;
/** computed by tests/fixtures/hashes/make.py with Python's json and hashlib: another tool's answer */
const expected = JSON.parse(readFileSync('tests/fixtures/hashes/expected.json', 'utf8')) as {
  items: Record<string, { contentHash: string; rev: string }>;
  books: Record<string, { rev: string }>;
};
const scheme = sample.markings ?? DEFAULT_MARKINGS;

describe('content hash and rev, as another tool recomputes them', () => {
  it('gives Python’s hashes for every item and book of the sample', () => {
    expect(sample.items.length).toBeGreaterThan(10);
    for (const item of sample.items) {
      expect(contentHashOf(item, scheme), item.id).toBe(expected.items[item.id]?.contentHash);
      expect(revOf(item), item.id).toBe(expected.items[item.id]?.rev);
    }
    for (const book of sample.books) expect(revOf(book), book.id).toBe(expected.books[book.id]?.rev);
  });

  it('takes caveats in the scheme’s order and absent lists as empty', () => {
    const item = { title: 'T', body: 'B', classification: 'S' };
    expect(contentHashOf(item, scheme)).toBe(sha256Tagged({ title: 'T', body: 'B', classification: 'S', caveats: [], translations: {} }));
    const shuffled = contentHashOf({ ...item, caveats: ['REL TO KOR, USA', 'ORCON'] }, scheme);
    expect(shuffled).toBe(sha256Tagged({ title: 'T', body: 'B', classification: 'S', caveats: ['ORCON', 'REL TO USA, KOR'], translations: {} }));
  });

  it('leaves rev, history and the timestamps out of a rev, and nothing else', () => {
    const base = { id: 'a', title: 'T' };
    const rev = revOf(base);
    expect(revOf({ ...base, rev: 'sha256:x', history: ['y'], createdAt: '2025', updatedAt: '2026' })).toBe(rev);
    expect(revOf({ ...base, status: 'draft' })).not.toBe(rev);
  });

  it('writes RFC 8785 bytes: sorted keys by UTF-16 unit, no spaces, non-ASCII as is', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], 가: '한국', Z: '\u2028' })).toBe('{"Z":"\u2028","a":[true,null,"x"],"b":1,"가":"한국"}');
  });
});
