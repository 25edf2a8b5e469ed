/**
 * Ready-made marking schemes for Settings → Markings: the US default, the UK's and Korea's
 * (docs/markings.md says why each is as it is). Data only; the rules are in markings.ts.
 */
import { caveatRows, DEFAULT_MARKINGS, REL_TO_CAVEAT, type MarkingScheme } from './domain';

export type MarkingPresetId = 'us' | 'uk' | 'kr';

/** Ready-made schemes for Settings → Markings (docs/markings.md says why each is as it is). */
export const MARKING_PRESETS: readonly { id: MarkingPresetId; label: string; scheme: MarkingScheme }[] = [
  { id: 'us', label: 'United States (default)', scheme: DEFAULT_MARKINGS },
  {
    id: 'uk',
    label: 'United Kingdom',
    scheme: {
      scheme: 'uk',
      levels: [
        { code: 'O', banner: 'OFFICIAL', portion: 'O' },
        { code: 'OS', banner: 'OFFICIAL-SENSITIVE', portion: 'OS' },
        { code: 'S', banner: 'SECRET', portion: 'S' },
        { code: 'TS', banner: 'TOP SECRET', portion: 'TS' },
      ],
      caveats: caveatRows([{ code: 'UK EYES ONLY', portion: 'UKEO', supersedes: [REL_TO_CAVEAT.code] }, REL_TO_CAVEAT]),
      owner: 'GBR',
      portionMarks: false,
      pageMarking: 'overall',
    },
  },
  {
    id: 'kr',
    label: '대한민국 (Korea)',
    scheme: {
      scheme: 'kr',
      levels: [
        { code: 'U', banner: '평문', portion: '평문' },
        { code: 'R', banner: '대외비', portion: '대외비' },
        { code: 'III', banner: 'III급 비밀', portion: 'III급' },
        { code: 'II', banner: 'II급 비밀', portion: 'II급' },
        { code: 'I', banner: 'I급 비밀', portion: 'I급' },
      ],
      caveats: [],
      owner: 'KOR',
      portionMarks: false,
      pageMarking: 'overall',
    },
  },
];
