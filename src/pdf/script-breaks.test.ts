import LineBreaker from 'linebreak';
import { describe, expect, it } from 'vitest';
import { NO_LINE_END, NO_LINE_START, breakOpportunities, keepsIdeographsTogether, uax14Opportunities } from './script-breaks';

/** The text cut at every break opportunity that is not required. */
function pieces(text: string, lang?: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (const { position } of breakOpportunities(text, lang)) {
    out.push(text.slice(from, position));
    from = position;
  }
  return out;
}

describe('break opportunities per script', () => {
  it('breaks Chinese between any two ideographs, never before 。，」 or after “「', () => {
    expect(pieces('我们要和平。然后离开')).toEqual(['我', '们', '要', '和', '平。', '然', '后', '离', '开']);
    for (const piece of pieces('他说「我们要和平」，然后离开。')) {
      expect(NO_LINE_START.has(piece.charCodeAt(0)) && piece !== '他').toBe(false);
      expect(NO_LINE_END.has(piece.charCodeAt(piece.length - 1))).toBe(false);
    }
  });

  it('keeps Japanese small kana, ー and closing marks with what comes before', () => {
    const cut = pieces('ちょっと待ってください。』と言った');
    for (const piece of cut.slice(1)) expect(NO_LINE_START.has(piece.charCodeAt(0)), piece).toBe(false);
    expect(cut.join('')).toBe('ちょっと待ってください。』と言った');
  });

  it('keeps a katakana word whole, and breaks after the middle dot between two', () => {
    expect(pieces('ドナルド・トランプ大統領')).toEqual(['ドナルド・', 'トランプ', '大', '統', '領']);
    expect(pieces('コンピューターを使う')).toEqual(['コンピューター', 'を', '使', 'う']);
  });

  it('keeps Korean words whole, with their Hanja, and breaks at spaces', () => {
    expect(pieces('韓國의 安保 정책을 논의한다')).toEqual(['韓國의 ', '安保 ', '정책을 ', '논의한다']);
    expect(keepsIdeographsTogether('安保', 'ko')).toBe(true);
    expect(keepsIdeographsTogether('安保', 'ja')).toBe(false);
    expect(keepsIdeographsTogether('安保')).toBe(false);
  });
});

describe('keep-all Korean and the words fused to it', () => {
  const positions = (text: string) => breakOpportunities(text, 'ko').map((b) => b.position);
  it('never breaks between a number or a Latin word and its Hangul', () => {
    const text = '2006년 API를 검토';
    const inside = [text.indexOf('년'), text.indexOf('를')];
    for (const p of inside) expect(positions(text)).not.toContain(p);
    // the spaces still are break opportunities
    expect(positions(text)).toContain(text.indexOf('API'));
  });
});

describe('plain Latin text', () => {
  /** UAX #14 as `linebreak` gives it: for Latin text the script rules take nothing away */
  const reference = (text: string) => {
    const out: { position: number; required: boolean }[] = [];
    const breaker = new LineBreaker(text);
    for (let bk = breaker.nextBreak(); bk !== null; bk = breaker.nextBreak()) out.push({ position: bk.position, required: bk.required });
    return out;
  };

  it('breaks where UAX #14 does, over random text of letters, digits, spaces, soft hyphens, brackets and , . : ; ! ?', () => {
    // the characters the fast path reads, weighted towards words, plus a few it hands to linebreak
    const alphabet = ['a', 'b', 'Z', 'é', 'ß', '0', '7', ' ', ' ', ' ', '\u00ad', ',', '.', ':', ';', '!', '?', '(', ')', '[', ']', '-', '×', '\u00a0', '"', '{', '}'];
    let seed = 20251201;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    let fastPathTexts = 0;
    for (let n = 0; n < 4000; n += 1) {
      const length = 1 + Math.floor(next() * 24);
      let text = '';
      for (let i = 0; i < length; i += 1) text += alphabet[Math.floor(next() * (n % 2 === 0 ? 21 : alphabet.length))];
      if (/^[^ )\]][a-zA-Z\u00c0-\u00ff0-9 \u00ad,.:;!?()[\]]*$/.test(text) && !/[×÷]/.test(text)) fastPathTexts += 1;
      expect(breakOpportunities(text), JSON.stringify(text)).toEqual(reference(text));
    }
    // most of the texts were the plain ones the fast path answers
    expect(fastPathTexts).toBeGreaterThan(1000);
  });

  it('breaks Korean text of syllables, Latin words, digits and punctuation as linebreak with the Korean rules does', () => {
    const alphabet = ['한', '국', '어', '가', 'a', 'Z', '7', 'é', ' ', ' ', ' ', '\u00ad', ',', '.', ':', '!', '?', '(', ')', '[', ']', '-', '中', '"'];
    let seed = 17;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let n = 0; n < 4000; n += 1) {
      const length = 1 + Math.floor(next() * 24);
      let text = '';
      for (let i = 0; i < length; i += 1) text += alphabet[Math.floor(next() * (n % 2 === 0 ? 21 : alphabet.length))];
      for (const lang of [undefined, 'ko', 'ja', 'en']) expect(breakOpportunities(text, lang), `${JSON.stringify(text)} ${lang}`).toEqual(uax14Opportunities(text, lang));
    }
    expect(breakOpportunities('2006년 API를 보았다. 그리고!다시', 'ko').map((b) => b.position)).toEqual([6, 11, 16, 20, 22]);
  });

  it('breaks an English sentence after its spaces and soft hyphens, never before its punctuation', () => {
    const text = 'Brief\u00adings run late , then stop ! Again.';
    expect(breakOpportunities(text).map((b) => b.position)).toEqual([6, 11, 15, 22, 27, 34, 40]);
  });

  it('keeps brackets with what they enclose: no line ends after an opening one, none starts with a closing one', () => {
    const text = 'Talks (in Seoul) end [see annex](2). ( Next';
    // before "(in", "Seoul)", "end", "[see", "annex](2).", "(2)." and "( Next", and at the end
    expect(breakOpportunities(text).map((b) => b.position)).toEqual([6, 10, 17, 21, 26, 32, 37, 43]);
    // in Korean text a bracket is not a syllable: the line may break before "(Korea)" and after it
    expect(breakOpportunities('대한민국(Korea)은 (사진) 보라', 'ko').map((b) => b.position)).toEqual([4, 11, 13, 18, 20]);
  });
});
