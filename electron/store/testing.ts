/**
 * For tests only: a bare service over a library file, without the session's probing, recovery,
 * backups or idle lock (fast, and able to open a file the session would refuse, to look at it).
 * Nothing in the product imports this module: it opens libraries through the session.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type OpenOptions } from './open';
import { readSampleBook, SAMPLE_BOOK_PATH } from './sample';
import { createService, type LibraryService } from './service';

export const sampleText = (): string => readFileSync(SAMPLE_BOOK_PATH, 'utf8');

export interface Library {
  path: string;
  service: LibraryService;
  close(): void;
}

export interface OpenLibraryOptions extends OpenOptions {
  sampleText?: () => string;
  now?: () => Date;
}

/** Opens (creating if needed) a library file, migrated, with a bare service: tests only. */
export function openTestLibrary(path: string, options: OpenLibraryOptions = {}): Library {
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

export interface TempLibrary extends Library {
  dir: string;
  /** close and delete the folder */
  dispose(): void;
}

export function tempLibrary(options: OpenLibraryOptions = {}): TempLibrary {
  const dir = mkdtempSync(join(tmpdir(), 'briefbook-test-'));
  const library = openTestLibrary(join(dir, 'library.briefbook.db'), { sampleText, ...options });
  return {
    ...library,
    dir,
    dispose() {
      library.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
