/**
 * Optional English hyphenation: soft hyphens (U+00AD) put at the points Liang's algorithm finds
 * with the TeX US English patterns (the `hyphen` package). The line breaker may then end a line
 * there, and only then is a hyphen drawn; elsewhere a soft hyphen prints as nothing.
 *
 * Only plain lower-case words are hyphenated, at least two letters before a break and three
 * after it (TeX's \lefthyphenmin and \righthyphenmin for English). Left whole: words with
 * capitals after the first letter (NATO, iPhone), words of fewer than six letters, and any
 * token with a digit, @, /, \, _ or an inner full stop in it (addresses, file names, figures).
 */
import english from 'hyphen/en-us/index.js';

export const SOFT_HYPHEN = '\u00ad';

const MIN_BEFORE = 2;
const MIN_AFTER = 3;
const MIN_WORD = 6;

/** Tokens between white space; those with a character of code or figures are not words. */
const TOKEN = /\S+/g;
const NOT_PROSE = /[\d@/\\_]|\.\S/;
const WORD = /[A-Za-z]+/g;
const INNER_CAPITAL = /^.[a-z]*[A-Z]/;

const cache = new Map<string, string>();

/** One word with its soft hyphens. */
export function hyphenateWord(word: string): string {
  let result = cache.get(word);
  if (result === undefined) {
    result = word;
    if (word.length >= MIN_WORD && !INNER_CAPITAL.test(word)) {
      const marked = english.hyphenateSync(word, { minWordLength: MIN_WORD });
      let letters = 0;
      let out = '';
      for (const char of marked) {
        if (char === SOFT_HYPHEN) {
          if (letters >= MIN_BEFORE && word.length - letters >= MIN_AFTER) out += SOFT_HYPHEN;
          continue;
        }
        out += char;
        letters += 1;
      }
      // the patterns never change the letters: if they did, keep the word as written
      if (out.replaceAll(SOFT_HYPHEN, '') === word) result = out;
    }
    cache.set(word, result);
  }
  return result;
}

/** Text with soft hyphens in every English word that may be hyphenated. */
export function hyphenate(text: string): string {
  return text.replace(TOKEN, (token) => (NOT_PROSE.test(token) ? token : token.replace(WORD, hyphenateWord)));
}

/** Whether a language is one the patterns are for (English, or not said). */
export function hyphenatesLanguage(lang?: string): boolean {
  return lang === undefined || lang.toLowerCase().split(/[-_]/)[0] === 'en';
}
