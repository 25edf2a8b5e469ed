/**
 * The service object: every store method of the contract, over one open library. Plain
 * TypeScript with no 'electron', so the main process, the CLI and the tests all use it directly.
 * Each write is one transaction; what a method returns is what the database holds after commit.
 *
 * Each domain is its own part in service/ (library, exchange, items, books, sections, logs),
 * typed as its slice of the contract; this module puts them together, and the compiler checks
 * that together they are the whole of it. SQL lives in repositories/ only.
 */
import type { Db } from './db';
import { bookReader } from './service/book-detail';
import { booksPart } from './service/books';
import { changesPart } from './service/changes';
import { serviceContext, type LibraryService, type ServiceOptions } from './service/context';
import { exchangePart } from './service/exchange';
import { itemsPart } from './service/items';
import { libraryPart } from './service/library';
import { logsPart } from './service/logs';
import { sectionsPart } from './service/sections';

export type { LibraryService, ServiceOptions } from './service/context';

export function createService(db: Db, options: ServiceOptions): LibraryService {
  const ctx = serviceContext(db, options);
  const reader = bookReader(ctx);
  return {
    db,
    ...libraryPart(ctx),
    ...exchangePart(ctx, reader),
    ...itemsPart(ctx),
    ...booksPart(ctx, reader),
    ...changesPart(ctx, reader),
    ...sectionsPart(ctx, reader),
    ...logsPart(ctx),
  } satisfies LibraryService;
}
