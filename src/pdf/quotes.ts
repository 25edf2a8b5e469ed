/**
 * Typographic quotation marks and apostrophes, set at typesetting time (the stored text keeps
 * what the writer typed): a straight ' or " becomes the opening or closing mark the language
 * uses, and an apostrophe becomes ’ in every language.
 *
 * Which mark is decided by the characters around it: after a letter or digit a ' is an
 * apostrophe or a closing mark (both ’); after the start of the text, a space, an opening
 * bracket, a dash or another opening mark, a quote followed by text opens; anything else closes.
 */

interface QuoteMarks {
  open: string;
  close: string;
  openSingle: string;
  closeSingle: string;
}

const ENGLISH: QuoteMarks = { open: '“', close: '”', openSingle: '‘', closeSingle: '’' };

/**
 * The marks of each language by its primary subtag. English marks are also those of Korean and
 * Chinese, and of any language not listed. French sets a narrow no-break space inside its
 * guillemets.
 */
const MARKS: Record<string, QuoteMarks> = {
  en: ENGLISH,
  ko: ENGLISH,
  zh: ENGLISH,
  ja: ENGLISH,
  de: { open: '„', close: '“', openSingle: '‚', closeSingle: '‘' },
  fr: { open: '«\u202f', close: '\u202f»', openSingle: '‹\u202f', closeSingle: '\u202f›' },
  ru: { open: '«', close: '»', openSingle: '„', closeSingle: '“' },
};

export function quoteMarks(lang?: string): QuoteMarks {
  const primary = lang?.toLowerCase().split(/[-_]/)[0] ?? 'en';
  return MARKS[primary] ?? ENGLISH;
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
/** What may stand before an opening mark: nothing, space, an opening bracket or mark, a dash, a slash. */
const OPENS_AFTER = /[\s([{<«‹“‘„‚「『（［｛〔〈《【—–\-/]/u;
const STRAIGHT = /['"]/;

function isWordChar(char: string): boolean {
  return char !== '' && WORD_CHAR.test(char);
}

function opensAfter(char: string): boolean {
  return char === '' || OPENS_AFTER.test(char);
}

/**
 * `text` with straight quotes and apostrophes made typographic. `before` and `after` are the
 * characters around it when it is one run of a longer paragraph (bold inside a sentence), so a
 * quote at a run's edge is decided by its real neighbours.
 */
export function typographicQuotes(text: string, lang?: string, before = '', after = ''): string {
  if (!STRAIGHT.test(text)) return text;
  const marks = quoteMarks(lang);
  const spaced = marks.open.length > 1;
  let out = '';
  let openDouble = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (char !== "'" && char !== '"') {
      out += char;
      continue;
    }
    const prev = out === '' ? before.slice(-1) : out[out.length - 1];
    const next = i + 1 < text.length ? text[i + 1] : after.slice(0, 1);
    const single = char === "'";
    if (single && isWordChar(prev)) {
      // don't, Korea's, the allies' — an apostrophe (or a closing mark, the same glyph in English)
      out += marks === ENGLISH ? '’' : isWordChar(next) ? '’' : marks.closeSingle;
      continue;
    }
    if (single && opensAfter(prev) && /\d/.test(next) && /^\d{2}(?!\d)/.test(text.slice(i + 1, i + 4))) {
      // '90s: the apostrophe of elided digits, never an opening mark
      out += '’';
      continue;
    }
    // French writers space their quotes on both sides: there, a double quote opens when none is open
    const opening: boolean = spaced && !single ? !openDouble : opensAfter(prev) && next !== '' && !/\s/.test(next);
    if (!single) openDouble = opening;
    const mark = single ? (opening ? marks.openSingle : marks.closeSingle) : opening ? marks.open : marks.close;
    if (spaced) {
      // French: the narrow space replaces one the writer typed inside the marks, never doubles it
      if (opening && next === ' ') i += 1;
      if (!opening && prev === ' ') out = out.slice(0, -1);
    }
    out += mark;
  }
  return out;
}
