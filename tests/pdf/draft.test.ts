/**
 * Issue 16, point 6: a working copy says so on every page, a "DRAFT — NOT FOR THE PRINCIPAL"
 * band drawn as outlines (so no reader of the text, pdftotext or pdf.js, gets it), and its cover
 * lists what is not cleared. A final copy has no band.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { buildBookPdf, buildPocketCard } from '../../src/pdf';
import { NODE_EXTRAS, fonts, inkShare, readPdf, renderGrey, sampleContent, writeTemp } from './pdf-reader';

describe('the working copy', () => {
  it('carries the DRAFT band on every page, seen but never in the extracted text', async () => {
    const result = await buildBookPdf(sampleContent(), fonts(), { mode: 'working', watermark: 'DRAFT' }, NODE_EXTRAS);
    const path = writeTemp(result.bytes);
    const pdf = await readPdf(result.bytes);
    const popplerText = execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' });
    expect(popplerText).not.toContain('NOT FOR THE PRINCIPAL');
    expect(popplerText).not.toMatch(/^DRAFT\s*$/m);
    for (const page of pdf.pages) {
      expect(page.text).not.toContain('NOT FOR THE');
      // the band: dark red down the left edge, on every page, the back cover too, with light letters in it
      const render = renderGrey(path, page.number, 40);
      const band = inkShare(render, page.height, 40, { x: 2, y: 100, width: 12, height: page.height - 200 });
      expect(band, `page ${page.number}`).toBeGreaterThan(0.5);
      expect(band, `page ${page.number}`).toBeLessThan(0.97);
    }
    expect(pdf.pages[0].text).toContain('Working copy — not for the principal: 1 item is not cleared');
    expect(pdf.pages[0].text).toContain('TP-9 Trade framework: teams will finish the work (draft)');
  });

  it('marks the pocket card of a working copy too, and leaves a final copy without the band', async () => {
    const card = await buildPocketCard(sampleContent(), fonts(), { mode: 'working' }, NODE_EXTRAS);
    const cardPath = writeTemp(card.bytes);
    const cardPage = (await readPdf(card.bytes)).pages[0];
    expect(inkShare(renderGrey(cardPath, 1, 40), cardPage.height, 40, { x: 2, y: 80, width: 8, height: cardPage.height - 160 })).toBeGreaterThan(0.5);
    const content = sampleContent();
    content.items = content.items.map((i) => ({ ...i, status: 'cleared' as const }));
    const final = await buildBookPdf(content, fonts(), { mode: 'final' }, NODE_EXTRAS);
    const path = writeTemp(final.bytes);
    const page = (await readPdf(final.bytes)).pages[4];
    expect(inkShare(renderGrey(path, 5, 40), page.height, 40, { x: 2, y: 100, width: 12, height: page.height - 200 })).toBe(0);
  });
});
