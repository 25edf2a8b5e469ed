/**
 * The floor of src/pdf that every other module may stand on and that imports none of them:
 * how numbers and colours are written into a content stream, and the shape of the compression
 * function every stream (pages, font files) goes through.
 */

/** An RGB colour as three 0..1 numbers. */
export type Rgb = readonly [number, number, number];

/** A number as a content stream wants it: at most two decimals, no trailing zeros. */
export function num(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return Object.is(rounded, -0) ? '0' : String(rounded);
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
export type Deflate = (data: Uint8Array) => Uint8Array | Promise<Uint8Array>;
