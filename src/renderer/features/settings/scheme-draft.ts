/**
 * The marking scheme as Settings → Markings edits it: rows with stable keys (so a code can be
 * retyped without React losing the field), renames and removals that keep `supersedes`
 * pointing at real codes, and the problems a save would be refused for, in words, before the
 * store is asked.
 */
import {
  COUNTRY_CODE_PATTERN,
  DEFAULT_OWNER,
  type MarkingCaveat,
  type MarkingLevel,
  type MarkingScheme,
  type PageMarking,
} from '../../../shared/domain';
import { schemeCaveats } from '../../../shared/markings';

export interface Row<T> {
  key: number;
  value: T;
}

export interface SchemeDraft {
  name: string;
  levels: Row<MarkingLevel>[];
  caveats: Row<MarkingCaveat>[];
  portionMarks: boolean;
  pageMarking: PageMarking;
  owner: string;
  /** properties of the stored scheme this editor does not know: kept as they are */
  extra: Record<string, unknown>;
}

let nextKey = 1;
export function row<T>(value: T): Row<T> {
  return { key: nextKey++, value };
}

const KNOWN = new Set(['scheme', 'levels', 'caveats', 'portionMarks', 'pageMarking', 'owner']);

export function draftFromScheme(scheme: MarkingScheme): SchemeDraft {
  const extra = Object.fromEntries(Object.entries(scheme).filter(([key]) => !KNOWN.has(key)));
  return {
    name: scheme.scheme,
    levels: scheme.levels.map((level) => row({ ...level })),
    caveats: schemeCaveats(scheme).map((caveat) => row(structuredClone(caveat))),
    portionMarks: scheme.portionMarks !== false,
    pageMarking: scheme.pageMarking ?? 'overall',
    owner: scheme.owner ?? DEFAULT_OWNER,
    extra,
  };
}

/** The scheme to store: trimmed, empty optional fields left out, unknown properties kept. */
export function schemeFromDraft(draft: SchemeDraft): MarkingScheme {
  const caveats: MarkingCaveat[] = draft.caveats.map(({ value }) => {
    const caveat: MarkingCaveat = { ...value, code: value.code.trim() };
    const portion = value.portion?.trim() ?? '';
    if (portion === '') delete caveat.portion;
    else caveat.portion = portion;
    const supersedes = (value.supersedes ?? []).map((code) => code.trim());
    if (supersedes.length === 0) delete caveat.supersedes;
    else caveat.supersedes = supersedes;
    if (caveat.countries !== true) delete caveat.countries;
    return caveat;
  });
  return {
    ...draft.extra,
    scheme: draft.name.trim(),
    levels: draft.levels.map(({ value }) => ({ ...value, code: value.code.trim(), banner: value.banner.trim(), portion: value.portion.trim() })),
    caveats,
    owner: draft.owner,
    portionMarks: draft.portionMarks,
    pageMarking: draft.pageMarking,
  };
}

/** Moves the row at `index` by `delta` places (order is meaning: lowest level first, banner order). */
export function moveRow<T>(rows: readonly Row<T>[], index: number, delta: number): Row<T>[] {
  const to = index + delta;
  if (to < 0 || to >= rows.length) return [...rows];
  const next = [...rows];
  const [moved] = next.splice(index, 1);
  next.splice(to, 0, moved);
  return next;
}

/** Renames a caveat; every `supersedes` that named the old code names the new one. */
export function renameCaveat(caveats: readonly Row<MarkingCaveat>[], index: number, code: string): Row<MarkingCaveat>[] {
  const old = caveats[index].value.code;
  return caveats.map((r, i) => {
    if (i === index) return { ...r, value: { ...r.value, code } };
    const supersedes = r.value.supersedes;
    if (supersedes === undefined || !supersedes.includes(old)) return r;
    return { ...r, value: { ...r.value, supersedes: supersedes.map((s) => (s === old ? code : s)) } };
  });
}

/** Removes a caveat and every `supersedes` that named it. */
export function removeCaveat(caveats: readonly Row<MarkingCaveat>[], index: number): Row<MarkingCaveat>[] {
  const gone = caveats[index].value.code;
  return caveats
    .filter((_, i) => i !== index)
    .map((r) => (r.value.supersedes?.includes(gone) === true ? { ...r, value: { ...r.value, supersedes: r.value.supersedes.filter((s) => s !== gone) } } : r));
}

/** Why the store would refuse this scheme, one sentence per problem, naming the row. */
export function draftProblems(draft: SchemeDraft): string[] {
  const problems: string[] = [];
  if (draft.name.trim() === '') problems.push('The scheme needs a name.');
  if (draft.levels.length === 0) problems.push('The scheme needs at least one level.');
  const seen = new Map<string, number>();
  draft.levels.forEach(({ value }, i) => {
    const n = i + 1;
    for (const field of ['code', 'banner', 'portion'] as const) {
      if (value[field].trim() === '') problems.push(`Level ${n} has no ${field}.`);
    }
    const code = value.code.trim();
    if (code === '') return;
    const first = seen.get(code);
    if (first !== undefined) problems.push(`Level ${n} repeats the code “${code}” of level ${first}.`);
    else seen.set(code, n);
  });
  const codes = new Map<string, number>();
  draft.caveats.forEach(({ value }, i) => {
    const n = i + 1;
    const code = value.code.trim();
    if (code === '') problems.push(`Caveat ${n} has no code.`);
    else if (codes.has(code)) problems.push(`Caveat ${n} repeats the code “${code}” of caveat ${codes.get(code)}.`);
    else codes.set(code, n);
  });
  draft.caveats.forEach(({ value }, i) => {
    for (const code of value.supersedes ?? []) {
      if (!codes.has(code.trim())) problems.push(`Caveat ${i + 1} (${value.code.trim()}) supersedes “${code}”, which is not a caveat of this scheme.`);
    }
  });
  if (!COUNTRY_CODE_PATTERN.test(draft.owner)) problems.push(`The owner country “${draft.owner}” is not a trigraph or tetragraph (3 or 4 capital letters).`);
  return problems;
}
