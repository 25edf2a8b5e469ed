import { describe, expect, it } from 'vitest';
import { typographicQuotes } from './quotes';

describe('typographicQuotes', () => {
  it('makes English quotes and apostrophes curly', () => {
    expect(typographicQuotes(`"We won't table it," he said. 'Fine.'`)).toBe('“We won’t table it,” he said. ‘Fine.’');
    expect(typographicQuotes("the allies' view of Korea's role in the '90s")).toBe('the allies’ view of Korea’s role in the ’90s');
    expect(typographicQuotes('("strategic flexibility")')).toBe('(“strategic flexibility”)');
  });

  it('sets Korean with the same curly marks', () => {
    expect(typographicQuotes('"북한 비핵화"는 \'최종 목표\'다', 'ko')).toBe('“북한 비핵화”는 ‘최종 목표’다');
  });

  it('uses the language’s own marks for German and French, and ’ for apostrophes in both', () => {
    expect(typographicQuotes('Er sagte "nein" und \'ja\'', 'de')).toBe('Er sagte „nein“ und ‚ja‘');
    expect(typographicQuotes('Il a dit " non " à l\'OTAN', 'fr')).toBe('Il a dit «\u202fnon\u202f» à l’OTAN');
    expect(typographicQuotes('"oui"', 'fr-CA')).toBe('«\u202foui\u202f»');
  });

  it('decides a mark at a run’s edge by the characters of the runs around it', () => {
    // "We **won't**": the apostrophe follows a letter inside the run
    expect(typographicQuotes('" and', 'en', 'd')).toBe('” and');
    expect(typographicQuotes('"Hold', 'en', ' ')).toBe('“Hold');
    expect(typographicQuotes("'", 'en', 'n', 't')).toBe('’');
  });

  it('leaves text without straight quotes as it is (the same string)', () => {
    const text = 'Keep burden sharing separate from the SMA';
    expect(typographicQuotes(text)).toBe(text);
  });
});
