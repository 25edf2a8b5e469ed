import { describe, expect, it } from 'vitest';
import { decodeUtf8, firstInvalidUtf8 } from './utf8';

const bytes = (...values: number[]) => new Uint8Array(values);

describe('strict UTF-8', () => {
  it('decodes well-formed text, Korean and emoji included', () => {
    expect(decodeUtf8(new TextEncoder().encode('한미 동맹 🇰🇷'))).toEqual({ ok: true, text: '한미 동맹 🇰🇷' });
  });

  it.each([
    ['a stray byte FF', [0x61, 0xff, 0x62], 1],
    ['a lone continuation byte', [0x61, 0x62, 0x80], 2],
    ['an overlong slash (C0 AF)', [0xc0, 0xaf], 0],
    ['an overlong three-byte form', [0x61, 0xe0, 0x80, 0x80], 1],
    ['an encoded surrogate (ED A0 80)', [0x72, 0x6c, 0xed, 0xa0, 0x80], 2],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0],
    ['a sequence cut short at the end', [0x61, 0xe2, 0x82], 1],
    ['a sequence cut short by ASCII', [0xc3, 0x41], 0],
  ])('names the offset of %s', (_what, input, offset) => {
    expect(firstInvalidUtf8(bytes(...input))).toBe(offset);
    const decoded = decodeUtf8(bytes(...input));
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) expect(decoded.message).toMatch(new RegExp(`^not valid UTF-8 at byte offset ${offset} \\(bytes [0-9A-F ]+\\)$`));
  });

  it('agrees with the platform decoder on every two-byte sequence', () => {
    const fatal = new TextDecoder('utf-8', { fatal: true });
    for (let a = 0; a < 256; a += 1) {
      for (let b = 0; b < 256; b += 1) {
        let valid = true;
        try {
          fatal.decode(bytes(a, b));
        } catch {
          valid = false;
        }
        expect(firstInvalidUtf8(bytes(a, b)) === -1, `${a.toString(16)} ${b.toString(16)}`).toBe(valid);
      }
    }
  });
});
