/**
 * What every part of the service shares: the repositories of one connection, the clock, the
 * one way to write (a transaction, refused on a read-only library) and the lookups that turn
 * a missing id into a clear error. Built once per connection by `createService`.
 */
import { randomBytes } from 'node:crypto';
import { ApiError, type BookHeader, type ExportRecord, type ItemRecord, type NewExportRecord, type StoreService } from '../../../src/shared/contract';
import type { ExchangeBook, ExchangeItem, ItemKind, MarkingScheme } from '../../../src/shared/domain';
import { shorten } from '../../../src/shared/exchange';
import { countryCaveatProblem, levelIndex, MarkingError, orderCaveats, schemeCaveats } from '../../../src/shared/markings';
import type { Db } from '../db';
import { booksRepository } from '../repositories/books';
import { itemRowsRepository } from '../repositories/item-rows';
import { itemsRepository } from '../repositories/items';
import { logsRepository } from '../repositories/logs';
import { markingsRepository } from '../repositories/markings';
import { revisionsRepository, type RevisionOrigin } from '../repositories/revisions';
import { searchRepository } from '../repositories/search';
import { revOf } from '../hashes';

export interface ServiceOptions {
  /** the library file's path, for `library.info` */
  path: string;
  /** the bundled sample book, as exchange-file text */
  sampleText: () => string;
  encrypted?: boolean;
  readOnly?: boolean;
  /** injectable clock for tests */
  now?: () => Date;
}

/** Store methods plus what only the main process and the CLI may call. */
export interface LibraryService extends StoreService {
  /** Writes an export-log entry (called by main after the file is safely on disk). */
  recordExport(entry: NewExportRecord): ExportRecord;
  /** Writes the entries of one export (a book, its pocket card, numbered copies) all or none. */
  recordExports(entries: readonly NewExportRecord[]): ExportRecord[];
  /** Export-log entries whose file had this SHA-256 (briefbook verify). */
  exportsBySha(sha256: string): ExportRecord[];
  /**
   * Erases an item and every trace of it in this database (secure_delete on, search indexes
   * merged, file vacuumed, WAL emptied); the audit log keeps that an item was purged by `by`.
   */
  purgeItem(id: string, by: string): { purgedAt: string };
  /** The library's database, for the vault and tools. */
  readonly db: Db;
}

/** One part of the service: the methods named by K, and nothing else. */
export type ServicePart<K extends keyof LibraryService> = Pick<LibraryService, K>;

export interface ServiceContext {
  db: Db;
  options: ServiceOptions;
  readOnly: boolean;
  items: ReturnType<typeof itemsRepository>;
  rows: ReturnType<typeof itemRowsRepository>;
  books: ReturnType<typeof booksRepository>;
  logs: ReturnType<typeof logsRepository>;
  markings: ReturnType<typeof markingsRepository>;
  search: ReturnType<typeof searchRepository>;
  revisions: ReturnType<typeof revisionsRepository>;
  /** the clock, as ISO text */
  now(): string;
  /**
   * One user action in one transaction; the rev of every item and book it changed is recorded
   * in it, as `origin` (the repositories mark what they write).
   */
  write<T>(fn: () => T, nothing?: string, origin?: RevisionOrigin): T;
  requireItem(id: string): ItemRecord;
  requireBook(id: string): BookHeader & Record<string, unknown>;
  requireSection(bookId: string, sectionId: string): { id: string; title: string; position: number };
  checkLevel(scheme: MarkingScheme, code: string, itemId: string): void;
  checkCaveats(scheme: MarkingScheme, caveats: readonly string[], itemId: string): void;
  touchBook(bookId: string, detail: string): void;
  /** An item as an exchange file writes it, without rev, history and timestamps (what its rev is taken over). */
  itemForFile(id: string): ExchangeItem;
  /** A book in exchange form with only live items in its sections (what its rev is taken over). */
  liveBook(id: string): ExchangeBook;
  /** The object's rev as it stands now (docs/spec/EXCHANGE.md, "Revisions and merging"). */
  currentRev(entity: 'item' | 'book', id: string): string;
}

export const newId = (prefix: string) => `${prefix}-${randomBytes(5).toString('hex')}`;

export const notFound = (what: string, id: string) => new ApiError('not_found', `There is no ${what} "${shorten(id)}" in this library.`);

export const ID_PREFIX: Record<ItemKind, string> = {
  objective: 'obj',
  talking_point: 'tp',
  ask: 'ask',
  red_line: 'rl',
  if_raised: 'ifr',
  press_line: 'press',
  their_objective: 'their',
  background: 'bg',
  bio: 'bio',
  reference: 'ref',
  scenario: 'scen',
};

export function slug(text: string): string {
  const base = text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return base === '' ? 'book' : base;
}

export const BOOK_HEADER_KEYS = new Set(['id', 'title', 'subtitle', 'meeting', 'preparedBy', 'floor', 'classificationAuthority', 'distribution']);

/**
 * The item's fields a save states in full: the exchange fields, and the extensions the editor
 * edits (`cardLine`, `due`, `drafter`, `clearances`), so a save without one clears it. Anything else is an extension the
 * editor does not know and a save keeps.
 */
const ITEM_EXCHANGE_KEYS = new Set([
  'id', 'kind', 'title', 'body', 'topic', 'tags', 'classification', 'caveats', 'status', 'owner', 'lang', 'translations',
  'sources', 'createdAt', 'updatedAt', 'cardLine', 'due', 'drafter', 'clearances',
]);

export function extensionFields(item: ExchangeItem): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).filter(([key]) => !ITEM_EXCHANGE_KEYS.has(key)));
}

/** A scheme with its defaults spelled out: a file without `caveats` means the default list. */
export function normaliseScheme(scheme: MarkingScheme): MarkingScheme {
  return { ...scheme, caveats: schemeCaveats(scheme), portionMarks: scheme.portionMarks !== false, pageMarking: scheme.pageMarking ?? 'overall' };
}

/** The item with its caveats normalised and in the scheme's order (none: the field absent). */
export function withCaveats<T extends { caveats?: string[] }>(item: T, scheme: MarkingScheme): T {
  if (item.caveats === undefined) return item;
  return { ...item, caveats: orderCaveats(item.caveats, scheme) };
}

export function serviceContext(db: Db, options: ServiceOptions): ServiceContext {
  const items = itemsRepository(db);
  const rows = itemRowsRepository(db);
  const books = booksRepository(db);
  const logs = logsRepository(db);
  const markings = markingsRepository(db);
  const search = searchRepository(db);
  const revisions = revisionsRepository(db);
  const readOnly = options.readOnly ?? false;
  const now = () => (options.now?.() ?? new Date()).toISOString();

  /**
   * One user action, one transaction; refused up front on a read-only library. The transaction
   * starts with BEGIN IMMEDIATE, so the busy timeout covers taking the write lock: a deferred
   * transaction that read first cannot wait for another writer in WAL mode and fails at once
   * with "database is locked". When the timeout runs out, nothing of the action was written.
   */
  function write<T>(fn: () => T, nothing = 'nothing was saved', origin: RevisionOrigin = 'edit'): T {
    if (readOnly) {
      throw new ApiError('read_only', 'This library is open read-only (recovery mode): changes cannot be saved. Open a backup or a copy to edit.');
    }
    try {
      return db.transaction(() => revisions.recording(fn, origin, now)).immediate();
    } catch (error) {
      const code = String((error as { code?: unknown } | null)?.code ?? '');
      if (code.startsWith('SQLITE_BUSY')) throw new ApiError('busy', `Another Briefbook is writing this library; ${nothing}. Try again when it has finished.`);
      throw error;
    }
  }

  function requireItem(id: string): ItemRecord {
    const item = items.get(id);
    if (item === null) throw notFound('item', id);
    return item;
  }

  function requireBook(id: string): BookHeader & Record<string, unknown> {
    const book = books.get(id);
    if (book === null) throw notFound('book', id);
    return book;
  }

  function requireSection(bookId: string, sectionId: string) {
    requireBook(bookId);
    const section = books.section(bookId, sectionId);
    if (section === null) throw new ApiError('not_found', `Book "${bookId}" has no section "${sectionId}".`);
    return section;
  }

  function checkLevel(scheme: MarkingScheme, code: string, itemId: string): void {
    try {
      levelIndex(scheme, code, itemId);
    } catch (error) {
      if (error instanceof MarkingError) throw new ApiError('unknown_level', error.message);
      throw error;
    }
  }

  function checkCaveats(scheme: MarkingScheme, caveats: readonly string[], itemId: string): void {
    for (const caveat of caveats) {
      const problem = countryCaveatProblem(caveat, scheme);
      if (problem !== null) throw new ApiError('invalid_input', `Item "${itemId}": ${problem}.`);
    }
  }

  /** A change to a book's sections: its time and an audit line; inside a write. */
  function touchBook(bookId: string, detail: string): void {
    const at = now();
    books.touch(bookId, at);
    logs.audit(at, 'update', 'book', bookId, detail);
  }

  function itemForFile(id: string): ExchangeItem {
    const item = items.exchange(id);
    if (item === null) throw notFound('item', id);
    return item;
  }

  function liveBook(id: string): ExchangeBook {
    const book = books.liveExchange(id);
    if (book === null) throw notFound('book', id);
    return book;
  }

  function currentRev(entity: 'item' | 'book', id: string): string {
    return revOf(entity === 'item' ? (itemForFile(id) as Record<string, unknown>) : (liveBook(id) as Record<string, unknown>));
  }

  return {
    db, options, readOnly, items, rows, books, logs, markings, search, revisions,
    now, write, requireItem, requireBook, requireSection, checkLevel, checkCaveats, touchBook,
    itemForFile, liveBook, currentRev,
  };
}
