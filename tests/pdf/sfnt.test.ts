/**
 * sfnt.ts reads cmap, hmtx and GPOS kerning straight from the bytes; fontkit reads the same
 * tables through its decoder. For every bundled font the two must agree exactly: on every
 * character the font maps (and some it does not), on every glyph's advance, and on the kerning
 * of the pairs a book meets.
 */
import { create, type Font } from 'fontkit';
import { describe, expect, it } from 'vitest';
import { loadFontFiles } from '../../electron/cli/fonts';
import { fontBytes } from '../../src/pdf/fonts';
import { Kerning, type KerningSource } from '../../src/pdf/kerning';
import { advances, charMap, gposKerning, postScriptName, sfntTables } from '../../src/pdf/sfnt';

const files = loadFontFiles();
const fonts: [string, Uint8Array][] = [
  ['regular', files.regular],
  ['bold', files.bold],
  ...files.fallbacks.map((source, i): [string, Uint8Array] => [`fallback ${i + 1}`, fontBytes(source)]),
];

describe.each(fonts)('the %s font read directly', (_label, bytes) => {
  const font = create(bytes as Buffer) as Font;
  const sfnt = sfntTables(bytes)!;

  it('maps every character as fontkit does', () => {
    const map = charMap(sfnt)!;
    expect(map).toBeDefined();
    const mismatches: string[] = [];
    const points = [...font.characterSet, 0x0, 0x7f, 0xd7a4, 0xe000, 0xfffe, 0x10ffff, 0x1f600];
    for (const cp of points) {
      const expected = font.hasGlyphForCodePoint(cp) ? font.glyphForCodePoint(cp).id : 0;
      if (map(cp) !== expected) mismatches.push(`U+${cp.toString(16)}: ${map(cp)} ≠ ${expected}`);
    }
    expect(points.length).toBeGreaterThan(1000);
    expect(mismatches.slice(0, 10)).toEqual([]);
  });

  it('reads the PostScript name fontkit reads', () => {
    expect(postScriptName(sfnt)).toBe(font.postscriptName);
    expect(postScriptName(sfnt)).toMatch(/^[A-Za-z]/);
  });

  it('gives every glyph the advance fontkit gives it', () => {
    const advance = advances(sfnt, font.numGlyphs)!;
    const mismatches: string[] = [];
    // every glyph of the Latin fonts; a stride through the large CJK ones
    const step = font.numGlyphs > 20000 ? 7 : 1;
    for (let gid = 0; gid < font.numGlyphs; gid += step) {
      const expected = font.getGlyph(gid).advanceWidth;
      if (advance(gid) !== expected) mismatches.push(`glyph ${gid}: ${advance(gid)} ≠ ${expected}`);
    }
    expect(mismatches.slice(0, 10)).toEqual([]);
  });

  it('kerns every pair of Latin, Hangul and punctuation glyphs as fontkit’s tables do', () => {
    const direct = gposKerning(sfnt);
    const fromFontkit = new Kerning(font as unknown as KerningSource);
    const fromBytes = new Kerning({ numGlyphs: font.numGlyphs, GPOS: direct, kern: (font as unknown as KerningSource).kern });
    const text = 'AVATAR Wo To Ty Yo LT “Yes,” f) (j 11 7. P. r, y. 가나다라 한국 “대통령” 習近平 ありがとう';
    const glyphs = [...new Set([...text].map((ch) => (font.hasGlyphForCodePoint(ch.codePointAt(0)!) ? font.glyphForCodePoint(ch.codePointAt(0)!).id : 0)))];
    let kerned = 0;
    const mismatches: string[] = [];
    for (const left of glyphs) {
      for (const right of glyphs) {
        const expected = fromFontkit.adjust(left, right);
        if (expected !== 0) kerned += 1;
        if (fromBytes.adjust(left, right) !== expected) mismatches.push(`${left}/${right}: ${fromBytes.adjust(left, right)} ≠ ${expected}`);
      }
    }
    expect(mismatches.slice(0, 10)).toEqual([]);
    // the Latin fonts kern (AV, To, Ty...): the comparison is not of zeros only
    if (_label === 'regular' || _label === 'bold') expect(kerned).toBeGreaterThan(10);
  });
});

describe('sfntTables', () => {
  it('refuses what is not a single font file', () => {
    expect(sfntTables(new Uint8Array(4))).toBeUndefined();
    expect(sfntTables(new TextEncoder().encode('ttcf and then some bytes'))).toBeUndefined();
  });
});
