/**
 * The body's pages are finished before the listings are drawn: `layoutBook` hands them to its
 * `onBodyFinished` with their thumb tabs, banners and "Page N of M" drawn, and nothing is drawn on
 * them after, so an export can compress them while the contents are laid out (index.ts).
 */
import { describe, expect, it } from 'vitest';
import { generatedBook } from '../../tests/bench/pdf-book';
import { fonts as fontFiles } from '../../tests/pdf/pdf-reader';
import { layoutBook } from './book-layout';
import { FontSet } from './fonts';
import type { Page } from './page';
import { prepareBook } from './prepare';

const content = (page: Page) => page.contentLines().flat().join('\n');

describe('layoutBook, onBodyFinished', () => {
  it('gets every body page once, finished, before any listing page exists', () => {
    const book = prepareBook(generatedBook(60, 3), { mode: 'working' });
    let seen: { pages: readonly Page[]; contents: string[] } | undefined;
    const laidOut = layoutBook(new FontSet(fontFiles()), book, undefined, undefined, undefined, (pages) => {
      expect(seen).toBeUndefined();
      seen = { pages, contents: pages.map(content) };
    });
    expect(seen).toBeDefined();
    const body = laidOut.pages.filter((page) => page.role === 'body');
    expect(seen!.pages).toEqual(body);
    // what the callback saw is what the book prints: every page's furniture adds to its content,
    // so a page handed over before its furniture (or drawn on after) would differ here
    expect(body.map(content)).toEqual(seen!.contents);
    const listing = laidOut.pages.filter((page) => page.role === 'contents');
    expect(listing.length).toBeGreaterThan(0);
    expect(body.every((page) => page.index > listing[listing.length - 1].index)).toBe(true);
  });

  it('draws the same book with the callback as without it', () => {
    const book = () => prepareBook(generatedBook(40, 2), { mode: 'working' });
    const fonts = new FontSet(fontFiles());
    const first = layoutBook(fonts, book(), undefined, undefined, undefined, () => undefined);
    const second = layoutBook(fonts, book());
    expect(second.pages.map(content)).toEqual(first.pages.map(content));
  });
});
