/**
 * Marking rules of docs/spec/EXCHANGE.md: the overall marking of a book and the portion mark
 * of an item. The PDF engine, the renderer's badge and the store all call these, so a book is
 * marked the same way wherever it is shown.
 */
import type { MarkingLevel, MarkingScheme } from './domain';

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
}

export interface OverallMarking {
  level: MarkingLevel;
  caveats: string[];
  /** the banner line as printed, e.g. `SECRET//NOFORN/REL TO USA, KOR` */
  text: string;
}

/** Code-point order: stable on every machine, unlike locale-aware sorting. */
function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Caveats deduplicated and sorted alphabetically; free strings, never split on commas. */
export function sortedCaveats(caveats: Iterable<string>): string[] {
  return [...new Set(caveats)].sort(byCodePoint);
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

/** `(C)`, `(S//NOFORN)`: the level's portion, then the item's own caveats after `//`. */
export function portionMark(item: Markable, scheme: MarkingScheme): string {
  const level = scheme.levels[levelIndex(scheme, item.classification, item.id)];
  const caveats = sortedCaveats(item.caveats ?? []);
  return `(${level.portion}${caveats.length > 0 ? `//${caveats.join('/')}` : ''})`;
}

/**
 * The highest level among the items (never below `floor`), with the union of their caveats.
 * A book with no items is marked at its floor, or at the scheme's lowest level.
 */
export function overallMarking(
  items: readonly Markable[],
  scheme: MarkingScheme,
  floor?: string,
): OverallMarking {
  let highest = floor !== undefined && floor !== '' ? levelIndexForFloor(scheme, floor) : 0;
  const caveats = new Set<string>();
  for (const item of items) {
    highest = Math.max(highest, levelIndex(scheme, item.classification, item.id));
    for (const caveat of item.caveats ?? []) caveats.add(caveat);
  }
  const level = scheme.levels[highest];
  const sorted = sortedCaveats(caveats);
  return {
    level,
    caveats: sorted,
    text: sorted.length > 0 ? `${level.banner}//${sorted.join('/')}` : level.banner,
  };
}

function levelIndexForFloor(scheme: MarkingScheme, floor: string): number {
  const index = scheme.levels.findIndex((level) => level.code === floor);
  if (index < 0) {
    throw new MarkingError(
      `book floor "${floor}" is not a level of the "${scheme.scheme}" scheme`,
    );
  }
  return index;
}

/** True when `code` is at or below `maxCode` in the scheme (releasable editions). */
export function isAtOrBelow(scheme: MarkingScheme, code: string, maxCode: string, itemId?: string): boolean {
  return levelIndex(scheme, code, itemId) <= levelIndex(scheme, maxCode);
}

/** The conventional badge colours of UX.md; a custom scheme's levels fall back by rank. */
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
