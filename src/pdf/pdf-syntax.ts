/**
 * The floor of src/pdf that every other module may stand on and that imports none of them:
 * how numbers and colours are written into a content stream, and the shape of the compression
 * function every stream (pages, font files) goes through.
 */

/** An RGB colour as three 0..1 numbers. */
export type Rgb = readonly [number, number, number];

/** A number as a content stream wants it: at most two decimals, no trailing zeros. */
export function num(value: number): string {
  // in whole hundredths: integers print fast (and from V8's cache); the same text as
  // String(Math.round(value * 100) / 100), without converting a fraction
  const hundredths = Math.round(value * 100);
  if (hundredths === 0) return '0';
  const magnitude = hundredths < 0 ? -hundredths : hundredths;
  const whole = Math.floor(magnitude / 100);
  const cents = magnitude - whole * 100;
  const text = cents === 0 ? String(whole) : cents % 10 === 0 ? `${whole}.${cents / 10}` : `${whole}.${cents < 10 ? '0' : ''}${cents}`;
  return hundredths < 0 ? `-${text}` : text;
}

const rgbStrings = new WeakMap<Rgb, string>();

/** `r g b` for a colour; the same colour object (INK, GREY...) is formatted once. */
export function rgb(color: Rgb): string {
  let text = rgbStrings.get(color);
  if (text === undefined) {
    text = `${num(color[0])} ${num(color[1])} ${num(color[2])}`;
    rgbStrings.set(color, text);
  }
  return text;
}

/** zlib (FlateDecode) compression of a stream's bytes. */
export type Deflate = ((data: Uint8Array) => Uint8Array | Promise<Uint8Array>) & {
  /**
   * Optional: compresses a content stream given as text, each char one byte (Latin-1), so its
   * bytes are made where the compression runs (the command line's compression thread) instead
   * of on the thread that lays the book out. Must give the bytes `deflate(latin1 bytes)` gives.
   */
  text?: (latin1: string) => Uint8Array | Promise<Uint8Array>;
};

/** A name object, `/Name`: characters outside printable ASCII, delimiters and `#` as #xx (ISO 32000 7.3.5). */
export function pdfName(name: string): string {
  let out = '/';
  for (let i = 0; i < name.length; i += 1) {
    const code = name.charCodeAt(i);
    if (code > 0xff) throw new RangeError(`"${name}" is not a valid PDF name`);
    const plain = code > 0x20 && code < 0x7f && '#()<>[]{}/%'.indexOf(name[i]) < 0;
    out += plain ? name[i] : `#${code.toString(16).padStart(2, '0')}`;
  }
  return out;
}

const HEX = '0123456789ABCDEF';
/** `00XX` for each code unit below 256: most of a title's characters, one string each */
const LATIN1_HEX = Array.from({ length: 0x100 }, (_, unit) => `00${HEX[unit >> 4]}${HEX[unit & 15]}`);

/** A text string for readers (titles, bookmarks): UTF-16BE with its byte order mark, as hex (7.9.2.2). */
export function pdfText(text: string): string {
  // parts joined once: a string grown a character at a time is a rope of a node per character,
  // kept (a bookmark's title lives until the file is written) and flattened only then
  const parts: string[] = new Array<string>(text.length + 2);
  parts[0] = '<FEFF';
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    parts[i + 1] = unit < 0x100 ? LATIN1_HEX[unit] : HEX[unit >> 12] + HEX[(unit >> 8) & 15] + HEX[(unit >> 4) & 15] + HEX[unit & 15];
  }
  parts[text.length + 1] = '>';
  return parts.join('');
}

/** A date string, `(D:YYYYMMDDHHmmSSZ)` in UTC (7.9.4). */
export function pdfDate(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `(D:${String(date.getUTCFullYear()).padStart(4, '0')}${two(date.getUTCMonth() + 1)}${two(date.getUTCDate())}${two(date.getUTCHours())}${two(date.getUTCMinutes())}${two(date.getUTCSeconds())}Z)`;
}
