/** The bundled sample book, offered to a new library. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The bundled sample book, next to the sources (the packaged app passes its own path). A path
 * join, not `new URL('…', import.meta.url)`: Vite rewrites that pattern into an asset URL when it
 * serves the module to a browser-like host (a renderer test in jsdom that runs the real store).
 */
export const SAMPLE_BOOK_PATH = join(dirname(fileURLToPath(import.meta.url)), '../../resources/summit-2025-08-25.briefbook.json');

export function readSampleBook(path = SAMPLE_BOOK_PATH): string {
  return readFileSync(path, 'utf8');
}
