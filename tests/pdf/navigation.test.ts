/**
 * Issue 16, point 1 (navigation) and the structure of point 2, read back from the PDF: the "At a
 * glance" page, the two-level contents with item numbers and links, thumb tabs on the outer edge
 * (red for red lines, and said in words), sources gathered as endnotes per section.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildBookPdf } from '../../src/pdf';
import { A4 } from '../../src/pdf/page';
import { NODE_EXTRAS, fonts, readPdf, sampleContent, tempDir, writeTemp, type ReadPdf } from './pdf-reader';

async function sampleBook(options: Parameters<typeof buildBookPdf>[2] = { mode: 'working' }): Promise<{ pdf: ReadPdf; bytes: Uint8Array }> {
  const result = await buildBookPdf(sampleContent(), fonts(), options, NODE_EXTRAS);
  return { pdf: await readPdf(result.bytes), bytes: result.bytes };
}

/** The first body page (after the contents) whose text contains `text`, 1-based. */
function pageWith(pdf: ReadPdf, text: string, from: number): number {
  const page = pdf.pages.find((p) => p.number >= from && p.text.includes(text));
  if (page === undefined) throw new Error(`no page from ${from} prints "${text}"`);
  return page.number;
}

/** RGB of the pixel at (x, y) in PDF points (origin bottom left), from a 36 dpi render. */
function pixelAt(path: string, page: number, x: number, y: number): [number, number, number] {
  const prefix = join(tempDir('briefbook-tab-'), 'page');
  const dpi = 36;
  execFileSync('pdftoppm', ['-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', path, prefix]);
  const data = readFileSync(`${prefix}.ppm`);
  const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(data.subarray(0, 50).toString('latin1'));
  if (header === null) throw new Error('pdftoppm did not write a PPM');
  const width = Number(header[1]);
  const px = Math.floor((x * dpi) / 72);
  const py = Math.floor(((A4.height - y) * dpi) / 72);
  const at = header[0].length + (py * width + px) * 3;
  return [data[at], data[at + 1], data[at + 2]];
}

describe('navigation', () => {
  it('opens with an "At a glance" page: red lines, asks and objectives, one line each with the page each is on', async () => {
    const { pdf } = await sampleBook();
    const glance = pdf.pages[1];
    expect(glance.lines.map((l) => l.text)).toContain('At a glance');
    const text = glance.text;
    expect(text.indexOf('RED LINES')).toBeLessThan(text.indexOf('OUR ASKS'));
    expect(text.indexOf('OUR ASKS')).toBeLessThan(text.indexOf('OBJECTIVES'));
    const line = glance.lines.find((l) => l.text.startsWith('RL-1'));
    expect(line?.text).toMatch(/^RL-1 \(C\/\/NF\) No leader-level deal on the details of strategic flexibility[ .]*\d+$/);
    const printedOn = pageWith(pdf, '(C//NF) No leader-level deal on the details', 5);
    expect(line?.text.endsWith(` ${printedOn}`)).toBe(true);
    // every entry is a link to its item's page
    expect(glance.links.map((l) => l.page)).toContain(printedOn);
  });

  it('bookmarks the front matter before the sections: At a glance, then Contents, each at its first page', async () => {
    const { pdf } = await sampleBook();
    const first = (heading: string) => pdf.pages.findIndex((p) => p.lines.some((l) => l.text === heading)) + 1;
    expect(pdf.outline.slice(0, 2)).toEqual([
      { title: 'At a glance', page: first('At a glance'), children: [] },
      { title: 'Contents', page: first('Contents'), children: [] },
    ]);
    expect(first('At a glance')).toBeLessThan(first('Contents'));
    expect(pdf.outline.slice(2)).toEqual(pdf.sections);
  });

  it('lists sections, then their items by number, in the contents, each a link', async () => {
    const { pdf } = await sampleBook();
    const contents = pdf.pages.filter((p) => p.lines.some((l) => l.text === 'Contents') || p.text.includes('Contents\n'));
    const text = contents.map((p) => p.text).join('\n');
    expect(text).toMatch(/5 Red lines[ .]*\d+/);
    expect(text).toMatch(/TP-3 \(U\) Korea will spend more on its own defense[ .]*\d+/);
    expect(text).toMatch(/IR-2 \(C\) If asked to match the NATO pledge of 5% of GDP[ .]*\d+/);
    const tp3 = pageWith(pdf, '(U) Korea will spend more on its own defense', 5);
    expect(contents.flatMap((p) => p.links.map((l) => l.page))).toContain(tp3);
    // the outline carries the same numbers beneath each section
    const redLines = pdf.outline.find((o) => o.title === 'Red lines');
    expect(redLines?.children.map((c) => c.title.split(' ')[0])).toEqual(['RL-1', 'RL-2', 'RL-3', 'RL-4', 'RL-5']);
  });

  it('puts a labelled tab on the outer edge of each section page, stepping down, red for red lines', async () => {
    const { pdf, bytes } = await sampleBook();
    const path = writeTemp(bytes);
    const redPage = pageWith(pdf, '(C//NF) No leader-level deal on the details', 5);
    const programPage = pageWith(pdf, '(U) 11:45 Arrival at the West Wing', 5);
    expect(pdf.pages[redPage - 1].text).toContain('5 Red lines');
    expect(pdf.pages[programPage - 1].text).toContain('1 Program');
    const tabX = A4.width - 4; // beside the label, which runs up the tab's middle
    const bodyTop = A4.height - 74;
    const step = Math.min(110, (bodyTop - 64) / pdf.sections.length);
    // section 1's tab at the top of the edge, section 5's four steps below; red only for red lines
    // channel values out of 255: a dark (navy) tab has red and green well below the middle
    const DARK_CHANNEL = 120;
    const [r1, g1] = pixelAt(path, programPage, tabX, bodyTop - step / 2);
    expect(r1).toBeLessThan(DARK_CHANNEL);
    expect(g1).toBeLessThan(DARK_CHANNEL);
    const [r5, g5, b5] = pixelAt(path, redPage, tabX, bodyTop - 4.5 * step);
    expect(r5).toBeGreaterThan(150);
    expect(g5).toBeLessThan(80);
    expect(b5).toBeLessThan(80);
    // where section 5's tab is, section 1's page is blank paper
    const blank = pixelAt(path, programPage, tabX, bodyTop - 4.5 * step);
    expect(Math.min(...blank)).toBeGreaterThan(200);
  });

  it('leaves the glance page and the tabs out when asked, and adds section dividers when asked', async () => {
    const plain = (await sampleBook({ mode: 'working', atAGlance: false, thumbTabs: false })).pdf;
    expect(plain.pages.map((p) => p.text).join('\n')).not.toContain('At a glance');
    const redPage = pageWith(plain, '(C//NF) No leader-level deal on the details', 4);
    expect(plain.pages[redPage - 1].text).not.toContain('5 Red lines');
    // no glance page, no bookmark for it: the front matter's bookmarks are the contents' alone
    expect(plain.outline.length - plain.sections.length).toBe(1);
    expect(plain.outline[0]).toEqual({ title: 'Contents', page: plain.pages.findIndex((p) => p.lines.some((l) => l.text === 'Contents')) + 1, children: [] });
    const divided = (await sampleBook({ mode: 'working', sectionDividers: true })).pdf;
    expect(divided.pages.length).toBeGreaterThanOrEqual(plain.pages.length + 11);
    expect(divided.pages.some((p) => p.text.includes('SECTION 5 OF 11\nRed lines') && !p.text.includes('No leader-level deal'))).toBe(true);
  });

  it('hyphenates the body when asked, never by default', async () => {
    const content = sampleContent();
    const long = 'Internationalization considerations notwithstanding, the extraordinarily comprehensive implementation responsibilities necessitate interdepartmental coordination mechanisms.';
    content.items = content.items.map((i) => ({ ...i, body: long }));
    const hyphenEnds = async (hyphenate: boolean) => {
      const pdf = await readPdf((await buildBookPdf(content, fonts(), { mode: 'working', hyphenate }, NODE_EXTRAS)).bytes);
      return pdf.pages.flatMap((p) => p.lines.map((l) => l.text)).filter((l) => /[a-z]-$/.test(l)).length;
    };
    expect(await hyphenEnds(false)).toBe(0);
    expect(await hyphenEnds(true)).toBeGreaterThan(10);
  });

  it('says the kind only where the section does not, and gathers sources as endnotes per section (or omits them)', async () => {
    const { pdf } = await sampleBook();
    const all = pdf.pages.map((p) => p.text).join('\n');
    expect(all).not.toContain('Source: ');
    // the red lines section says RED LINE once, in its title: each item's label is its number
    const redPage = pdf.pages[pageWith(pdf, '(C//NF) No leader-level deal on the details', 5) - 1];
    expect(redPage.text).not.toContain('RED LINE ·');
    expect(redPage.lines.some((l) => /^RL-1\b/.test(l.text))).toBe(true);
    const sources = pdf.pages.filter((p) => p.lines.some((l) => l.text === 'Sources'));
    expect(sources.length).toBeGreaterThan(0);
    const content = sampleContent();
    const cited = content.items.find((i) => (i.sources ?? []).length > 0 && i.sources?.[0].title !== undefined);
    expect(cited).toBeDefined();
    const firstWords = cited!.sources![0].title!.split(' ').slice(0, 3).join(' ');
    expect(all).toContain(firstWords);
    const omitted = (await sampleBook({ mode: 'working', sources: 'omit' })).pdf;
    const omittedText = omitted.pages.map((p) => p.text).join('\n');
    expect(omittedText).not.toContain(firstWords);
    expect(omitted.pages.some((p) => p.lines.some((l) => l.text === 'Sources'))).toBe(false);
  });
});
