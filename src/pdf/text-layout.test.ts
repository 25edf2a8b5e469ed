import { describe, expect, it } from 'vitest';
import type { FontSet, GlyphInfo } from './fonts';
import { breakLines, cleanText, fitLine, makeParagraph, spanWidth, type TextStyle } from './text-layout';

/** Every character half an em wide, a space a quarter: enough to test breaking without font files. */
const fakeFonts = {
  glyph(cp: number): GlyphInfo {
    const invisible = cp === 0x200b || cp === 0xad;
    // A and V kern: A before V or W a tenth of an em closer
    return { face: 0, gid: cp, advance: invisible ? 0 : cp === 0x20 ? 0.25 : 0.5, syntheticBold: false, missing: false, invisible, codePoint: cp, kerns: cp === 0x41 || cp === 0x56 };
  },
  kern(left: GlyphInfo, right: GlyphInfo): number {
    const pair = String.fromCodePoint(left.codePoint, right.codePoint);
    return pair === 'AV' || pair === 'VA' ? -0.1 : 0;
  },
} as unknown as FontSet;

const plain: TextStyle = { size: 10, bold: false, italic: false, color: [0, 0, 0] };

function lines(text: string, width: number): string[] {
  const paragraph = makeParagraph(fakeFonts, [{ text, style: plain }]);
  return breakLines(paragraph, () => width).map((line) => paragraph.text.slice(line.start, line.end));
}

describe('breakLines', () => {
  it('fills lines greedily at spaces and never exceeds the width', () => {
    const text = 'Keep burden sharing separate from the Special Measures Agreement on the cost of hosting forces';
    const out = lines(text, 100);
    expect(out.join(' ')).toBe(text);
    const paragraph = makeParagraph(fakeFonts, [{ text, style: plain }]);
    for (const line of breakLines(paragraph, () => 100)) expect(line.width).toBeLessThanOrEqual(100);
    expect(out.length).toBeGreaterThan(3);
  });

  it('keeps Korean words whole (keep-all) and breaks between them', () => {
    const out = lines('지역 위협에 맞서 대한민국을 방어하겠다는 미국의 변함없는 공약에 감사한다', 60);
    for (const line of out) expect(line).toMatch(/^\S+( \S+)*$/);
    expect(out.join(' ')).toBe('지역 위협에 맞서 대한민국을 방어하겠다는 미국의 변함없는 공약에 감사한다');
    expect(out.length).toBeGreaterThan(2);
    // plain UAX #14 would allow a break between any two syllables; keep-all never splits a word
    const words = out.flatMap((line) => line.split(' '));
    expect(words).toEqual('지역 위협에 맞서 대한민국을 방어하겠다는 미국의 변함없는 공약에 감사한다'.split(' '));
  });

  it('breaks a word too long for the line by character', () => {
    const out = lines('a supercalifragilisticexpialidocious word', 50);
    expect(out.join('|')).toBe('a|supercalif|ragilistic|expialidoc|ious word');
  });

  it('breaks by character a Korean word that alone is wider than the line', () => {
    expect(lines('대한민국을방어하겠다는', 25)).toEqual(['대한민국을', '방어하겠다', '는']);
  });

  it('uses the first-line width for the first line only', () => {
    const paragraph = makeParagraph(fakeFonts, [{ text: 'one two three four five six', style: plain }]);
    const out = breakLines(paragraph, (n) => (n === 0 ? 40 : 200)).map((l) => paragraph.text.slice(l.start, l.end));
    expect(out).toEqual(['one two', 'three four five six']);
  });

  it('breaks after hyphens and slashes where Unicode allows', () => {
    expect(lines('burden-sharing and/or cost-sharing', 50)).toEqual(['burden-', 'sharing', 'and/or', 'cost-', 'sharing']);
    expect(lines('and/orand/or', 30)).toEqual(['and/', 'orand/', 'or']);
  });

  it('drops leading spaces and prints nothing for an empty paragraph', () => {
    expect(lines('   ', 100)).toEqual([]);
    expect(lines('   lead', 100)).toEqual(['lead']);
  });
});

describe('typography', () => {
  const text = (paragraph: ReturnType<typeof makeParagraph>) => breakLines(paragraph, () => 40).map((l) => paragraph.text.slice(l.start, l.end));

  it('kerns pairs inside a run: "AVAV" is narrower than its advances, by three pairs', () => {
    const paragraph = makeParagraph(fakeFonts, [{ text: 'AVAV', style: plain }]);
    expect(spanWidth(paragraph, 0, 4)).toBeCloseTo(4 * 5 - 3 * 1);
    // a line never counts the kerning with the character after its end
    expect(spanWidth(paragraph, 0, 2)).toBeCloseTo(2 * 5 - 1);
    const split = makeParagraph(fakeFonts, [{ text: 'AV', style: plain }, { text: 'AV', style: { ...plain, bold: true } }]);
    expect(spanWidth(split, 0, 4)).toBeCloseTo(4 * 5 - 2 * 1);
  });

  it('draws a hyphen only where a line ends at a soft hyphen, and counts it in the width', () => {
    const paragraph = makeParagraph(fakeFonts, [{ text: 'con\u00adsul\u00adta\u00adtion is it', style: plain }]);
    const lines = breakLines(paragraph, () => 40);
    expect(lines.map((l) => paragraph.text.slice(l.start, l.end).replaceAll('\u00ad', '') + (l.hyphen ? '-' : ''))).toEqual(['consul-', 'tation', 'is it']);
    expect(lines[0].width).toBeCloseTo(6 * 5 + 5);
    expect(lines[1].hyphen).toBeUndefined();
  });

  it('ends no more than two lines in a row with a hyphen', () => {
    const words = ['con\u00adsul\u00adta\u00adtion', 'im\u00adple\u00admen\u00adta\u00adtion', 'in\u00adter\u00adop\u00ader\u00adabil\u00adity', 'de\u00adter\u00adrence'];
    const text = Array.from({ length: 40 }, (_, i) => words[(i * 7) % words.length]).join(' ');
    let mostInARow = 0;
    // from 16 characters a line up: narrower, a hyphen may be the only break that fits
    for (let width = 80; width <= 160; width += 1) {
      let run = 0;
      for (const line of breakLines(makeParagraph(fakeFonts, [{ text, style: plain }]), () => width)) {
        run = line.hyphen === undefined ? 0 : run + 1;
        mostInARow = Math.max(mostInARow, run);
      }
    }
    expect(mostInARow).toBe(2);
  });

  it('hyphenates English only when asked', () => {
    const run = [{ text: 'consultation consultation', style: plain }];
    expect(makeParagraph(fakeFonts, run).text).not.toContain('\u00ad');
    const hyphenated = makeParagraph(fakeFonts, run, { hyphenate: true });
    expect(text(hyphenated).length).toBeGreaterThan(0);
    expect(breakLines(hyphenated, () => 40).some((l) => l.hyphen !== undefined)).toBe(true);
    expect(makeParagraph(fakeFonts, run, { hyphenate: true, lang: 'ko' }).text).not.toContain('\u00ad');
  });

  it('sets typographic quotes across runs, the stored text unchanged', () => {
    const source = [{ text: '"We ', style: plain }, { text: "won't", style: { ...plain, bold: true } }, { text: '," he said', style: plain }];
    expect(makeParagraph(fakeFonts, source).text).toBe('“We won’t,” he said');
    expect(source[1].text).toBe("won't");
  });

  it('pulls a word down rather than leave one alone on the last line', () => {
    // "one two three four five" is 105 pt: "six" alone would follow
    expect(lines('one two three four five six', 110)).toEqual(['one two three four', 'five six']);
    // unless the two do not fit together on the last line
    expect(lines('one two three four five supercalifragilistic', 110)).toEqual(['one two three four five', 'supercalifragilistic']);
    // and never across a line the writer ended
    expect(lines('one two three four five\nsix', 110)).toEqual(['one two three four five', 'six']);
  });

  it('fills Chinese lines to the measure and starts none with closing punctuation', () => {
    expect(lines('我们要和平。然后离开。', 20)).toEqual(['我们要和', '平。然后', '离开。']);
    expect(lines('我们要和平，然后', 25)).toEqual(['我们要和', '平，然后']);
  });

  it('breaks a katakana word only when it is longer than the line, never before ー or a small kana', () => {
    // 8 characters a line: the 7 of コンピューター go down whole, not split after コ
    expect(lines('これはコンピューターです', 40)).toEqual(['これは', 'コンピューター', 'です']);
    expect(lines('コンピューター', 15)).toEqual(['コン', 'ピュー', 'ター']);
  });
});

describe('characters a reader sees as one', () => {
  // a conjoining-jamo syllable NFC cannot compose, an emoji ZWJ family, a flag, a skin tone,
  // a letter inside an enclosing circle: each is several code points and one character
  const clusters = ['\u1112\u119e\u11ab', '\u{1f469}\u200d\u{1f469}\u200d\u{1f467}', '\u{1f1f0}\u{1f1f7}', '\u{1f44d}\u{1f3fd}', 'a\u20dd'];

  it('never splits one when a word too long for the line is broken by character', () => {
    // 5 pt per code point and a 5 pt line: every character is wider than the line on its own
    expect(lines(clusters.join(''), 5)).toEqual(clusters);
    expect(lines(`x${clusters.join('')}y`, 12)).toEqual(['x', ...clusters, 'y']);
  });

  it('never splits one when a line is shortened with an ellipsis', () => {
    const fonts = { ...fakeFonts, measure: (text: string) => 0.5 * [...text].length } as unknown as FontSet;
    // 'Summit ' is 35 pt, the family 25 pt, the ellipsis 5 pt: 50 pt ends inside the family
    const line = fitLine(fonts, `Summit ${clusters[1]} picnic`, plain, 50);
    expect(line.paragraph.text.slice(line.start, line.end)).toBe('Summit…');
    const jamo = fitLine(fonts, `${clusters[0]}${clusters[0]}`, plain, 25);
    expect(jamo.paragraph.text.slice(jamo.start, jamo.end)).toBe(`${clusters[0]}…`);
  });
});

describe('cleanText', () => {
  it('turns tabs into spaces, joins lines and drops control characters', () => {
    expect(cleanText('a\tb\nc\u0007d')).toBe('a    b cd');
  });

  it('composes decomposed Hangul and accents (NFC)', () => {
    expect(cleanText('\u1112\u1161\u11ab')).toBe('한');
    expect(cleanText('e\u0301')).toBe('é');
  });

  it('composes a Hangul syllable with a trailing jamo after it, and keeps a line break in body text', () => {
    expect(cleanText('\uac00\u11a8')).toBe('각');
    expect(cleanText('a\r\nb', true)).toBe('a\nb');
  });
});
