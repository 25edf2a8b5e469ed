/**
 * A generated book long enough for a two-page contents and many page breaks: every contents
 * number is the section's real page, and no item heading is left alone at the foot of a page.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBookPdf, type PdfResult } from '../../src/pdf';
import type { BookContent } from '../../src/shared/domain';
import { generatedBook } from '../bench/pdf-book';
import { NODE_EXTRAS, fonts, qpdfCheck, readPdf, writeTemp, type ReadPdf } from './pdf-reader';

let content: BookContent;
let result: PdfResult;
let pdf: ReadPdf;

beforeAll(async () => {
  content = generatedBook(400, 45);
  result = await buildBookPdf(content, fonts(), { mode: 'working' }, NODE_EXTRAS);
  pdf = await readPdf(result.bytes);
});

const FURNITURE = /^(SECRET|CONFIDENTIAL|UNCLASSIFIED|TOP SECRET)(\/\/.*)?$|^Page \d+ of \d+|^Generated briefing book /;

describe('a long generated book', () => {
  it('spreads the two-level contents over several pages and every number is where the section or item starts', () => {
    const contentsPages = pdf.pages.filter((p) => p.lines.some((l) => l.text === 'Contents') || p.lines[1]?.text.endsWith(' Contents'));
    expect(contentsPages.length).toBeGreaterThan(2);
    // cover, "At a glance" (one page or more), then the contents, without a gap
    contentsPages.forEach((p, i) => expect(p.number).toBe(contentsPages[0].number + i));
    const entries = contentsPages.flatMap((p) => p.lines).filter((l) => /^\d+ Section \d+: .* \d+$/.test(l.text));
    expect(entries).toHaveLength(content.book.sections.length);
    content.book.sections.forEach((section, i) => {
      const entry = entries[i].text;
      const printed = Number(/(\d+)$/.exec(entry)?.[1]);
      // (a thumb tab's label may share the line's height and join it)
      const start = pdf.pages.find((p) => p.lines.some((l) => l.text.startsWith(`SECTION ${i + 1} OF ${content.book.sections.length}`)));
      expect(start?.text.replace(/\n/g, ' '), section.title).toContain(section.title);
      expect(printed, section.title).toBe(start?.number);
    });
    const links = contentsPages.flatMap((p) => p.links);
    expect(links).toHaveLength(content.book.sections.length + content.book.sections.reduce((n, s) => n + s.items.length, 0));
    for (const link of links) expect(link.page).toBeGreaterThan(contentsPages.at(-1)!.number);
  });

  it('never leaves an item label or heading as the last line of a page', () => {
    const heading = /^\((U|C|S|TS)(\/\/[A-Z/ ,]+)?\) /;
    const label = /^(OBJECTIVE|TALKING POINT|OUR ASK|RED LINE|IF RAISED|PRESS LINE|THEIR OBJECTIVE|BACKGROUND|BIOGRAPHY|REFERENCE|SCENARIO)\b|^(OB|TP|AS|RL|IR|PL|TO|BG|BIO|REF|SC)-\d+\b/;
    let checked = 0;
    const firstBody = pdf.pages.findIndex((p) => p.lines.some((l) => l.text.startsWith('SECTION 1 OF')));
    for (const page of pdf.pages.slice(firstBody)) {
      const body = page.lines.filter((l, i) => i > 1 && !FURNITURE.test(l.text));
      const last = body.at(-1)?.text.replace(/^Q (?=\()/, '') ?? '';
      expect(heading.test(last) || label.test(last) || /^[QA]$/.test(last), `page ${page.number} ends with "${last}"`).toBe(false);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(60);
  });

  it('numbers pages (the back cover carries only its banners), keeps banners on every page and passes qpdf', () => {
    for (const page of pdf.pages) {
      expect(page.lines[0].text).toBe(result.overallMarking);
      expect(page.lines.at(-1)?.text).toBe(result.overallMarking);
      if (page.number < pdf.pages.length) expect(page.text).toContain(`Page ${page.number} of ${pdf.pages.length}`);
    }
    expect(pdf.pages.at(-1)?.lines).toHaveLength(2);
    expect(result.overallMarking).toBe('SECRET//NOFORN');
    expect(qpdfCheck(writeTemp(result.bytes))).toContain('No syntax or stream encoding errors found');
  });

  it('bookmarks every item under its section', () => {
    expect(pdf.sections).toHaveLength(content.book.sections.length);
    expect(pdf.sections.reduce((n, s) => n + s.children.length, 0)).toBe(400);
    for (const section of pdf.sections) {
      for (const child of section.children) expect(child.page).toBeGreaterThanOrEqual(section.page);
    }
  });
});
