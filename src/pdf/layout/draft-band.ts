/**
 * A working copy says so on every page: a red band down the left edge reading "DRAFT — NOT FOR
 * THE PRINCIPAL", and the watermark across the page. Both are glyph outlines placed as forms
 * (outlined-text.ts), never text: a reader copying a passage, `pdftotext` or a search gets the
 * book's words and nothing of the band or the watermark.
 */
import type { FontSet } from '../fonts';
import { fillRect, type FormXObject, type Page } from '../page';
import { num } from '../pdf-syntax';
import { ALERT } from '../styles';
import { outlinedText } from './outlined-text';

export const DRAFT_BAND_TEXT = 'DRAFT — NOT FOR THE PRINCIPAL';
const BAND_SIZE = 8;
const WATERMARK_SIZE = 100;

export interface DraftArt {
  band: FormXObject;
  bandWidth: number;
  watermark?: { form: FormXObject; width: number };
}

/** The band's and the watermark's outlines, made once per document. */
export function draftArt(fonts: FontSet, watermark: string | undefined): DraftArt {
  fonts.context = { where: 'the draft band' };
  const band = outlinedText(fonts, DRAFT_BAND_TEXT, BAND_SIZE, true);
  const art: DraftArt = {
    band: { name: 'DraftBand', bbox: [0, -BAND_SIZE * 0.3, band.width, BAND_SIZE], content: `1 1 1 rg ${band.path} f` },
    bandWidth: band.width,
  };
  if (watermark !== undefined) {
    fonts.context = { where: 'the watermark' };
    const mark = outlinedText(fonts, watermark, WATERMARK_SIZE, true);
    art.watermark = {
      form: { name: 'Watermark', bbox: [0, -WATERMARK_SIZE * 0.3, Math.max(mark.width, 1), WATERMARK_SIZE], content: `0.55 0.55 0.58 rg ${mark.path} f` },
      width: mark.width,
    };
  }
  return art;
}

/** The band down the page's left edge, its words repeated along it, reading upwards. */
export function paintDraftBand(page: Page, art: DraftArt, compact: boolean): void {
  const width = compact ? 12 : 16;
  const bottom = compact ? 30 : 44;
  const top = page.size.height - bottom;
  page.under.push(fillRect(0, bottom, width, top - bottom, ALERT));
  page.forms.add(art.band);
  const gapBetween = 40;
  const count = Math.max(1, Math.floor((top - bottom + gapBetween) / (art.bandWidth + gapBetween)));
  const run = count * art.bandWidth + (count - 1) * gapBetween;
  const x = width / 2 + BAND_SIZE * 0.35;
  for (let i = 0; i < count; i += 1) {
    const y = bottom + (top - bottom - run) / 2 + i * (art.bandWidth + gapBetween);
    page.body.push(`q 0 1 -1 0 ${num(x)} ${num(y)} cm /DraftBand Do Q`);
  }
}

/** The watermark across the page's diagonal, faint, about 60% of the diagonal long. */
export function paintWatermark(page: Page, art: DraftArt): void {
  if (art.watermark === undefined) return;
  const { width, height } = page.size;
  const diagonal = Math.hypot(width, height);
  const size = Math.max(10, Math.min(110, (WATERMARK_SIZE * diagonal * 0.6) / Math.max(art.watermark.width, 1)));
  const scale = size / WATERMARK_SIZE;
  const angle = Math.atan2(height, width);
  const cos = Math.cos(angle) * scale;
  const sin = Math.sin(angle) * scale;
  page.forms.add(art.watermark.form);
  // rotate and scale about the page centre, the text centred on it
  const matrix = `${cos.toFixed(4)} ${sin.toFixed(4)} ${(-sin).toFixed(4)} ${cos.toFixed(4)} ${num(width / 2)} ${num(height / 2)} cm`;
  page.body.push(`q /GSWatermark gs ${matrix} 1 0 0 1 ${num(-art.watermark.width / 2)} ${num(-WATERMARK_SIZE * 0.35)} cm /Watermark Do Q`);
}
