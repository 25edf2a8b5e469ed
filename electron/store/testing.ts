/** Temporary libraries for tests: a real file in a fresh temp folder, removed afterwards. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLibrary, SAMPLE_BOOK_PATH, type Library, type OpenLibraryOptions } from './index';

export const sampleText = (): string => readFileSync(SAMPLE_BOOK_PATH, 'utf8');

export interface TempLibrary extends Library {
  dir: string;
  /** close and delete the folder */
  dispose(): void;
}

export function tempLibrary(options: OpenLibraryOptions = {}): TempLibrary {
  const dir = mkdtempSync(join(tmpdir(), 'briefbook-test-'));
  const library = openLibrary(join(dir, 'library.briefbook.db'), { sampleText, ...options });
  return {
    ...library,
    dir,
    dispose() {
      library.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
