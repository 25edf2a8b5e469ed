/**
 * The sample briefing book, printed and read back as a reader meets it: banners, page numbers,
 * contents, bookmarks, portion marks, Korean text, fonts, file structure, metadata.
 */
import { hostname, userInfo } from 'node:os';
import { beforeAll, describe, expect, it } from 'vitest';
import { PDFDocument, PDFName } from 'pdf-lib';
import { buildBookPdf, type PdfResult } from '../../src/pdf';
import { typographicQuotes } from '../../src/pdf/quotes';
import { portionMark } from '../../src/shared/markings';
import type { BookContent } from '../../src/shared/domain';
import { NODE_EXTRAS, fonts, inkShare, pdffonts, qpdfCheck, readPdf, renderGrey, sampleContent, uncompressed, writeTemp, type ReadPdf } from './pdf-reader';

const BANNER = 'CONFIDENTIAL//NOFORN';

let content: BookContent;
let result: PdfResult;
let pdf: ReadPdf;
let path: string;

beforeAll(async () => {
  content = sampleContent();
  result = await buildBookPdf(content, fonts(), { mode: 'working' }, { ...NODE_EXTRAS, copy: { number: 2, of: 5, recipient: 'National Security Advisor' } });
  path = writeTemp(result.bytes, result.fileName);
  pdf = await readPdf(result.bytes);
});

function sectionStart(title: string, index: number, total: number): number {
  const page = pdf.pages.find((p) => p.lines.some((l) => l.text === `SECTION ${index + 1} OF ${total}`) && p.lines.some((l) => l.text === title));
  return page?.number ?? -1;
}

describe('the sample book', () => {
  it('reports its page count, file name and the uncleared item', () => {
    expect(result.pageCount).toBe(pdf.pages.length);
    expect(result.pageCount).toBeGreaterThan(10);
    expect(result.fileName).toBe('summit-2025-08-25-copy-02.pdf');
    expect(result.overallMarking).toBe(BANNER);
    expect(result.problems).toEqual([expect.objectContaining({ code: 'not_cleared', itemId: 'tp-draft-trade', sectionId: 's-talking-points' })]);
  });

  it('prints the overall marking as the top and the bottom line of every page, cover and back cover included', () => {
    for (const page of pdf.pages) {
      expect(page.lines[0].text, `top of page ${page.number}`).toBe(BANNER);
      expect(page.lines.at(-1)?.text, `bottom of page ${page.number}`).toBe(BANNER);
      expect(page.lines[0].y).toBeGreaterThan(page.height - 40);
      expect(page.lines.at(-1)?.y).toBeLessThan(30);
    }
  });

  it('numbers every page "Page N of M" but the back cover, which carries its banners and nothing else', () => {
    for (const page of pdf.pages.slice(0, -1)) {
      expect(page.text).toContain(`Page ${page.number} of ${pdf.pages.length}`);
    }
    expect(pdf.pages.at(-1)?.lines.map((l) => l.text)).toEqual([BANNER, BANNER]);
  });

  it('has a cover with the meeting, the authority block, the copy number and the marking', () => {
    const cover = pdf.pages[0].text;
    for (const expected of [
      'Summit with President Trump',
      'Briefing book for President Lee Jae-myung (이재명 대통령)',
      '25 August 2025',
      'The White House, Washington, DC',
      'President Lee Jae-myung',
      'President Donald J. Trump',
      'Bilateral meeting and working lunch',
      'Office of the National Security Advisor',
      'Classified by: Director, North America Division',
      'Declassify on: 2035-08-25',
      'Copy 2 of 5 — National Security Advisor',
    ]) {
      expect(cover).toContain(expected);
    }
    expect(pdf.pages[0].lines.filter((l) => l.text === BANNER).length).toBeGreaterThanOrEqual(3);
  });

  it('lists every section in Contents with the page where it starts, each entry a link to that page', () => {
    // the cover, the "At a glance" page, then the contents (sections, and their items beneath)
    const contents = pdf.pages.filter((p) => p.lines.some((l) => l.text === 'Contents') || p.lines[1]?.text.endsWith(' Contents'));
    expect(contents[0].number).toBe(3);
    const sections = content.book.sections;
    sections.forEach((section, i) => {
      // "1 Program 5": the dot leaders are drawn, not text
      const pattern = new RegExp(`^${i + 1} ${section.title} \\d+$`);
      const page = contents.find((p) => p.lines.some((l) => pattern.test(l.text)));
      const entry = page?.lines.find((l) => pattern.test(l.text));
      expect(entry, section.title).toBeDefined();
      const printed = Number(/(\d+)$/.exec(entry?.text ?? '')?.[1]);
      const actual = sectionStart(section.title, i, sections.length);
      expect(printed, section.title).toBe(actual);
      const link = page?.links.find((l) => entry !== undefined && l.rect[1] <= entry.y && l.rect[3] >= entry.y);
      expect(link?.page, `link of ${section.title}`).toBe(actual);
    });
    const itemCount = sections.reduce((n, s) => n + s.items.length, 0);
    expect(contents.reduce((n, p) => n + p.links.length, 0)).toBe(sections.length + itemCount);
  });

  it('starts each section on a new page, with its title in the running head', () => {
    const starts = content.book.sections.map((s, i) => sectionStart(s.title, i, content.book.sections.length));
    expect(new Set(starts).size).toBe(starts.length);
    for (let i = 1; i < starts.length; i += 1) expect(starts[i]).toBeGreaterThan(starts[i - 1]);
    content.book.sections.forEach((section, i) => {
      expect(pdf.pages[starts[i] - 1].lines[1].text).toBe(`Summit with President Trump ${section.title}`);
    });
  });

  it('has one bookmark per section, at the section page, with its items beneath at their pages', () => {
    const sections = content.book.sections;
    expect(pdf.sections.map((o) => o.title)).toEqual(sections.map((s) => s.title));
    const byId = new Map(content.items.map((item) => [item.id, item]));
    pdf.sections.forEach((entry, i) => {
      expect(entry.page).toBe(sectionStart(sections[i].title, i, sections.length));
      const items = sections[i].items.map((id) => byId.get(id)!);
      // each item under its number (per kind over the book, src/pdf/numbering.ts)
      expect(entry.children.map((c) => c.title.replace(/^[A-Z]+-\d+ /, ''))).toEqual(items.map((item) => `${portionMark(item, content.markings)} ${item.title}`));
      for (const child of entry.children) expect(child.title).toMatch(/^(OB|TP|AS|RL|IR|PL|TO|BG|BIO|REF|SC)-\d+ \(/);
      for (const [j, child] of entry.children.entries()) {
        expect(pdf.pages[child.page - 1].text, child.title).toContain(typographicQuotes(items[j].title).slice(0, 30));
      }
    });
  });

  it('starts every item heading with its portion mark, immediately followed by the title', () => {
    // an "if raised" question carries a Q in the margin, left of the mark
    const lines = pdf.pages.flatMap((p) => p.lines.map((l) => l.text.replace(/^Q (?=\()/, '')));
    for (const item of content.items) {
      const mark = portionMark(item, content.markings);
      const opening = `${mark} ${typographicQuotes(item.title)}`.slice(0, 40);
      const heading = lines.find((l) => l.startsWith(`${mark} `) && opening.startsWith(l.slice(0, 40).trimEnd()) && l.length >= 10);
      expect(heading, `${item.id}: ${opening}`).toBeDefined();
    }
    expect(lines).toContain('(C//NF) No leader-level deal on the details of');
    expect(lines).toContain('(C) Keep burden sharing separate from the SMA');
  });

  it('labels each item by kind above the heading, never between mark and title', () => {
    const redLines = pdf.pages.find((p) => p.lines.some((l) => l.text === 'Red lines'));
    const texts = redLines?.lines.map((l) => l.text) ?? [];
    const heading = texts.indexOf('(C) Keep burden sharing separate from the SMA');
    expect(heading).toBeGreaterThan(0);
    // the section says "Red lines": the label above the heading is the item's number, not the kind again
    expect(texts[heading - 1]).toMatch(/^RL-4\b/);
    const background = pdf.pages.find((p) => p.lines.some((l) => l.text === 'Talking points'));
    expect(background?.text).not.toContain('TALKING POINT ·');
    const qa = pdf.pages.find((p) => p.lines.some((l) => l.text === 'If raised'));
    expect(qa?.text).toMatch(/Q \(C\) If asked to match the NATO pledge of 5% of GDP/);
    const scenario = pdf.pages.find((p) => p.lines.some((l) => l.text === 'Program'));
    expect(scenario?.text).toContain('(U) 11:45 Arrival at the West Wing');
  });

  it('marks the uncleared item NOT CLEARED where it is printed', () => {
    const page = pdf.pages.find((p) => p.text.includes('Trade framework: teams will finish the work') && p.lines.some((l) => l.text === 'Talking points' || l.text.endsWith('Talking points')));
    const texts = page?.lines.map((l) => l.text) ?? [];
    const heading = texts.findIndex((t) => t === '(U) Trade framework: teams will finish the work');
    expect(texts[heading - 1]).toContain('NOT CLEARED · DRAFT');
    expect(pdf.pages.filter((p) => p.text.includes('NOT CLEARED · DRAFT'))).toHaveLength(1);
  });

  it('extracts Korean text exactly', () => {
    const all = pdf.pages.map((p) => p.text).join('\n');
    expect(all).toContain('동맹의 기본 원칙 재확인');
    expect(all.replace(/\n/g, ' ')).toContain('새로운 세부 의무가 아니라, 동맹과 미국의 방위 공약에 대한 공개적 재확인을 얻는다.');
    expect(all).toContain('Wi Sung-lac (위성락)');
    expect(all).toContain('한국어 (ko)');
  });

  it('embeds every font as a subset with a tag and a ToUnicode map', () => {
    const rows = pdffonts(path);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const row of rows) {
      expect(row, row.name).toMatchObject({ embedded: true, subset: true, unicode: true });
      expect(row.name).toMatch(/^[A-Z]{6}\+/);
    }
    expect(rows.map((r) => r.name.slice(7)).sort()).toEqual(['Pretendard-Bold', 'Pretendard-Regular']);
  });

  it('passes qpdf --check', () => {
    const report = qpdfCheck(path);
    expect(report).toContain('No syntax or stream encoding errors found');
    expect(report).not.toMatch(/WARNING/i);
  });

  it('carries only Title, Subject, Producer and dates, with no user, host or path', async () => {
    const doc = await PDFDocument.load(result.bytes, { updateMetadata: false });
    const infoRef = doc.context.trailerInfo.Info;
    const info = doc.context.lookup(infoRef);
    const keys = info === undefined ? [] : [...(info as unknown as { keys(): PDFName[] }).keys()].map((k) => k.asString());
    expect(keys.sort()).toEqual(['/CreationDate', '/ModDate', '/Producer', '/Subject', '/Title']);
    expect(pdf.info.Producer).toBe('Briefbook 0.1.0');
    expect(pdf.info.Title).toBe('Summit with President Trump');
    expect(pdf.info.CreationDate).toBe('D:20250820090000Z');
    const raw = uncompressed(path).toString('latin1');
    for (const secret of [process.cwd(), userInfo().homedir, hostname()].filter((s) => s.length > 3)) {
      expect(raw).not.toContain(secret);
    }
    expect(raw).not.toMatch(/\/(JavaScript|JS|Launch|EmbeddedFile|AcroForm|OpenAction)\b/);
    expect(raw.match(/%%EOF/g)).toHaveLength(1);
  });

  it('is byte-identical when built again from the same input and date', async () => {
    const again = await buildBookPdf(content, fonts(), { mode: 'working' }, { ...NODE_EXTRAS, copy: { number: 2, of: 5, recipient: 'National Security Advisor' } });
    expect(Buffer.from(again.bytes).equals(Buffer.from(result.bytes))).toBe(true);
  });

  it('renders Korean glyphs with ink (not blank boxes)', () => {
    const page = pdf.pages.find((p) => p.lines.some((l) => l.text === '동맹의 기본 원칙 재확인'));
    expect(page).toBeDefined();
    const line = page!.lines.find((l) => l.text === '동맹의 기본 원칙 재확인')!;
    const dpi = 100;
    const render = renderGrey(path, page!.number, dpi);
    const glyphs = inkShare(render, page!.height, dpi, { x: line.x, y: line.y - 2, width: 110, height: 12 });
    // the margin between the working copy's DRAFT band (0-16 pt) and the text
    const margin = inkShare(render, page!.height, dpi, { x: 22, y: line.y - 2, width: 40, height: 12 });
    expect(glyphs).toBeGreaterThan(0.08);
    expect(margin).toBe(0);
  });
});
