/**
 * The clearance page (docs/pdf.md): after the contents, one entry per paper with its number,
 * portion mark and title, then who drafted it and each clearing office with its date. Read back
 * from the PDF's text.
 */
import { describe, expect, it } from 'vitest';
import { buildBookPdf } from '../../src/pdf';
import { NODE_EXTRAS, fonts, readPdf, sampleContent } from './pdf-reader';

describe('clearance page', () => {
  it('follows the contents and lists each paper with its drafter and clearing offices', async () => {
    const content = sampleContent();
    content.items = content.items.map((item) =>
      item.id === 'rl-flexibility-details'
        ? {
            ...item,
            drafter: 'Korea Desk (M. Lee)',
            clearances: [
              { office: 'EAP/K', person: 'J. Park', date: '2026-11-28', decision: 'cleared' as const },
              { office: 'PM', date: '2026-11-29', decision: 'cleared' as const },
              { office: 'S/P', date: '2026-11-30', decision: 'for_information' as const },
            ],
          }
        : item,
    );
    const pdf = await readPdf((await buildBookPdf(content, fonts(), { mode: 'working', clearancePage: true }, NODE_EXTRAS)).bytes);
    const contentsAt = pdf.pages.findIndex((p) => p.lines.some((l) => l.text === 'Contents'));
    const clearanceAt = pdf.pages.findIndex((p) => p.lines.some((l) => l.text === 'Clearance'));
    expect(contentsAt).toBeGreaterThan(0);
    expect(clearanceAt).toBeGreaterThan(contentsAt);
    const listing = pdf.pages.slice(clearanceAt).map((p) => p.text).join('\n');
    expect(listing).toMatch(/\(C\/\/NF\) No leader-level deal on the details of strategic flexibility/);
    // the paper, its page, and its lines under it, together on one page
    expect(listing).toMatch(
      /RL-1 \(C\/\/NF\) No leader-level deal on the details of strategic flexibility \d+\nDrafted by Korea Desk \(M\. Lee\)\nCleared by EAP\/K \(J\. Park\), 2026-11-28\nCleared by PM, 2026-11-29\nFor information: S\/P, 2026-11-30\n/,
    );
    // every paper has its entry, the draft says it is not cleared
    expect(listing.match(/^Drafted by /gm)).toHaveLength(content.items.length);
    expect(listing).toMatch(/TP-9 \(U\) [^\n]+\nDrafted by \(not recorded\)\nNot cleared as printed: draft/);
    // the body follows the clearance pages
    const firstBody = pdf.pages.findIndex((p) => p.lines.some((l) => /^SECTION 1 OF/.test(l.text)));
    expect(firstBody).toBeGreaterThan(clearanceAt);
  });

  it('is not printed unless asked for', async () => {
    const pdf = await readPdf((await buildBookPdf(sampleContent(), fonts(), { mode: 'working' }, NODE_EXTRAS)).bytes);
    expect(pdf.pages.some((p) => p.lines.some((l) => l.text === 'Clearance'))).toBe(false);
  });
});
