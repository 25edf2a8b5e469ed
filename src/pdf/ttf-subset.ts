/**
 * A subset of a TrueType font (glyph outlines in `glyf`) as a PDF embeds it (FontFile2 of a
 * CIDFontType2 with CIDToGIDMap /Identity): the glyphs asked for, renumbered in the order they
 * were first asked (0, .notdef, first), then the components of composite glyphs. The file holds
 * the tables ISO 32000 9.9 asks of an embedded TrueType font: head, hhea, loca, maxp, cvt, prep,
 * glyf, hmtx, fpgm (those the font has), each 4-byte aligned with its checksum, and head's
 * checkSumAdjustment set, so the subset is a well-formed font file of its own.
 *
 * The same glyphs, numbers and table contents as fontkit's subset (which walked every point of
 * every glyph it copied: 12 to 15 ms of a cold export for some 250 glyphs); only the directory
 * differs (sfnt version 0x00010000, checksums and alignment where fontkit wrote 'true', zeros and
 * none). tests/pdf/ttf-subset.test.ts compares the two, table by table. A font with CFF outlines
 * or glyph variations is not for this writer ({@link ttfSubsettable}): the caller keeps fontkit's.
 *
 * Layouts: the OpenType specification 1.9 (table directory, head, hhea, hmtx, maxp, loca, glyf).
 */
import { concatBytes } from './pdf-file';
import type { SfntTables } from './sfnt';

/** Composite glyph flags (glyf): how many bytes follow a component's glyph index. */
const ARG_1_AND_2_ARE_WORDS = 0x0001;
const WE_HAVE_A_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
const WE_HAVE_A_TWO_BY_TWO = 0x0080;

/** The tables a subset copies, in the order they are written (fontkit's). */
const TABLE_ORDER = ['head', 'hhea', 'loca', 'maxp', 'cvt ', 'prep', 'glyf', 'hmtx', 'fpgm'] as const;

/** Whether this writer can subset the font: TrueType outlines, no glyph variations, the tables it reads intact. */
export function ttfSubsettable(sfnt: SfntTables): boolean {
  const { tables, view } = sfnt;
  for (const tag of ['head', 'hhea', 'hmtx', 'maxp', 'loca', 'glyf']) if (!tables.has(tag)) return false;
  if (tables.has('fvar') || tables.has('gvar') || tables.has('CFF ') || tables.has('CFF2')) return false;
  const [head, headLength] = tables.get('head')!;
  const [hhea, hheaLength] = tables.get('hhea')!;
  const [, maxpLength] = tables.get('maxp')!;
  if (headLength < 54 || hheaLength < 36 || maxpLength < 6) return false;
  const format = view.getInt16(head + 50);
  const numGlyphs = view.getUint16(tables.get('maxp')![0] + 4);
  const [, locaLength] = tables.get('loca')!;
  const [, hmtxLength] = tables.get('hmtx')!;
  const metrics = view.getUint16(hhea + 34);
  return (format === 0 || format === 1) && locaLength >= (numGlyphs + 1) * (format === 0 ? 2 : 4) && metrics >= 1 && hmtxLength >= metrics * 4 + (numGlyphs - metrics) * 2;
}

export class TtfSubset {
  /** original glyph ids by new id */
  private readonly glyphs: number[] = [];
  private readonly mapping = new Map<number, number>();
  private readonly view: DataView;
  private readonly bytes: Uint8Array;

  constructor(private readonly sfnt: SfntTables) {
    this.view = sfnt.view;
    this.bytes = new Uint8Array(sfnt.view.buffer, sfnt.view.byteOffset, sfnt.view.byteLength);
    this.includeGlyph(0);
  }

  /** The glyph's id in the subset, including it on first use. */
  includeGlyph(gid: number): number {
    let id = this.mapping.get(gid);
    if (id === undefined) {
      id = this.glyphs.length;
      this.glyphs.push(gid);
      this.mapping.set(gid, id);
    }
    return id;
  }

  private table(tag: string): Uint8Array | undefined {
    const entry = this.sfnt.tables.get(tag);
    return entry === undefined ? undefined : this.bytes.subarray(entry[0], entry[0] + entry[1]);
  }

  /** The subset font file. */
  encode(): Uint8Array {
    const { view } = this;
    const [headAt] = this.sfnt.tables.get('head')!;
    const [hheaAt] = this.sfnt.tables.get('hhea')!;
    const [locaAt] = this.sfnt.tables.get('loca')!;
    const [glyfAt] = this.sfnt.tables.get('glyf')!;
    const [hmtxAt] = this.sfnt.tables.get('hmtx')!;
    const longOffsets = view.getInt16(headAt + 50) === 1;
    const metricsCount = view.getUint16(hheaAt + 34);
    const offsetOf = (gid: number) => (longOffsets ? view.getUint32(locaAt + gid * 4) : view.getUint16(locaAt + gid * 2) * 2);

    // the glyphs' outlines, components included as they are met (the list grows as it is read)
    const outlines: Uint8Array[] = [];
    for (let i = 0; i < this.glyphs.length; i += 1) {
      const gid = this.glyphs[i];
      const start = offsetOf(gid);
      let outline = this.bytes.subarray(glyfAt + start, glyfAt + offsetOf(gid + 1));
      if (outline.length >= 10 && view.getInt16(glyfAt + start) < 0) {
        outline = outline.slice();
        const glyph = new DataView(outline.buffer);
        let at = 10;
        for (;;) {
          const flags = glyph.getUint16(at);
          glyph.setUint16(at + 2, this.includeGlyph(glyph.getUint16(at + 2)));
          at += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
          if (flags & WE_HAVE_A_SCALE) at += 2;
          else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) at += 4;
          else if (flags & WE_HAVE_A_TWO_BY_TWO) at += 8;
          if (!(flags & MORE_COMPONENTS)) break;
        }
      }
      outlines.push(outline);
    }
    const count = outlines.length;

    let glyfLength = 0;
    for (const outline of outlines) glyfLength += outline.length;
    const glyf = concatBytes(outlines, glyfLength);
    const loca = new Uint8Array((count + 1) * (longOffsets ? 4 : 2));
    const locaView = new DataView(loca.buffer);
    let offset = 0;
    for (let i = 0; i <= count; i += 1) {
      if (longOffsets) locaView.setUint32(i * 4, offset);
      else locaView.setUint16(i * 2, offset >>> 1);
      if (i < count) offset += outlines[i].length;
    }
    // every glyph with its own advance and left side bearing (as the font has them: a glyph past
    // the font's last long metric takes that metric's advance)
    const hmtx = new Uint8Array(count * 4);
    const hmtxView = new DataView(hmtx.buffer);
    for (let i = 0; i < count; i += 1) {
      const gid = this.glyphs[i];
      const advance = view.getUint16(hmtxAt + Math.min(gid, metricsCount - 1) * 4);
      const bearing = gid < metricsCount ? view.getInt16(hmtxAt + gid * 4 + 2) : view.getInt16(hmtxAt + metricsCount * 4 + (gid - metricsCount) * 2);
      hmtxView.setUint16(i * 4, advance);
      hmtxView.setInt16(i * 4 + 2, bearing);
    }
    const head = this.table('head')!.slice(0, 54);
    const hhea = this.table('hhea')!.slice(0, 36);
    new DataView(hhea.buffer).setUint16(34, count);
    const maxpSource = this.table('maxp')!;
    const maxp = maxpSource.slice(0, view.getUint32(this.sfnt.tables.get('maxp')![0]) === 0x00005000 ? 6 : Math.min(32, maxpSource.length));
    new DataView(maxp.buffer).setUint16(4, count);
    const made: Record<string, Uint8Array | undefined> = { head, hhea, loca, maxp, glyf, hmtx };
    const tables: [string, Uint8Array][] = [];
    for (const tag of TABLE_ORDER) {
      const data = made[tag] ?? this.table(tag);
      if (data !== undefined) tables.push([tag, data]);
    }
    return fontFile(tables);
  }
}

/** The sum of the big-endian 32-bit words from a 4-byte boundary (the file pads every table with zeros to a whole word). */
function checksum(view: DataView, from: number, length: number): number {
  let sum = 0;
  const end = from + ((length + 3) & ~3);
  for (let at = from; at < end; at += 4) sum = (sum + view.getUint32(at)) >>> 0;
  return sum;
}

/** The font file of these tables: the directory, then each table at a 4-byte boundary; checksums and head's adjustment set. */
function fontFile(tables: readonly [string, Uint8Array][]): Uint8Array {
  const count = tables.length;
  const directory = 12 + count * 16;
  let size = directory;
  for (const [, data] of tables) size += (data.length + 3) & ~3;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  const power = 2 ** Math.floor(Math.log2(count));
  view.setUint32(0, 0x00010000);
  view.setUint16(4, count);
  view.setUint16(6, power * 16);
  view.setUint16(8, Math.log2(power));
  view.setUint16(10, count * 16 - power * 16);
  // the directory's entries in tag order (the specification's binary search), the tables in the order given
  const entries: { tag: string; offset: number; length: number }[] = [];
  let at = directory;
  let headAt = -1;
  for (const [tag, data] of tables) {
    out.set(data, at);
    if (tag === 'head') {
      headAt = at;
      view.setUint32(at + 8, 0);
    }
    entries.push({ tag, offset: at, length: data.length });
    at += (data.length + 3) & ~3;
  }
  entries.sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
  entries.forEach(({ tag, offset, length }, i) => {
    const entry = 12 + i * 16;
    for (let k = 0; k < 4; k += 1) out[entry + k] = tag.charCodeAt(k);
    view.setUint32(entry + 4, checksum(view, offset, length));
    view.setUint32(entry + 8, offset);
    view.setUint32(entry + 12, length);
  });
  if (headAt >= 0) view.setUint32(headAt + 8, (0xb1b0afba - checksum(view, 0, size)) >>> 0);
  return out;
}
