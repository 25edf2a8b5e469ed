import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { COUNTRY_CODES, countryName, TRIGRAPHS } from './countries';
import { DEFAULT_MARKINGS, markingSchemeSchema, type MarkingScheme } from './domain';
import {
  authorityProblems,
  countryCaveatProblem,
  isKnownCaveat,
  levelIndex,
  MARKING_PRESETS,
  MarkingError,
  markingWarnings,
  normaliseCaveat,
  orderCaveats,
  overallMarking,
  parseCountryCaveat,
  portionMark,
  schemeCaveats,
  type Markable,
} from './markings';

const US = DEFAULT_MARKINGS;
const item = (id: string, classification: string, caveats?: string[], title?: string): Markable => ({ id, classification, caveats, title });

describe('overall marking', () => {
  const cases: [string, Markable[], string | undefined, string][] = [
    ['no items, no floor: the lowest level', [], undefined, 'UNCLASSIFIED'],
    ['no items, floor C', [], 'C', 'CONFIDENTIAL'],
    ['highest level wins', [item('a', 'U'), item('b', 'S'), item('c', 'C')], undefined, 'SECRET'],
    ['floor above every item', [item('a', 'U')], 'S', 'SECRET'],
    ['floor below the items', [item('a', 'TS')], 'C', 'TOP SECRET'],
    ['one caveat', [item('a', 'C', ['NOFORN'])], undefined, 'CONFIDENTIAL//NOFORN'],
    ['caveats in register order, not alphabetical', [item('a', 'TS', ['NOFORN']), item('b', 'S', ['ORCON'])], undefined, 'TOP SECRET//ORCON/NOFORN'],
    ['spec example: OC + NF', [item('a', 'TS', ['ORCON']), item('b', 'S', ['NOFORN'])], undefined, 'TOP SECRET//ORCON/NOFORN'],
    [
      'spec example: REL TO lists intersected',
      [item('a', 'S', ['REL TO USA, KOR, JPN']), item('b', 'C', ['REL TO USA, KOR'])],
      undefined,
      'SECRET//REL TO USA, KOR',
    ],
    ['spec example: NOFORN supersedes REL TO', [item('a', 'S', ['NOFORN']), item('b', 'C', ['REL TO USA, KOR'])], undefined, 'SECRET//NOFORN'],
    ['a classified item without REL TO: NOFORN', [item('a', 'S', ['REL TO USA, KOR']), item('b', 'C')], undefined, 'SECRET//NOFORN'],
    ['an unclassified item without REL TO does not block it', [item('a', 'S', ['REL TO USA, KOR']), item('b', 'U')], undefined, 'SECRET//REL TO USA, KOR'],
    ['intersection holding only the owner: NOFORN', [item('a', 'S', ['REL TO USA, KOR']), item('b', 'C', ['REL TO USA, JPN'])], undefined, 'SECRET//NOFORN'],
    ['intersection empty: NOFORN', [item('a', 'S', ['REL TO KOR']), item('b', 'C', ['REL TO JPN'])], undefined, 'SECRET//NOFORN'],
    ['country lists normalised owner first', [item('a', 'C', ['REL TO KOR, USA'])], undefined, 'CONFIDENTIAL//REL TO USA, KOR'],
    ['caveats are not split on commas', [item('a', 'U', ['REL TO USA, KOR'])], undefined, 'UNCLASSIFIED//REL TO USA, KOR'],
    ['caveats of a lower item still count', [item('a', 'TS'), item('b', 'U', ['ORCON'])], undefined, 'TOP SECRET//ORCON'],
    ['unknown caveats after the listed ones, alphabetical', [item('a', 'S', ['ZULU', 'NOFORN', 'ALPHA'])], undefined, 'SECRET//NOFORN/ALPHA/ZULU'],
    ['lower-case and portion forms read as the code', [item('a', 'S', ['noforn', 'oc'])], undefined, 'SECRET//ORCON/NOFORN'],
    ['REL TO and other caveats together', [item('a', 'S', ['REL TO USA, GBR', 'ORCON', 'FOUO'])], undefined, 'SECRET//ORCON/REL TO USA, GBR/FOUO'],
  ];
  test.each(cases)('%s', (_name, items, floor, expected) => {
    const overall = overallMarking(items, US, floor);
    expect(overall.text).toBe(expected);
    expect(overallMarking([...items].reverse(), US, floor).text).toBe(expected);
  });

  test('the reasons say, in words, why REL TO was dropped', () => {
    const superseded = overallMarking([item('js', 'S', ['NOFORN'], 'Joint statement on the alliance and its burden sharing'), item('b', 'C', ['REL TO USA, KOR'], 'Talking points')], US);
    expect(superseded.reasons).toEqual([
      expect.objectContaining({ kind: 'superseded', caveat: 'REL TO', itemId: 'js', message: 'NOFORN because "Joint statement on the alliance and its…" is NOFORN; REL TO dropped' }),
    ]);
    const missing = overallMarking([item('a', 'S', ['REL TO USA, KOR'], 'Ask'), item('b', 'C', [], 'Red line')], US);
    expect(missing.reasons).toEqual([expect.objectContaining({ kind: 'rel_to_missing', itemId: 'b' })]);
    expect(markingWarnings(missing)[0]).toBe('NOFORN instead of REL TO: "Red line" is classified and carries no REL TO, so the book cannot be released');
    const owner = overallMarking([item('a', 'S', ['REL TO USA, KOR'], 'Ask'), item('b', 'C', ['REL TO USA, JPN'], 'Red line')], US);
    expect(owner.reasons).toEqual([expect.objectContaining({ kind: 'rel_to_owner_only', caveat: 'REL TO' })]);
    expect(owner.reasons[0].message).toContain('share no country but USA');
    const unknown = overallMarking([item('a', 'S', ['EYES ONLY'], 'Ask')], US);
    expect(unknown.reasons).toEqual([expect.objectContaining({ kind: 'unknown_caveat', caveat: 'EYES ONLY', itemId: 'a' })]);
    expect(overallMarking([item('a', 'S', ['REL TO USA, KOR']), item('b', 'C', ['REL TO USA, KOR, JPN'])], US).reasons).toEqual([]);
  });

  test('an unknown level code is an error naming the item', () => {
    expect(() => overallMarking([item('rl-1', 'U'), item('tp-9', 'SECRETISH')], US)).toThrow(/item "tp-9".*"SECRETISH"/);
    expect(() => overallMarking([item('tp-9', 'X')], US)).toThrow(MarkingError);
  });

  test('an unknown floor is an error', () => {
    expect(() => overallMarking([], US, 'Z')).toThrow(/floor "Z"/);
  });

  test('a scheme without a caveat list uses the default one', () => {
    const old: MarkingScheme = { scheme: 'old', levels: US.levels };
    expect(schemeCaveats(old).map((c) => c.code)).toEqual(['ORCON', 'IMCON', 'NOFORN', 'PROPIN', 'REL TO', 'RELIDO', 'FOUO']);
    expect(overallMarking([item('a', 'S', ['NOFORN']), item('b', 'S', ['ORCON'])], old).text).toBe('SECRET//ORCON/NOFORN');
  });

  test('a custom scheme uses its own banners, caveats and owner', () => {
    const uk = MARKING_PRESETS.find((preset) => preset.id === 'uk')!.scheme;
    expect(overallMarking([item('a', 'OS')], uk).text).toBe('OFFICIAL-SENSITIVE');
    expect(portionMark(item('a', 'OS', ['uk eyes only']), uk)).toBe('(OS//UKEO)');
    expect(normaliseCaveat('REL TO USA, GBR', uk)).toBe('REL TO GBR, USA');
    expect(overallMarking([item('a', 'S', ['REL TO GBR, USA']), item('b', 'OS', ['UK EYES ONLY'])], uk).text).toBe('SECRET//UK EYES ONLY');
    expect(isKnownCaveat('NOFORN', uk)).toBe(false);
  });
});

describe('portion mark', () => {
  test.each([
    [item('a', 'C'), '(C)'],
    [item('a', 'S', ['NOFORN']), '(S//NF)'],
    [item('a', 'TS', ['NOFORN', 'ORCON']), '(TS//OC/NF)'],
    [item('a', 'TS', ['REL TO KOR, USA', 'ORCON', 'ORCON']), '(TS//OC/REL TO USA, KOR)'],
    [item('a', 'S', ['REL TO USA, KOR']), '(S//REL TO USA, KOR)'],
    [item('a', 'C', ['RELIDO', 'PROPIN', 'IMCON']), '(C//IMC/PR/RELIDO)'],
    [item('a', 'S', ['NOFORN', 'EYES ONLY']), '(S//NF/EYES ONLY)'],
    [item('a', 'U', []), '(U)'],
  ])('%o → %s', (input, expected) => {
    expect(portionMark(input, US)).toBe(expected);
  });

  test('unknown level names the item', () => {
    expect(() => portionMark(item('ask-2', 'Q'), US)).toThrow(/item "ask-2"/);
  });
});

describe('caveat normalisation', () => {
  test.each([
    ['NOFORN', 'NOFORN'],
    ['  noforn ', 'NOFORN'],
    ['NF', 'NOFORN'],
    ['REL TO KOR, USA', 'REL TO USA, KOR'],
    ['rel to kor,usa, jpn, KOR', 'REL TO USA, JPN, KOR'],
    ['REL TO  JPN ,  KOR', 'REL TO JPN, KOR'],
    ['REL TO', 'REL TO'],
    ['Eyes only', 'Eyes only'],
    ['RELIDO', 'RELIDO'],
  ])('%s → %s', (raw, expected) => {
    expect(normaliseCaveat(raw, US)).toBe(expected);
  });

  test('a country caveat is parsed, never split; others are not country caveats', () => {
    expect(parseCountryCaveat('REL TO KOR, USA', US)).toEqual({ code: 'REL TO', countries: ['KOR', 'USA'] });
    expect(parseCountryCaveat('RELIDO', US)).toBeNull();
    expect(parseCountryCaveat('NOFORN', US)).toBeNull();
  });

  test('order: scheme order, unknown after, alphabetical, deduplicated; two REL TO lists merge', () => {
    expect(orderCaveats(['FOUO', 'zz', 'NOFORN', 'aa', 'ORCON', 'NOFORN', 'noforn'], US)).toEqual(['ORCON', 'NOFORN', 'FOUO', 'aa', 'zz']);
    expect(orderCaveats(['REL TO USA, KOR', 'REL TO JPN'], US)).toEqual(['REL TO USA, JPN, KOR']);
  });

  test('a country caveat with a malformed code or no country is named', () => {
    expect(countryCaveatProblem('REL TO USA, KOR', US)).toBeNull();
    expect(countryCaveatProblem('NOFORN', US)).toBeNull();
    expect(countryCaveatProblem('REL TO USA, FVEY', US)).toBeNull();
    expect(countryCaveatProblem('REL TO USA, KR, KOREA', US)).toMatch(/^caveat "REL TO USA, KR, KOREA" lists "KR", "KOREA", which are not a country trigraph/);
    expect(countryCaveatProblem('REL TO USA KOR', US)).toMatch(/lists "USA KOR"/);
    expect(countryCaveatProblem('REL TO', US)).toMatch(/names no country/);
  });

  test('known caveats', () => {
    expect(isKnownCaveat('REL TO USA, KOR', US)).toBe(true);
    expect(isKnownCaveat('oc', US)).toBe(true);
    expect(isKnownCaveat('KOR', US)).toBe(false);
  });
});

describe('scheme validation', () => {
  test('the default scheme and the presets are valid', () => {
    for (const scheme of [US, ...MARKING_PRESETS.map((preset) => preset.scheme)]) {
      expect(markingSchemeSchema.safeParse(scheme).success).toBe(true);
      for (const level of scheme.levels) expect(levelIndex(scheme, level.code)).toBeGreaterThanOrEqual(0);
    }
    expect(MARKING_PRESETS.map((preset) => preset.id)).toEqual(['us', 'uk', 'kr']);
    expect(MARKING_PRESETS.find((p) => p.id === 'kr')!.scheme.levels.map((l) => l.banner)).toEqual(['평문', '대외비', 'III급 비밀', 'II급 비밀', 'I급 비밀']);
  });

  test('a scheme without caveats gets the default rows as copies: changing them leaves the default list as it was', () => {
    const rows = schemeCaveats({ scheme: 'bare', levels: DEFAULT_MARKINGS.levels });
    expect(rows).toEqual(DEFAULT_MARKINGS.caveats);
    rows.find((caveat) => caveat.code === 'NOFORN')!.supersedes!.push('RELIDO');
    expect(schemeCaveats({ scheme: 'bare', levels: DEFAULT_MARKINGS.levels }).find((caveat) => caveat.code === 'NOFORN')!.supersedes).toEqual(['REL TO']);
    // the UK preset releases with the same row the default list has
    const relTo = (scheme: MarkingScheme) => schemeCaveats(scheme).find((caveat) => caveat.countries === true);
    expect(relTo(MARKING_PRESETS.find((p) => p.id === 'uk')!.scheme)).toEqual(relTo(US));
  });

  test('repeated caveat codes and unknown supersedes are reported with their paths', () => {
    const result = markingSchemeSchema.safeParse({
      ...US,
      caveats: [{ code: 'NOFORN', supersedes: ['REL TO', 'NOPE'] }, { code: 'REL TO', countries: true }, { code: 'NOFORN' }],
    });
    expect(result.success).toBe(false);
    const issues = result.error!.issues.map((issue) => [issue.path.join('.'), issue.message]);
    expect(issues).toEqual([
      ['caveats.2.code', 'duplicate caveat code "NOFORN" (first at caveats[0])'],
      ['caveats.0.supersedes.1', 'caveat "NOFORN" supersedes "NOPE", which is not a caveat of this scheme (caveats: NOFORN, REL TO)'],
    ]);
  });

  test('extension properties of a caveat survive', () => {
    const parsed = markingSchemeSchema.parse({ ...US, caveats: [{ code: 'X', 'x-note': 'kept' }] });
    expect(parsed.caveats?.[0]).toEqual({ code: 'X', 'x-note': 'kept' });
  });
});

describe('authority block of a final export', () => {
  const secret = overallMarking([item('a', 'S')], US);
  test('above the lowest level, every missing field is named', () => {
    expect(authorityProblems({}, secret, US)).toEqual([
      '"Classified by" (classifiedBy) is missing: a SECRET book must name who classified it',
      '"Derived from" (derivedFrom) or "Reason" (reason) is missing: a SECRET book must give one of them',
      '"Declassify on" (declassifyOn) is missing: a SECRET book must say when it is declassified',
    ]);
    expect(authorityProblems({ classificationAuthority: { classifiedBy: 'J. Kim', reason: ' ', declassifyOn: '2050-01-01' } }, secret, US)).toHaveLength(1);
    expect(authorityProblems({ classificationAuthority: { classifiedBy: 'J. Kim', reason: '1.4(d)', declassifyOn: '2050-01-01' } }, secret, US)).toEqual([]);
    expect(authorityProblems({ classificationAuthority: { classifiedBy: 'J. Kim', derivedFrom: 'Memo', declassifyOn: '2050-01-01' } }, secret, US)).toEqual([]);
  });
  test('at the lowest level nothing is needed', () => {
    expect(authorityProblems({}, overallMarking([item('a', 'U', ['FOUO'])], US), US)).toEqual([]);
  });
});

test('country codes: every ISO trigraph once, names in English, tetragraphs after', () => {
  expect(TRIGRAPHS).toHaveLength(249);
  expect(new Set(COUNTRY_CODES.map((c) => c.code)).size).toBe(COUNTRY_CODES.length);
  for (const country of COUNTRY_CODES) expect(country.code).toMatch(/^[A-Z]{3,4}$/);
  expect(countryName('KOR')).toBe('Korea, Republic of');
  expect(countryName('FVEY')).toMatch(/Five Eyes/);
});

describe('roll-up properties', () => {
  const caveat = fc.oneof(
    fc.constantFrom('ORCON', 'IMCON', 'NOFORN', 'PROPIN', 'RELIDO', 'FOUO', 'EXTRA'),
    fc.uniqueArray(fc.constantFrom('USA', 'KOR', 'JPN', 'GBR', 'AUS'), { minLength: 1, maxLength: 4 }).map((c) => `REL TO ${c.join(', ')}`),
  );
  const items = fc.array(
    fc.record({ id: fc.string({ minLength: 1, maxLength: 4 }), classification: fc.constantFrom('U', 'C', 'S', 'TS'), caveats: fc.array(caveat, { maxLength: 3 }) }),
    { maxLength: 8 },
  );
  const floor = fc.option(fc.constantFrom('U', 'C', 'S', 'TS'), { nil: undefined });

  test('order-independent', () => {
    fc.assert(
      fc.property(items, floor, fc.nat(), (list, f, seed) => {
        const shuffled = [...list].sort((a, b) => ((a.id.charCodeAt(0) * 31 + seed) % 7) - ((b.id.charCodeAt(0) * 31 + seed) % 7));
        const one = overallMarking(list, US, f);
        const two = overallMarking([...list].reverse(), US, f);
        const three = overallMarking(shuffled, US, f);
        expect(two.text).toBe(one.text);
        expect(three.text).toBe(one.text);
        expect(new Set(two.reasons.map((r) => r.kind))).toEqual(new Set(one.reasons.map((r) => r.kind)));
      }),
    );
  });

  test('never lower than any item or the floor', () => {
    fc.assert(
      fc.property(items, floor, (list, f) => {
        const overall = levelIndex(US, overallMarking(list, US, f).level.code);
        for (const entry of list) expect(overall).toBeGreaterThanOrEqual(levelIndex(US, entry.classification));
        if (f !== undefined) expect(overall).toBeGreaterThanOrEqual(levelIndex(US, f));
      }),
    );
  });

  test('a banner never carries both NOFORN and REL TO; REL TO only with a foreign country', () => {
    fc.assert(
      fc.property(items, (list) => {
        const { caveats } = overallMarking(list, US);
        const relTo = caveats.find((c) => c.startsWith('REL TO'));
        expect(caveats.includes('NOFORN') && relTo !== undefined).toBe(false);
        if (relTo !== undefined) expect(parseCountryCaveat(relTo, US)!.countries.some((c) => c !== 'USA')).toBe(true);
      }),
    );
  });

  test('every caveat of the banner is carried by some item, or is the NOFORN that replaced REL TO', () => {
    fc.assert(
      fc.property(items, (list) => {
        const carried = new Set(list.flatMap((entry) => orderCaveats(entry.caveats, US).map((c) => parseCountryCaveat(c, US)?.code ?? c)));
        for (const c of overallMarking(list, US).caveats) {
          const code = parseCountryCaveat(c, US)?.code ?? c;
          expect(carried.has(code) || (code === 'NOFORN' && carried.has('REL TO'))).toBe(true);
        }
      }),
    );
  });
});
