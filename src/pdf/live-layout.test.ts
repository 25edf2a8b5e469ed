/**
 * Incremental layout gives the pages a layout from scratch gives: random edits to random items
 * of a generated book (the options changing now and then), then the cached layout and a fresh
 * one compared page by page (content, links, the contents' page numbers, bookmarks). Both share
 * one FontSet, so the glyph codes in the drawn text are the same when the glyphs are.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PdfOptions } from '../shared/contract';
import type { BookContent, ExchangeItem } from '../shared/domain';
import { generatedBook } from '../../tests/bench/pdf-book';
import { fonts as fontFiles } from '../../tests/pdf/pdf-reader';
import { BodyCache, layoutBook, type LaidOutBook } from './book-layout';
import type { OutlineNode } from './document';
import { LiveLayout } from './live-layout';
import { FontSet } from './fonts';
import { prepareBook } from './prepare';

const files = fontFiles();

function pagesOf(book: LaidOutBook) {
  return book.pages.map((page) => ({
    index: page.index,
    role: page.role,
    section: `${page.sectionIndex} ${page.sectionTitle}`,
    under: page.under,
    body: page.body,
    links: page.links,
    forms: [...page.forms].map((f) => f.name),
  }));
}

function outlineOf(nodes: readonly OutlineNode[]): unknown[] {
  return nodes.map((n) => ({ title: n.title, page: n.page.index, top: n.top, children: outlineOf(n.children) }));
}

/** An edit a writer makes: the item's new fields, or its removal from its section. */
type Edit =
  | { at: number; kind: 'type'; words: string; where: 'start' | 'middle' | 'end' }
  | { at: number; kind: 'cut'; chars: number }
  | { at: number; kind: 'paragraphs'; count: number }
  | { at: number; kind: 'title'; words: string }
  | { at: number; kind: 'level'; level: 'U' | 'C' | 'S' }
  | { at: number; kind: 'status'; status: ExchangeItem['status'] }
  | { at: number; kind: 'source'; title: string }
  | { at: number; kind: 'remove' };

const word = fc.constantFrom('summit', 'alliance', 'deterrence', '관세', 'tariff', 'shipbuilding', 'a', 'consultation', '“quoted”', 'semiconductors');
const words = fc.array(word, { minLength: 1, maxLength: 40 }).map((w) => w.join(' '));
const edit: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ at: fc.nat(), kind: fc.constant('type' as const), words, where: fc.constantFrom('start' as const, 'middle' as const, 'end' as const) }) },
  { weight: 2, arbitrary: fc.record({ at: fc.nat(), kind: fc.constant('cut' as const), chars: fc.integer({ min: 1, max: 200 }) }) },
  { weight: 2, arbitrary: fc.record({ at: fc.nat(), kind: fc.constant('paragraphs' as const), count: fc.integer({ min: 1, max: 12 }) }) },
  { weight: 1, arbitrary: fc.record({ at: fc.nat(), kind: fc.constant('title' as const), words }) },
  { weight: 1, arbitrary: fc.record({ at: fc.nat(), kind: fc.constant('level' as const), level: fc.constantFrom('U' as const, 'C' as const, 'S' as const) }) },
  { weight: 1, arbitrary: fc.record({ at: fc.nat(), kind: fc.constant('status' as const), status: fc.constantFrom('draft' as const, 'in_review' as const, 'cleared' as const) }) },
  { weight: 1, arbitrary: fc.record({ at: fc.nat(), kind: fc.constant('source' as const), title: words }) },
  { weight: 1, arbitrary: fc.record({ at: fc.nat(), kind: fc.constant('remove' as const) }) },
);

/** The content after the edit: a new item object for the edited item, everything else shared (as the preview worker keeps it). */
function apply(content: BookContent, e: Edit): { content: BookContent; itemId: string } {
  const printed = content.book.sections.flatMap((s) => s.items);
  const itemId = printed[e.at % printed.length];
  if (e.kind === 'remove') {
    const sections = content.book.sections.map((s) => ({ ...s, items: s.items.filter((id) => id !== itemId) }));
    return { content: { ...content, book: { ...content.book, sections } }, itemId };
  }
  const items = content.items.map((item) => {
    if (item.id !== itemId) return item;
    switch (e.kind) {
      case 'type': {
        const at = e.where === 'start' ? 0 : e.where === 'end' ? item.body.length : Math.floor(item.body.length / 2);
        return { ...item, body: `${item.body.slice(0, at)} ${e.words} ${item.body.slice(at)}` };
      }
      case 'cut':
        return { ...item, body: item.body.slice(0, Math.max(0, item.body.length - e.chars)) };
      case 'paragraphs':
        return { ...item, body: `${item.body}${'\n\nA new paragraph of the alliance framework and its implementation at working level.'.repeat(e.count)}` };
      case 'title':
        return { ...item, title: e.words };
      case 'level':
        return { ...item, classification: e.level };
      case 'status':
        return { ...item, status: e.status };
      case 'source':
        return { ...item, sources: [...(item.sources ?? []), { title: e.title }] };
    }
  });
  return { content: { ...content, items }, itemId };
}

const optionsArb: fc.Arbitrary<PdfOptions> = fc.record({
  mode: fc.constant('working' as const),
  sectionDividers: fc.boolean(),
  hyphenate: fc.boolean(),
  thumbTabs: fc.boolean(),
  maxLevel: fc.constantFrom(undefined, 'C'),
  bilingual: fc.constantFrom(undefined, 'ko'),
  sources: fc.constantFrom(undefined, 'omit' as const),
});

describe('incremental layout', () => {
  it('gives the pages a fresh layout gives after random edits to random items, the contents and bookmarks included', () => {
    const base = generatedBook(70, 7);
    let replayed = 0;
    fc.assert(
      // now and then the options change too (hyphenation turned on, a releasable edition)
      fc.property(optionsArb, fc.array(fc.tuple(edit, fc.option(optionsArb, { freq: 4 })), { minLength: 1, maxLength: 4 }), (first, edits) => {
        const live = new LiveLayout(files);
        let content = base;
        let options = first;
        live.finish(live.planNow(content, options));
        for (const [e, changed] of edits) {
          options = changed ?? options;
          const edited = apply(content, e);
          content = edited.content;
          const plan = live.planNow(content, options);
          replayed += live.cache.stats.replayed;
          const shown = live.itemPages(plan, edited.itemId);
          const incremental = live.finish(plan);
          const fresh = layoutBook(live.fonts, prepareBook(content, options));
          expect(pagesOf(incremental)).toEqual(pagesOf(fresh));
          expect(outlineOf(incremental.outline)).toEqual(outlineOf(fresh.outline));
          // the preview's pages are the book's pages with the item, as they print
          const freshPages = pagesOf(fresh);
          expect(shown.map((p) => ({ index: p.index, under: p.under, body: p.body }))).toEqual(
            shown.map((p) => ({ index: p.index, under: freshPages[p.index].under, body: freshPages[p.index].body })),
          );
        }
      }),
      { numRuns: 20, seed: 17 },
    );
    // the cache did its work: unchanged chunks were replayed, not laid out again
    expect(replayed).toBeGreaterThan(0);
  }, 120_000);

  it('lays out again only the edited item when typing a word leaves its page breaks where they were', () => {
    const content = generatedBook(400, 8);
    const options: PdfOptions = { mode: 'working' };
    const live = new LiveLayout(files);
    live.finish(live.planNow(content, options));
    const chunks = live.cache.stats.laidOut;
    const target = content.book.sections[4].items[20];
    const edited = { ...content, items: content.items.map((item) => (item.id === target ? { ...item, title: `${item.title.slice(0, -1)}!` } : item)) };
    const plan = live.planNow(edited, options);
    expect(live.cache.stats).toEqual({ replayed: chunks - 1, laidOut: 1 });
    const pages = live.itemPages(plan, target);
    expect(pages.length).toBeGreaterThan(0);
    expect(pages[0].index).toBeGreaterThan(plan.coverPages.length);
  });

  it('keeps at most its bound of item layouts, and only the sections of the last layout', () => {
    const fonts = new FontSet(files);
    const cache = new BodyCache(fonts, 25);
    const content = generatedBook(60, 6);
    layoutBook(fonts, prepareBook(content, { mode: 'working' }), undefined, undefined, cache);
    expect(cache.items.size).toBe(25);
    expect(cache.sections.size).toBe(6);
    // two sections leave the book: what they drew goes with them
    const shorter = { ...content, book: { ...content.book, sections: content.book.sections.slice(0, 4) } };
    const again = layoutBook(fonts, prepareBook(shorter, { mode: 'working' }), undefined, undefined, cache);
    expect([...cache.sections.keys()]).toEqual(shorter.book.sections.map((s) => s.id));
    expect(pagesOf(again)).toEqual(pagesOf(layoutBook(fonts, prepareBook(shorter, { mode: 'working' }))));
    // a cache serves the FontSet it was made with
    expect(() => layoutBook(new FontSet(files), prepareBook(shorter, { mode: 'working' }), undefined, undefined, cache)).toThrow(/FontSet it was made with/);
  });

  it('shows an item on its page with the book’s page number, and nothing for an item the book does not print', async () => {
    const content = generatedBook(60, 4);
    const live = new LiveLayout(files);
    const plan = live.planNow(content, { mode: 'working' });
    const target = content.book.sections[2].items[3];
    const pages = live.itemPages(plan, target);
    const bytes = await live.pdf(pages, 'Preview');
    const { readPdf } = await import('../../tests/pdf/pdf-reader');
    const read = await readPdf(bytes);
    const item = content.items.find((i) => i.id === target);
    expect(read.pages[0].text.replace(/\s+/g, ' ')).toContain(item?.title.slice(0, 20));
    expect(read.pages[0].text).toContain(`Page ${pages[0].index + 1} of ${plan.total}`);
    expect(live.itemPages(plan, 'not-in-the-book')).toEqual([]);
  });
});
