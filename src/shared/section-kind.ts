/**
 * The natural kind of item for a section: what most of its items already are, else what its
 * title says ("Red lines" → red line), else a talking point. Used where an item is written into
 * a section without a kind of its own (a .docx import, a new item in the book).
 */
import { ITEM_KINDS, type ItemKind } from './domain';

/** Title words → kind, most specific first ("their objectives" before "objectives"). */
const TITLE_WORDS: [RegExp, ItemKind][] = [
  [/their|counterpart/i, 'their_objective'],
  [/objective|goal|aim/i, 'objective'],
  [/talking|points?\b/i, 'talking_point'],
  [/\bask/i, 'ask'],
  [/red.?line/i, 'red_line'],
  [/if raised|contingen|reactive/i, 'if_raised'],
  [/press|media/i, 'press_line'],
  [/background|context/i, 'background'],
  [/participant|biograph|\bbios?\b|who.?s who/i, 'bio'],
  [/reference|annex|text/i, 'reference'],
  [/program|schedule|scenario|agenda/i, 'scenario'],
];

export function naturalKind(section: { title: string; items?: readonly { kind: ItemKind }[] }): ItemKind {
  const counts = new Map<ItemKind, number>();
  for (const item of section.items ?? []) counts.set(item.kind, (counts.get(item.kind) ?? 0) + 1);
  let best: ItemKind | null = null;
  for (const kind of ITEM_KINDS) if ((counts.get(kind) ?? 0) > (best === null ? 0 : (counts.get(best) ?? 0))) best = kind;
  if (best !== null) return best;
  return TITLE_WORDS.find(([words]) => words.test(section.title))?.[1] ?? 'talking_point';
}
