/**
 * Issue 16, point 4: bilingual pages read back from the PDF. `bilingual: 'ko'` sets each item
 * beside its Korean translation, block by block; the cover and the contents speak both
 * languages; the sample's Korean comes out word for word.
 */
import { describe, expect, it } from 'vitest';
import { buildBookPdf } from '../../src/pdf';
import { NODE_EXTRAS, fonts, readPdf, sampleContent } from './pdf-reader';

/** The words of Briefbook text as printed: no list markers, no emphasis marks. */
function printedWords(text: string): string[] {
  return text
    .replace(/^\s*[-*]\s+/gm, '')
    .replace(/\*\*|__|\*/g, '')
    .split(/\s+/)
    .filter((w) => w !== '');
}

describe('bilingual pages', () => {
  it('sets each item beside its translation, paragraph by paragraph, and every Korean word comes out right', async () => {
    const content = sampleContent();
    const pdf = await readPdf((await buildBookPdf(content, fonts(), { mode: 'working', bilingual: 'ko' }, NODE_EXTRAS)).bytes);
    const lines = pdf.pages.flatMap((p) => p.lines.map((l) => l.text));
    // side by side: the first line of each pair shares its baseline with the other language's
    expect(lines.some((l) => l.startsWith('• Thank the United States for its sacrifice in') && l.includes('• 한국전쟁 당시 미국의 희생에 감사를 표한다.'))).toBe(true);
    expect(lines.some((l) => l.startsWith('(U) Reaffirm the alliance’s') && l.endsWith('(U) 동맹의 기본 원칙 재확인'))).toBe(true);
    // the second list entry sits beside the second, not the first
    expect(lines.some((l) => l.startsWith('• Thank the President for the continuing U.S.') && l.includes('• 지역 위협에 맞서 대한민국을'))).toBe(true);
    const all = lines.join(' ');
    let checked = 0;
    for (const item of content.items) {
      const ko = item.translations?.ko;
      if (ko === undefined) continue;
      for (const word of printedWords(`${ko.title ?? ''} ${ko.body ?? ''}`)) {
        // a number with its Korean counter (2006년) is checked in the test below
        if (/\d[가-힣]/.test(word)) continue;
        expect(all, `${item.id}: ${word}`).toContain(word);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(60);
  });

  // keep-all Korean keeps a number and the syllables fused to it whole
  it('keeps a number and its Korean counter on one line (2006년)', async () => {
    const pdf = await readPdf((await buildBookPdf(sampleContent(), fonts(), { mode: 'working', bilingual: 'ko' }, NODE_EXTRAS)).bytes);
    expect(pdf.pages.map((p) => p.text).join('\n')).toContain('2006년');
  });

  it('puts the cover and the contents in both languages', async () => {
    const pdf = await readPdf((await buildBookPdf(sampleContent(), fonts(), { mode: 'working', bilingual: 'ko' }, NODE_EXTRAS)).bytes);
    const cover = pdf.pages[0].text;
    expect(cover).toContain('Bilingual edition: English and 한국어 (ko)');
    expect(cover).toMatch(/DATE · 일시 ?25 August 2025/);
    expect(pdf.pages[1].text).toContain('At a glance · 한눈에 보기');
    const contents = pdf.pages.find((p) => p.text.includes('Contents · 목차'));
    expect(contents).toBeDefined();
    const texts = contents!.lines.map((l) => l.text);
    const ob1 = texts.findIndex((t) => t.startsWith('OB-1 (U) Reaffirm the alliance’s founding principles'));
    expect(texts[ob1 + 1]).toBe('동맹의 기본 원칙 재확인');
  });

  it('puts the translation below the text when asked, under its language’s name', async () => {
    const pdf = await readPdf((await buildBookPdf(sampleContent(), fonts(), { mode: 'working', bilingual: 'ko', bilingualLayout: 'below' }, NODE_EXTRAS)).bytes);
    const lines = pdf.pages.flatMap((p) => p.lines.map((l) => l.text));
    const english = lines.findIndex((l) => l.startsWith('Leave Washington with a public reaffirmation'));
    const name = lines.indexOf('한국어 (ko)', english);
    const korean = lines.findIndex((l) => l.startsWith('새로운 세부 의무가 아니라'));
    expect(english).toBeGreaterThan(0);
    expect(name).toBeGreaterThan(english);
    expect(korean).toBeGreaterThan(name);
    expect(lines[english]).not.toContain('새로운');
  });
});
