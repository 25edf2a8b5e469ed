/**
 * The marking engine (docs/markings.md, docs/spec/EXCHANGE.md "Markings"): caveat
 * normalisation and order, portion marks, the roll-up of a book's overall marking, the presets
 * and the authority check of a final export. The PDF engine, the renderer's badges, search
 * results, the caveat picker, the library table, the store and the CLI all call these, so a
 * book is marked the same way wherever it is shown.
 */
import {
  COUNTRY_CODE_PATTERN,
  caveatRows,
  DEFAULT_CAVEATS,
  DEFAULT_OWNER,
  type ClassificationAuthority,
  type MarkingCaveat,
  type MarkingLevel,
  type MarkingScheme,
} from './domain';

export class MarkingError extends Error {
  readonly code = 'unknown_level';
  constructor(
    message: string,
    readonly itemId?: string,
  ) {
    super(message);
    this.name = 'MarkingError';
  }
}

export interface Markable {
  id: string;
  classification: string;
  caveats?: readonly string[];
  /** named in the roll-up's reasons */
  title?: string;
}

export type MarkingReasonKind = 'superseded' | 'rel_to_missing' | 'rel_to_owner_only' | 'unknown_caveat';

/** Why the overall marking is not simply the union of the items' caveats, in words. */
export interface MarkingReason {
  kind: MarkingReasonKind;
  /** the caveat dropped, replaced or not known, e.g. `REL TO`, `EYES ONLY` */
  caveat: string;
  itemId?: string;
  itemTitle?: string;
  /** e.g. `NOFORN because "Joint statement…" is NOFORN; REL TO dropped` */
  message: string;
}

export interface OverallMarking {
  level: MarkingLevel;
  /** in banner form and scheme order, e.g. `['ORCON', 'NOFORN']` */
  caveats: string[];
  /** the banner line as printed, e.g. `SECRET//REL TO USA, KOR` */
  text: string;
  reasons: MarkingReason[];
}

/** Code-point order: stable on every machine, unlike locale-aware sorting. */
function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The scheme's caveat list, or when it has none a copy of the default list (one a caller may make a scheme's own). */
export function schemeCaveats(scheme: MarkingScheme): MarkingCaveat[] {
  return scheme.caveats ?? caveatRows(DEFAULT_CAVEATS);
}

/** The same list to read, never to keep or change: no copy of the default list at every look-up. */
function caveatList(scheme: MarkingScheme): readonly Readonly<MarkingCaveat>[] {
  return scheme.caveats ?? DEFAULT_CAVEATS;
}

/** The owner country, first in every country list. */
export function schemeOwner(scheme: MarkingScheme): string {
  return scheme.owner ?? DEFAULT_OWNER;
}

function caveatByCode(scheme: MarkingScheme, code: string): MarkingCaveat | undefined {
  return caveatList(scheme).find((caveat) => caveat.code === code);
}

/**
 * A country caveat read from text: `REL TO KOR, USA` → `{ code: 'REL TO', countries:
 * ['KOR', 'USA'] }` (as written, upper-cased; not yet ordered). Null when `raw` is not one.
 */
export function parseCountryCaveat(raw: string, scheme: MarkingScheme): { code: string; countries: string[] } | null {
  const text = raw.trim();
  const upper = text.toUpperCase();
  // the longest code first, so `REL TO` is not taken for a shorter code that prefixes it
  const countryCaveats = caveatList(scheme)
    .filter((caveat) => caveat.countries === true)
    .sort((a, b) => b.code.length - a.code.length);
  for (const caveat of countryCaveats) {
    const code = caveat.code.toUpperCase();
    if (upper !== code && !upper.startsWith(`${code} `)) continue;
    const countries = text
      .slice(code.length)
      .split(',')
      .map((country) => country.trim().toUpperCase())
      .filter((country) => country !== '');
    return { code: caveat.code, countries };
  }
  return null;
}

/** Owner first, the rest in alphabetical order, each once. */
export function orderCountries(countries: Iterable<string>, scheme: MarkingScheme): string[] {
  const owner = schemeOwner(scheme);
  const unique = new Set(countries);
  const rest = [...unique].filter((country) => country !== owner).sort(byCodePoint);
  return unique.has(owner) ? [owner, ...rest] : rest;
}

function countryCaveatText(code: string, countries: readonly string[]): string {
  return countries.length > 0 ? `${code} ${countries.join(', ')}` : code;
}

/**
 * What is wrong with a country caveat, in words (`lists "KR", which is not a country code...`,
 * `names no country`), or null when it is sound or not a country caveat at all.
 */
export function countryCaveatProblem(raw: string, scheme: MarkingScheme): string | null {
  const parsed = parseCountryCaveat(raw, scheme);
  if (parsed === null) return null;
  if (parsed.countries.length === 0) return `caveat "${raw}" names no country: write it as "${parsed.code} ${schemeOwner(scheme)}, KOR"`;
  const malformed = parsed.countries.filter((country) => !COUNTRY_CODE_PATTERN.test(country));
  if (malformed.length === 0) return null;
  return (
    `caveat "${raw}" lists ${malformed.map((c) => `"${c}"`).join(', ')}, which ${malformed.length === 1 ? 'is' : 'are'} not ` +
    'a country trigraph or tetragraph (3 or 4 capital letters, e.g. USA, KOR, FVEY); countries are separated by ", "'
  );
}

/**
 * One caveat as the scheme writes it: trimmed; a known code (or its portion form) in the
 * scheme's spelling; a country caveat's list owner-first, then alphabetical, deduplicated.
 * Never splits on commas: `REL TO KOR, USA` is one caveat, `REL TO USA, KOR`.
 */
export function normaliseCaveat(raw: string, scheme: MarkingScheme): string {
  const text = raw.trim().replace(/\s+/g, ' ');
  const country = parseCountryCaveat(text, scheme);
  if (country !== null) return countryCaveatText(country.code, orderCountries(country.countries, scheme));
  const upper = text.toUpperCase();
  const caveats = caveatList(scheme);
  const known =
    caveats.find((caveat) => caveat.code.toUpperCase() === upper) ??
    caveats.find((caveat) => caveat.portion !== undefined && caveat.portion.toUpperCase() === upper);
  return known === undefined ? text : known.code;
}

/** The scheme's caveat a (normalised) caveat string is an instance of, if any. */
function schemeCaveatOf(caveat: string, scheme: MarkingScheme): MarkingCaveat | undefined {
  const country = parseCountryCaveat(caveat, scheme);
  return country !== null ? caveatByCode(scheme, country.code) : caveatByCode(scheme, caveat);
}

export function isKnownCaveat(caveat: string, scheme: MarkingScheme): boolean {
  return schemeCaveatOf(normaliseCaveat(caveat, scheme), scheme) !== undefined;
}

/**
 * {@link orderCaveats}' answers by scheme, then by the caveats as given: a book has a handful of
 * combinations, met again at every item's portion mark and every page's banner. Schemes are
 * never changed in place (an edit makes a new one), so an answer holds as long as its scheme.
 */
const orderedCaveats = new WeakMap<MarkingScheme, Map<string, readonly string[]>>();

/**
 * Caveats normalised, deduplicated, in the scheme's order; unknown ones after the listed ones,
 * alphabetically. Two lists of one country caveat on the same item are merged.
 */
export function orderCaveats(caveats: readonly string[], scheme: MarkingScheme): string[] {
  let byCaveats = orderedCaveats.get(scheme);
  if (byCaveats === undefined) {
    byCaveats = new Map();
    orderedCaveats.set(scheme, byCaveats);
  }
  const key = caveats.join('\u0000');
  let ordered = byCaveats.get(key);
  if (ordered === undefined) {
    ordered = orderCaveatsOf(caveats, scheme);
    byCaveats.set(key, ordered);
  }
  // a copy: callers may add to what they are given
  return [...ordered];
}

function orderCaveatsOf(caveats: readonly string[], scheme: MarkingScheme): string[] {
  const list = caveatList(scheme);
  const countryLists = new Map<string, string[]>();
  const known = new Set<string>();
  const unknown = new Set<string>();
  for (const raw of caveats) {
    const caveat = normaliseCaveat(raw, scheme);
    if (caveat === '') continue;
    const country = parseCountryCaveat(caveat, scheme);
    if (country !== null) countryLists.set(country.code, [...(countryLists.get(country.code) ?? []), ...country.countries]);
    else if (caveatByCode(scheme, caveat) !== undefined) known.add(caveat);
    else unknown.add(caveat);
  }
  const ordered: string[] = [];
  for (const caveat of list) {
    const countries = countryLists.get(caveat.code);
    if (countries !== undefined) ordered.push(countryCaveatText(caveat.code, orderCountries(countries, scheme)));
    else if (known.has(caveat.code)) ordered.push(caveat.code);
  }
  return [...ordered, ...[...unknown].sort(byCodePoint)];
}

export function levelIndex(scheme: MarkingScheme, code: string, itemId?: string): number {
  const index = scheme.levels.findIndex((level) => level.code === code);
  if (index < 0) {
    const known = scheme.levels.map((level) => level.code).join(', ');
    const where = itemId === undefined ? '' : `item "${itemId}": `;
    throw new MarkingError(
      `${where}classification "${code}" is not a level of the "${scheme.scheme}" scheme (levels: ${known})`,
      itemId,
    );
  }
  return index;
}

/** A caveat in its portion form: `NF`, `OC`; a country caveat keeps its code and countries. */
function portionForm(caveat: string, scheme: MarkingScheme): string {
  const known = schemeCaveatOf(caveat, scheme);
  if (known === undefined || known.countries === true) return caveat;
  return known.portion ?? known.code;
}

/** `(C)`, `(TS//OC/NF)`, `(S//REL TO USA, KOR)`: the level's portion, then the item's caveats. */
export function portionMark(item: Markable, scheme: MarkingScheme): string {
  const level = scheme.levels[levelIndex(scheme, item.classification, item.id)];
  const caveats = orderCaveats(item.caveats ?? [], scheme).map((caveat) => portionForm(caveat, scheme));
  return `(${level.portion}${caveats.length > 0 ? `//${caveats.join('/')}` : ''})`;
}

function levelIndexForFloor(scheme: MarkingScheme, floor: string): number {
  const index = scheme.levels.findIndex((level) => level.code === floor);
  if (index < 0) {
    throw new MarkingError(`book floor "${floor}" is not a level of the "${scheme.scheme}" scheme`);
  }
  return index;
}

/** A title short enough to quote in a sentence. */
function quoteTitle(item: Markable): string {
  const title = item.title ?? item.id;
  return `"${title.length > 40 ? `${title.slice(0, 39).trimEnd()}…` : title}"`;
}

function about(item: Markable): { itemId: string; itemTitle?: string } {
  return item.title === undefined ? { itemId: item.id } : { itemId: item.id, itemTitle: item.title };
}

/**
 * The overall marking of a set of items (docs/markings.md): the highest level (never below
 * `floor`); every caveat any item carries, except superseded ones; a country caveat only when
 * every item above the lowest level carries it, its countries intersected, else the caveat that
 * supersedes it (NOFORN) with a reason. The result does not depend on the items' order.
 */
export function overallMarking(items: readonly Markable[], scheme: MarkingScheme, floor?: string): OverallMarking {
  let highest = floor !== undefined && floor !== '' ? levelIndexForFloor(scheme, floor) : 0;
  const ordered = items.map((item) => {
    highest = Math.max(highest, levelIndex(scheme, item.classification, item.id));
    return { item, caveats: orderCaveats(item.caveats ?? [], scheme), classified: levelIndex(scheme, item.classification) > 0 };
  });
  const level = scheme.levels[highest];
  const list = caveatList(scheme);
  const reasons: MarkingReason[] = [];

  /** known code → the first item (in the given order) carrying it */
  const carriedBy = new Map<string, Markable>();
  const unknown = new Map<string, Markable>();
  for (const { item, caveats } of ordered) {
    for (const caveat of caveats) {
      const known = schemeCaveatOf(caveat, scheme);
      if (known === undefined) {
        if (!unknown.has(caveat)) unknown.set(caveat, item);
      } else if (known.countries !== true && !carriedBy.has(known.code)) carriedBy.set(known.code, item);
    }
  }

  const supersederOf = (code: string) => list.find((caveat) => caveat.supersedes?.includes(code) === true);
  const countryText = new Map<string, string>();
  for (const caveat of list.filter((c) => c.countries === true)) {
    const carriers = ordered
      .map(({ item, caveats, classified }) => ({
        item,
        classified,
        countries: caveats.map((c) => parseCountryCaveat(c, scheme)).find((parsed) => parsed?.code === caveat.code)?.countries,
      }));
    const carrying = carriers.filter((carrier) => carrier.countries !== undefined);
    if (carrying.length === 0) continue;
    const replacement = supersederOf(caveat.code);
    const instead = replacement === undefined ? `${caveat.code} dropped` : `${replacement.code} instead of ${caveat.code}`;
    const superseding = replacement === undefined ? undefined : carriedBy.get(replacement.code);
    if (superseding !== undefined) {
      reasons.push({
        kind: 'superseded',
        caveat: caveat.code,
        ...about(superseding),
        message: `${replacement!.code} because ${quoteTitle(superseding)} is ${replacement!.code}; ${caveat.code} dropped`,
      });
      continue;
    }
    const lacking = carriers.find((carrier) => carrier.classified && carrier.countries === undefined);
    if (lacking !== undefined) {
      reasons.push({
        kind: 'rel_to_missing',
        caveat: caveat.code,
        ...about(lacking.item),
        message: `${instead}: ${quoteTitle(lacking.item)} is classified and carries no ${caveat.code}, so the book cannot be released`,
      });
      if (replacement !== undefined) carriedBy.set(replacement.code, lacking.item);
      continue;
    }
    let common = new Set(carrying[0].countries);
    for (const carrier of carrying.slice(1)) common = new Set(carrier.countries!.filter((country) => common.has(country)));
    const owner = schemeOwner(scheme);
    const others = [...common].filter((country) => country !== owner);
    if (others.length === 0) {
      const narrowest = carrying.reduce((a, b) => (b.countries!.length < a.countries!.length ? b : a));
      reasons.push({
        kind: 'rel_to_owner_only',
        caveat: caveat.code,
        ...about(narrowest.item),
        message: `${instead}: the items' ${caveat.code} lists share no country but ${common.size > 0 ? owner : 'none'} (${carrying
          .map((carrier) => `${quoteTitle(carrier.item)}: ${carrier.countries!.join(', ') || 'none'}`)
          .join('; ')})`,
      });
      if (replacement !== undefined) carriedBy.set(replacement.code, narrowest.item);
      continue;
    }
    countryText.set(caveat.code, countryCaveatText(caveat.code, orderCountries(common, scheme)));
  }

  // plain caveats superseding plain caveats (a country caveat was handled above)
  const superseded = new Set<string>();
  for (const caveat of list) {
    if (!carriedBy.has(caveat.code)) continue;
    for (const code of caveat.supersedes ?? []) {
      const victim = carriedBy.get(code);
      if (victim === undefined || caveatByCode(scheme, code)?.countries === true) continue;
      superseded.add(code);
      const by = carriedBy.get(caveat.code)!;
      reasons.push({
        kind: 'superseded',
        caveat: code,
        ...about(by),
        message: `${caveat.code} because ${quoteTitle(by)} is ${caveat.code}; ${code} dropped`,
      });
    }
  }

  for (const [caveat, item] of [...unknown].sort(([a], [b]) => byCodePoint(a, b))) {
    reasons.push({
      kind: 'unknown_caveat',
      caveat,
      ...about(item),
      message: `"${caveat}" on ${quoteTitle(item)} is not a caveat of the "${scheme.scheme}" scheme; it is printed as written, after the listed ones`,
    });
  }

  const caveats: string[] = [];
  for (const caveat of list) {
    const country = countryText.get(caveat.code);
    if (country !== undefined) caveats.push(country);
    else if (caveat.countries !== true && carriedBy.has(caveat.code) && !superseded.has(caveat.code)) caveats.push(caveat.code);
  }
  caveats.push(...[...unknown.keys()].sort(byCodePoint));
  return {
    level,
    caveats,
    text: caveats.length > 0 ? `${level.banner}//${caveats.join('/')}` : level.banner,
    reasons,
  };
}

/** The roll-up's reasons a user must read before exporting: every one, in words. */
export function markingWarnings(overall: OverallMarking): string[] {
  return overall.reasons.map((reason) => reason.message);
}

/** True when `code` is at or below `maxCode` in the scheme (releasable editions). */
export function isAtOrBelow(scheme: MarkingScheme, code: string, maxCode: string, itemId?: string): boolean {
  return levelIndex(scheme, code, itemId) <= levelIndex(scheme, maxCode);
}

/**
 * What a final export of a book marked `overall` lacks of its authority block, in words; empty
 * when nothing is missing or the book is at the scheme's lowest level.
 */
export function authorityProblems(
  book: { classificationAuthority?: ClassificationAuthority },
  overall: OverallMarking,
  scheme: MarkingScheme,
): string[] {
  if (scheme.levels.findIndex((level) => level.code === overall.level.code) <= 0) return [];
  const authority = book.classificationAuthority ?? {};
  const given = (value: string | undefined) => value !== undefined && value.trim() !== '';
  const problems: string[] = [];
  const level = overall.level.banner;
  if (!given(authority.classifiedBy)) problems.push(`"Classified by" (classifiedBy) is missing: a ${level} book must name who classified it`);
  if (!given(authority.derivedFrom) && !given(authority.reason)) {
    problems.push(`"Derived from" (derivedFrom) or "Reason" (reason) is missing: a ${level} book must give one of them`);
  }
  if (!given(authority.declassifyOn)) problems.push(`"Declassify on" (declassifyOn) is missing: a ${level} book must say when it is declassified`);
  return problems;
}

export { MARKING_PRESETS, type MarkingPresetId } from './marking-presets';

/** The conventional badge colours of the UI; a custom scheme's levels fall back by rank. */
export function levelColour(scheme: MarkingScheme, code: string): string {
  const byBanner: Record<string, string> = {
    UNCLASSIFIED: '#007a33',
    CONFIDENTIAL: '#0033a0',
    SECRET: '#c8102e',
    'TOP SECRET': '#ff8c00',
  };
  const level = scheme.levels.find((l) => l.code === code);
  if (level !== undefined && byBanner[level.banner] !== undefined) return byBanner[level.banner];
  const rank = Math.max(0, scheme.levels.findIndex((l) => l.code === code));
  const ramp = ['#007a33', '#0033a0', '#c8102e', '#ff8c00', '#5b2a86'];
  return ramp[Math.min(rank, ramp.length - 1)];
}
