import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { tempLibrary, type TempLibrary } from './testing';

let lib: TempLibrary;
beforeAll(() => {
  lib = tempLibrary();
  lib.service['library.loadSample']({});
  lib.service['items.save']({
    item: {
      id: 'bg-future',
      kind: 'background',
      title: 'Joint vision statement',
      body: 'Negotiations on the statement continue.',
      classification: 'U',
      status: 'draft',
      translations: { ko: { title: '공동 비전 성명', body: '양국은 미래지향적 동맹을 추구한다. 주한미군의 전략적유연성 문제는 별도로 다룬다.' } },
      tags: ['alliance-vision'],
    },
  });
});
afterAll(() => lib.dispose());

const ids = (q: string) => lib.service['search.query']({ q }).map((hit) => hit.id);

describe('search', () => {
  test('English stems: "negotiate" finds "Negotiations"', () => {
    expect(ids('negotiate')).toContain('bg-future');
  });

  test('Korean words inside sentences', () => {
    expect(ids('전략적 유연성')).toContain('rl-flexibility-details');
    expect(ids('미래지향')).toEqual(['bg-future']);
    expect(ids('동맹')).toContain('bg-future');
  });

  test('Korean compounds written without a space', () => {
    expect(ids('유연성')).toEqual(expect.arrayContaining(['bg-future', 'rl-flexibility-details']));
  });

  test('titles rank above bodies, and snippets mark the matches', () => {
    const hits = lib.service['search.query']({ q: 'strategic flexibility' });
    expect(hits[0].title.toLowerCase()).toContain('strategic flexibility');
    const marked = hits[0].snippet.filter((s) => s.hit).map((s) => s.text.toLowerCase());
    expect(marked.length).toBeGreaterThan(0);
    expect(hits[0].titleSegments.some((s) => s.hit && /strategic/i.test(s.text))).toBe(true);
    const korean = lib.service['search.query']({ q: '미래지향' })[0];
    expect(korean.snippet.filter((s) => s.hit).map((s) => s.text).join(' ')).toContain('미래지향');
  });

  test('tags and kinds', () => {
    expect(ids('alliance-vision')).toContain('bg-future');
    const redLines = lib.service['search.query']({ q: 'flexibility', kinds: ['red_line'] });
    expect(redLines.length).toBeGreaterThan(0);
    expect(redLines.every((hit) => hit.kind === 'red_line')).toBe(true);
  });

  test('query syntax never reaches SQLite raw', () => {
    for (const q of ['"', '*', 'AND', 'a OR', 'NEAR(', 'title:x', '(((', "'; DROP TABLE items; --", '\u0000', '^', '-x']) {
      expect(() => lib.service['search.query']({ q })).not.toThrow();
    }
    expect(lib.service['library.info']({}).itemCount).toBe(42);
  });

  test('empty and unmatched queries return nothing', () => {
    expect(ids('')).toEqual([]);
    expect(ids('   ')).toEqual([]);
    expect(ids('zyxwvut')).toEqual([]);
  });
});

describe('broad queries (a word half typed, a word in nearly every item)', () => {
  test('title matches come first, newest first, and the limit holds', async () => {
    const { BROAD_QUERY } = await import('./repositories/search');
    const broad = tempLibrary();
    try {
      const count = BROAD_QUERY + 100;
      const items = Array.from({ length: count }, (_, i) => ({
        id: `tp-${i}`,
        kind: 'talking_point',
        title: i % 100 === 0 ? `Alliance modernization ${i}` : `Point ${i}`,
        body: 'The alliance stays the linchpin of regional security.',
        classification: 'U',
        status: 'cleared',
      }));
      broad.service['library.import']({ text: JSON.stringify({ format: 'briefbook/v1', items, books: [] }) });
      const hits = broad.service['search.query']({ q: 'all', limit: 30 });
      expect(hits).toHaveLength(30);
      const titled = Math.ceil(count / 100);
      // every title match first, newest first; then body matches, newest first
      expect(hits.slice(0, titled).map((h) => h.id)).toEqual(
        Array.from({ length: titled }, (_, k) => `tp-${(titled - 1 - k) * 100}`),
      );
      expect(hits[titled].id).toBe(`tp-${count - 1}`);
      expect(hits[0].snippet.some((s) => s.hit && /^all/i.test(s.text))).toBe(true);
      // a narrow query is ranked again
      expect(broad.service['search.query']({ q: 'modernization' }).map((h) => h.id)).toHaveLength(titled);
    } finally {
      broad.dispose();
    }
  });
});
