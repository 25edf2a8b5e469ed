/**
 * The book's typography: sizes, colours, and how each kind of item looks, so a reader can tell a
 * red line from a talking point at a glance.
 */
import type { ItemKind } from '../shared/domain';
import type { Rgb } from './pdf-syntax';
import type { TextStyle } from './text-layout';

export const INK: Rgb = [0.1, 0.1, 0.12];
export const GREY: Rgb = [0.42, 0.42, 0.46];
export const RULE: Rgb = [0.75, 0.75, 0.78];
export const WHITE: Rgb = [1, 1, 1];
export const ALERT: Rgb = [0.78, 0.06, 0.12];

/** The styles made so far, by size: a book uses a few dozen. */
const styles = new Map<number, TextStyle[]>();

/**
 * A text style. The same size, weight, slant and colour give the same (frozen) object, so the
 * line caches of text-layout.ts find a style by identity instead of building a key for it at
 * every label, bullet and running head.
 */
export function style(size: number, options: Partial<Omit<TextStyle, 'size'>> = {}): TextStyle {
  const bold = options.bold ?? false;
  const italic = options.italic ?? false;
  const color = options.color ?? INK;
  let made = styles.get(size);
  if (made === undefined) {
    made = [];
    styles.set(size, made);
  }
  for (const known of made) {
    if (known.bold === bold && known.italic === italic && known.color[0] === color[0] && known.color[1] === color[1] && known.color[2] === color[2]) return known;
  }
  const fresh: TextStyle = Object.freeze({ size, bold, italic, color });
  made.push(fresh);
  return fresh;
}

/**
 * The type scale, largest to smallest: each step reads as a different level at a glance, and
 * the body is never below 11 pt (a principal reads it in a car, a corridor, a hurry).
 */
export const TYPE = {
  /** a section's title at the head of its first page */
  sectionTitle: 22,
  /** an item's heading (kinds adjust it in KIND_STYLES) */
  itemHeading: 13.5,
  /** body text of every kind: at least 11 pt */
  body: 11,
  /** notes under the body: translations' language names, endnotes, "(continued)" heads */
  note: 9.5,
  /** kind labels, running heads, page numbers */
  label: 8,
} as const;

/**
 * The body's measure: the width of its text block in points. At {@link TYPE}.body in the
 * bundled Pretendard, English prose sets 60 to 73 characters a line, 67 on average (the
 * comfortable 60-75 of book typography; at the old 475 pt it was 92). On A4 (595 pt) this
 * leaves 250 pt of margins: a left margin of {@link TEXT_LEFT} keeps room for the Q and A and
 * the coloured bars left of an item, and the wider outer margin takes the thumb tabs.
 */
export const MEASURE = 345;
/** The left edge of the body's text block on an A4 page, in points. */
export const TEXT_LEFT = 90;

/** Leading: baseline-to-baseline distance for a size. */
export function leading(size: number): number {
  return size * 1.42;
}

export interface KindStyle {
  /** printed above the heading line, never between the portion mark and the title */
  label: string;
  accent: Rgb;
  /** the label drawn white on a filled chip instead of as coloured text */
  chip: boolean;
  /** width of the coloured bar left of the item, 0 for none */
  bar: number;
  /** a tint behind the whole item */
  tint?: Rgb;
  headingSize: number;
  bodySize: number;
}

export const KIND_STYLES: Record<ItemKind, KindStyle> = {
  objective: { label: 'OBJECTIVE', accent: [0.09, 0.27, 0.55], chip: false, bar: 2.5, headingSize: TYPE.itemHeading, bodySize: TYPE.body },
  talking_point: { label: 'TALKING POINT', accent: [0.25, 0.3, 0.4], chip: false, bar: 0, headingSize: TYPE.itemHeading, bodySize: TYPE.body },
  ask: { label: 'OUR ASK', accent: [0.0, 0.45, 0.28], chip: true, bar: 3, tint: [0.93, 0.98, 0.95], headingSize: TYPE.itemHeading, bodySize: TYPE.body },
  red_line: { label: 'RED LINE', accent: ALERT, chip: true, bar: 5, tint: [1, 0.92, 0.92], headingSize: 14, bodySize: TYPE.body },
  if_raised: { label: 'IF RAISED', accent: [0.42, 0.2, 0.58], chip: false, bar: 0, headingSize: TYPE.itemHeading, bodySize: TYPE.body },
  press_line: { label: 'PRESS LINE', accent: [0.0, 0.4, 0.45], chip: false, bar: 2.5, headingSize: TYPE.itemHeading, bodySize: TYPE.body },
  their_objective: { label: 'THEIR OBJECTIVE', accent: [0.68, 0.4, 0.0], chip: false, bar: 2.5, headingSize: TYPE.itemHeading, bodySize: TYPE.body },
  background: { label: 'BACKGROUND', accent: [0.35, 0.35, 0.4], chip: false, bar: 0, headingSize: 13, bodySize: TYPE.body },
  bio: { label: 'BIOGRAPHY', accent: [0.2, 0.3, 0.45], chip: false, bar: 0, headingSize: 16, bodySize: TYPE.body },
  reference: { label: 'REFERENCE', accent: [0.35, 0.35, 0.4], chip: false, bar: 0, headingSize: 12.5, bodySize: TYPE.body },
  scenario: { label: 'SCENARIO', accent: [0.1, 0.35, 0.6], chip: false, bar: 0, headingSize: TYPE.itemHeading, bodySize: TYPE.body },
};

/** Names of the languages translations are most often in, for the label above a translation. */
export const LANGUAGE_NAMES: Record<string, string> = {
  en: 'English',
  ko: '한국어',
  ja: '日本語',
  zh: '中文',
  'zh-Hans': '简体中文',
  'zh-Hant': '繁體中文',
  fr: 'Français',
  de: 'Deutsch',
  es: 'Español',
  ru: 'Русский',
};
