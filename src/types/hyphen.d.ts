/**
 * hyphen 1.14.1 ships no types: the part of its US English entry (TeX patterns) the PDF engine
 * uses. A CommonJS module: imported by its file path and as a default export, so Node's ESM
 * loader, esbuild and Vite all read it the same way.
 */
declare module 'hyphen/en-us/index.js' {
  export interface HyphenOptions {
    /** inserted at each hyphenation point; default U+00AD SOFT HYPHEN */
    hyphenChar?: string;
    /** words shorter than this are left whole; default 5 */
    minWordLength?: number;
    /** words hyphenated by hand, e.g. "ta-ble" */
    exceptions?: string[];
  }
  const hyphen: {
    /** The text with `hyphenChar` at every hyphenation point Liang's algorithm finds. */
    hyphenateSync(text: string, options?: HyphenOptions): string;
  };
  export default hyphen;
}
