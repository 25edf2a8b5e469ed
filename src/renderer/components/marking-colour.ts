/**
 * Readable marking colours. The conventional level colours (levelColour in src/shared/markings)
 * are not all readable: white on TOP SECRET orange is about 2.3:1, and so is orange text on
 * white. A badge takes whichever text colour reads better on its colour; a portion mark, which
 * is coloured text on the page, is darkened until it reads (WCAG AA, 4.5:1). The hue still
 * hints at the level, the words carry it.
 */

const DARK_TEXT = '#1b2129';
const WHITE = '#ffffff';

function channels(hex: string): [number, number, number] {
  const h = hex.replace('#', '');
  const full = h.length === 3 ? [...h].map((c) => c + c).join('') : h;
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as [number, number, number];
}

function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The WCAG contrast ratio of two colours, from 1 to 21. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** White or dark text, whichever reads better on `background`. */
export function textOn(background: string): string {
  return contrast(background, WHITE) >= contrast(background, DARK_TEXT) ? WHITE : DARK_TEXT;
}

/** The selected row's tint (--selected in app.css): the darkest background a portion mark sits on. */
const SELECTED_ROW = '#dbe6f8';

/** `colour`, darkened step by step until it reads at 4.5:1 on white and on a selected row. */
export function readableOnWhite(colour: string): string {
  let [r, g, b] = channels(colour);
  let hex = colour;
  while ((contrast(hex, WHITE) < 4.5 || contrast(hex, SELECTED_ROW) < 4.5) && r + g + b > 0) {
    [r, g, b] = [r, g, b].map((v) => Math.floor(v * 0.9)) as [number, number, number];
    hex = `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
  }
  return hex;
}
