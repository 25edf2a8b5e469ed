/**
 * The book's typography read back from the PDF: kerning in the glyph positions, typographic
 * quotes in the text a reader copies, Chinese lines that run full, kinsoku, katakana words kept
 * whole, hyphens drawn only at a break, and an 11 pt body.
 */
import { describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { buildBookPdf } from '../../src/pdf';
import { writeDocument } from '../../src/pdf/document';
import { FontSet } from '../../src/pdf/fonts';
import { A4, Page } from '../../src/pdf/page';
import { MEASURE, TYPE, style } from '../../src/pdf/styles';
import { breakLines, drawLine, makeParagraph, spanWidth, type ParagraphOptions } from '../../src/pdf/text-layout';
import { NO_LINE_END, NO_LINE_START } from '../../src/pdf/script-breaks';
import { DEFAULT_MARKINGS, type BookContent, type ExchangeItem } from '../../src/shared/domain';
import { deflateForNode } from '../../electron/cli/commands/pdf';
import { NODE_EXTRAS, fonts, readPdf } from './pdf-reader';

function bookOf(items: Partial<ExchangeItem>[]): BookContent {
  const full = items.map((item, i) => ({ id: `it-${i}`, kind: 'talking_point', title: `Item ${i}`, body: '', classification: 'U', status: 'cleared', ...item }) as ExchangeItem);
  return {
    markings: DEFAULT_MARKINGS,
    book: { id: 'typography', title: 'Typography', sections: [{ id: 's', title: 'Talking points', items: full.map((i) => i.id) }] },
    items: full,
    itemVersions: {},
  };
}

/** One paragraph set in a column of `width` points on one A4 page, written as a PDF by the engine's writer. */
async function columnPdf(text: string, width: number, options: ParagraphOptions = {}, size: number = TYPE.body): Promise<Uint8Array> {
  const fontSet = new FontSet(fonts());
  const page = new Page(A4, 'body');
  page.index = 0;
  const lines = breakLines(makeParagraph(fontSet, [{ text, style: style(size) }], options), () => width);
  lines.forEach((line, i) => page.body.push(drawLine(fontSet, line, 72, 760 - i * size * 1.4)));
  return writeDocument(fontSet, [page], [], { title: 'column', subject: 'typography', producer: 'test', date: new Date(Date.UTC(2025, 0, 1)) }, deflateForNode);
}

/** The text items pdf.js reads on page 1, with their x, baseline and width. */
async function textItems(bytes: Uint8Array): Promise<{ str: string; x: number; y: number; width: number }[]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0, useSystemFonts: false }).promise;
  const content = await (await doc.getPage(1)).getTextContent();
  const items = content.items
    .filter((i): i is typeof i & { str: string; transform: number[]; width: number } => 'str' in i && i.str.trim() !== '')
    .map((i) => ({ str: i.str, x: i.transform[4], y: i.transform[5], width: i.width }));
  await doc.destroy();
  return items;
}

/** Items grouped into lines by baseline, top to bottom: each line's text and its width from its left end to its right end. */
function columnLines(items: { str: string; x: number; y: number; width: number }[]): { str: string; width: number }[] {
  const rows = new Map<number, { str: string; x: number; width: number }[]>();
  for (const item of items) {
    const y = Math.round(item.y);
    rows.set(y, [...(rows.get(y) ?? []), item]);
  }
  return [...rows.entries()]
    .sort((a, b) => b[0] - a[0])
    .map(([, row]) => {
      row.sort((a, b) => a.x - b.x);
      const last = row[row.length - 1];
      return { str: row.map((r) => r.str).join('').trim(), width: last.x + last.width - row[0].x };
    });
}

describe('kerning', () => {
  it('sets "AVAV" narrower than its advances, in the layout and in the PDF’s glyph positions', async () => {
    const fontSet = new FontSet(fonts());
    const size = 40;
    const paragraph = makeParagraph(fontSet, [{ text: 'AVAV', style: style(size) }]);
    const unkerned = fontSet.measure('AVAV', false) * size;
    const kerned = spanWidth(paragraph, 0, 4);
    expect(kerned).toBeLessThan(unkerned - 3);
    // the same as fontkit's own shaping of the string with the font's kern feature
    const face = fontSet.faces[0].font;
    const shaped = face.layout('AVAV', ['kern']).positions.reduce((sum, p) => sum + p.xAdvance, 0);
    expect(kerned).toBeCloseTo((shaped / face.unitsPerEm) * size, 0);

    const items = await textItems(await columnPdf('AVAV', 400, {}, size));
    const drawn = items.find((i) => i.str === 'AVAV');
    expect(drawn).toBeDefined();
    expect(drawn!.width).toBeCloseTo(kerned, 0);
    expect(drawn!.width).toBeLessThan(unkerned - 3);
  });

  it('sets sentences exactly as wide as fontkit’s full shaping of them, regular and bold', () => {
    const fontSet = new FontSet(fonts());
    const sentences = ['Tokyo, Vancouver, AVAWAY. Type Wave LTAV', 'We’ll “Yes”. P. F. r, y. Ty Te To Tr Va Ve Yo', 'Пример Тест ГА', '한국 AV 대한민국'];
    for (const bold of [false, true]) {
      const face = fontSet.faces[bold ? 1 : 0].font;
      for (const text of sentences) {
        const paragraph = makeParagraph(fontSet, [{ text, style: style(10, { bold }) }]);
        const shaped = face.layout(text).positions.reduce((sum, p) => sum + p.xAdvance, 0);
        expect(spanWidth(paragraph, 0, paragraph.text.length), text).toBeCloseTo((shaped / face.unitsPerEm) * 10, 3);
      }
    }
  });

  it('kerns the body of a book without changing the text a reader copies', async () => {
    const result = await buildBookPdf(bookOf([{ title: 'AVAILABLE WAVE', body: 'Tokyo, Vancouver, AVAV and Wave.' }]), fonts(), { mode: 'working' }, NODE_EXTRAS);
    const text = (await readPdf(result.bytes)).pages.map((p) => p.text).join('\n');
    expect(text).toContain('Tokyo, Vancouver, AVAV and Wave.');
    expect(text).toContain('AVAILABLE WAVE');
  });
});

describe('typographic quotes', () => {
  it('prints curly quotes and apostrophes in titles and body, the stored text unchanged', async () => {
    const item = { title: `The allies' "strategic flexibility"`, body: `"We won't table it," he said. 'Fine.'\n\n"북한 비핵화"는 '최종 목표'다` };
    const content = bookOf([item]);
    const result = await buildBookPdf(content, fonts(), { mode: 'working' }, NODE_EXTRAS);
    const text = (await readPdf(result.bytes)).pages.map((p) => p.text).join('\n');
    expect(text).toContain('(U) The allies’ “strategic flexibility”');
    expect(text).toContain('“We won’t table it,” he said. ‘Fine.’');
    expect(text).toContain('“북한 비핵화”는 ‘최종 목표’다');
    expect(text).not.toMatch(/["']/);
    expect(content.items[0].title).toBe(item.title);
  });
});

describe('Chinese and Japanese line breaking', () => {
  const chinese =
    '双方重申，同盟是维护朝鲜半岛和平与稳定的基石。美方承诺以包括核力量在内的全部军事能力提供延伸威慑，韩方将继续增加国防投入，提升自主防卫能力。双方同意在工作层面继续讨论战略灵活性的具体问题，并在下次会晤前完成评估。';

  it('fills every line of a Chinese paragraph but the last, and starts none with closing punctuation', async () => {
    const width = 200;
    const items = await textItems(await columnPdf(chinese, width));
    const lines = columnLines(items);
    expect(lines.length).toBeGreaterThan(4);
    expect(lines.map((l) => l.str).join('')).toBe(chinese);
    // a line may fall short of the measure by at most one ideograph and a kept mark (11 pt each)
    for (const line of lines.slice(0, -1)) expect(line.width, line.str).toBeGreaterThan(width - 2 * TYPE.body - 0.5);
    for (const line of lines) {
      expect(NO_LINE_START.has(line.str.charCodeAt(0)), line.str).toBe(false);
      expect(NO_LINE_END.has(line.str.charCodeAt(line.str.length - 1)), line.str).toBe(false);
    }
  });

  it('prints the same paragraph full in a book: no line ends 40% short', async () => {
    const result = await buildBookPdf(bookOf([{ title: '同盟', body: chinese, lang: 'zh' }]), fonts(), { mode: 'working' }, NODE_EXTRAS);
    const page = (await readPdf(result.bytes)).pages.find((p) => p.text.includes('双方重申'))!;
    const first = page.lines.findIndex((l) => l.text.startsWith('双方重申'));
    const body = page.lines.slice(first).filter((l) => /[\u4e00-\u9fff]/.test(l.text));
    const joined = body.map((l) => l.text).join('');
    expect(joined.startsWith(chinese)).toBe(true);
    const counts = body.slice(0, -1).map((l) => [...l.text].length);
    const longest = Math.max(...counts);
    for (const count of counts) expect(count).toBeGreaterThanOrEqual(longest - 2);
    for (const line of body) expect(NO_LINE_START.has(line.text.charCodeAt(0)), line.text).toBe(false);
  });

  it('keeps katakana words whole and starts no line with a small kana or ー', async () => {
    const japanese = 'ドナルド・トランプ大統領とのミーティングでは、コンピューターセキュリティーとサプライチェーンについて、ちょっとした意見交換を行った。';
    const items = await textItems(await columnPdf(japanese, 120));
    const lines = columnLines(items).map((l) => l.str);
    expect(lines.join('')).toBe(japanese);
    for (const line of lines) expect(NO_LINE_START.has(line.charCodeAt(0)), line).toBe(false);
    // each katakana word shorter than the line is on one line
    for (const word of ['トランプ', 'ミーティング', 'サプライチェーン']) expect(lines.some((l) => l.includes(word)), word).toBe(true);
  });
});

describe('hyphenation', () => {
  const english =
    'The delegation will emphasize consultation, interoperability and implementation of the commitments, and the representatives will coordinate a comprehensive communication strategy.';

  it('draws a hyphen only at a line end where a word was hyphenated; the soft hyphens print nothing', async () => {
    const items = await textItems(await columnPdf(english, 150, { hyphenate: true }));
    const lines = columnLines(items).map((l) => l.str);
    const hyphenated = lines.filter((l) => /[a-z]-$/.test(l));
    expect(hyphenated.length).toBeGreaterThan(0);
    expect(lines.join(' ').replace(/([a-z])- /g, '$1')).toBe(english);
    expect(lines.join('')).not.toContain('\u00ad');
    for (const line of lines.slice(0, -1)) expect(line.includes('-') ? /-$/.test(line) : true, line).toBe(true);
  });

  it('never hyphenates when the option is off', async () => {
    const items = await textItems(await columnPdf(english, 150));
    const lines = columnLines(items).map((l) => l.str);
    expect(lines.some((l) => l.endsWith('-'))).toBe(false);
    expect(lines.join(' ')).toBe(english.split(' ').join(' '));
  });
});

describe('type for a principal', () => {
  it('sets body text at 11 pt or more, 60 to 75 characters a line at the measure', async () => {
    const result = await buildBookPdf(bookOf([{ title: 'Alliance', body: english() }]), fonts(), { mode: 'working' }, NODE_EXTRAS);
    const doc = await getDocument({ data: new Uint8Array(result.bytes), verbosity: 0, useSystemFonts: false }).promise;
    let bodySize = 0;
    for (let n = 1; n <= doc.numPages; n += 1) {
      const content = await (await doc.getPage(n)).getTextContent();
      for (const item of content.items) if ('str' in item && item.str.startsWith('The alliance has kept')) bodySize = Math.hypot(item.transform[0], item.transform[1]);
    }
    await doc.destroy();
    expect(bodySize).toBeGreaterThanOrEqual(11);

    for (const lines of [
      // the measure itself, and the book's body set on it
      columnLines(await textItems(await columnPdf(english(), MEASURE))).map((l) => l.str),
      (await readPdf(result.bytes)).pages.flatMap((p) => p.lines.map((l) => l.text)).filter((l) => english().includes(l)),
    ]) {
      const lengths = lines.slice(0, -1).map((l) => l.length);
      expect(lengths.length).toBeGreaterThan(3);
      const average = lengths.reduce((a, b) => a + b, 0) / lengths.length;
      expect(average).toBeGreaterThanOrEqual(60);
      expect(average).toBeLessThanOrEqual(75);
    }
  });
});

function english(): string {
  return 'The alliance has kept the peace on the Korean Peninsula for seventy years, and both governments have said they will modernize it. Seoul will spend more on its own defense, and the two ministers agreed to keep the details of strategic flexibility at the working level, where the teams can weigh each option with care before the leaders meet again in the autumn.';
}
