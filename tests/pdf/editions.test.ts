/**
 * Issue 16, point 5: a releasable edition keeps every section and the full book's numbers; a
 * withheld item leaves only "RL-2 withheld in this edition" (no title, text or glyph of it in the
 * file), and the cover says what the edition leaves out.
 */
import { describe, expect, it } from 'vitest';
import { buildBookPdf } from '../../src/pdf';
import type { BookContent } from '../../src/shared/domain';
import { NODE_EXTRAS, fonts, readPdf, sampleContent, uncompressed, writeTemp } from './pdf-reader';

/** The sample with one talking point raised to C and a character no other text has in a red line. */
function edited(): BookContent {
  const content = sampleContent();
  content.items = content.items.map((item) => {
    if (item.id === 'tp-foundation') return { ...item, classification: 'C' };
    if (item.id === 'rl-taiwan-role') return { ...item, title: `${item.title} Ж`, body: `${item.body} Ѯ` };
    return item;
  });
  return content;
}

const allText = (pdf: Awaited<ReturnType<typeof readPdf>>) => pdf.pages.map((p) => p.text).join('\n');

describe('releasable editions', () => {
  it('keeps every section and numbers items as in the full book', async () => {
    const full = await readPdf((await buildBookPdf(edited(), fonts(), { mode: 'working' }, NODE_EXTRAS)).bytes);
    const edition = await readPdf((await buildBookPdf(edited(), fonts(), { mode: 'working', maxLevel: 'U' }, NODE_EXTRAS)).bytes);
    expect(edition.outline.map((o) => o.title)).toEqual(full.outline.map((o) => o.title));
    // TP-2 is withheld; TP-3 is still "Korea will spend more", as in the full book
    const number = (pdf: typeof full, title: string) => pdf.outline.flatMap((o) => o.children).find((c) => c.title.includes(title))?.title.split(' ')[0];
    expect(number(full, 'Korea will spend more')).toBe('TP-3');
    expect(number(edition, 'Korea will spend more')).toBe('TP-3');
    expect(number(edition, 'Our foreign policy rests on the alliance')).toBeUndefined();
    const text = allText(edition);
    expect(text).toContain('TP-2 withheld in this edition');
    for (const n of [1, 2, 3, 4, 5]) expect(text).toContain(`RL-${n} withheld in this edition`);
    // the red lines section still has its page and its tab
    const redLines = edition.pages.find((p) => p.lines.some((l) => l.text === 'RL-2 withheld in this edition'));
    expect(redLines?.text).toContain('5 Red lines');
    // the glance page and the contents keep the withheld numbers in their places, linked to their lines
    const glance = edition.pages[1];
    expect(glance.lines.map((l) => l.text)).toContain('RED LINES');
    expect(glance.text).toMatch(/RL-2 withheld in this edition \d+/);
    expect(glance.links.map((l) => l.page)).toContain(redLines?.number);
    const contents = edition.pages.filter((p) => p.lines[1]?.text.endsWith(' Contents') || p.lines.some((l) => l.text === 'Contents'));
    const contentLines = contents.flatMap((p) => p.lines.map((l) => l.text));
    const tp1 = contentLines.findIndex((l) => l.startsWith('TP-1 '));
    expect(contentLines[tp1 + 1]).toMatch(/^TP-2 withheld in this edition \d+$/);
    expect(contentLines[tp1 + 2]).toMatch(/^TP-3 \(U\) Korea will spend more/);
  });

  it('leaves no title, text or glyph of a withheld item in the file', async () => {
    const content = edited();
    const result = await buildBookPdf(content, fonts(), { mode: 'working', maxLevel: 'U' }, NODE_EXTRAS);
    const raw = uncompressed(writeTemp(result.bytes)).toString('latin1');
    const text = allText(await readPdf(result.bytes));
    const withheld = content.items.find((i) => i.id === 'rl-taiwan-role');
    expect(text).not.toContain(withheld!.title.slice(0, 30));
    // Ж (U+0416) and Ѯ (U+046E) are only in the withheld red line: no ToUnicode entry maps to them
    expect(raw).not.toMatch(/<0416>/i);
    expect(raw).not.toMatch(/<046E>/i);
    const full = uncompressed(writeTemp((await buildBookPdf(content, fonts(), { mode: 'working' }, NODE_EXTRAS)).bytes)).toString('latin1');
    expect(full).toMatch(/<0416>/i);
  });

  it('says on the cover what the edition leaves out, by number', async () => {
    const result = await buildBookPdf(edited(), fonts(), { mode: 'working', maxLevel: 'U' }, NODE_EXTRAS);
    const cover = (await readPdf(result.bytes)).pages[0].text.replace(/\n/g, ' ');
    expect(cover).toContain('Releasable edition: 15 items above UNCLASSIFIED are withheld (TP-2, AS-1, AS-2, AS-3, AS-4, RL-1, RL-2');
    expect(cover).toContain('sections and numbers are as in the full book');
  });
});
