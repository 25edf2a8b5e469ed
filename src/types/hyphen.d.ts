/** hyphen 1.14.1 ships no types: the part of `hyphen/en` (US English, TeX patterns) the PDF engine uses. */
declare module 'hyphen/en' {
  export interface HyphenOptions {
    /** inserted at each hyphenation point; default U+00AD SOFT HYPHEN */
    hyphenChar?: string;
    /** words shorter than this are left whole; default 5 */
    minWordLength?: number;
    /** words hyphenated by hand, e.g. "ta-ble" */
    exceptions?: string[];
  }
  /** The text with `hyphenChar` at every hyphenation point Liang's algorithm finds. */
  export function hyphenateSync(text: string, options?: HyphenOptions): string;
}
