/**
 * The scheme as Settings → Markings stores it: what the form does not show is kept, empty
 * optional fields are left out, and every problem the store would refuse is named first.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_MARKINGS, type MarkingScheme } from '../../../shared/domain';
import { draftFromScheme, draftProblems, moveRow, removeCaveat, renameCaveat, schemeFromDraft } from './scheme-draft';

describe('the scheme draft', () => {
  it('stores back exactly what it read, extension properties included', () => {
    const scheme = { ...structuredClone(DEFAULT_MARKINGS), owner: 'USA', 'x-agency': { register: 'CAPCO 2024' } } as MarkingScheme;
    expect(schemeFromDraft(draftFromScheme(scheme))).toEqual(scheme);
  });

  it('gives a scheme written before caveats existed the default list, to edit', () => {
    const old: MarkingScheme = { scheme: 'default', levels: DEFAULT_MARKINGS.levels, portionMarks: true };
    const saved = schemeFromDraft(draftFromScheme(old));
    expect(saved.caveats).toEqual(DEFAULT_MARKINGS.caveats);
    expect(saved).toMatchObject({ owner: 'USA', pageMarking: 'overall' });
  });

  it('trims codes, leaves out an empty portion form, and follows renames and removals in supersedes', () => {
    const draft = draftFromScheme(DEFAULT_MARKINGS);
    draft.caveats = renameCaveat(draft.caveats, 4, ' REL ');
    draft.caveats[0] = { ...draft.caveats[0], value: { ...draft.caveats[0].value, portion: ' ' } };
    draft.caveats = moveRow(draft.caveats, 6, -6);
    const saved = schemeFromDraft(draft).caveats!;
    expect(saved.map((c) => c.code)).toEqual(['FOUO', 'ORCON', 'IMCON', 'NOFORN', 'PROPIN', 'REL', 'RELIDO']);
    expect(saved[1]).toEqual({ code: 'ORCON' });
    expect(saved[3]).toEqual({ code: 'NOFORN', portion: 'NF', supersedes: ['REL'] });
    draft.caveats = removeCaveat(draft.caveats, 5);
    expect(schemeFromDraft(draft).caveats![3]).toEqual({ code: 'NOFORN', portion: 'NF' });
  });

  it('names every problem the store would refuse, by row', () => {
    const draft = draftFromScheme(DEFAULT_MARKINGS);
    draft.name = ' ';
    draft.levels[3] = { ...draft.levels[3], value: { code: 'S', banner: '', portion: 'TS' } };
    draft.caveats[1] = { ...draft.caveats[1], value: { code: 'ORCON' } };
    draft.caveats[2] = { ...draft.caveats[2], value: { code: 'NOFORN', supersedes: ['EYES ONLY'] } };
    draft.owner = 'usa';
    expect(draftProblems(draft)).toEqual([
      'The scheme needs a name.',
      'Level 4 has no banner.',
      'Level 4 repeats the code “S” of level 3.',
      'Caveat 2 repeats the code “ORCON” of caveat 1.',
      'Caveat 3 (NOFORN) supersedes “EYES ONLY”, which is not a caveat of this scheme.',
      'The owner country “usa” is not a trigraph or tetragraph (3 or 4 capital letters).',
    ]);
  });
});
