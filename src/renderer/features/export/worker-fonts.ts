/// <reference lib="webworker" />
/**
 * The bundled fonts, as the PDF engine's workers (export and live preview) read them: fetched
 * from the app's own origin (CSP connect-src 'self'), once per worker, kept for every later book.
 */
import { FONT_MANIFEST, type FontFiles } from '../../../pdf';
import regularUrl from '../../../../resources/fonts/Pretendard-Regular.ttf?url';
import boldUrl from '../../../../resources/fonts/Pretendard-Bold.ttf?url';
import notoKrUrl from '../../../../resources/fonts/NotoSansKR-Regular.ttf?url';
import notoScUrl from '../../../../resources/fonts/NotoSansSC-Regular.ttf?url';

const FONT_URLS: Record<string, string> = {
  'Pretendard-Regular.ttf': regularUrl,
  'Pretendard-Bold.ttf': boldUrl,
  'NotoSansKR-Regular.ttf': notoKrUrl,
  'NotoSansSC-Regular.ttf': notoScUrl,
};

let fonts: Promise<FontFiles> | null = null;

async function fetchFont(name: string): Promise<Uint8Array> {
  const url = FONT_URLS[name];
  if (url === undefined) throw new Error(`the font ${name} is not bundled with the app`);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`the font ${name} could not be read`);
  return new Uint8Array(await response.arrayBuffer());
}

/** The font files, read on first use; a failed read is tried again next time. */
export function loadFonts(): Promise<FontFiles> {
  fonts ??= Promise.all([fetchFont(FONT_MANIFEST.regular), fetchFont(FONT_MANIFEST.bold), ...FONT_MANIFEST.fallbacks.map(fetchFont)]).then(([regular, bold, ...fallbacks]) => ({ regular, bold, fallbacks }));
  fonts.catch(() => {
    fonts = null;
  });
  return fonts;
}
