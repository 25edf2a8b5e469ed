/**
 * Markings as a reader of the printed book meets them (docs/markings.md): the sample's banner
 * and portion marks, the back cover, per-page marking, photocopy-safe banners, continued items,
 * the authority block of a final copy and the roll-up's warnings, read back from the PDF.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildBookPdf, PdfExportError } from '../../src/pdf';
import { DEFAULT_MARKINGS, type BookContent, type ExchangeItem, type MarkingScheme } from '../../src/shared/domain';
import { MARKING_PRESETS } from '../../src/shared/markings';
import { NODE_EXTRAS, fonts, readPdf, renderGrey, sampleContent, tempDir, writeTemp, type ReadPage } from './pdf-reader';
import { runCliCaptured } from '../support/cli-run';

function item(id: string, classification: string, caveats: string[] = [], extra: Partial<ExchangeItem> = {}): ExchangeItem {
  return { id, kind: 'talking_point', title: `Item ${id}`, body: `Body of ${id}.`, classification, caveats, status: 'cleared', ...extra };
}

function bookOf(sections: ExchangeItem[][], options: { scheme?: MarkingScheme; floor?: string; authority?: BookContent['book']['classificationAuthority'] } = {}): BookContent {
  const items = sections.flat();
  return {
    markings: options.scheme ?? DEFAULT_MARKINGS,
    book: {
      id: 'marked-book',
      title: 'Marked book',
      floor: options.floor,
      classificationAuthority: options.authority,
      sections: sections.map((list, i) => ({ id: `s${i + 1}`, title: `Section ${i + 1}`, items: list.map((it) => it.id) })),
    },
    items,
    itemVersions: Object.fromEntries(items.map((it) => [it.id, 1])),
  };
}

const top = (page: ReadPage) => page.lines[0].text;
const bottom = (page: ReadPage) => page.lines.at(-1)?.text;
const FULL_AUTHORITY = { classifiedBy: 'J. Kim, Director', reason: '1.4(d)', declassifyOn: '2050-12-31' };

describe('the sample book', () => {
  it('is marked CONFIDENTIAL//NOFORN on every page and its NOFORN items (C//NF)', async () => {
    const result = await buildBookPdf(sampleContent(), fonts(), { mode: 'working' }, NODE_EXTRAS);
    const pdf = await readPdf(result.bytes);
    expect(result.overallMarking).toBe('CONFIDENTIAL//NOFORN');
    for (const page of pdf.pages) {
      expect(top(page), `page ${page.number}`).toBe('CONFIDENTIAL//NOFORN');
      expect(bottom(page), `page ${page.number}`).toBe('CONFIDENTIAL//NOFORN');
    }
    const lines = pdf.pages.flatMap((p) => p.lines.map((l) => l.text));
    // an "if raised" question carries a Q in the margin, left of the mark
    expect(lines.filter((l) => /^(Q )?\(C\/\/NF\) /.test(l))).toHaveLength(3);
    expect(lines.some((l) => l.includes('NOFORN)'))).toBe(false);
    // the back cover: the banners and nothing else
    expect(pdf.pages.at(-1)?.lines.map((l) => l.text)).toEqual(['CONFIDENTIAL//NOFORN', 'CONFIDENTIAL//NOFORN']);
  });
});

describe('banners', () => {
  it('print in register order with the intersection of REL TO lists', async () => {
    const result = await buildBookPdf(
      bookOf([[item('a', 'S', ['REL TO USA, KOR, JPN', 'ORCON']), item('b', 'C', ['REL TO KOR, USA'])]]),
      fonts(),
      { mode: 'working' },
      NODE_EXTRAS,
    );
    const pdf = await readPdf(result.bytes);
    expect(top(pdf.pages[0])).toBe('SECRET//ORCON/REL TO USA, KOR');
    const lines = pdf.pages.flatMap((p) => p.lines.map((l) => l.text));
    expect(lines).toContain('(S//OC/REL TO USA, JPN, KOR) Item a');
    expect(lines).toContain('(C//REL TO USA, KOR) Item b');
  });

  it('survive a black-and-white copy: a TOP SECRET banner is dark bold text, not orange', async () => {
    const result = await buildBookPdf(bookOf([[item('a', 'TS', ['NOFORN'])]]), fonts(), { mode: 'working' }, NODE_EXTRAS);
    const path = writeTemp(result.bytes);
    const pdf = await readPdf(result.bytes);
    const dpi = 150;
    for (const pageNumber of [1, 3, pdf.pages.length]) {
      const page = pdf.pages[pageNumber - 1];
      const render = renderGrey(path, pageNumber, dpi);
      for (const line of [page.lines[0], page.lines.at(-1)!]) {
        expect(line.text).toBe('TOP SECRET//NOFORN');
        // the banner's glyphs, from just below the baseline to the cap height of 10 pt text
        const scale = dpi / 72;
        const y0 = Math.floor((page.height - line.y - 8) * scale);
        const y1 = Math.ceil((page.height - line.y + 1) * scale);
        let darkest = 255;
        let dark = 0;
        for (let y = y0; y < y1; y += 1) {
          for (let x = Math.floor(200 * scale); x < Math.ceil(400 * scale); x += 1) {
            const value = render.pixels[y * render.width + x];
            darkest = Math.min(darkest, value);
            if (value < 80) dark += 1;
          }
        }
        expect(darkest, `page ${pageNumber} at y ${line.y}`).toBeLessThan(60);
        // bold 10 pt or more: a good many pixels are near-black, not a hairline
        expect(dark, `page ${pageNumber} at y ${line.y}`).toBeGreaterThan(400);
      }
    }
  });
});

describe('portion marks', () => {
  it('print as dark text whatever the kind\'s colour (an orange "their objective" included)', async () => {
    const result = await buildBookPdf(bookOf([[item('t', 'S', ['NOFORN'], { kind: 'their_objective' })]]), fonts(), { mode: 'working' }, NODE_EXTRAS);
    const path = writeTemp(result.bytes);
    const pdf = await readPdf(result.bytes);
    const pageIndex = pdf.pages.findIndex((p) => p.lines.some((l) => l.text === '(S//NF) Item t'));
    const line = pdf.pages[pageIndex].lines.find((l) => l.text === '(S//NF) Item t')!;
    const dpi = 150;
    const scale = dpi / 72;
    const render = renderGrey(path, pageIndex + 1, dpi);
    let darkest = 255;
    // the mark "(S//NF)" only: about 40 pt from the line's start
    for (let y = Math.floor((pdf.pages[pageIndex].height - line.y - 8) * scale); y < Math.ceil((pdf.pages[pageIndex].height - line.y + 1) * scale); y += 1) {
      for (let x = Math.floor(line.x * scale); x < Math.ceil((line.x + 40) * scale); x += 1) darkest = Math.min(darkest, render.pixels[y * render.width + x]);
    }
    expect(darkest).toBeLessThan(60);
  });
});

describe('presets', () => {
  const preset = (id: string) => MARKING_PRESETS.find((p) => p.id === id)!.scheme;

  it('UK: its own banners and caveats, no portion marks', async () => {
    const result = await buildBookPdf(bookOf([[item('a', 'OS', ['UK EYES ONLY']), item('b', 'O')]], { scheme: preset('uk') }), fonts(), { mode: 'working' }, NODE_EXTRAS);
    const pdf = await readPdf(result.bytes);
    expect(top(pdf.pages[0])).toBe('OFFICIAL-SENSITIVE//UK EYES ONLY');
    const lines = pdf.pages.flatMap((p) => p.lines.map((l) => l.text));
    expect(lines).toContain('Item a');
    expect(lines.some((l) => l.startsWith('(OS'))).toBe(false);
  });

  it('Korea: Hangul banners in bold, every glyph found; 대외비 needs its authority block for a final copy', async () => {
    const scheme = preset('kr');
    const result = await buildBookPdf(bookOf([[item('a', 'III'), item('b', 'R')]], { scheme }), fonts(), { mode: 'working' }, NODE_EXTRAS);
    const pdf = await readPdf(result.bytes);
    expect(top(pdf.pages[0])).toBe('III급 비밀');
    expect(bottom(pdf.pages.at(-1)!)).toBe('III급 비밀');
    expect(result.problems).toEqual([]);
    await expect(buildBookPdf(bookOf([[item('b', 'R')]], { scheme }), fonts(), { mode: 'final' }, NODE_EXTRAS)).rejects.toThrow(/a final copy marked 대외비 needs/);
    expect((await buildBookPdf(bookOf([[item('u', 'U')]], { scheme }), fonts(), { mode: 'final' }, NODE_EXTRAS)).overallMarking).toBe('평문');
  });
});

describe('per-page marking', () => {
  const scheme: MarkingScheme = { ...DEFAULT_MARKINGS, pageMarking: 'page' };
  const sections = [[item('u1', 'U'), item('u2', 'U')], [item('s1', 'S', ['NOFORN'])], [item('c1', 'C', ['REL TO USA, KOR'])]];

  it('marks each interior page by its own items; cover, first page after it and back cover by the whole book', async () => {
    const pdf = await readPdf((await buildBookPdf(bookOf(sections, { scheme }), fonts(), { mode: 'working' }, NODE_EXTRAS)).bytes);
    const marks = pdf.pages.map((page) => [top(page), bottom(page)]);
    expect(marks).toEqual([
      ['SECRET//NOFORN', 'SECRET//NOFORN'], // front cover
      ['SECRET//NOFORN', 'SECRET//NOFORN'], // contents: the first page after the cover
      ['UNCLASSIFIED', 'UNCLASSIFIED'], // section 1
      ['SECRET//NOFORN', 'SECRET//NOFORN'], // section 2
      ['CONFIDENTIAL//REL TO USA, KOR', 'CONFIDENTIAL//REL TO USA, KOR'], // section 3
      ['SECRET//NOFORN', 'SECRET//NOFORN'], // back cover
    ]);
  });

  it('never marks a page below the floor', async () => {
    const pdf = await readPdf((await buildBookPdf(bookOf(sections, { scheme, floor: 'C' }), fonts(), { mode: 'working' }, NODE_EXTRAS)).bytes);
    expect(top(pdf.pages[2])).toBe('CONFIDENTIAL');
  });

  it('is off by default: every page carries the overall marking', async () => {
    const pdf = await readPdf((await buildBookPdf(bookOf(sections), fonts(), { mode: 'working' }, NODE_EXTRAS)).bytes);
    for (const page of pdf.pages) expect(top(page)).toBe('SECRET//NOFORN');
  });
});

describe('a continued item', () => {
  it('repeats its portion mark and title at the top of the next page', async () => {
    const body = Array.from({ length: 40 }, (_, i) => `Paragraph ${i + 1} of the long assessment, which runs on for some lines so that it fills more than one page of the book.`).join('\n\n');
    const long = item('long', 'S', ['NOFORN', 'ORCON'], { title: 'Assessment of the basing question', body });
    const pdf = await readPdf((await buildBookPdf(bookOf([[long]]), fonts(), { mode: 'working' }, NODE_EXTRAS)).bytes);
    const bodyPages = pdf.pages.slice(2, -1);
    expect(bodyPages.length).toBeGreaterThanOrEqual(2);
    expect(bodyPages[0].lines.map((l) => l.text)).toContain('(S//OC/NF) Assessment of the basing question');
    for (const page of bodyPages.slice(1)) {
      // banner, running head, then the continuation head
      expect(page.lines[2].text, `page ${page.number}`).toBe('(S//OC/NF) Assessment of the basing question (continued)');
    }
    expect(pdf.pages.flatMap((p) => p.lines.map((l) => l.text)).some((l) => l.startsWith('Paragraph 40 of the long assessment'))).toBe(true);
  });
});

describe('final copy: the authority block', () => {
  it('is refused above the lowest level without classifiedBy, derivedFrom or reason, and declassifyOn, naming each', async () => {
    const attempt = buildBookPdf(bookOf([[item('a', 'TS')]]), fonts(), { mode: 'final' }, NODE_EXTRAS);
    const error = (await attempt.catch((e: unknown) => e)) as PdfExportError;
    expect(error).toBeInstanceOf(PdfExportError);
    expect(error.problems.map((p) => p.code)).toEqual(['missing_authority', 'missing_authority', 'missing_authority']);
    expect(error.message).toContain('a final copy marked TOP SECRET needs its classification authority block');
    expect(error.message).toContain('"Classified by" (classifiedBy) is missing');
    expect(error.message).toContain('"Derived from" (derivedFrom) or "Reason" (reason) is missing');
    expect(error.message).toContain('"Declassify on" (declassifyOn) is missing');
  });

  it('prints when the block is complete, or when the book is at the lowest level', async () => {
    expect((await buildBookPdf(bookOf([[item('a', 'TS')]], { authority: FULL_AUTHORITY }), fonts(), { mode: 'final' }, NODE_EXTRAS)).overallMarking).toBe('TOP SECRET');
    expect((await buildBookPdf(bookOf([[item('a', 'U')]]), fonts(), { mode: 'final' }, NODE_EXTRAS)).overallMarking).toBe('UNCLASSIFIED');
    // a working copy is not refused
    expect((await buildBookPdf(bookOf([[item('a', 'S')]]), fonts(), { mode: 'working' }, NODE_EXTRAS)).overallMarking).toBe('SECRET');
  });
});

describe('the roll-up in words', () => {
  it('warns when REL TO fell back to NOFORN and about caveats the scheme does not list', async () => {
    const result = await buildBookPdf(
      bookOf([[item('a', 'S', ['REL TO USA, KOR'], { title: 'Joint statement' }), item('b', 'C', ['EYES ONLY'], { title: 'Basing costs' })]]),
      fonts(),
      { mode: 'working' },
      NODE_EXTRAS,
    );
    expect(result.overallMarking).toBe('SECRET//NOFORN/EYES ONLY');
    expect(result.problems.map((p) => [p.code, p.itemId, p.message])).toEqual([
      ['marking', 'b', 'NOFORN instead of REL TO: "Basing costs" is classified and carries no REL TO, so the book cannot be released'],
      ['marking', 'b', '"EYES ONLY" on "Basing costs" is not a caveat of the "default" scheme; it is printed as written, after the listed ones'],
    ]);
  });
});

describe('briefbook pdf --final', () => {
  const cli = (args: string[]) => runCliCaptured(['pdf', ...args]);

  it('refuses a SECRET book without its authority block, naming the fields, writing nothing', async () => {
    const dir = tempDir();
    const file = join(dir, 'book.briefbook.json');
    const content = bookOf([[item('a', 'S', ['REL TO USA, KOR']), item('b', 'C')]], { authority: { classifiedBy: 'J. Kim' } });
    writeFileSync(file, JSON.stringify({ format: 'briefbook/v1', items: content.items, books: [content.book] }));
    const out = join(dir, 'final.pdf');
    const refused = await cli(['--from', file, '--book', 'marked-book', '--out', out, '--final']);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('a final copy marked SECRET//NOFORN needs its classification authority block');
    expect(refused.err).toContain('"Derived from" (derivedFrom) or "Reason" (reason) is missing');
    expect(refused.err).toContain('"Declassify on" (declassifyOn) is missing');
    expect(refused.err).not.toContain('Classified by');
    expect(refused.err).toContain('Nothing was written.');
    expect(existsSync(out)).toBe(false);

    content.book.classificationAuthority = FULL_AUTHORITY;
    writeFileSync(file, JSON.stringify({ format: 'briefbook/v1', items: content.items, books: [content.book] }));
    const printed = await cli(['--from', file, '--book', 'marked-book', '--out', out, '--final']);
    expect(printed.code).toBe(0);
    expect(printed.err).toContain('warning: NOFORN instead of REL TO: "Item b" is classified and carries no REL TO');
    expect(printed.out).toContain('SECRET//NOFORN)');
    expect((await readPdf(readFileSync(out))).pages[0].text).toContain('Classified by: J. Kim, Director');
  });

  it('says the marking warnings before writing: a write that fails still showed them', async () => {
    const dir = tempDir();
    const file = join(dir, 'book.briefbook.json');
    const content = bookOf([[item('a', 'S', ['REL TO USA, KOR']), item('b', 'C')]], { authority: FULL_AUTHORITY });
    writeFileSync(file, JSON.stringify({ format: 'briefbook/v1', items: content.items, books: [content.book] }));
    // a folder where the PDF should go: the write fails after the book was typeset
    const blocked = join(dir, 'blocked.pdf');
    mkdirSync(blocked);
    const run = await cli(['--from', file, '--book', 'marked-book', '--out', blocked]);
    expect(run.code).toBe(1);
    expect(run.err).toContain('warning: NOFORN instead of REL TO: "Item b" is classified and carries no REL TO');
    expect(run.err.indexOf('warning: NOFORN')).toBeLessThan(run.err.indexOf('Nothing was written.'));
  });
});
