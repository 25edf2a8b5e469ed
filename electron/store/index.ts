/**
 * The store's front door. A library is opened one way, by the product and its tools alike: as a
 * session (`openLibrarySession`), which probes the file first, never replaces what it cannot
 * read, and says in `vault.status` why a library is not open. Tests that need a bare service
 * use electron/store/testing.ts.
 */
export { openDatabase, configureConnection, applyKey, LibraryOpenError, type Db, type OpenOptions } from './open';
export { migrate, loadMigrations, schemaVersion, LibraryTooNewError } from './migrate';
export { createService, type LibraryService, type ServiceOptions } from './service';
export { writeFileAtomic, writeFilesAtomic, checkWritableTarget, WriteFailedError } from './atomic-write';
export { SAMPLE_BOOK_PATH, readSampleBook } from './sample';
export { openLibrarySession, type LibrarySession, type LibrarySessionOptions } from './session';
