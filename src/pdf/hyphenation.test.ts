import { describe, expect, it } from 'vitest';
import { hyphenate, hyphenateWord, hyphenatesLanguage } from './hyphenation';

const show = (text: string) => text.replaceAll('\u00ad', '-');

describe('English hyphenation', () => {
  it('puts soft hyphens at the TeX patterns’ points, two letters before and three after at least', () => {
    expect(show(hyphenateWord('consultation'))).toBe('con-sul-ta-tion');
    expect(show(hyphenateWord('implementation'))).toBe('im-ple-men-ta-tion');
    // "deter-rence" would leave... the patterns' points, none closer to the end than three letters
    for (const word of ['deterrence', 'alliance', 'strategic', 'flexibility', 'commitment']) {
      const parts = show(hyphenateWord(word)).split('-');
      expect(parts.join('')).toBe(word);
      expect(parts[0].length).toBeGreaterThanOrEqual(2);
      expect(parts.at(-1)!.length).toBeGreaterThanOrEqual(3);
    }
  });

  it('leaves short words, acronyms, inner capitals, figures, addresses and file names whole', () => {
    expect(hyphenate('table the treaty')).toBe('table the treaty');
    expect(hyphenate('NATO USFK iPhone')).toBe('NATO USFK iPhone');
    expect(hyphenate('see www.defense.gov/consultation or briefing_consultation.pdf, 2025consultation')).toBe(
      'see www.defense.gov/consultation or briefing_consultation.pdf, 2025consultation',
    );
    expect(show(hyphenate('(consultation), consultation.'))).toBe('(con-sul-ta-tion), con-sul-ta-tion.');
  });

  it('hyphenates English and text of no stated language only', () => {
    expect(hyphenatesLanguage(undefined)).toBe(true);
    expect(hyphenatesLanguage('en-GB')).toBe(true);
    expect(hyphenatesLanguage('ko')).toBe(false);
  });
});
