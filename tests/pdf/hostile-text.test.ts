/**
 * Whatever text an item holds (any Unicode, lone surrogates, control characters, huge words,
 * markup gone wrong), the engine prints a valid book with its banners and reports, never crashes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildBookPdf } from '../../src/pdf';
import { DEFAULT_MARKINGS, type BookContent, type ExchangeItem } from '../../src/shared/domain';
import { NODE_EXTRAS, fonts, qpdfCheck, readPdf, writeTemp } from './pdf-reader';

const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme-composite', maxLength: 200 }),
  fc.constantFrom('**', '*', '- ', '  - x', '1. ', '\t\t', '\r\n\r\n', '\u0000\u0007\u001b', '\ud800', '\udfff\ud800', '\u200b'.repeat(500), 'x'.repeat(3000), '가'.repeat(2000), '😀🚀', '\u202e reversed'),
);

function book(title: string, body: string): BookContent {
  const item: ExchangeItem = { id: 'item-1', kind: 'red_line', title: title === '' ? 'x' : title, body, classification: 'C', status: 'draft', translations: { ko: { title: body.slice(0, 50), body: title } } };
  return {
    markings: DEFAULT_MARKINGS,
    book: { id: 'hostile', title: title === '' ? 'x' : title, subtitle: body.slice(0, 200), sections: [{ id: 's', title: body.slice(0, 100) || 's', items: ['item-1'] }] },
    items: [item],
    itemVersions: {},
  };
}

describe('hostile text', () => {
  it('always yields a valid, marked PDF', async () => {
    let checkedWithQpdf = 0;
    await fc.assert(
      fc.asyncProperty(hostileText, hostileText, async (title, body) => {
        const result = await buildBookPdf(book(title, body), fonts(), { mode: 'working', watermark: body.slice(0, 30) || undefined }, NODE_EXTRAS);
        const pdf = await readPdf(result.bytes);
        expect(pdf.pages.length).toBe(result.pageCount);
        for (const page of pdf.pages) {
          expect(page.lines[0].text).toBe('CONFIDENTIAL');
          expect(page.lines.at(-1)?.text).toBe('CONFIDENTIAL');
        }
        for (const problem of result.problems) expect(['not_cleared', 'missing_glyph']).toContain(problem.code);
        // bookmarks and the title bar get the text on one line, without control characters
        // eslint-disable-next-line no-control-regex -- looking for control characters
        const control = /[\u0000-\u001f]/;
        for (const title of [pdf.sections[0].title, pdf.sections[0].children[0].title, String(pdf.info.Title)]) expect(title).not.toMatch(control);
        if (checkedWithQpdf < 5) {
          checkedWithQpdf += 1;
          expect(qpdfCheck(writeTemp(result.bytes))).toContain('No syntax or stream encoding errors found');
        }
      }),
      { numRuns: 25, seed: 20250825 },
    );
  });

  it('reports a lone surrogate as a missing character of its item', async () => {
    const result = await buildBookPdf(book('Broken \ud800 title', 'ok'), fonts(), { mode: 'working' }, NODE_EXTRAS);
    expect(result.problems).toContainEqual(expect.objectContaining({ code: 'missing_glyph', itemId: 'item-1', message: expect.stringContaining('U+D800') }));
  });
});
