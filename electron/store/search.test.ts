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
