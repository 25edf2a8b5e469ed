/**
 * A generated library of real-shaped items (English bodies with Korean translations), for the
 * store and renderer benchmarks. Deterministic: the same count gives the same library.
 */
import { readFileSync } from 'node:fs';
import { SAMPLE_BOOK_PATH } from '../../electron/store';
import { ITEM_KINDS, type ExchangeFile, type ExchangeItem } from '../../src/shared/domain';

const TOPICS = ['Alliance', 'Strategic flexibility', 'Burden sharing', 'Trade', 'Shipbuilding', 'North Korea', 'Nuclear energy', 'Supply chains', 'Investment', 'Climate', 'Semiconductors', 'Visa'];
/**
 * The vocabulary comes from the sample book itself (a real summit book's English and Korean),
 * drawn with a Zipf distribution as words are in real text: a few words are everywhere, most
 * are rare. A tiny uniform vocabulary would put every word in every item and measure nothing
 * a desk officer ever sees.
 */
function vocabulary(): { en: string[]; ko: string[] } {
  const sample = JSON.parse(readFileSync(SAMPLE_BOOK_PATH, 'utf8')) as ExchangeFile;
  const en = new Map<string, number>();
  const ko = new Map<string, number>();
  const count = (map: Map<string, number>, text: string, pattern: RegExp) => {
    for (const word of text.toLowerCase().match(pattern) ?? []) map.set(word, (map.get(word) ?? 0) + 1);
  };
  for (const item of sample.items) {
    count(en, `${item.title} ${item.body}`, /[a-z][a-z'-]{2,}/g);
    for (const t of Object.values(item.translations ?? {})) count(ko, `${t.title ?? ''} ${t.body ?? ''}`, /[\uac00-\ud7af]{2,}/g);
  }
  const byFrequency = (map: Map<string, number>) => [...map.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([w]) => w);
  return { en: byFrequency(en), ko: byFrequency(ko) };
}

const { en: EN_WORDS, ko: KO_WORDS } = vocabulary();

/** A small deterministic PRNG (mulberry32), so runs compare like with like. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Zipf (s = 1) rank sampling by inverse CDF over the harmonic numbers. */
function zipf(next: () => number, size: number): number {
  const harmonic = Math.log(size) + 0.5772;
  return Math.min(size - 1, Math.floor(Math.exp(next() * harmonic - 0.5772)));
}

function sentence(next: () => number, words: string[], length: number, joiner = ' '): string {
  const out: string[] = [];
  for (let i = 0; i < length; i += 1) out.push(words[zipf(next, words.length)]);
  const text = out.join(joiner);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function generateLibrary(count: number, seed = 2025): ExchangeFile {
  const next = random(seed);
  const items: ExchangeItem[] = [];
  for (let i = 0; i < count; i += 1) {
    const kind = ITEM_KINDS[i % ITEM_KINDS.length];
    const paragraphs = 1 + Math.floor(next() * 3);
    const body = Array.from({ length: paragraphs }, () => `${sentence(next, EN_WORDS, 20 + Math.floor(next() * 30))}.`).join('\n\n');
    items.push({
      id: `gen-${i.toString(36).padStart(5, '0')}`,
      kind,
      title: `${sentence(next, EN_WORDS, 4 + Math.floor(next() * 6))} ${i}`,
      body: i % 5 === 0 ? `${body}\n\n- ${sentence(next, EN_WORDS, 8)}\n- **${sentence(next, EN_WORDS, 6)}**` : body,
      topic: TOPICS[i % TOPICS.length],
      tags: [TOPICS[(i * 7) % TOPICS.length].toLowerCase().replace(/ /g, '-')],
      classification: next() < 0.7 ? 'U' : next() < 0.8 ? 'C' : 'S',
      caveats: next() < 0.05 ? ['NOFORN'] : undefined,
      status: next() < 0.8 ? 'cleared' : next() < 0.5 ? 'in_review' : 'draft',
      lang: 'en',
      translations: { ko: { title: sentence(next, KO_WORDS, 5), body: `${sentence(next, KO_WORDS, 25)}.` } },
    });
  }
  return { format: 'briefbook/v1', items, books: [] };
}

/**
 * Queries a desk officer types: English words and pairs, word beginnings (as typed), Korean
 * words and pairs, from the same vocabulary, common and rare alike.
 */
export function searchQueries(count: number, seed = 7): string[] {
  const next = random(seed);
  const queries: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const pick = (words: string[]) => words[Math.floor(next() * words.length)];
    switch (i % 5) {
      case 0: queries.push(pick(EN_WORDS)); break;
      case 1: queries.push(`${pick(EN_WORDS)} ${pick(EN_WORDS)}`); break;
      case 2: queries.push(pick(KO_WORDS)); break;
      case 3: queries.push(`${pick(KO_WORDS)} ${pick(KO_WORDS)}`); break;
      default: queries.push(pick(EN_WORDS).slice(0, 5)); break;
    }
  }
  return queries;
}
