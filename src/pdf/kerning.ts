/**
 * Kerning: the adjustments a font's designer set between pairs of glyphs (A and V closer, T and o
 * tucked in), read from the font's own tables, once per font, so that a pair costs a map lookup.
 *
 * Sources, in the order a layout engine applies them: the OpenType GPOS table's `kern` feature
 * (pair adjustment lookups, format 1 glyph pairs and format 2 class pairs, also behind
 * extension lookups) and, when a font has no GPOS kerning, the legacy `kern` table (format 0
 * pairs). Only the first glyph's x-advance adjustment is used: the form every kerning pair of
 * the bundled fonts takes, and the one that needs no per-glyph placement.
 */

/** The parts of fontkit's parsed structures this module reads (fontkit 2 ships no types for them). */
interface Coverage {
  version: number;
  glyphs?: number[];
  rangeRecords?: { start: number; end: number; startCoverageIndex: number }[];
}

interface ClassDef {
  version: number;
  startGlyph?: number;
  classValueArray?: number[];
  classRangeRecord?: { start: number; end: number; class: number }[];
}

interface ValueRecord {
  xAdvance?: number;
}

interface Indexed<T> {
  length: number;
  get?(index: number): T;
  [index: number]: T;
}

interface PairPosSubtable {
  version: number;
  coverage: Coverage;
  pairSets?: Indexed<Indexed<{ secondGlyph: number; value1?: ValueRecord }>>;
  classDef1?: ClassDef;
  classDef2?: ClassDef;
  classRecords?: Indexed<Indexed<{ value1?: ValueRecord }>>;
}

/** A subtable of a pair adjustment lookup as a source gives it (fontkit's objects, or sfnt.ts's readers). */
export type PairPosSubtableSource = GposSubtable;

interface GposSubtable extends PairPosSubtable {
  /** extension lookups (type 9): the real lookup type and subtable */
  lookupType?: number;
  extension?: GposSubtable;
}

interface GposLookup {
  lookupType: number;
  subTables: GposSubtable[];
}

export interface GposTable {
  featureList: { tag: string; feature: { lookupListIndexes: number[] } }[];
  lookupList: Indexed<GposLookup>;
}

export interface KernTable {
  tables: {
    version: number;
    format: number;
    coverage: { horizontal?: boolean; crossStream?: boolean; vertical?: boolean; variation?: boolean; minimum?: boolean };
    subtable: { pairs?: { left: number; right: number; value: number }[] };
  }[];
}

/** What a font offers this module: fontkit's `Font` has these (GPOS and kern parsed on first access). */
export interface KerningSource {
  readonly GPOS?: GposTable | null;
  readonly kern?: KernTable | null;
  readonly numGlyphs: number;
}

function item<T>(list: Indexed<T>, index: number): T | undefined {
  return list.get === undefined ? list[index] : list.get(index);
}

/** The index of a glyph in a coverage table, or -1 (ranges and glyph lists are sorted: binary search). */
export function coverageIndex(coverage: Coverage, glyph: number): number {
  if (coverage.version === 1 && coverage.glyphs !== undefined) {
    const glyphs = coverage.glyphs;
    let lo = 0;
    let hi = glyphs.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (glyphs[mid] === glyph) return mid;
      if (glyphs[mid] < glyph) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
  const range = rangeHolding(coverage.rangeRecords ?? [], glyph);
  return range === undefined ? -1 : range.startCoverageIndex + glyph - range.start;
}

/** The range (sorted, not overlapping) that holds `glyph`, by binary search. */
function rangeHolding<R extends { start: number; end: number }>(ranges: readonly R[], glyph: number): R | undefined {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const range = ranges[mid];
    if (glyph < range.start) hi = mid - 1;
    else if (glyph > range.end) lo = mid + 1;
    else return range;
  }
  return undefined;
}

/** A glyph's class in a class definition table; glyphs it does not list are class 0. */
export function classOf(classDef: ClassDef, glyph: number): number {
  if (classDef.version === 1) {
    const i = glyph - (classDef.startGlyph ?? 0);
    const values = classDef.classValueArray ?? [];
    return i >= 0 && i < values.length ? values[i] : 0;
  }
  return rangeHolding(classDef.classRangeRecord ?? [], glyph)?.class ?? 0;
}

function coveredGlyphs(coverage: Coverage, into: Uint8Array): void {
  if (coverage.version === 1) {
    for (const glyph of coverage.glyphs ?? []) if (glyph < into.length) into[glyph] = 1;
    return;
  }
  for (const range of coverage.rangeRecords ?? []) {
    for (let glyph = range.start; glyph <= range.end && glyph < into.length; glyph += 1) into[glyph] = 1;
  }
}

/** One pair adjustment subtable: the adjustment of a pair, or undefined when the subtable does not apply. */
function pairValue(subtable: PairPosSubtable, left: number, right: number): number | undefined {
  const index = coverageIndex(subtable.coverage, left);
  if (index < 0) return undefined;
  if (subtable.version === 1 && subtable.pairSets !== undefined) {
    const set = item(subtable.pairSets, index);
    if (set === undefined) return undefined;
    for (let i = 0; i < set.length; i += 1) {
      const pair = item(set, i);
      if (pair !== undefined && pair.secondGlyph === right) return pair.value1?.xAdvance ?? 0;
    }
    // format 1 applies only to the pairs it lists: the next subtable may have this one
    return undefined;
  }
  if (subtable.version === 2 && subtable.classRecords !== undefined && subtable.classDef1 !== undefined && subtable.classDef2 !== undefined) {
    // a covered first glyph makes a class subtable apply, even when its value is zero (OpenType 1.9, GPOS lookup type 2)
    const row = item(subtable.classRecords, classOf(subtable.classDef1, left));
    const record = row === undefined ? undefined : item(row, classOf(subtable.classDef2, right));
    return record?.value1?.xAdvance ?? 0;
  }
  return undefined;
}

/**
 * A font's kerning pairs. `adjust(left, right)` is the change to the left glyph's advance, in
 * font units (negative: closer). Pairs are computed from the tables on first use and kept.
 */
const RECENT_SLOTS = 4096;

export class Kerning {
  /** per lookup of the `kern` feature, its pair adjustment subtables in order */
  private readonly lookups: PairPosSubtable[][] = [];
  private readonly legacy: { left: number; right: number; value: number }[][] = [];
  /** 1 for glyphs that start at least one kerning pair */
  private readonly lefts: Uint8Array;
  private readonly pairs = new Map<number, number>();
  /**
   * In front of `pairs`: a direct-mapped memo of recent pairs (key + 1, 0 for empty). A line of
   * text meets the same few hundred pairs again and again; this costs two array reads.
   */
  private readonly recentKeys = new Float64Array(RECENT_SLOTS);
  private readonly recentValues = new Float64Array(RECENT_SLOTS);

  constructor(font: KerningSource) {
    this.lefts = new Uint8Array(font.numGlyphs);
    try {
      this.read(font);
    } catch {
      // a font whose kerning tables do not parse is set without kerning, never refused
      this.lookups.length = 0;
      this.legacy.length = 0;
      this.lefts.fill(0);
    }
  }

  private read(font: KerningSource): void {
    const gpos = font.GPOS ?? undefined;
    if (gpos !== undefined && gpos.featureList !== undefined) {
      const indexes = new Set<number>();
      for (const record of gpos.featureList) if (record.tag === 'kern') for (const i of record.feature.lookupListIndexes) indexes.add(i);
      for (const index of [...indexes].sort((a, b) => a - b)) {
        const lookup = item(gpos.lookupList, index);
        if (lookup === undefined) continue;
        const subtables: PairPosSubtable[] = [];
        for (const subtable of lookup.subTables) {
          const real = lookup.lookupType === 9 ? (subtable.lookupType === 2 ? subtable.extension : undefined) : lookup.lookupType === 2 ? subtable : undefined;
          if (real === undefined) continue;
          subtables.push(real);
          coveredGlyphs(real.coverage, this.lefts);
        }
        if (subtables.length > 0) this.lookups.push(subtables);
      }
    }
    if (this.lookups.length === 0 && font.kern !== undefined && font.kern !== null) {
      for (const table of font.kern.tables) {
        // horizontal kerning values only: no cross-stream, vertical, variation or minimum tables
        const horizontal = table.version === 0 ? table.coverage.horizontal === true : !(table.coverage.vertical ?? false) && !(table.coverage.variation ?? false);
        if (!horizontal || table.coverage.crossStream === true || table.coverage.minimum === true || table.format !== 0) continue;
        const pairs = table.subtable.pairs ?? [];
        for (const pair of pairs) if (pair.left < this.lefts.length) this.lefts[pair.left] = 1;
        this.legacy.push(pairs);
      }
    }
  }

  /** True when the font has no kerning pairs (no GPOS `kern` feature, no legacy `kern` table). */
  get empty(): boolean {
    return this.lookups.length === 0 && this.legacy.length === 0;
  }

  /** Whether a glyph starts any kerning pair: most glyphs of a CJK font do not, and cost nothing. */
  startsPair(left: number): boolean {
    return this.lefts[left] === 1;
  }

  /** The adjustment of the left glyph's advance before the right one, in font units. */
  adjust(left: number, right: number): number {
    if (this.lefts[left] !== 1) return 0;
    const key = left * 0x10000 + right;
    const slot = (left * 31 + right) & (RECENT_SLOTS - 1);
    if (this.recentKeys[slot] === key + 1) return this.recentValues[slot];
    let value = this.pairs.get(key);
    if (value === undefined) {
      try {
        value = this.compute(left, right);
      } catch {
        value = 0; // a subtable that does not parse kerns nothing
      }
      this.pairs.set(key, value);
    }
    this.recentKeys[slot] = key + 1;
    this.recentValues[slot] = value;
    return value;
  }

  private compute(left: number, right: number): number {
    let total = 0;
    // each lookup applies on its own (they add up); inside one, the first subtable that applies wins
    for (const subtables of this.lookups) {
      for (const subtable of subtables) {
        const value = pairValue(subtable, left, right);
        if (value !== undefined) {
          total += value;
          break;
        }
      }
    }
    for (const pairs of this.legacy) {
      let lo = 0;
      let hi = pairs.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const pair = pairs[mid];
        const order = left - pair.left || right - pair.right;
        if (order === 0) {
          total += pair.value;
          break;
        }
        if (order > 0) lo = mid + 1;
        else hi = mid - 1;
      }
    }
    return total;
  }
}
