import { describe, expect, it } from 'vitest';
import { badCharacter, jsonPath, MAX_JSON_DEPTH, scanJson, shorten } from './exchange-scan';

describe('scanJson', () => {
  it('passes well-formed JSON, surrogate pairs and bytes included', () => {
    expect(scanJson({ a: ['한국어', '🇰🇷', { b: null, c: 1 }], bytes: new Uint8Array(1_000_000) })).toEqual({ problems: [], tooDeep: false });
  });

  it('names lone surrogates and non-characters in values and keys, in document order', () => {
    const { problems } = scanJson({ items: [{ id: 'rl-sma\ud800', title: 'ok' }], ['k\udc00']: 'x', body: 'a\ufffeb' });
    expect(problems).toEqual([
      { path: '$.items[0].id', message: 'a lone surrogate (U+D800) at character 7: text must be valid Unicode' },
      { path: '$["k\\udc00"]', message: 'key: a lone surrogate (U+DC00) at character 2: text must be valid Unicode' },
      { path: '$.body', message: 'the non-character U+FFFE at character 2: text must be valid Unicode' },
    ]);
  });

  it('refuses "__proto__" keys as JSON.parse makes them (own properties)', () => {
    const parsed = JSON.parse('{"translations":{"__proto__":{"title":"x"}}}') as unknown;
    expect(scanJson(parsed).problems).toEqual([{ path: '$.translations.__proto__', message: expect.stringMatching(/^the key "__proto__" is not allowed/) }]);
  });

  it('stops at the depth bound without recursing, however deep', () => {
    const parsed = JSON.parse(`{"x":${'['.repeat(100_000)}${']'.repeat(100_000)}}`) as unknown;
    const { problems, tooDeep } = scanJson(parsed);
    expect(tooDeep).toBe(true);
    expect(problems).toHaveLength(1);
    expect(problems[0].path).toBe(`$.x${'[0]'.repeat(MAX_JSON_DEPTH - 1)}`);
  });

  it('cuts echoed values and keys to 80 characters', () => {
    expect(shorten('x'.repeat(81))).toBe(`${'x'.repeat(80)}…`);
    expect(shorten('한'.repeat(80))).toBe('한'.repeat(80));
    expect(jsonPath(['items', 0, 'y'.repeat(1_000_000)])).toBe(`$.items[0].${'y'.repeat(80)}…`);
    expect(badCharacter('fine')).toBeNull();
  });
});
