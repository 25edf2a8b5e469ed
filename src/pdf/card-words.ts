/**
 * The words a principal says, for the pocket card: the item's `cardLine` when the writer set
 * one, otherwise the first sentence of its body (abbreviations such as "U.S." or "Mr." do not end
 * a sentence), otherwise its title.
 */
import { parseBriefbookText } from '../shared/briefbook-text';
import type { ExchangeItem } from '../shared/domain';

/** A full stop after these does not end a sentence. */
const ABBREVIATION = /(?:^|[\s(“"‘'])(?:[A-Z]|U\.S|U\.K|U\.N|Mr|Mrs|Ms|Dr|St|No|vs|e\.g|i\.e|etc|approx|Gen|Sen|Rep|Gov|Amb)$/;
const END = /[.!?。！？]["”’)]*(?=\s|$)/g;

/** The first sentence of plain text (the whole text when it has no sentence end). */
export function firstSentence(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  for (const match of flat.matchAll(END)) {
    const end = match.index + match[0].length;
    if (match[0].startsWith('.') && ABBREVIATION.test(flat.slice(0, match.index))) continue;
    return flat.slice(0, end);
  }
  return flat;
}

/** The plain text of an item body's first block (a paragraph, or a list's first entry). */
function firstBlockText(body: string): string {
  const block = parseBriefbookText(body).blocks[0];
  if (block === undefined) return '';
  const runs = block.type === 'paragraph' ? block.runs : (block.entries[0]?.runs ?? []);
  return runs.map((r) => r.text).join('');
}

export function cardWords(item: ExchangeItem): string {
  const line = typeof item.cardLine === 'string' ? item.cardLine.trim() : '';
  if (line !== '') return line;
  const sentence = firstSentence(firstBlockText(item.body));
  return sentence === '' ? item.title : sentence;
}
