/**
 * Issue 16, point 3: a pocket card that fits a pocket, read back from the PDF: A6 or 4 × 6 in,
 * red lines first, then asks, talking points and "if raised" question → answer, with the words
 * to say (the first sentence, or the item's cardLine), type as large as fits between 9 and 14 pt,
 * two sides if needed, banners and portion marks as on the book, a warning for what is left off.
 */
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { buildPocketCard, exportFacts } from '../../src/pdf';
import { prepareBook } from '../../src/pdf/prepare';
import { firstSentence } from '../../src/pdf/card-words';
import { DEFAULT_MARKINGS, type BookContent, type ExchangeItem } from '../../src/shared/domain';
import { NODE_EXTRAS, fonts, readPdf, sampleContent, uncompressed, writeTemp } from './pdf-reader';

function smallBook(items: ExchangeItem[]): BookContent {
  return {
    markings: DEFAULT_MARKINGS,
    book: { id: 'card-book', title: 'Card book', sections: [{ id: 'sec-1', title: 'Everything', items: items.map((i) => i.id) }] },
    items,
    itemVersions: Object.fromEntries(items.map((i) => [i.id, 1])),
  };
}

const redLine = (id: string, body: string, extra: Partial<ExchangeItem> = {}): ExchangeItem => ({
  id,
  kind: 'red_line',
  title: `Title of ${id}`,
  body,
  classification: 'U',
  status: 'cleared',
  ...extra,
});

async function pageSizes(bytes: Uint8Array): Promise<[number, number][]> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  return doc.getPages().map((p) => [Math.round(p.getWidth() * 100) / 100, Math.round(p.getHeight() * 100) / 100]);
}

/** The font sizes the card's text is set in (the Tf operators of its content). */
function textSizes(bytes: Uint8Array): number[] {
  const raw = uncompressed(writeTemp(bytes)).toString('latin1');
  return [...raw.matchAll(/\/F\d+ ([\d.]+) Tf/g)].map((m) => Number(m[1]));
}

describe('the pocket card', () => {
  it('is A6, red lines first, then asks, talking points and if-raised answers, with the words to say', async () => {
    const result = await buildPocketCard(sampleContent(), fonts(), { mode: 'working' }, NODE_EXTRAS);
    expect(await pageSizes(result.bytes)).toEqual([
      [297.64, 419.53],
      [297.64, 419.53],
    ]);
    const pdf = await readPdf(result.bytes);
    for (const page of pdf.pages) {
      expect(page.lines[0].text).toBe('CONFIDENTIAL//NOFORN');
      expect(page.lines.at(-1)?.text).toBe('CONFIDENTIAL//NOFORN');
    }
    const text = pdf.pages.map((p) => p.text).join('\n');
    const flat = text.replace(/\n/g, ' ');
    const order = ['RED LINES', 'OUR ASKS', 'TALKING POINTS', 'IF RAISED'].map((h) => text.indexOf(h));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // the words, not the headline: the first sentence ("U.S." does not end it), with number and portion mark
    expect(flat).toContain('RL-1 (C//NF) Do not negotiate how U.S. forces in Korea could be redeployed to other theaters.');
    expect(flat).not.toContain('No leader-level deal on the details of strategic flexibility');
    // a question, then its answer after an arrow
    expect(flat).toMatch(/IR-2 \(C\) If asked to match the NATO pledge of 5% of GDP → Note the planned rise/);
    expect(flat).not.toContain('Donald J. Trump,'); // no bios
  });

  it('leaves the last talking points off when two sides are not enough, and names each in a warning', async () => {
    const result = await buildPocketCard(sampleContent(), fonts(), { mode: 'working' }, NODE_EXTRAS);
    const overflow = result.problems.filter((p) => p.code === 'pocket_card_overflow');
    expect(overflow.length).toBeGreaterThan(0);
    expect(overflow.at(-1)?.itemId).toBe('tp-draft-trade');
    expect(overflow.at(-1)?.message).toMatch(/^TP-9 "tp-draft-trade" \(talking points\) does not fit on the two sides of the pocket card at 9 pt/);
    const text = (await readPdf(result.bytes)).pages.map((p) => p.text).join('\n');
    for (const p of overflow) expect(text).not.toContain(p.message.split(' ')[0] + ' ');
    expect(text).toContain('TP-1 ');
    expect(text).toContain('IR-3 ');
  });

  it('logs exactly the items it printed, never the entries it left off (CLI and app alike)', async () => {
    const content = sampleContent();
    const result = await buildPocketCard(content, fonts(), { mode: 'working' }, NODE_EXTRAS);
    const leftOff = result.problems.filter((p) => p.code === 'pocket_card_overflow').map((p) => p.itemId);
    expect(leftOff).toContain('tp-draft-trade');
    for (const id of leftOff) expect(result.itemVersions).not.toHaveProperty(id!);
    // every logged item is on the card: its number is in the text
    const text = (await readPdf(result.bytes)).pages.map((p) => p.text).join(' ');
    const numbers = new Map(prepareBook(content, { mode: 'working' }).sections.flatMap((s) => s.items).map((p) => [p.item.id, p.number]));
    for (const id of Object.keys(result.itemVersions)) expect(text, id).toContain(`${numbers.get(id)} `);
    // what the main process logs for a card the window saved is the same list, worked out alone
    expect(exportFacts(content, { mode: 'working' }, 'pocketCard', undefined, fonts()).itemVersions).toEqual(result.itemVersions);
  });

  it('prints an item’s card line instead of its first sentence', async () => {
    const content = sampleContent();
    content.items = content.items.map((i) => (i.id === 'rl-sma' ? { ...i, cardLine: 'Burden sharing is not the SMA: say no.' } : i));
    const text = (await readPdf((await buildPocketCard(content, fonts(), { mode: 'working' }, NODE_EXTRAS)).bytes)).pages.map((p) => p.text).join(' ');
    expect(text.replace(/\n/g, ' ')).toContain('RL-4 (C) Burden sharing is not the SMA: say no.');
  });

  it('sets a short card at 14 pt on one side, a longer one smaller, and makes a 4 × 6 in card when asked', async () => {
    const short = await buildPocketCard(smallBook([redLine('a', 'Never this.'), redLine('b', 'Nor that.')]), fonts(), { mode: 'final' }, NODE_EXTRAS);
    expect(short.pageCount).toBe(1);
    expect(textSizes(short.bytes)).toContain(14);
    const many = Array.from({ length: 14 }, (_, i) => redLine(`rl-${i}`, `Red line number ${i} says a sentence long enough to take two lines on the card. Then more.`));
    const longer = await buildPocketCard(smallBook(many), fonts(), { mode: 'final' }, NODE_EXTRAS);
    const sizes = textSizes(longer.bytes).filter((s) => s >= 9);
    expect(Math.max(...sizes)).toBeLessThan(14);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(9);
    const card = await buildPocketCard(smallBook(many), fonts(), { mode: 'final', pocketCardSize: '4x6' }, NODE_EXTRAS);
    for (const size of await pageSizes(card.bytes)) expect(size).toEqual([288, 432]);
  });

  it('finds the first sentence past abbreviations', () => {
    expect(firstSentence('Reaffirm the U.S. commitment. Then more.')).toBe('Reaffirm the U.S. commitment.');
    expect(firstSentence('Ask Mr. Kim first! Then.')).toBe('Ask Mr. Kim first!');
    expect(firstSentence('No sentence end')).toBe('No sentence end');
    expect(firstSentence('한국은 준비되어 있다. 다음.')).toBe('한국은 준비되어 있다.');
  });
});
