/**
 * A book's roll-up as the renderer shows it: the marking engine (src/shared/markings.ts) over
 * the items the book prints, the same call the store and the PDF make, so the inspector's words
 * and the export check say what the PDF will print.
 */
import type { BookDetail, ItemRow, MarkingScheme } from '../../shared/contract';
import { authorityProblems, isAtOrBelow, isKnownCaveat, levelIndex, MarkingError, orderCaveats, overallMarking, parseCountryCaveat, type OverallMarking } from '../../shared/markings';

/** Every item the book prints, once, in the order the sections print them. */
export function bookItems(detail: BookDetail): ItemRow[] {
  const unique = new Map<string, ItemRow>();
  for (const section of detail.sections) for (const item of section.items) if (!unique.has(item.id)) unique.set(item.id, item);
  return [...unique.values()];
}

export type RollUp =
  | {
      ok: true;
      overall: OverallMarking;
      /** the sentence that says where the level comes from */
      levelWords: string;
      /** where each caveat of the overall marking comes from, unless a reason already says */
      caveatWords: string[];
      /** what a final export lacks of the authority block; empty when nothing */
      authority: string[];
      /** caveats not in the scheme, one sentence per item and caveat */
      unknownCaveats: { itemId: string; message: string }[];
    }
  | { ok: false; message: string; itemId?: string };

/**
 * The roll-up of the items a book prints (those up to `maxLevel`, for a releasable edition),
 * or why it cannot be computed (an item at a level the scheme lacks), in words.
 */
export function bookRollUp(detail: BookDetail, scheme: MarkingScheme, maxLevel?: string): RollUp {
  try {
    const all = bookItems(detail);
    const items = maxLevel === undefined || maxLevel === '' ? all : all.filter((item) => isAtOrBelow(scheme, item.classification, maxLevel, item.id));
    const floor = detail.book.floor;
    const overall = overallMarking(items, scheme, floor);
    const top = levelIndex(scheme, overall.level.code);
    const highest = items.find((item) => levelIndex(scheme, item.classification, item.id) === top);
    let levelWords: string;
    if (highest !== undefined) levelWords = `${overall.level.banner} because “${highest.title}” is ${overall.level.banner}.`;
    else if (floor !== undefined && floor !== '') levelWords = `${overall.level.banner} because the book's floor is ${overall.level.banner}.`;
    else levelWords = `${overall.level.banner}: ${items.length === 0 ? 'the book prints no items yet' : 'the lowest level of the scheme'}.`;
    const explained = (caveat: string) => overall.reasons.some((r) => r.message.startsWith(`${caveat} `) || (r.kind === 'unknown_caveat' && r.caveat === caveat));
    const caveatWords = overall.caveats
      .filter((caveat) => !explained(caveat))
      .map((caveat) => {
        const country = parseCountryCaveat(caveat, scheme);
        if (country !== null) return `${caveat}: every classified item carries ${country.code}, and these are the countries all of them share.`;
        const from = items.find((item) => orderCaveats(item.caveats, scheme).includes(caveat));
        return from === undefined ? `${caveat}.` : `${caveat} because “${from.title}” is ${caveat}.`;
      });
    const unknownCaveats = items.flatMap((item) =>
      item.caveats.filter((caveat) => !isKnownCaveat(caveat, scheme)).map((caveat) => ({ itemId: item.id, message: `“${item.title}” carries “${caveat}”, which is not a caveat of the “${scheme.scheme}” scheme: it prints as written, after the listed ones.` })),
    );
    return { ok: true, overall, levelWords, caveatWords, authority: authorityProblems(detail.book, overall, scheme), unknownCaveats };
  } catch (error) {
    if (error instanceof MarkingError) return { ok: false, message: error.message, itemId: error.itemId };
    throw error;
  }
}
