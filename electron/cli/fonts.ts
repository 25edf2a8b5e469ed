/**
 * Reads the bundled fonts (resources/fonts, listed in FONT_MANIFEST) for the PDF engine in Node:
 * the CLI, the demo, the tests and the benchmark.
 */
import { accessSync, constants, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FONT_MANIFEST, type FontFiles } from '../../src/pdf';

/** resources/fonts of this checkout, found from this file's own location. */
export const FONTS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../resources/fonts');

export function loadFontFiles(dir: string = FONTS_DIR): FontFiles {
  const read = (name: string): Uint8Array => {
    try {
      // a Buffer is a Uint8Array: no copy of 22 MB of fonts
      return readFileSync(join(dir, name));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new Error(`font ${name} could not be read from ${dir}${code === undefined ? '' : ` (${code})`}: the fonts ship in resources/fonts`);
    }
  };
  /**
   * A fallback is read when the engine first needs one of its characters (17 MB a Latin and
   * Hangul book never touches), and once: the same bytes each time, so the engine's per-file
   * parse is reused. That the file is there and readable is checked now, so a missing one is
   * still said before anything is laid out.
   */
  const later = (name: string): (() => Uint8Array) => {
    try {
      accessSync(join(dir, name), constants.R_OK);
    } catch {
      read(name);
    }
    let bytes: Uint8Array | undefined;
    return () => (bytes ??= read(name));
  };
  return {
    regular: read(FONT_MANIFEST.regular),
    bold: read(FONT_MANIFEST.bold),
    fallbacks: FONT_MANIFEST.fallbacks.map(later),
  };
}
