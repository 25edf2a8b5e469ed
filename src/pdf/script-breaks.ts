/**
 * Where a line may end, per script: the Unicode line breaking algorithm (UAX #14, through
 * `linebreak`) with the conventions of the scripts a briefing book prints on top of it.
 *
 * - Korean breaks between words (CSS `word-break: keep-all`): never between two Hangul
 *   syllables, nor between the Hanja of a Korean text.
 * - Chinese and Japanese break between any two ideographs or kana, so their lines run full,
 *   with the kinsoku rules: no line starts with closing punctuation, a prolonged sound mark or a
 *   small kana ({@link NO_LINE_START}); no line ends with opening punctuation ({@link NO_LINE_END}).
 * - A katakana word (a run of katakana, its small forms and ー) stays on one line when it fits;
 *   it is broken inside only when the run alone is longer than the line (by the caller, at
 *   character boundaries that keep the kinsoku rules).
 */
import LineBreaker from 'linebreak';

/** Characters no line may start with (kinsoku shori): closing marks, ー, small kana. */
export const NO_LINE_START = new Set(
  [
    // closing punctuation and marks, full width and ideographic
    '、。，．・：；？！ー」』）］｝〕〉》】〙〗〟｣､｡･',
    // iteration marks
    '々〻ゝゞヽヾ',
    // small hiragana and katakana
    'ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ',
    // small half-width katakana and the half-width prolonged sound mark
    'ｧｨｩｪｫｯｬｭｮｰ',
  ]
    .join('')
    .split('')
    .map((c) => c.charCodeAt(0)),
);

/** Characters no line may end with: opening brackets and quotation marks. */
export const NO_LINE_END = new Set('「『（［｛〔〈《【〘〖〝｢'.split('').map((c) => c.charCodeAt(0)));

export function isHangul(code: number): boolean {
  return (code >= 0xac00 && code <= 0xd7a3) || (code >= 0x1100 && code <= 0x11ff) || (code >= 0x3130 && code <= 0x318f) || (code >= 0xa960 && code <= 0xa97f) || (code >= 0xd7b0 && code <= 0xd7ff);
}

/** CJK ideographs (Han, Hanja, kanji) of the basic plane. */
export function isHan(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0xf900 && code <= 0xfaff);
}

/** Katakana that belong to a word: letters, small forms, ー and the iteration marks (not the middle dot ・, which separates words). */
export function isKatakanaLetter(code: number): boolean {
  return (
    (code >= 0x30a1 && code <= 0x30fa) ||
    (code >= 0x30fc && code <= 0x30ff) ||
    (code >= 0x31f0 && code <= 0x31ff) ||
    (code >= 0xff66 && code <= 0xff9f)
  );
}

const HANGUL = /[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]/;

/**
 * Whether a text's ideographs are set Korean style (kept whole between spaces): the language
 * says so, or, without one, the text has Hangul in it. Chinese and Japanese text (or a language
 * `zh` / `ja`) breaks between ideographs.
 */
export function keepsIdeographsTogether(text: string, lang?: string): boolean {
  const primary = lang?.toLowerCase().split(/[-_]/)[0];
  if (primary === 'ko') return true;
  if (primary === 'zh' || primary === 'ja') return false;
  return HANGUL.test(text);
}

/** The kinsoku rules at a position: may a line end before `text[position]`? */
export function kinsokuAllows(text: string, position: number): boolean {
  if (position <= 0 || position >= text.length) return true;
  return !NO_LINE_START.has(text.charCodeAt(position)) && !NO_LINE_END.has(text.charCodeAt(position - 1));
}

export interface BreakOpportunity {
  /** UTF-16 offset: the text before it may end a line */
  position: number;
  /** a line feed or other mandatory break */
  required: boolean;
}

/**
 * Break opportunities of a paragraph: UAX #14, less those the script's conventions forbid
 * (between Hangul, and Hanja in Korean text; inside a katakana word; against kinsoku).
 */
/** ASCII digits and Latin letters: the word characters keep-all fuses to adjacent Hangul. */
function isLatinOrDigit(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

/**
 * The classes of UAX #14 the plain-text fast path knows, by character code below 0x100; 0 is
 * any other character (the text then goes through `linebreak`). Letters (AL), digits (NU),
 * the space (SP), the soft hyphen (BA), punctuation no line may start with (IS: , . : ;
 * and EX: ! ?, which, unlike IS, a line may also end with when a word follows), and the
 * brackets ( [ (OP) and ) ] (CP). Filled on first use.
 */
const FAST_OTHER = 0;
const FAST_WORD = 1; // AL, NU: a line may start before one after a space or soft hyphen
const FAST_SPACE = 2; // SP: a line may end after one, unless IS, EX or CP follows
const FAST_CLOSE = 3; // IS: never starts a line
const FAST_EXCLAIM = 4; // EX: never starts a line; a line may end after one
const FAST_SOFT_HYPHEN = 5; // BA: a line may end after one, before a word
const FAST_HANGUL = 6; // a Hangul syllable in Korean text: kept with letters, digits and syllables beside it
const FAST_OPEN = 7; // OP: no line ends after one, nor after the spaces that follow it
const FAST_CLOSE_BRACKET = 8; // CP: never starts a line; kept with a letter or digit after it
let fastClasses: Uint8Array | undefined;

function fastClassTable(): Uint8Array {
  const table = new Uint8Array(0x100);
  for (let c = 0x30; c <= 0x39; c += 1) table[c] = FAST_WORD;
  for (let c = 0x41; c <= 0x5a; c += 1) table[c] = FAST_WORD;
  for (let c = 0x61; c <= 0x7a; c += 1) table[c] = FAST_WORD;
  // Latin-1 letters, less × and ÷
  for (let c = 0xc0; c <= 0xff; c += 1) if (c !== 0xd7 && c !== 0xf7) table[c] = FAST_WORD;
  table[0x20] = FAST_SPACE;
  table[0xad] = FAST_SOFT_HYPHEN;
  for (const c of ',.:;') table[c.charCodeAt(0)] = FAST_CLOSE;
  for (const c of '!?') table[c.charCodeAt(0)] = FAST_EXCLAIM;
  for (const c of '([') table[c.charCodeAt(0)] = FAST_OPEN;
  for (const c of ')]') table[c.charCodeAt(0)] = FAST_CLOSE_BRACKET;
  return table;
}

/**
 * May a line start at a character of class `kind` after one of class `previous`, where
 * `afterOpen` says an opening bracket came last before it but for spaces (UAX #14 LB14)? The
 * rules of UAX #14 for these classes (LB7 no break before a space, LB13 none before IS, EX or
 * CP, LB18 a break after spaces, LB21 none before BA, LB29 IS × letters, LB30 letters and
 * digits × OP and CP × letters and digits), and the Korean one: syllables, Latin letters and
 * digits side by side are one word.
 */
function startsLine(kind: number, previous: number, afterOpen: boolean): boolean {
  if (afterOpen) return false;
  switch (kind) {
    case FAST_WORD:
      return previous === FAST_SPACE || previous === FAST_SOFT_HYPHEN || previous === FAST_EXCLAIM;
    case FAST_HANGUL:
      return previous !== FAST_WORD && previous !== FAST_HANGUL;
    case FAST_OPEN:
      return previous !== FAST_WORD;
    case FAST_SOFT_HYPHEN:
      return previous === FAST_SPACE;
    default:
      // a space, IS, EX or CP
      return false;
  }
}

/**
 * Break opportunities of text made only of Latin letters, digits, spaces, soft hyphens, ( ) [ ]
 * and , . : ; ! ? (most of an English book's paragraphs), and in Korean text Hangul syllables
 * too, as UAX #14 and the Korean rules above give them ({@link startsLine}), and at the end.
 * Null for any other text, for text that starts with a space or a closing mark (the
 * algorithm's start-of-text rule), and for an accented Latin letter beside a syllable. Proved
 * equal to `linebreak` with the script rules over random text of these characters in
 * script-breaks.test.ts.
 */
function plainOpportunities(text: string, lang: string | undefined): BreakOpportunity[] | null {
  const classes = (fastClasses ??= fastClassTable());
  const n = text.length;
  if (n === 0) return null;
  let previous = FAST_OTHER;
  let previousCode = 0;
  let afterOpen = false;
  let korean: boolean | undefined;
  const out: BreakOpportunity[] = [];
  for (let i = 0; i < n; i += 1) {
    const code = text.charCodeAt(i);
    let kind = code < 0x100 ? classes[code] : FAST_OTHER;
    if (kind === FAST_OTHER && code >= 0xac00 && code <= 0xd7a3 && (korean ??= keepsIdeographsTogether(text, lang))) kind = FAST_HANGUL;
    if (kind === FAST_OTHER || (i === 0 && kind !== FAST_WORD && kind !== FAST_HANGUL && kind !== FAST_OPEN)) return null;
    if ((kind === FAST_HANGUL && previous === FAST_WORD && previousCode >= 0x80) || (kind === FAST_WORD && previous === FAST_HANGUL && code >= 0x80)) return null;
    if (i > 0 && startsLine(kind, previous, afterOpen)) out.push({ position: i, required: false });
    if (kind !== FAST_SPACE) afterOpen = kind === FAST_OPEN;
    previous = kind;
    previousCode = code;
  }
  out.push({ position: n, required: false });
  return out;
}

export function breakOpportunities(text: string, lang?: string): BreakOpportunity[] {
  const plain = plainOpportunities(text, lang);
  if (plain !== null) return plain;
  return uax14Opportunities(text, lang);
}

/** Break opportunities through `linebreak` and the script rules: any text (exported for the tests, which compare the fast path with it). */
export function uax14Opportunities(text: string, lang?: string): BreakOpportunity[] {
  const out: BreakOpportunity[] = [];
  const korean = keepsIdeographsTogether(text, lang);
  const breaker = new LineBreaker(text);
  for (let bk = breaker.nextBreak(); bk !== null; bk = breaker.nextBreak()) {
    const p = bk.position;
    if (!bk.required && p > 0 && p < text.length) {
      const before = text.charCodeAt(p - 1);
      const after = text.charCodeAt(p);
      if (isHangul(before) && isHangul(after)) continue;
      if (korean && (isHangul(before) || isHan(before)) && (isHangul(after) || isHan(after))) continue;
      // keep-all treats Hangul as letters: a number or a Latin word and the syllables fused to it
      // ("2006년", "API를") are one word, never broken between
      if (korean && ((isHangul(before) && isLatinOrDigit(after)) || (isLatinOrDigit(before) && isHangul(after)))) continue;
      if (isKatakanaLetter(before) && isKatakanaLetter(after)) continue;
      if (!kinsokuAllows(text, p)) continue;
    }
    out.push({ position: p, required: bk.required });
  }
  return out;
}
