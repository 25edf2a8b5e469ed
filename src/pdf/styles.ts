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

export function style(size: number, options: Partial<Omit<TextStyle, 'size'>> = {}): TextStyle {
  return { size, bold: options.bold ?? false, italic: options.italic ?? false, color: options.color ?? INK };
}

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
  objective: { label: 'OBJECTIVE', accent: [0.09, 0.27, 0.55], chip: false, bar: 2.5, headingSize: 11.5, bodySize: 10 },
  talking_point: { label: 'TALKING POINT', accent: [0.25, 0.3, 0.4], chip: false, bar: 0, headingSize: 11.5, bodySize: 10 },
  ask: { label: 'OUR ASK', accent: [0.0, 0.45, 0.28], chip: true, bar: 3, tint: [0.93, 0.98, 0.95], headingSize: 11.5, bodySize: 10 },
  red_line: { label: 'RED LINE', accent: ALERT, chip: true, bar: 5, tint: [1, 0.92, 0.92], headingSize: 12, bodySize: 10 },
  if_raised: { label: 'IF RAISED', accent: [0.42, 0.2, 0.58], chip: false, bar: 0, headingSize: 11.5, bodySize: 10 },
  press_line: { label: 'PRESS LINE', accent: [0.0, 0.4, 0.45], chip: false, bar: 2.5, headingSize: 11.5, bodySize: 10 },
  their_objective: { label: 'THEIR OBJECTIVE', accent: [0.68, 0.4, 0.0], chip: false, bar: 2.5, headingSize: 11.5, bodySize: 10 },
  background: { label: 'BACKGROUND', accent: [0.35, 0.35, 0.4], chip: false, bar: 0, headingSize: 11, bodySize: 9.5 },
  bio: { label: 'BIOGRAPHY', accent: [0.2, 0.3, 0.45], chip: false, bar: 0, headingSize: 14, bodySize: 10 },
  reference: { label: 'REFERENCE', accent: [0.35, 0.35, 0.4], chip: false, bar: 0, headingSize: 10.5, bodySize: 9 },
  scenario: { label: 'SCENARIO', accent: [0.1, 0.35, 0.6], chip: false, bar: 0, headingSize: 11.5, bodySize: 10 },
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
