import { describe, expect, it } from 'vitest';
import { Kerning, type KerningSource } from './kerning';

/** A font's parsed tables as fontkit gives them, reduced to what kerning reads. */
function gposFont(): KerningSource {
  const pairs = {
    version: 1,
    coverage: { version: 1, glyphs: [10, 20] },
    pairSets: [[{ secondGlyph: 20, value1: { xAdvance: -80 } }], [{ secondGlyph: 10, value1: { xAdvance: -60 } }]],
  };
  const classes = {
    version: 2,
    coverage: { version: 2, rangeRecords: [{ start: 10, end: 30, startCoverageIndex: 0 }] },
    classDef1: { version: 2, classRangeRecord: [{ start: 30, end: 30, class: 1 }] },
    classDef2: { version: 1, startGlyph: 40, classValueArray: [1, 1] },
    classRecords: [[{ value1: { xAdvance: 0 } }, { value1: { xAdvance: 0 } }], [{ value1: { xAdvance: 0 } }, { value1: { xAdvance: -25 } }]],
  };
  return {
    numGlyphs: 100,
    GPOS: {
      featureList: [
        { tag: 'kern', feature: { lookupListIndexes: [0, 1] } },
        { tag: 'mark', feature: { lookupListIndexes: [2] } },
      ],
      lookupList: [
        { lookupType: 2, subTables: [pairs, classes] },
        // an extension lookup (type 9) wrapping a second pair lookup: both lookups add up
        { lookupType: 9, subTables: [{ version: 1, lookupType: 2, coverage: { version: 1, glyphs: [] }, extension: { version: 1, coverage: { version: 1, glyphs: [10] }, pairSets: [[{ secondGlyph: 20, value1: { xAdvance: -5 } }]] } }] },
        { lookupType: 4, subTables: [] },
      ],
    },
  };
}

describe('Kerning', () => {
  it('reads GPOS pair adjustments: glyph pairs, class pairs, extension lookups', () => {
    const kerning = new Kerning(gposFont());
    expect(kerning.adjust(10, 20)).toBe(-85);
    expect(kerning.adjust(20, 10)).toBe(-60);
    // 30 is covered by the class subtable only: class 1 against class 1
    expect(kerning.adjust(30, 41)).toBe(-25);
    expect(kerning.adjust(30, 50)).toBe(0);
    expect(kerning.startsPair(30)).toBe(true);
    expect(kerning.startsPair(55)).toBe(false);
    expect(kerning.empty).toBe(false);
  });

  it('reads a legacy kern table (format 0) when there is no GPOS kerning', () => {
    const kerning = new Kerning({
      numGlyphs: 50,
      GPOS: null,
      kern: {
        tables: [
          { version: 0, format: 0, coverage: { horizontal: true }, subtable: { pairs: [{ left: 3, right: 4, value: -40 }, { left: 3, right: 9, value: 12 }, { left: 7, right: 4, value: -30 }] } },
          { version: 0, format: 0, coverage: { horizontal: true, crossStream: true }, subtable: { pairs: [{ left: 3, right: 4, value: 500 }] } },
        ],
      },
    });
    expect(kerning.adjust(3, 4)).toBe(-40);
    expect(kerning.adjust(3, 9)).toBe(12);
    expect(kerning.adjust(7, 4)).toBe(-30);
    expect(kerning.adjust(4, 3)).toBe(0);
  });

  it('sets a font whose tables do not parse without kerning instead of failing', () => {
    const broken = {
      numGlyphs: 10,
      get GPOS(): never {
        throw new Error('bad offset');
      },
    } as unknown as KerningSource;
    const kerning = new Kerning(broken);
    expect(kerning.empty).toBe(true);
    expect(kerning.adjust(1, 2)).toBe(0);
  });
});
