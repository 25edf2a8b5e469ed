/**
 * The service object: every store method of the contract, over one open library. Plain
 * TypeScript with no 'electron', so the main process, the CLI and the tests all use it directly.
 * Each write is one transaction; what a method returns is what the database holds after commit.
 */
import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';
import {
  ApiError,
  type BookDetail,
  type BookHeader,
  type BookRow,
  type ExportRecord,
  type ImportResult,
  type ItemDraft,
  type ItemList,
  type ItemRecord,
  type ItemRow,
  type NewExportRecord,
  type ParsedInput,
  type SectionDetail,
  type StoreContract,
  type StoreService,
} from '../../src/shared/contract';
import {
  EXCHANGE_FORMAT,
  ITEM_KINDS,
  ITEM_STATUSES,
  type BookContent,
  type ExchangeBook,
  type ExchangeFile,
  type ExchangeItem,
  type ItemKind,
  type MarkingScheme,
} from '../../src/shared/domain';
import { parseStoredSetting } from '../../src/shared/settings';
import { parseExchangeText, shorten } from '../../src/shared/exchange';
import { countryCaveatProblem, levelIndex, MarkingError, orderCaveats, overallMarking, schemeCaveats } from '../../src/shared/markings';
import type { Db } from './open';
import { schemaVersion } from './migrate';
import { booksRepository } from './repositories/books';
import { canonicalJson, itemRowsRepository, itemsRepository, normaliseItem } from './repositories/items';
import { logsRepository, type ExportLogRow } from './repositories/logs';
import { markingsRepository } from './repositories/markings';
import { searchRepository } from './repositories/search';

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

const ID_PREFIX: Record<ItemKind, string> = {
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

/** The sections a new book starts with: the usual shape of a summit book. */
const STANDARD_SECTIONS = [
  'Program',
  'Objectives',
  'Talking points',
  'Our asks',
  'Red lines',
  'Their objectives',
  'If raised',
  'Press line',
  'Background',
  'Participants',
];

const newId = (prefix: string) => `${prefix}-${randomBytes(5).toString('hex')}`;

const notFound = (what: string, id: string) => new ApiError('not_found', `There is no ${what} "${shorten(id)}" in this library.`);

function slug(text: string): string {
  const base = text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return base === '' ? 'book' : base;
}

export function createService(db: Db, options: ServiceOptions): LibraryService {
  const items = itemsRepository(db);
  const rows = itemRowsRepository();
  const books = booksRepository(db);
  const logs = logsRepository(db);
  const markings = markingsRepository(db);
  const search = searchRepository(db);
  const now = () => (options.now?.() ?? new Date()).toISOString();
  const readOnly = options.readOnly ?? false;

  /**
   * One user action, one transaction; refused up front on a read-only library. The transaction
   * starts with BEGIN IMMEDIATE, so the busy timeout covers taking the write lock: a deferred
   * transaction that read first cannot wait for another writer in WAL mode and fails at once
   * with "database is locked". When the timeout runs out, nothing of the action was written.
   */
  function write<T>(fn: () => T, nothing = 'nothing was saved'): T {
    if (readOnly) {
      throw new ApiError('read_only', 'This library is open read-only (recovery mode): changes cannot be saved. Open a backup or a copy to edit.');
    }
    try {
      return db.transaction(fn).immediate();
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

  const listSql = {
    byId: db.prepare<[string], Parameters<typeof rows.toRow>[0]>(`${rows.base} WHERE i.id = ?`),
  };

  function itemRow(id: string): ItemRow | null {
    const row = listSql.byId.get(id);
    return row === undefined ? null : rows.toRow(row);
  }

  /** Live items of a section, in order (deleted items stay placed, unprinted, for undelete). */
  function liveSectionItems(bookId: string, sectionId: string): ItemRow[] {
    return books
      .sectionItemIds(bookId, sectionId)
      .map(itemRow)
      .filter((row): row is ItemRow => row !== null && !(items.get(row.id)?.deleted ?? true));
  }

  function markingOf(list: readonly { id: string; classification: string; caveats?: readonly string[] }[], floor?: string) {
    try {
      const marking = overallMarking(list, markings.get(), floor);
      return { text: marking.text, level: marking.level.code };
    } catch (error) {
      if (error instanceof MarkingError) return null;
      throw error;
    }
  }

  function bookDetail(id: string): BookDetail {
    const book = requireBook(id);
    const sections: SectionDetail[] = books.sections(id).map((section) => ({
      id: section.id,
      title: section.title,
      items: liveSectionItems(id, section.id),
    }));
    const unique = new Map<string, ItemRow>();
    for (const section of sections) for (const row of section.items) unique.set(row.id, row);
    const included = [...unique.values()];
    const marking = markingOf(included, book.floor) ?? { text: 'UNKNOWN LEVEL', level: '' };
    const notCleared = included.filter((row) => row.status !== 'cleared');
    return {
      book: stripSections(book),
      sections,
      overallMarking: marking.text,
      overallLevel: marking.level,
      clearance: {
        total: included.length,
        cleared: included.length - notCleared.length,
        notCleared: notCleared.map((row) => ({ id: row.id, title: row.title, status: row.status })),
      },
      updatedAt: books.updatedAt(id) ?? now(),
    };
  }

  function stripSections(book: BookHeader & Record<string, unknown>): BookHeader {
    const header: Record<string, unknown> = {};
    for (const key of ['id', 'title', 'subtitle', 'meeting', 'preparedBy', 'floor', 'classificationAuthority', 'distribution']) {
      if (book[key] !== undefined) header[key] = book[key];
    }
    return header as unknown as BookHeader;
  }

  /** A book in exchange form with only live items in its sections. */
  function liveBook(id: string): ExchangeBook {
    const book = books.exchange(id);
    if (book === null) throw notFound('book', id);
    return {
      ...book,
      sections: book.sections.map((section) => ({
        ...section,
        items: section.items.filter((itemId) => {
          const item = items.get(itemId);
          // a deleted item stays placed for undelete and is left out; a missing one is an error:
          // a book must never print with an item silently gone
          if (item === null) {
            throw new ApiError(
              'item_unreadable',
              `Section "${shorten(section.id)}" of book "${shorten(id)}" names item "${shorten(itemId)}", which the library cannot read. Nothing was exported.`,
            );
          }
          return !item.deleted;
        }),
      })),
    };
  }

  function exportText(bookId?: string): { text: string; items: number; books: number; itemVersions: Record<string, number> } {
    const bookList = bookId === undefined ? books.all().map((b) => liveBook(b.header.id)) : [liveBook(bookId)];
    const itemIds =
      bookId === undefined ? items.liveIds() : [...new Set(bookList.flatMap((b) => b.sections.flatMap((s) => s.items)))];
    const itemVersions: Record<string, number> = {};
    const itemList = itemIds.map((id) => {
      const record = requireItem(id);
      itemVersions[id] = record.version;
      return { ...(items.exchange(id) as ExchangeItem), createdAt: record.createdAt, updatedAt: record.updatedAt };
    });
    const file: ExchangeFile = { format: EXCHANGE_FORMAT, markings: markings.get(), items: itemList, books: bookList };
    return { text: `${JSON.stringify(file, null, 2)}\n`, items: itemList.length, books: bookList.length, itemVersions };
  }

  function importText(text: string): ImportResult {
    const parsed = parseExchangeText(text, {
      markings: markings.get(),
      hasItem: (id) => items.exists(id),
      usedLevelCodes: items.usedLevelCodes(),
    });
    if (parsed.file === null) {
      const shown = parsed.problems.slice(0, 20).map((p) => `${p.path}: ${p.message}`);
      const more = parsed.problems.length > shown.length ? `\n…and ${parsed.problems.length - shown.length} more` : '';
      throw new ApiError(
        'invalid_file',
        `The file has ${parsed.problems.length} problem${parsed.problems.length === 1 ? '' : 's'}; nothing was imported.\n${shown.join('\n')}${more}`,
      );
    }
    const file = parsed.file;
    const scheme = normaliseScheme(file.markings ?? markings.get());
    // an item's "REL TO KOR, USA" is read as "REL TO USA, KOR": stored as the scheme writes it
    const fileItems = file.items.map((item) => withCaveats(item, scheme));
    return write(() => {
      const at = now();
      const result: ImportResult = {
        items: { created: 0, updated: 0, unchanged: 0 },
        books: { created: 0, updated: 0, unchanged: 0 },
        markingsChanged: false,
      };
      if (file.markings !== undefined && canonicalJson(normaliseScheme(file.markings)) !== canonicalJson(normaliseScheme(markings.get()))) {
        markings.set(normaliseScheme(file.markings));
        result.markingsChanged = true;
      }
      for (const item of fileItems) {
        const existing = items.get(item.id);
        if (existing === null) {
          items.write(item, { version: 1, now: item.updatedAt ?? at, createdAt: item.createdAt ?? at });
          result.items.created += 1;
        } else if (existing.deleted || canonicalJson(normaliseItem(item)) !== canonicalJson(normaliseItem(items.exchange(item.id) as ExchangeItem))) {
          items.write(item, { version: existing.version + 1, now: at });
          result.items.updated += 1;
        } else result.items.unchanged += 1;
      }
      for (const book of file.books) {
        const existing = books.exchange(book.id);
        if (existing === null) {
          books.writeHeader(book, at);
          books.replaceSections(book.id, book.sections);
          result.books.created += 1;
        } else if (canonicalJson(dropUndefined(book)) !== canonicalJson(existing)) {
          books.writeHeader(book, at);
          books.replaceSections(book.id, book.sections);
          result.books.updated += 1;
        } else result.books.unchanged += 1;
      }
      logs.audit(
        at,
        'import',
        'library',
        basename(options.path),
        `items: ${result.items.created} new, ${result.items.updated} updated, ${result.items.unchanged} unchanged; ` +
          `books: ${result.books.created} new, ${result.books.updated} updated, ${result.books.unchanged} unchanged`,
      );
      return result;
    }, 'nothing was imported');
  }

  /** One export-log entry and its audit line; called inside a write transaction. */
  function logExport(entry: NewExportRecord): ExportRecord {
    const book = entry.bookId === null ? null : books.get(entry.bookId);
    const bookTitle = entry.bookId === null ? 'Whole library' : (book?.title ?? entry.bookId);
    const at = now();
    const id = logs.recordExport({ ...entry, bookTitle, exportedAt: at });
    const [entity, entityId] = entry.bookId === null ? ['library', basename(options.path)] : ['book', entry.bookId];
    logs.audit(at, 'export', entity, entityId, `${entry.kind} ${entry.fileName} sha256 ${entry.sha256}`);
    return exportRecord(logs.exportById(id) as ExportLogRow);
  }

  function exportRecord(row: ExportLogRow): ExportRecord {
    const changedSince: ExportRecord['changedSince'] = [];
    for (const [id, exportedVersion] of Object.entries(row.itemVersions)) {
      const current = items.get(id);
      if (current === null || current.deleted) {
        changedSince.push({ id, title: current?.title ?? id, exportedVersion, currentVersion: null });
      } else if (current.version !== exportedVersion) {
        changedSince.push({ id, title: current.title, exportedVersion, currentVersion: current.version });
      }
    }
    return { ...row, changedSince };
  }

  function saveItem(draft: ItemDraft, baseVersion: number | undefined): ItemRecord {
    const scheme = markings.get();
    const id = draft.id ?? newId(ID_PREFIX[draft.kind]);
    checkLevel(scheme, draft.classification, id);
    checkCaveats(scheme, draft.caveats ?? [], id);
    draft = withCaveats(draft, scheme);
    return write(() => {
      const at = now();
      const existing = items.get(id);
      if (existing !== null && baseVersion !== undefined && existing.version !== baseVersion) {
        throw new ApiError(
          'conflict',
          `"${existing.title}" was changed elsewhere (now version ${existing.version}, you edited version ${baseVersion}). Reload it to see the newer text.`,
        );
      }
      // keep extension properties the editor does not know about
      const extras = existing === null ? {} : extensionFields(items.exchange(id) as ExchangeItem);
      const next = { ...extras, ...draft, id } as ExchangeItem;
      if (existing !== null && !existing.deleted && canonicalJson(normaliseItem(next)) === canonicalJson(normaliseItem(items.exchange(id) as ExchangeItem))) {
        return existing;
      }
      const version = existing === null ? 1 : existing.version + 1;
      const statusMoved = existing !== null && existing.status !== next.status;
      items.write(next, { version, now: at, statusChangedAt: statusMoved ? at : undefined, statusChangedBy: statusMoved ? null : undefined });
      logs.audit(at, existing === null ? 'create' : 'update', 'item', id, `version ${version}: ${next.title}`);
      return requireItem(id);
    });
  }

  const service = {
    db,

    'library.info': () => {
      const counts = db
        .prepare<[], { items: number; books: number }>(
          'SELECT (SELECT count(*) FROM items WHERE deleted_at IS NULL) AS items, (SELECT count(*) FROM books) AS books',
        )
        .get() as { items: number; books: number };
      const last = logs.lastExport();
      return {
        fileName: basename(options.path),
        path: options.path,
        schemaVersion: schemaVersion(db),
        itemCount: counts.items,
        bookCount: counts.books,
        encrypted: options.encrypted ?? false,
        readOnly,
        markings: markings.get(),
        lastExport: last === null ? null : { at: last.exportedAt, bookTitle: last.bookTitle, fileName: last.fileName },
        offerSample: counts.items === 0 && counts.books === 0 && logs.getSetting('sample.declined') !== 'true',
      };
    },

    'library.validate': ({ text }) => {
      const parsed = parseExchangeText(text, {
        markings: markings.get(),
        hasItem: (id) => items.exists(id),
        usedLevelCodes: items.usedLevelCodes(),
      });
      const file = parsed.file;
      return {
        ok: parsed.problems.length === 0,
        problems: parsed.problems,
        items: file?.items.length ?? 0,
        books: file?.books.length ?? 0,
      };
    },

    'library.import': ({ text }) => importText(text),

    'library.export': ({ bookId }) => {
      if (bookId !== undefined) requireBook(bookId);
      return exportText(bookId);
    },

    'library.loadSample': () => importText(options.sampleText()),

    'library.declineSample': () =>
      write(() => {
        logs.setSetting('sample.declined', 'true');
        return { ok: true as const };
      }),

    'markings.get': () => markings.get(),

    'markings.set': ({ scheme }) => {
      const codes = new Set(scheme.levels.map((level) => level.code));
      if (codes.size !== scheme.levels.length) throw new ApiError('invalid_input', 'Each level of a scheme needs its own code.');
      const missing = items.usedLevelCodes().filter((code) => !codes.has(code));
      if (missing.length > 0) {
        throw new ApiError('level_in_use', `Items are marked ${missing.map((c) => `"${c}"`).join(', ')}, which the new scheme lacks. Re-mark them first.`);
      }
      for (const { header } of books.all()) {
        if (header.floor !== undefined && !codes.has(header.floor)) {
          throw new ApiError('level_in_use', `Book "${header.title}" has floor "${header.floor}", which the new scheme lacks.`);
        }
      }
      return write(() => {
        markings.set(normaliseScheme(scheme));
        logs.audit(now(), 'update', 'markings', scheme.scheme, scheme.levels.map((l) => l.code).join(', '));
        return markings.get();
      });
    },

    'items.list': (input) => listItems(input),

    'items.facets': () => {
      const count = <T extends string>(sql: string) =>
        db.prepare<[], { value: T; count: number }>(sql).all().filter((r) => r.value !== null && r.value !== '');
      const live = 'FROM items WHERE deleted_at IS NULL';
      const kinds = count<ItemKind>(`SELECT kind AS value, count(*) AS count ${live} GROUP BY kind`);
      const statuses = count<(typeof ITEM_STATUSES)[number]>(`SELECT status AS value, count(*) AS count ${live} GROUP BY status`);
      return {
        total: (db.prepare<[], { n: number }>(`SELECT count(*) AS n ${live}`).get() as { n: number }).n,
        kinds: ITEM_KINDS.map((kind) => ({ value: kind, count: kinds.find((k) => k.value === kind)?.count ?? 0 })),
        statuses: ITEM_STATUSES.map((status) => ({ value: status, count: statuses.find((s) => s.value === status)?.count ?? 0 })),
        classifications: count(`SELECT classification AS value, count(*) AS count ${live} GROUP BY classification`),
        topics: count(`SELECT topic AS value, count(*) AS count ${live} GROUP BY topic ORDER BY count DESC, topic LIMIT 500`),
        tags: count(
          `SELECT t.tag AS value, count(*) AS count FROM item_tags t JOIN items i ON i.id = t.item_id
           WHERE i.deleted_at IS NULL GROUP BY t.tag ORDER BY count DESC, t.tag LIMIT 500`,
        ),
      };
    },

    'items.get': ({ id }) => requireItem(id),

    'items.save': ({ item, baseVersion }) => saveItem(item, baseVersion),

    'items.setStatus': ({ id, status, by }) =>
      write(() => {
        const existing = requireItem(id);
        if (existing.status === status) return existing;
        const at = now();
        items.setStatus(id, status, by, existing.version + 1, at);
        logs.audit(at, 'status', 'item', id, `${existing.status} → ${status} by ${by}`);
        return requireItem(id);
      }),

    'items.delete': ({ id }) =>
      write(() => {
        const existing = requireItem(id);
        if (existing.deleted) return existing;
        const at = now();
        items.setDeleted(id, at);
        logs.audit(at, 'delete', 'item', id, existing.title);
        return requireItem(id);
      }),

    'items.undelete': ({ id }) =>
      write(() => {
        const existing = requireItem(id);
        if (!existing.deleted) return existing;
        const at = now();
        items.setDeleted(id, null);
        logs.audit(at, 'undelete', 'item', id, existing.title);
        return requireItem(id);
      }),

    'items.history': ({ id }) => {
      requireItem(id);
      return items.history(id);
    },

    'items.restoreVersion': ({ id, version }) => {
      const current = requireItem(id);
      const old = items.version(id, version);
      if (old === null) throw new ApiError('not_found', `"${current.title}" has no version ${version}.`);
      const { id: _id, createdAt: _c, updatedAt: _u, ...content } = old.item as ExchangeItem & Record<string, unknown>;
      const restored = saveItem({ ...(content as Omit<ItemDraft, 'id'>), id }, current.version);
      write(() => logs.audit(now(), 'restore', 'item', id, `version ${version} restored as version ${restored.version}`));
      return restored;
    },

    'items.usedIn': ({ id }) => {
      requireItem(id);
      return books.usage(id);
    },

    'books.list': () =>
      books.all().map(({ header, updatedAt }): BookRow => {
        const detail = bookDetail(header.id);
        return {
          id: header.id,
          title: header.title,
          subtitle: header.subtitle ?? null,
          meetingDate: header.meeting?.date ?? null,
          overallMarking: detail.overallLevel === '' ? null : detail.overallMarking,
          overallLevel: detail.overallLevel === '' ? null : detail.overallLevel,
          itemCount: detail.clearance.total,
          clearedCount: detail.clearance.cleared,
          updatedAt,
        };
      }),

    'books.get': ({ id }) => bookDetail(id),

    'books.create': ({ title, id }) => {
      const bookId = id ?? `${slug(title)}-${randomBytes(3).toString('hex')}`;
      if (books.exists(bookId)) throw new ApiError('exists', `A book with id "${bookId}" already exists.`);
      write(() => {
        const at = now();
        books.writeHeader({ id: bookId, title }, at);
        books.replaceSections(
          bookId,
          STANDARD_SECTIONS.map((sectionTitle) => ({ id: `s-${slug(sectionTitle)}`, title: sectionTitle, items: [] })),
        );
        logs.audit(at, 'create', 'book', bookId, title);
      });
      return bookDetail(bookId);
    },

    'books.save': ({ book }) => {
      const existing = requireBook(book.id);
      if (book.floor !== undefined && book.floor !== '') checkLevel(markings.get(), book.floor, book.id);
      write(() => {
        const at = now();
        const extras = Object.fromEntries(Object.entries(existing).filter(([key]) => !(key in book) && !BOOK_HEADER_KEYS.has(key)));
        books.writeHeader({ ...extras, ...book, floor: book.floor === '' ? undefined : book.floor }, at);
        logs.audit(at, 'update', 'book', book.id, book.title);
      });
      return bookDetail(book.id);
    },

    'books.duplicate': ({ id, title }) => {
      const source = books.exchange(id);
      if (source === null) throw notFound('book', id);
      const newBookId = `${slug(title)}-${randomBytes(3).toString('hex')}`;
      write(() => {
        const at = now();
        const { sections, ...header } = source;
        books.writeHeader({ ...header, id: newBookId, title }, at);
        books.replaceSections(newBookId, sections);
        logs.audit(at, 'duplicate', 'book', newBookId, `from "${source.title}"`);
      });
      return bookDetail(newBookId);
    },

    'books.delete': ({ id }) => {
      requireBook(id);
      const book = books.exchange(id) as ExchangeBook;
      const text = JSON.stringify({ format: EXCHANGE_FORMAT, items: [], books: [book] });
      write(() => {
        books.delete(id);
        logs.audit(now(), 'delete', 'book', id, book.title);
      });
      return { text };
    },

    'books.content': ({ id }): BookContent => {
      const book = liveBook(id);
      const ids = [...new Set(book.sections.flatMap((section) => section.items))];
      const itemVersions: Record<string, number> = {};
      const list = ids.map((itemId) => {
        itemVersions[itemId] = requireItem(itemId).version;
        return items.exchange(itemId) as ExchangeItem;
      });
      return { markings: markings.get(), book, items: list, itemVersions };
    },

    'books.reorderSections': ({ bookId, sectionIds }) => {
      requireBook(bookId);
      const current = books.sections(bookId).map((s) => s.id);
      const same = current.length === sectionIds.length && new Set(sectionIds).size === sectionIds.length && sectionIds.every((id) => current.includes(id));
      if (!same) {
        throw new ApiError('invalid_input', `The new order must name each of the book's ${current.length} sections exactly once.`);
      }
      write(() => {
        books.orderSections(bookId, sectionIds);
        touch(bookId, 'reorder sections');
      });
      return bookDetail(bookId);
    },

    'sections.add': ({ bookId, title, index }) => {
      requireBook(bookId);
      let sectionId = `s-${slug(title)}`;
      if (books.section(bookId, sectionId) !== null) sectionId = newId(sectionId);
      write(() => {
        books.insertSection(bookId, sectionId, title, index ?? Number.MAX_SAFE_INTEGER);
        touch(bookId, `add section "${title}"`);
      });
      return bookDetail(bookId);
    },

    'sections.rename': ({ bookId, sectionId, title }) => {
      requireSection(bookId, sectionId);
      write(() => {
        books.renameSection(bookId, sectionId, title);
        touch(bookId, `rename section ${sectionId} to "${title}"`);
      });
      return bookDetail(bookId);
    },

    'sections.delete': ({ bookId, sectionId }) => {
      const section = requireSection(bookId, sectionId);
      write(() => {
        books.deleteSection(bookId, sectionId);
        touch(bookId, `delete section "${section.title}"`);
      });
      return bookDetail(bookId);
    },

    'sections.addItems': ({ bookId, sectionId, itemIds, index }) => {
      requireSection(bookId, sectionId);
      for (const itemId of itemIds) {
        const item = requireItem(itemId);
        if (item.deleted) throw new ApiError('deleted', `"${item.title}" is deleted; restore it before adding it to a book.`);
      }
      write(() => {
        const current = books.sectionItemIds(bookId, sectionId);
        const fresh = [...new Set(itemIds)].filter((id) => !current.includes(id));
        current.splice(Math.min(index ?? current.length, current.length), 0, ...fresh);
        books.setSectionItems(bookId, sectionId, current);
        touch(bookId, `add ${fresh.length} item(s) to ${sectionId}`);
      });
      return bookDetail(bookId);
    },

    'sections.moveItem': ({ bookId, itemId, fromSectionId, toSectionId, index }) => {
      requireSection(bookId, fromSectionId);
      requireSection(bookId, toSectionId);
      write(() => {
        const from = books.sectionItemIds(bookId, fromSectionId);
        const at = from.indexOf(itemId);
        if (at < 0) throw new ApiError('not_found', `Section "${fromSectionId}" does not contain item "${itemId}".`);
        from.splice(at, 1);
        if (fromSectionId === toSectionId) {
          from.splice(Math.min(index, from.length), 0, itemId);
          books.setSectionItems(bookId, fromSectionId, from);
        } else {
          const to = books.sectionItemIds(bookId, toSectionId);
          if (to.includes(itemId)) throw new ApiError('exists', `Section "${toSectionId}" already contains that item.`);
          to.splice(Math.min(index, to.length), 0, itemId);
          books.setSectionItems(bookId, fromSectionId, from);
          books.setSectionItems(bookId, toSectionId, to);
        }
        touch(bookId, `move ${itemId} to ${toSectionId}[${index}]`);
      });
      return bookDetail(bookId);
    },

    'sections.removeItem': ({ bookId, sectionId, itemId }) => {
      requireSection(bookId, sectionId);
      write(() => {
        const current = books.sectionItemIds(bookId, sectionId);
        if (!current.includes(itemId)) throw new ApiError('not_found', `Section "${sectionId}" does not contain item "${itemId}".`);
        books.setSectionItems(bookId, sectionId, current.filter((id) => id !== itemId));
        touch(bookId, `remove ${itemId} from ${sectionId}`);
      });
      return bookDetail(bookId);
    },

    'search.query': ({ q, limit, kinds }) => search.query(q, limit ?? 50, kinds),

    'exports.list': ({ bookId }) => logs.exports(bookId).map(exportRecord),

    'audit.list': ({ limit }) => logs.auditList(limit ?? 200),

    'settings.get': ({ key }) => parseStoredSetting(key, logs.getSetting(`ui.${key}`)),

    'settings.set': ({ key, value }) => {
      return write(() => {
        logs.setSetting(`ui.${key}`, JSON.stringify(value));
        return { ok: true as const };
      });
    },

    recordExport(entry: NewExportRecord): ExportRecord {
      return write(() => logExport(entry));
    },

    recordExports(entries: readonly NewExportRecord[]): ExportRecord[] {
      return write(() => entries.map(logExport), 'nothing was logged');
    },

    purgeItem(id: string, by: string): { purgedAt: string } {
      requireItem(id);
      const at = now();
      items.withSecureDelete(() => {
        write(() => {
          items.purge(id);
          logs.forgetItem(id, at, by);
        });
        items.eraseFreedSpace();
      });
      return { purgedAt: at };
    },

    exportsBySha(sha256: string): ExportRecord[] {
      return logs.exportsBySha(sha256).map(exportRecord);
    },
  } satisfies StoreService & Omit<LibraryService, keyof StoreService>;

  function touch(bookId: string, detail: string): void {
    const at = now();
    books.touch(bookId, at);
    logs.audit(at, 'update', 'book', bookId, detail);
  }

  function listItems(input: ParsedInput<StoreContract, 'items.list'>): ItemList {
    const where: string[] = ['i.deleted_at IS NULL'];
    const params: unknown[] = [];
    const anyOf = (column: string, values: readonly string[] | undefined) => {
      if (values === undefined || values.length === 0) return;
      where.push(`${column} IN (${values.map(() => '?').join(', ')})`);
      params.push(...values);
    };
    anyOf('i.kind', input.kinds);
    anyOf('i.status', input.statuses);
    anyOf('i.classification', input.classifications);
    anyOf('i.topic', input.topics);
    if (input.tags !== undefined && input.tags.length > 0) {
      where.push(`EXISTS (SELECT 1 FROM item_tags t WHERE t.item_id = i.id AND t.tag IN (${input.tags.map(() => '?').join(', ')}))`);
      params.push(...input.tags);
    }
    const sortColumn = {
      title: 'i.title COLLATE NOCASE',
      kind: 'i.kind',
      topic: 'i.topic COLLATE NOCASE',
      status: 'i.status',
      classification: 'i.classification',
      updatedAt: 'i.updated_at',
      usedIn: 'used_in',
    }[input.sort?.by ?? 'updatedAt'];
    const dir = (input.sort?.dir ?? 'desc') === 'asc' ? 'ASC' : 'DESC';
    const whereSql = where.join(' AND ');
    // the fragments above are fixed strings; every value is a bound parameter
    const total = (db.prepare(`SELECT count(*) AS n FROM items i WHERE ${whereSql}`).get(...params) as { n: number }).n;
    const page = db
      .prepare(`${rows.base} WHERE ${whereSql} ORDER BY ${sortColumn} ${dir}, i.seq ${dir} LIMIT ? OFFSET ?`)
      .all(...params, input.limit ?? 100_000, input.offset ?? 0) as Parameters<typeof rows.toRow>[0][];
    return { rows: page.map(rows.toRow), total };
  }

  return service;
}

const BOOK_HEADER_KEYS = new Set(['id', 'title', 'subtitle', 'meeting', 'preparedBy', 'floor', 'classificationAuthority', 'distribution']);

const ITEM_EXCHANGE_KEYS = new Set([
  'id', 'kind', 'title', 'body', 'topic', 'tags', 'classification', 'caveats', 'status', 'owner', 'lang', 'translations',
  'sources', 'createdAt', 'updatedAt',
]);

function extensionFields(item: ExchangeItem): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).filter(([key]) => !ITEM_EXCHANGE_KEYS.has(key)));
}

/** A scheme with its defaults spelled out: a file without `caveats` means the default list. */
function normaliseScheme(scheme: MarkingScheme): MarkingScheme {
  return { ...scheme, caveats: schemeCaveats(scheme), portionMarks: scheme.portionMarks !== false, pageMarking: scheme.pageMarking ?? 'overall' };
}

/** The item with its caveats normalised and in the scheme's order (none: the field absent). */
function withCaveats<T extends { caveats?: string[] }>(item: T, scheme: MarkingScheme): T {
  if (item.caveats === undefined) return item;
  return { ...item, caveats: orderCaveats(item.caveats, scheme) };
}

function dropUndefined<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
