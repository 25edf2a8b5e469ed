import { describe, expect, test } from 'vitest';
import { DEFAULT_MARKINGS, type MarkingScheme } from './domain';
import { MarkingError, overallMarking, portionMark, sortedCaveats } from './markings';

const item = (id: string, classification: string, caveats?: string[]) => ({ id, classification, caveats });

describe('overall marking', () => {
  const cases: [string, ReturnType<typeof item>[], string | undefined, string][] = [
    ['no items, no floor: the lowest level', [], undefined, 'UNCLASSIFIED'],
    ['no items, floor C', [], 'C', 'CONFIDENTIAL'],
    ['highest level wins', [item('a', 'U'), item('b', 'S'), item('c', 'C')], undefined, 'SECRET'],
    ['floor above every item', [item('a', 'U')], 'S', 'SECRET'],
    ['floor below the items', [item('a', 'TS')], 'C', 'TOP SECRET'],
    ['one caveat', [item('a', 'C', ['NOFORN'])], undefined, 'CONFIDENTIAL//NOFORN'],
    [
      'caveats unioned, sorted, joined by /',
      [item('a', 'S', ['REL TO USA, KOR']), item('b', 'C', ['NOFORN']), item('c', 'U', ['NOFORN'])],
      undefined,
      'SECRET//NOFORN/REL TO USA, KOR',
    ],
    ['caveats are not split on commas', [item('a', 'U', ['REL TO USA, KOR'])], undefined, 'UNCLASSIFIED//REL TO USA, KOR'],
    ['caveats of a lower item still count', [item('a', 'TS'), item('b', 'U', ['ORCON'])], undefined, 'TOP SECRET//ORCON'],
  ];
  test.each(cases)('%s', (_name, items, floor, expected) => {
    expect(overallMarking(items, DEFAULT_MARKINGS, floor).text).toBe(expected);
  });

  test('an unknown level code is an error naming the item', () => {
    expect(() => overallMarking([item('rl-1', 'U'), item('tp-9', 'SECRETISH')], DEFAULT_MARKINGS)).toThrow(
      /item "tp-9".*"SECRETISH"/,
    );
    try {
      overallMarking([item('tp-9', 'X')], DEFAULT_MARKINGS);
    } catch (error) {
      expect(error).toBeInstanceOf(MarkingError);
      expect((error as MarkingError).itemId).toBe('tp-9');
    }
  });

  test('an unknown floor is an error', () => {
    expect(() => overallMarking([], DEFAULT_MARKINGS, 'Z')).toThrow(/floor "Z"/);
  });

  test('a custom scheme uses its own banners', () => {
    const uk: MarkingScheme = {
      scheme: 'uk',
      levels: [
        { code: 'O', banner: 'OFFICIAL', portion: 'O' },
        { code: 'OS', banner: 'OFFICIAL-SENSITIVE', portion: 'OS' },
      ],
    };
    expect(overallMarking([item('a', 'OS')], uk).text).toBe('OFFICIAL-SENSITIVE');
    expect(portionMark(item('a', 'OS', ['UK EYES ONLY']), uk)).toBe('(OS//UK EYES ONLY)');
  });
});

describe('portion mark', () => {
  test.each([
    [item('a', 'C'), '(C)'],
    [item('a', 'S', ['NOFORN']), '(S//NOFORN)'],
    [item('a', 'TS', ['REL TO USA, KOR', 'NOFORN', 'NOFORN']), '(TS//NOFORN/REL TO USA, KOR)'],
    [item('a', 'U', []), '(U)'],
  ])('%o → %s', (input, expected) => {
    expect(portionMark(input, DEFAULT_MARKINGS)).toBe(expected);
  });

  test('unknown level names the item', () => {
    expect(() => portionMark(item('ask-2', 'Q'), DEFAULT_MARKINGS)).toThrow(/item "ask-2"/);
  });
});

test('caveats sort by code point, deduplicated', () => {
  expect(sortedCaveats(['b', 'A', 'a', 'B', 'A'])).toEqual(['A', 'B', 'a', 'b']);
});
