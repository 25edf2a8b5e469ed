/**
 * Export options read back from the files: final copies, releasable editions, watermarks,
 * scripts beyond Latin and Hangul, characters no font has.
 */
import { describe, expect, it } from 'vitest';
import { buildBookPdf, PdfExportError } from '../../src/pdf';
import { DEFAULT_MARKINGS, type BookContent, type ExchangeItem } from '../../src/shared/domain';
import { NODE_EXTRAS, fonts, inkShare, pdffonts, qpdfCheck, readPdf, renderGrey, sampleContent, uncompressed, writeTemp } from './pdf-reader';

function utf16Hex(text: string): string {
  return [...text].map((c) => c.charCodeAt(0).toString(16).padStart(4, '0')).join('').toUpperCase();
}

function smallBook(items: ExchangeItem[], extra: Partial<BookContent['book']> = {}): BookContent {
  return {
    markings: DEFAULT_MARKINGS,
    book: { id: 'test-book', title: 'Test book', sections: [{ id: 'sec-1', title: 'Everything', items: items.map((i) => i.id) }], ...extra },
    items,
    itemVersions: Object.fromEntries(items.map((i) => [i.id, 3])),
  };
}

function item(id: string, title: string, body: string, extra: Partial<ExchangeItem> = {}): ExchangeItem {
  return { id, kind: 'talking_point', title, body, classification: 'U', status: 'cleared', ...extra };
}

describe('final copy', () => {
  it('refuses a book with an uncleared item, naming it', async () => {
    const attempt = buildBookPdf(sampleContent(), fonts(), { mode: 'final' }, NODE_EXTRAS);
    await expect(attempt).rejects.toBeInstanceOf(PdfExportError);
    const error = (await attempt.catch((e: unknown) => e)) as PdfExportError;
    expect(error.problems).toEqual([expect.objectContaining({ code: 'not_cleared', itemId: 'tp-draft-trade', sectionId: 's-talking-points' })]);
    expect(error.message).toContain('tp-draft-trade');
    expect(error.message).toContain('summit-2025-08-25');
  });

  it('prints when every item is cleared, and says so on the cover', async () => {
    const content = sampleContent();
    content.items = content.items.map((i) => ({ ...i, status: 'cleared' as const }));
    const result = await buildBookPdf(content, fonts(), { mode: 'final' }, NODE_EXTRAS);
    const pdf = await readPdf(result.bytes);
    expect(result.problems).toEqual([]);
    expect(pdf.pages[0].text).toContain('Final copy: every item is cleared.');
    expect(pdf.pages.map((p) => p.text).join('\n')).not.toContain('NOT CLEARED');
  });
});

describe('releasable edition', () => {
  it('leaves items above the level out of the bytes and recomputes the marking', async () => {
    const content = sampleContent();
    const result = await buildBookPdf(content, fonts(), { mode: 'working', maxLevel: 'U' }, NODE_EXTRAS);
    const pdf = await readPdf(result.bytes);
    const text = pdf.pages.map((p) => p.text).join('\n');
    expect(result.overallMarking).toBe('UNCLASSIFIED');
    for (const page of pdf.pages) {
      expect(page.lines[0].text).toBe('UNCLASSIFIED');
      expect(page.lines.at(-1)?.text).toBe('UNCLASSIFIED');
    }
    expect(result.fileName).toBe('summit-2025-08-25-rel-U.pdf');
    const raw = uncompressed(writeTemp(result.bytes)).toString('latin1').toUpperCase();
    const excluded = content.items.filter((i) => i.classification !== 'U');
    expect(excluded.length).toBeGreaterThan(5);
    for (const gone of excluded) {
      expect(text).not.toContain(gone.title);
      expect(raw).not.toContain(gone.title.toUpperCase());
      expect(raw).not.toContain(utf16Hex(gone.title));
      expect(Object.keys(result.itemVersions)).not.toContain(gone.id);
    }
    // every section stays (the tabs match the full book's); the U items print, the others leave their number
    expect(pdf.outline.map((o) => o.title)).toContain('Red lines');
    expect(pdf.outline.map((o) => o.title)).toContain('Objectives');
    expect(text).toContain('(U) Reaffirm the alliance');
    expect(text).toContain('RL-1 withheld in this edition');
    expect(pdf.pages[0].text).toContain('Releasable edition:');
  });

  it('refuses a level the scheme does not have', async () => {
    await expect(buildBookPdf(sampleContent(), fonts(), { mode: 'working', maxLevel: 'X' }, NODE_EXTRAS)).rejects.toMatchObject({
      problems: [expect.objectContaining({ code: 'unknown_level' })],
    });
  });
});

describe('watermark and numbered copies', () => {
  it('prints the watermark on every page but the back cover, which carries only its banners', async () => {
    const result = await buildBookPdf(sampleContent(), fonts(), { mode: 'working', watermark: 'DRAFT' }, NODE_EXTRAS);
    const pdf = await readPdf(result.bytes);
    // drawn as outlines (a form placed on each page), so never in the text a reader copies
    for (const page of pdf.pages) expect(page.text, `page ${page.number}`).not.toMatch(/^DRAFT$/m);
    const raw = uncompressed(writeTemp(result.bytes)).toString('latin1');
    expect(raw.match(/\/Watermark Do/g)).toHaveLength(pdf.pages.length - 1);
  });

  it('prints "Copy N of M" on every page of a numbered copy', async () => {
    const result = await buildBookPdf(sampleContent(), fonts(), { mode: 'working', numberedCopies: true }, { ...NODE_EXTRAS, copy: { number: 5, of: 5, recipient: 'File' } });
    const pdf = await readPdf(result.bytes);
    expect(pdf.pages[0].text).toContain('Copy 5 of 5 — File');
    for (const page of pdf.pages.slice(0, -1)) expect(page.text).toContain('Copy 5 of 5');
    expect(pdf.pages.at(-1)?.lines.map((l) => l.text)).toEqual(['CONFIDENTIAL//NOFORN', 'CONFIDENTIAL//NOFORN']);
  });
});

const LONG_WORD = 'longwordwithoutanyspacesthatmustbebrokenbycharacter'.repeat(4);

describe('scripts and characters', () => {
  const names = item(
    'bio-names',
    'Counterparts: 石破茂, 王毅, 习近平',
    `Met with 石破茂 (Ishiba Shigeru), 王毅 and 习近平. トランプ大統領 and ひらがな. Привет, Ωμέγα. 이것은 띄어쓰기가 없는아주긴한국어낱말입니다 and a ${LONG_WORD} end.`,
    { kind: 'bio' },
  );

  it('extracts Hanja, kanji, hanzi, kana, Cyrillic and Greek exactly, through the fallback fonts', async () => {
    const result = await buildBookPdf(smallBook([names]), fonts(), { mode: 'working' }, NODE_EXTRAS);
    const pdf = await readPdf(result.bytes);
    const text = pdf.pages.map((p) => p.text).join('\n');
    for (const expected of ['石破茂', '王毅', '习近平', 'トランプ大統領', 'ひらがな', 'Привет, Ωμέγα']) expect(text).toContain(expected);
    expect(result.problems).toEqual([]);
    const fontNames = pdffonts(writeTemp(result.bytes)).map((r) => r.name.slice(7));
    expect(fontNames).toEqual(expect.arrayContaining(['NotoSansKR-Regular', 'NotoSansSC-Regular']));
  });

  it('draws fallback glyphs with ink', async () => {
    const result = await buildBookPdf(smallBook([item('cjk', '石破茂 王毅 习近平', 'Names only.')]), fonts(), { mode: 'working' }, NODE_EXTRAS);
    const pdf = await readPdf(result.bytes);
    const path = writeTemp(result.bytes);
    const page = pdf.pages.find((p) => p.lines.some((l) => l.text.includes('石破茂 王毅 习近平')))!;
    const line = page.lines.find((l) => l.text.includes('石破茂 王毅 习近平'))!;
    const render = renderGrey(path, page.number, 100);
    expect(inkShare(render, page.height, 100, { x: line.x + 20, y: line.y - 2, width: 100, height: 12 })).toBeGreaterThan(0.08);
  });

  it('reports each character no bundled font has, with its item', async () => {
    const result = await buildBookPdf(smallBook([item('emoji', 'Launch 🚀 plan', 'All good 😀 here.'), item('plain', 'Plain', 'Nothing odd.')]), fonts(), { mode: 'working' }, NODE_EXTRAS);
    const missing = result.problems.filter((p) => p.code === 'missing_glyph');
    expect(missing.map((p) => [p.itemId, /U\+[0-9A-F]+/.exec(p.message)?.[0]])).toEqual(
      expect.arrayContaining([
        ['emoji', 'U+1F680'],
        ['emoji', 'U+1F600'],
      ]),
    );
    expect(missing.every((p) => p.itemId === 'emoji' || p.itemId === undefined)).toBe(true);
  });

  it('keeps Korean words whole and breaks an over-long word by character', async () => {
    const result = await buildBookPdf(smallBook([names]), fonts(), { mode: 'working' }, NODE_EXTRAS);
    const lines = (await readPdf(result.bytes)).pages.flatMap((p) => p.lines.map((l) => l.text));
    // a line never ends inside a Korean word: every Korean word of the body appears whole
    expect(lines.some((l) => l.includes('띄어쓰기가'))).toBe(true);
    expect(lines.some((l) => l.includes('없는아주긴한국어낱말입니다'))).toBe(true);
    const start = lines.findIndex((l) => l.startsWith('longword'));
    // at the body's measure (styles.MEASURE) the word takes three full lines and the rest of a fourth
    const broken = lines.slice(start, start + 4);
    expect(broken.length).toBe(4);
    expect(broken.join('')).toBe(`${LONG_WORD} end.`);
    expect(broken[0].length).toBeGreaterThan(45);
  });

  it('prints tabs as space and drops control characters', async () => {
    const result = await buildBookPdf(smallBook([item('ctl', 'Tab\there', 'Bell\u0007 gone, tab\tkept as space.')]), fonts(), { mode: 'working' }, NODE_EXTRAS);
    const text = (await readPdf(result.bytes)).pages.map((p) => p.text).join('\n');
    expect(text).toContain('(U) Tab here');
    expect(text).toContain('Bell gone, tab kept as space.');
    expect(result.problems).toEqual([]);
  });
});

describe('structural errors', () => {
  it('names the section and the item of a dangling id', async () => {
    const content = smallBook([item('a', 'A', 'a')]);
    content.book.sections[0].items.push('ghost');
    await expect(buildBookPdf(content, fonts(), { mode: 'working' }, NODE_EXTRAS)).rejects.toMatchObject({
      problems: [expect.objectContaining({ code: 'dangling_item', itemId: 'ghost', sectionId: 'sec-1' })],
    });
  });

  it('names the item whose level the scheme lacks', async () => {
    await expect(buildBookPdf(smallBook([item('odd', 'Odd', 'x', { classification: 'Q' })]), fonts(), { mode: 'working' }, NODE_EXTRAS)).rejects.toMatchObject({
      problems: [expect.objectContaining({ code: 'unknown_level', itemId: 'odd' })],
    });
  });

  it('refuses a book with nothing to print', async () => {
    await expect(buildBookPdf(smallBook([]), fonts(), { mode: 'working' }, NODE_EXTRAS)).rejects.toMatchObject({
      problems: [expect.objectContaining({ code: 'empty_book' })],
    });
  });
});

describe('progress', () => {
  it('reports progress up to the number of items printed', async () => {
    const calls: [number, number][] = [];
    await buildBookPdf(sampleContent(), fonts(), { mode: 'working' }, { ...NODE_EXTRAS, onProgress: (done, total) => calls.push([done, total]) });
    expect(calls[0]).toEqual([0, 41]);
    expect(calls.at(-1)).toEqual([41, 41]);
  });
});

describe('default compression', () => {
  it("uses the platform's CompressionStream when no deflate is passed, and reads the same", async () => {
    const content = sampleContent();
    const { deflate: _node, ...extras } = NODE_EXTRAS;
    const platform = await buildBookPdf(content, fonts(), { mode: 'working' }, extras);
    const node = await buildBookPdf(content, fonts(), { mode: 'working' }, NODE_EXTRAS);
    const [a, b] = await Promise.all([readPdf(platform.bytes), readPdf(node.bytes)]);
    expect(a.pages.map((p) => p.text)).toEqual(b.pages.map((p) => p.text));
    expect(qpdfCheck(writeTemp(platform.bytes))).toContain('No syntax or stream encoding errors found');
  });
});

describe('a custom marking scheme', () => {
  it('prints its own banners and portion marks, in Korean too', async () => {
    const content = smallBook([item('k1', '내부 협의 결과', '본문.', { classification: 'R' }), item('k2', 'Public line', 'Body.', { classification: 'P' })]);
    content.markings = {
      scheme: 'korea',
      levels: [
        { code: 'P', banner: '공개', portion: '공개' },
        { code: 'R', banner: '대외비', portion: '대외비' },
      ],
      portionMarks: true,
    };
    const result = await buildBookPdf(content, fonts(), { mode: 'working' }, NODE_EXTRAS);
    const pdf = await readPdf(result.bytes);
    for (const page of pdf.pages) {
      expect(page.lines[0].text).toBe('대외비');
      expect(page.lines.at(-1)?.text).toBe('대외비');
    }
    const text = pdf.pages.map((p) => p.text).join('\n');
    expect(text).toContain('(대외비) 내부 협의 결과');
    expect(text).toContain('(공개) Public line');
  });
});
