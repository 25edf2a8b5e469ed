/**
 * The font tables measuring and embedding read most, straight from a TrueType/OpenType file's
 * bytes: `cmap` (character → glyph), `hmtx` (each glyph's advance), GPOS's pair kerning (in the
 * shapes `kerning.ts` reads) and the PostScript name. fontkit still parses the file, and writes
 * the subsets of fonts that are not plain TrueType (ttf-subset.ts writes the others); measuring
 * went through its generic decoder, which built objects for every record it touched and was,
 * with the compiler's work on it, about a tenth of a cold export (docs/pdf.md, "Where the time
 * goes"). Here a lookup is a few reads of a DataView.
 *
 * Offsets and layouts: the OpenType specification 1.9 (cmap formats 4 and 12, hhea/hmtx, GPOS
 * lookup types 2 and 9, Coverage and ClassDef formats 1 and 2, ValueRecord, name). A table this module
 * does not understand is reported as absent (`undefined`), so the caller falls back to fontkit.
 */
import type { GposTable, PairPosSubtableSource } from './kerning';

export interface SfntTables {
  /** tag → [offset, length] */
  readonly tables: Map<string, [number, number]>;
  readonly view: DataView;
}

/** The table directory of a single font file (not a collection), or undefined. */
export function sfntTables(bytes: Uint8Array): SfntTables | undefined {
  if (bytes.length < 12) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(0);
  // TrueType outlines (0x00010000 or 'true') or CFF ('OTTO'); 'ttcf' collections are not read here
  if (version !== 0x00010000 && version !== 0x74727565 && version !== 0x4f54544f) return undefined;
  const count = view.getUint16(4);
  if (12 + count * 16 > bytes.length) return undefined;
  const tables = new Map<string, [number, number]>();
  for (let i = 0; i < count; i += 1) {
    const at = 12 + i * 16;
    const tag = String.fromCharCode(bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]);
    const offset = view.getUint32(at + 8);
    const length = view.getUint32(at + 12);
    if (offset + length > bytes.length) return undefined;
    tables.set(tag, [offset, length]);
  }
  return { tables, view };
}

// ---------------------------------------------------------------------------------------------
// cmap

/** A character → glyph map: 0 for a character the font does not have. */
export type CharMap = (codePoint: number) => number;

/** Unicode cmap subtables by preference (platform, encoding): fontkit's order, so both pick the same. */
const CMAP_PREFERENCE: readonly [number, number][] = [
  [3, 10],
  [0, 6],
  [0, 4],
  [3, 1],
  [0, 3],
  [0, 2],
  [0, 1],
  [0, 0],
];

/**
 * The font's Unicode cmap, the subtable fontkit would choose; undefined when that subtable is in
 * a format other than 4 or 12 (the caller then asks fontkit).
 */
export function charMap(sfnt: SfntTables): CharMap | undefined {
  const table = sfnt.tables.get('cmap');
  if (table === undefined) return undefined;
  const { view } = sfnt;
  const base = table[0];
  const count = view.getUint16(base + 2);
  const offsets = new Map<string, number>();
  for (let i = 0; i < count; i += 1) {
    const at = base + 4 + i * 8;
    const key = `${view.getUint16(at)}/${view.getUint16(at + 2)}`;
    if (!offsets.has(key)) offsets.set(key, base + view.getUint32(at + 4));
  }
  for (const [platform, encoding] of CMAP_PREFERENCE) {
    const offset = offsets.get(`${platform}/${encoding}`);
    if (offset === undefined) continue;
    const format = view.getUint16(offset);
    if (format === 12) return format12(view, offset);
    if (format === 4) return format4(view, offset);
    return undefined;
  }
  return undefined;
}

function format12(view: DataView, at: number): CharMap {
  const groups = view.getUint32(at + 12);
  const first = at + 16;
  return (cp) => {
    let lo = 0;
    let hi = groups - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const g = first + mid * 12;
      const start = view.getUint32(g);
      if (cp < start) hi = mid - 1;
      else if (cp > view.getUint32(g + 4)) lo = mid + 1;
      else return view.getUint32(g + 8) + cp - start;
    }
    return 0;
  };
}

function format4(view: DataView, at: number): CharMap {
  const segments = view.getUint16(at + 6) >> 1;
  const ends = at + 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const rangeOffsets = deltas + segments * 2;
  return (cp) => {
    if (cp > 0xffff) return 0;
    let lo = 0;
    let hi = segments - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (cp > view.getUint16(ends + mid * 2)) lo = mid + 1;
      else hi = mid - 1;
    }
    if (lo >= segments) return 0;
    const start = view.getUint16(starts + lo * 2);
    if (cp < start) return 0;
    const delta = view.getUint16(deltas + lo * 2);
    const rangeOffset = view.getUint16(rangeOffsets + lo * 2);
    if (rangeOffset === 0) return (cp + delta) & 0xffff;
    const glyph = view.getUint16(rangeOffsets + lo * 2 + rangeOffset + (cp - start) * 2);
    return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
  };
}

// ---------------------------------------------------------------------------------------------
// name

/**
 * The font's PostScript name (name ID 6) in English, as fontkit gives it: the last such record
 * of the Windows platform in US English or the Macintosh platform in English (Windows records
 * come after Macintosh ones, so Windows wins where both are). Undefined when there is none or it
 * is not plain ASCII (the caller then asks fontkit).
 */
export function postScriptName(sfnt: SfntTables): string | undefined {
  const table = sfnt.tables.get('name');
  if (table === undefined) return undefined;
  const { view } = sfnt;
  const [base, length] = table;
  const count = view.getUint16(base + 2);
  const strings = base + view.getUint16(base + 4);
  if (6 + count * 12 > length) return undefined;
  let found: string | undefined;
  for (let i = 0; i < count; i += 1) {
    const at = base + 6 + i * 12;
    const platform = view.getUint16(at);
    const language = view.getUint16(at + 4);
    if (view.getUint16(at + 6) !== 6) continue;
    const windows = platform === 3 && language === 0x409;
    if (!windows && !(platform === 1 && language === 0)) continue;
    const size = view.getUint16(at + 8);
    const from = strings + view.getUint16(at + 10);
    if (from + size > base + length) return undefined;
    let name = '';
    for (let k = 0; k < size; k += windows ? 2 : 1) {
      const code = windows ? view.getUint16(from + k) : view.getUint8(from + k);
      if (code < 0x21 || code > 0x7e) return undefined;
      name += String.fromCharCode(code);
    }
    found = name;
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// hmtx

/** Each glyph's advance in font units (the last long metric repeats for the glyphs after it). */
export function advances(sfnt: SfntTables, numGlyphs: number): ((gid: number) => number) | undefined {
  const hhea = sfnt.tables.get('hhea');
  const hmtx = sfnt.tables.get('hmtx');
  if (hhea === undefined || hmtx === undefined) return undefined;
  const { view } = sfnt;
  const metrics = view.getUint16(hhea[0] + 34);
  if (metrics === 0 || metrics * 4 > hmtx[1]) return undefined;
  const base = hmtx[0];
  return (gid) => (gid < 0 || gid >= numGlyphs ? 0 : view.getUint16(base + Math.min(gid, metrics - 1) * 4));
}

// ---------------------------------------------------------------------------------------------
// GPOS pair kerning

function coverageAt(view: DataView, at: number): PairPosSubtableSource['coverage'] {
  const format = view.getUint16(at);
  const count = view.getUint16(at + 2);
  if (format === 1) {
    const glyphs: number[] = [];
    for (let i = 0; i < count; i += 1) glyphs.push(view.getUint16(at + 4 + i * 2));
    return { version: 1, glyphs };
  }
  const rangeRecords: { start: number; end: number; startCoverageIndex: number }[] = [];
  for (let i = 0; i < count; i += 1) {
    const r = at + 4 + i * 6;
    rangeRecords.push({ start: view.getUint16(r), end: view.getUint16(r + 2), startCoverageIndex: view.getUint16(r + 4) });
  }
  return { version: 2, rangeRecords };
}

function classDefAt(view: DataView, at: number): NonNullable<PairPosSubtableSource['classDef1']> {
  const format = view.getUint16(at);
  if (format === 1) {
    const startGlyph = view.getUint16(at + 2);
    const count = view.getUint16(at + 4);
    const classValueArray: number[] = [];
    for (let i = 0; i < count; i += 1) classValueArray.push(view.getUint16(at + 6 + i * 2));
    return { version: 1, startGlyph, classValueArray };
  }
  const count = view.getUint16(at + 2);
  const classRangeRecord: { start: number; end: number; class: number }[] = [];
  for (let i = 0; i < count; i += 1) {
    const r = at + 4 + i * 6;
    classRangeRecord.push({ start: view.getUint16(r), end: view.getUint16(r + 2), class: view.getUint16(r + 4) });
  }
  return { version: 2, classRangeRecord };
}

/** Bytes of a ValueRecord of this format, and where its XAdvance is in it (-1: absent). */
function valueLayout(format: number): { size: number; xAdvance: number } {
  let size = 0;
  for (let bit = format & 0xff; bit !== 0; bit >>= 1) size += (bit & 1) * 2;
  const xAdvance = (format & 0x4) === 0 ? -1 : ((format & 1) + ((format >> 1) & 1)) * 2;
  return { size, xAdvance };
}

/** A pair adjustment subtable (lookup type 2) at `at`, its records read on demand. */
function pairPosAt(view: DataView, at: number): PairPosSubtableSource | undefined {
  const format = view.getUint16(at);
  const coverage = coverageAt(view, at + view.getUint16(at + 2));
  const first = valueLayout(view.getUint16(at + 4));
  const second = valueLayout(view.getUint16(at + 6));
  const xAdvance = (record: number) => (first.xAdvance < 0 ? undefined : { xAdvance: view.getInt16(record + first.xAdvance) });
  if (format === 1) {
    const sets = view.getUint16(at + 8);
    const recordSize = 2 + first.size + second.size;
    return {
      version: 1,
      coverage,
      pairSets: {
        length: sets,
        get: (index) => {
          const set = at + view.getUint16(at + 10 + index * 2);
          const count = view.getUint16(set);
          return {
            length: count,
            get: (i) => {
              const record = set + 2 + i * recordSize;
              return { secondGlyph: view.getUint16(record), value1: xAdvance(record + 2) };
            },
          };
        },
      },
    };
  }
  if (format === 2) {
    const class1Count = view.getUint16(at + 12);
    const class2Count = view.getUint16(at + 14);
    const recordSize = first.size + second.size;
    const records = at + 16;
    return {
      version: 2,
      coverage,
      classDef1: classDefAt(view, at + view.getUint16(at + 8)),
      classDef2: classDefAt(view, at + view.getUint16(at + 10)),
      classRecords: {
        length: class1Count,
        get: (c1) => ({
          length: class2Count,
          get: (c2) => ({ value1: xAdvance(records + (c1 * class2Count + c2) * recordSize) }),
        }),
      },
    };
  }
  return undefined;
}

/**
 * The GPOS table's features and pair adjustment lookups in the shape kerning.ts reads (lookups of
 * other types are listed with no subtables: kerning never reads them).
 */
export function gposKerning(sfnt: SfntTables): GposTable | undefined {
  const table = sfnt.tables.get('GPOS');
  if (table === undefined) return undefined;
  const { view } = sfnt;
  const base = table[0];
  const featureList = base + view.getUint16(base + 6);
  const lookupList = base + view.getUint16(base + 8);
  const features: GposTable['featureList'] = [];
  const featureCount = view.getUint16(featureList);
  for (let i = 0; i < featureCount; i += 1) {
    const record = featureList + 2 + i * 6;
    const tag = String.fromCharCode(view.getUint8(record), view.getUint8(record + 1), view.getUint8(record + 2), view.getUint8(record + 3));
    const feature = featureList + view.getUint16(record + 4);
    const indexes: number[] = [];
    const count = view.getUint16(feature + 2);
    for (let k = 0; k < count; k += 1) indexes.push(view.getUint16(feature + 4 + k * 2));
    features.push({ tag, feature: { lookupListIndexes: indexes } });
  }
  const lookupCount = view.getUint16(lookupList);
  const lookups = new Map<number, GposTable['lookupList'][number]>();
  return {
    featureList: features,
    lookupList: {
      length: lookupCount,
      // read on demand: only the kern feature's lookups are ever asked for
      get: (index) => {
        let lookup = lookups.get(index);
        if (lookup === undefined) {
          const at = lookupList + view.getUint16(lookupList + 2 + index * 2);
          const lookupType = view.getUint16(at);
          const subTables: PairPosSubtableSource[] = [];
          const count = view.getUint16(at + 4);
          for (let k = 0; k < count; k += 1) {
            const sub = at + view.getUint16(at + 6 + k * 2);
            if (lookupType === 2) {
              const pair = pairPosAt(view, sub);
              if (pair !== undefined) subTables.push(pair);
            } else if (lookupType === 9 && view.getUint16(sub + 2) === 2) {
              // an extension: the real subtable is a 32-bit offset away
              const pair = pairPosAt(view, sub + view.getUint32(sub + 4));
              if (pair !== undefined) subTables.push({ ...pair, lookupType: 2, extension: pair });
            }
          }
          lookup = { lookupType, subTables };
          lookups.set(index, lookup);
        }
        return lookup;
      },
    },
  };
}
