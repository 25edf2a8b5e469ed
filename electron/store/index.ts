/**
 * The store's front door: open a library file and get the service that implements the
 * contract. Used by electron/main, the CLI and the tests alike.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, type OpenOptions } from './open';
import { createService, type LibraryService } from './service';

export { openDatabase, configureConnection, applyKey, LibraryOpenError, type Db, type OpenOptions } from './open';
export { migrate, loadMigrations, schemaVersion, LibraryTooNewError } from './migrate';
export { createService, type LibraryService, type ServiceOptions } from './service';
export { writeFileAtomic, writeFilesAtomic, checkWritableTarget, WriteFailedError } from './atomic-write';

/**
 * The bundled sample book, next to the sources (the packaged app passes its own path). A path
 * join, not `new URL('…', import.meta.url)`: Vite rewrites that pattern into an asset URL when it
 * serves the module to a browser-like host (a renderer test in jsdom that runs the real store).
 */
export const SAMPLE_BOOK_PATH = join(dirname(fileURLToPath(import.meta.url)), '../../resources/summit-2025-08-25.briefbook.json');

export function readSampleBook(path = SAMPLE_BOOK_PATH): string {
  return readFileSync(path, 'utf8');
}

export interface Library {
  path: string;
  service: LibraryService;
  close(): void;
}

export interface OpenLibraryOptions extends OpenOptions {
  sampleText?: () => string;
  now?: () => Date;
}

/** Opens (creating if needed) a library file, migrated and ready. */
export function openLibrary(path: string, options: OpenLibraryOptions = {}): Library {
  const db = openDatabase(path, options);
  const service = createService(db, {
    path,
    sampleText: options.sampleText ?? (() => readSampleBook()),
    encrypted: options.key !== undefined,
    readOnly: options.readOnly ?? false,
    now: options.now,
  });
  return {
    path,
    service,
    close() {
      if (db.open) db.close();
    },
  };
}
