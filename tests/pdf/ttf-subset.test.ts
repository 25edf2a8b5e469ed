/**
 * ttf-subset.ts writes TrueType subsets from the file's tables; fontkit's subset, which it
 * replaced, is the reference: for every bundled font the two must hold the same glyphs under the
 * same numbers and the same tables, and the file must be well formed (aligned, checksummed).
 */
import { create, type Font } from 'fontkit';
import { describe, expect, it } from 'vitest';
import { loadFontFiles } from '../../electron/cli/fonts';
import { fontBytes } from '../../src/pdf/fonts';
import { sfntTables, type SfntTables } from '../../src/pdf/sfnt';
import { TtfSubset, ttfSubsettable } from '../../src/pdf/ttf-subset';

const files = loadFontFiles();
const FONTS: [string, Uint8Array][] = [
  ['regular', files.regular],
  ['bold', files.bold],
  ...files.fallbacks.map((source, i): [string, Uint8Array] => [`fallback ${i + 1}`, fontBytes(source)]),
];

/** fontkit's subset, the writer this one replaced: the reference for every table's contents. */
interface FontkitSubset {
  includeGlyph(gid: number): number;
  encode(): Uint8Array;
}

function tablesOf(bytes: Uint8Array): Map<string, Uint8Array> {
  const sfnt = sfntTables(bytes) as SfntTables;
  return new Map([...sfnt.tables].map(([tag, [offset, length]]) => [tag, bytes.subarray(offset, offset + length)]));
}

/** Glyph ids spread over the font, with some it draws for text: deterministic. */
function someGlyphs(font: Font, seed: number, count: number): number[] {
  const gids = [...'Briefing (Seoul) — 대한민국 éàß 安保 “quoted” 2025.'].map((ch) => font.glyphForCodePoint(ch.codePointAt(0)!).id);
  let state = seed;
  for (let i = 0; i < count; i += 1) {
    state = (state * 1103515245 + 12345) % 2147483648;
    gids.push(state % font.numGlyphs);
  }
  return gids;
}

/** A composite glyph of the font (its outline made of other glyphs), if it has one. */
function compositeGlyph(bytes: Uint8Array, font: Font): number | undefined {
  const sfnt = sfntTables(bytes) as SfntTables;
  const [locaAt] = sfnt.tables.get('loca')!;
  const [glyfAt] = sfnt.tables.get('glyf')!;
  const long = sfnt.view.getInt16(sfnt.tables.get('head')![0] + 50) === 1;
  const offset = (gid: number) => (long ? sfnt.view.getUint32(locaAt + gid * 4) : sfnt.view.getUint16(locaAt + gid * 2) * 2);
  for (let gid = 1; gid < font.numGlyphs; gid += 1) if (offset(gid + 1) > offset(gid) && sfnt.view.getInt16(glyfAt + offset(gid)) < 0) return gid;
  return undefined;
}

describe('TrueType subsets', () => {
  for (const [name, bytes] of FONTS) {
    it(`copies the glyphs of the ${name} font as fontkit's subset did, table by table, in a well-formed file`, () => {
      const font = create(Buffer.from(bytes)) as Font;
      const sfnt = sfntTables(bytes)!;
      expect(ttfSubsettable(sfnt)).toBe(true);
      const composite = compositeGlyph(bytes, font);
      const gids = [...someGlyphs(font, bytes.length, 300), ...(composite === undefined ? [] : [composite])];
      const ours = new TtfSubset(sfnt);
      const theirs = font.createSubset() as unknown as FontkitSubset;
      for (const gid of gids) expect(ours.includeGlyph(gid), `glyph ${gid}`).toBe(theirs.includeGlyph(gid));
      const mine = ours.encode();
      const reference = tablesOf(theirs.encode());
      const written = tablesOf(mine);
      expect([...written.keys()].sort()).toEqual([...reference.keys()].sort());
      for (const [tag, table] of reference) {
        const got = written.get(tag)!;
        if (tag === 'head') {
          // the same but for checkSumAdjustment, which fontkit copied from the whole font
          expect(Buffer.from(got.subarray(0, 8)).equals(Buffer.from(table.subarray(0, 8)))).toBe(true);
          expect(Buffer.from(got.subarray(12)).equals(Buffer.from(table.subarray(12)))).toBe(true);
        } else {
          expect(Buffer.from(got).equals(Buffer.from(table)), tag).toBe(true);
        }
      }
      // every table on a 4-byte boundary, its checksum right, and the whole file summing to the magic number
      const view = new DataView(mine.buffer, mine.byteOffset, mine.byteLength);
      const sum = (from: number, length: number) => {
        let total = 0;
        for (let at = from; at < from + length; at += 4) total = (total + (at + 4 <= mine.length ? view.getUint32(at) : 0)) >>> 0;
        return total;
      };
      const count = view.getUint16(4);
      for (let i = 0; i < count; i += 1) {
        const entry = 12 + i * 16;
        const tag = String.fromCharCode(...mine.subarray(entry, entry + 4));
        const offset = view.getUint32(entry + 8);
        expect(offset % 4, tag).toBe(0);
        const table = mine.slice(offset, offset + view.getUint32(entry + 12));
        if (tag === 'head') new DataView(table.buffer).setUint32(8, 0);
        const padded = new Uint8Array((table.length + 3) & ~3);
        padded.set(table);
        const words = new DataView(padded.buffer);
        let expected = 0;
        for (let at = 0; at < padded.length; at += 4) expected = (expected + words.getUint32(at)) >>> 0;
        expect(view.getUint32(entry + 4), tag).toBe(expected);
      }
      expect(sum(0, mine.length)).toBe(0xb1b0afba);
      // and fontkit reads it back: the glyphs' advances and a composite's parts
      const back = create(Buffer.from(mine)) as Font;
      expect(back.numGlyphs).toBe(reference.get('maxp')![4] * 256 + reference.get('maxp')![5]);
      gids.slice(0, 40).forEach((gid) => expect(back.getGlyph(ours.includeGlyph(gid)).advanceWidth).toBe(font.getGlyph(gid).advanceWidth));
      if (composite !== undefined) expect(back.getGlyph(ours.includeGlyph(composite)).path.commands.length).toBe(font.getGlyph(composite).path.commands.length);
    });
  }

  it('takes a composite glyph’s parts into the subset, after the glyphs asked for', () => {
    const bytes = files.regular;
    const font = create(Buffer.from(bytes)) as Font;
    const composite = compositeGlyph(bytes, font);
    expect(composite).toBeDefined();
    const subset = new TtfSubset(sfntTables(bytes)!);
    expect(subset.includeGlyph(composite!)).toBe(1);
    const back = create(Buffer.from(subset.encode())) as Font;
    // .notdef, the composite, then each part it names
    expect(back.numGlyphs).toBeGreaterThan(2);
    expect(back.getGlyph(1).path.bbox.width).toBeCloseTo(font.getGlyph(composite!).path.bbox.width, 5);
  });

  it('leaves a font it cannot subset to the caller', () => {
    const sfnt = sfntTables(files.regular)!;
    const without = { view: sfnt.view, tables: new Map([...sfnt.tables].filter(([tag]) => tag !== 'glyf')) };
    expect(ttfSubsettable(without)).toBe(false);
    const variable = { view: sfnt.view, tables: new Map([...sfnt.tables, ['gvar', [0, 0] as [number, number]]]) };
    expect(ttfSubsettable(variable)).toBe(false);
  });
});
