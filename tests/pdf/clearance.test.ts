/**
 * Clearance in the PDF (docs/pdf.md), read back from its text: a final copy refuses an item
 * changed since cleared; a working copy marks it so on the item and the cover; the clearance
 * page lists, after the contents, each paper with who drafted it and each clearing office.
 */
import { describe, expect, it } from 'vitest';
import { buildBookPdf, PdfExportError } from '../../src/pdf';
import type { BookContent } from '../../src/shared/domain';
import { contentHashOf } from '../../electron/store/hashes';
import { NODE_EXTRAS, fonts, readPdf, sampleContent } from './pdf-reader';

/** The sample, all cleared, one red line cleared on other words, with the hashes a library hands the engine. */
function withChangedItem(): BookContent {
  const content = sampleContent();
  const scheme = content.markings;
  content.items = content.items.map((item) => {
    const cleared = { ...item, status: 'cleared' as const };
    if (item.id !== 'rl-flexibility-details') return cleared;
    return { ...cleared, clearance: { by: 'J. Park', at: '2026-11-01T10:00:00Z', contentHash: contentHashOf({ ...item, title: 'Other words' }, scheme) } };
  });
  content.contentHashes = Object.fromEntries(content.items.map((item) => [item.id, contentHashOf(item, scheme)]));
  return content;
}

describe('an item changed since cleared', () => {
  it('is refused by a final copy, by id, title and section', async () => {
    const error = (await buildBookPdf(withChangedItem(), fonts(), { mode: 'final' }, NODE_EXTRAS).catch((e: unknown) => e)) as PdfExportError;
    expect(error).toBeInstanceOf(PdfExportError);
    expect(error.problems).toEqual([expect.objectContaining({ code: 'not_cleared', itemId: 'rl-flexibility-details' })]);
    expect(error.message).toMatch(/item "rl-flexibility-details" \("No leader-level deal on the details of strategic flexibility"\) in section "[^"]+" is changed since cleared/);
  });

  it('is marked so in a working copy: on the cover and above the item', async () => {
    const pdf = await readPdf((await buildBookPdf(withChangedItem(), fonts(), { mode: 'working' }, NODE_EXTRAS)).bytes);
    expect(pdf.pages[0].text).toMatch(/1 item is not cleared/);
    expect(pdf.pages[0].text.replace(/\s+/g, ' ')).toContain('RL-1 No leader-level deal on the details of strategic flexibility (changed since cleared)');
    expect(pdf.pages.map((p) => p.text).join('\n')).toContain('NOT CLEARED · CHANGED SINCE CLEARED');
  });
});

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
    // a bookmark of its own, after the contents' and before the first section's
    expect(pdf.outline.map((o) => [o.title, o.page]).slice(0, 3)).toEqual([
      ['At a glance', 2],
      ['Contents', contentsAt + 1],
      ['Clearance', clearanceAt + 1],
    ]);
    expect(pdf.outline[3].title).toBe(pdf.sections[0].title);
  });

  it('is not printed unless asked for', async () => {
    const pdf = await readPdf((await buildBookPdf(sampleContent(), fonts(), { mode: 'working' }, NODE_EXTRAS)).bytes);
    expect(pdf.pages.some((p) => p.lines.some((l) => l.text === 'Clearance'))).toBe(false);
  });
});
