/**
 * Books, their sections and the ordered items of each section. The only place book SQL lives.
 * Every write marks the book, so that its rev is recorded in the write's transaction
 * (./revision-marks.ts).
 */
import type { ClearanceState } from '../../../src/shared/clearance';
import { shorten } from '../../../src/shared/exchange';
import { stateOfRow } from './item-rows';
import type { Db } from '../db';
import { dropMark, markWritten } from './revision-marks';
import { parseOptional, parseStored, STORED } from './stored-json';
import type { ExchangeBook, ExchangeSection, ItemStatus } from '../../../src/shared/domain';
import { ApiError, type BookHeader } from '../../../src/shared/contract';

interface BookDbRow {
  id: string;
  title: string;
  subtitle: string | null;
  meeting: string | null;
  meeting_date: string | null;
  prepared_by: string | null;
  floor: string | null;
  authority: string | null;
  distribution: string | null;
  extra: string | null;
  created_at: string;
  updated_at: string;
}

/** What a book listing needs of each item a book includes: its marking and its status. */
export interface BookListingItem {
  id: string;
  classification: string;
  caveats: string[];
  status: ItemStatus;
  /** the status as it stands for the text printed now */
  clearanceState: ClearanceState;
}

const BOOK_FIELDS = new Set([
  'id', 'title', 'subtitle', 'meeting', 'preparedBy', 'floor', 'classificationAuthority', 'distribution', 'sections',
  // revision data is the store's own, recomputed on export: never an extension
  'rev', 'history',
]);
const SECTION_FIELDS = new Set(['id', 'title', 'items']);

function extrasOf(value: Record<string, unknown>, known: Set<string>): string | null {
  const extra: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) if (!known.has(key) && field !== undefined) extra[key] = field;
  return Object.keys(extra).length > 0 ? JSON.stringify(extra) : null;
}

const column = (id: string, field: string) => ({ table: 'books', id, field });
const json = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(value));

export function booksRepository(db: Db) {
  const statements = {
    get: db.prepare<[string], BookDbRow>('SELECT * FROM books WHERE id = ?'),
    all: db.prepare<[], BookDbRow>('SELECT * FROM books ORDER BY meeting_date IS NULL, meeting_date DESC, updated_at DESC'),
    insert: db.prepare(
      `INSERT INTO books (id, title, subtitle, meeting, meeting_date, prepared_by, floor, authority, distribution, extra, created_at, updated_at)
       VALUES (@id, @title, @subtitle, @meeting, @meeting_date, @prepared_by, @floor, @authority, @distribution, @extra, @now, @now)`,
    ),
    update: db.prepare(
      `UPDATE books SET title = @title, subtitle = @subtitle, meeting = @meeting, meeting_date = @meeting_date,
         prepared_by = @prepared_by, floor = @floor, authority = @authority, distribution = @distribution,
         extra = @extra, updated_at = @now
       WHERE id = @id`,
    ),
    touch: db.prepare('UPDATE books SET updated_at = ? WHERE id = ?'),
    delete: db.prepare('DELETE FROM books WHERE id = ?'),
    sections: db.prepare<[string], { id: string; title: string; position: number; extra: string | null }>(
      'SELECT id, title, position, extra FROM sections WHERE book_id = ? ORDER BY position',
    ),
    section: db.prepare<[string, string], { id: string; title: string; position: number }>(
      'SELECT id, title, position FROM sections WHERE book_id = ? AND id = ?',
    ),
    insertSection: db.prepare('INSERT INTO sections (book_id, id, position, title, extra) VALUES (?, ?, ?, ?, ?)'),
    renameSection: db.prepare('UPDATE sections SET title = ? WHERE book_id = ? AND id = ?'),
    setSectionPosition: db.prepare('UPDATE sections SET position = ? WHERE book_id = ? AND id = ?'),
    deleteSection: db.prepare('DELETE FROM sections WHERE book_id = ? AND id = ?'),
    deleteSections: db.prepare('DELETE FROM sections WHERE book_id = ?'),
    sectionItems: db.prepare<[string, string], { item_id: string }>(
      'SELECT item_id FROM section_items WHERE book_id = ? AND section_id = ? ORDER BY position',
    ),
    clearSectionItems: db.prepare('DELETE FROM section_items WHERE book_id = ? AND section_id = ?'),
    insertSectionItem: db.prepare('INSERT INTO section_items (book_id, section_id, position, item_id) VALUES (?, ?, ?, ?)'),
    usage: db.prepare<[string], { book_id: string; book_title: string; section_id: string; section_title: string }>(
      `SELECT b.id AS book_id, b.title AS book_title, s.id AS section_id, s.title AS section_title
       FROM section_items si JOIN sections s ON s.book_id = si.book_id AND s.id = si.section_id
       JOIN books b ON b.id = si.book_id
       WHERE si.item_id = ? ORDER BY b.meeting_date DESC, b.title, s.position`,
    ),
    booksUsing: db.prepare<[string], { book_id: string }>('SELECT DISTINCT book_id FROM section_items WHERE item_id = ?'),
    itemDeletedAt: db.prepare<[string], { deleted_at: string | null }>('SELECT deleted_at FROM items WHERE id = ?'),
    // every book with the live items its sections hold, each item once per book: one statement
    listing: db.prepare<[], BookDbRow & { item_id: string | null; item_classification: string | null; item_caveats: string | null; item_status: ItemStatus | null; cleared_hash: string | null; content_hash: string | null }>(
      `SELECT b.*, i.id AS item_id, i.classification AS item_classification, i.caveats AS item_caveats, i.status AS item_status,
              i.cleared_hash, i.content_hash
       FROM books b
       LEFT JOIN (SELECT DISTINCT si.book_id, it.id, it.classification, it.caveats, it.status,
                         json_extract(it.clearance, '$.contentHash') AS cleared_hash, it.content_hash
                  FROM section_items si JOIN items it ON it.id = si.item_id
                  WHERE it.deleted_at IS NULL) i ON i.book_id = b.id
       ORDER BY b.meeting_date IS NULL, b.meeting_date DESC, b.updated_at DESC`,
    ),
  };

  function headerOf(row: BookDbRow): BookHeader & Record<string, unknown> {
    const book: BookHeader & Record<string, unknown> = { ...parseOptional(STORED.extra, row.extra, column(row.id, 'extra')), id: row.id, title: row.title };
    if (row.subtitle !== null) book.subtitle = row.subtitle;
    const meeting = parseOptional(STORED.meeting, row.meeting, column(row.id, 'meeting'));
    if (meeting !== undefined) book.meeting = meeting;
    if (row.prepared_by !== null) book.preparedBy = row.prepared_by;
    if (row.floor !== null) book.floor = row.floor;
    const authority = parseOptional(STORED.authority, row.authority, column(row.id, 'authority'));
    if (authority !== undefined) book.classificationAuthority = authority;
    const distribution = parseOptional(STORED.distribution, row.distribution, column(row.id, 'distribution'));
    if (distribution !== undefined) book.distribution = distribution;
    return book;
  }

  const written = (bookId: string) => markWritten(db, 'book', bookId);

  function writeSectionItems(bookId: string, sectionId: string, itemIds: readonly string[]): void {
    written(bookId);
    statements.clearSectionItems.run(bookId, sectionId);
    itemIds.forEach((itemId, position) => statements.insertSectionItem.run(bookId, sectionId, position, itemId));
  }

  return {
    get(id: string): (BookHeader & Record<string, unknown>) | null {
      const row = statements.get.get(id);
      return row === undefined ? null : headerOf(row);
    },
    updatedAt(id: string): string | null {
      return statements.get.get(id)?.updated_at ?? null;
    },
    all(): { header: BookHeader; updatedAt: string }[] {
      return statements.all.all().map((row) => ({ header: headerOf(row), updatedAt: row.updated_at }));
    },
    /** Every book (in `all()` order) with the live items it includes, read in one query. */
    listing(): { header: BookHeader; updatedAt: string; items: BookListingItem[] }[] {
      const byId = new Map<string, { header: BookHeader; updatedAt: string; items: BookListingItem[] }>();
      for (const row of statements.listing.all()) {
        let entry = byId.get(row.id);
        if (entry === undefined) {
          entry = { header: headerOf(row), updatedAt: row.updated_at, items: [] };
          byId.set(row.id, entry);
        }
        if (row.item_id !== null) {
          entry.items.push({
            id: row.item_id,
            classification: row.item_classification ?? '',
            caveats: parseStored(STORED.caveats, row.item_caveats ?? '[]', { table: 'items', id: row.item_id, field: 'caveats' }),
            status: row.item_status as ItemStatus,
            clearanceState: stateOfRow({ status: row.item_status as ItemStatus, cleared_hash: row.cleared_hash, content_hash: row.content_hash }),
          });
        }
      }
      return [...byId.values()];
    },
    exists(id: string): boolean {
      return statements.get.get(id) !== undefined;
    },

    /** Inserts or updates the header (not the sections). */
    writeHeader(book: BookHeader & Record<string, unknown>, now: string): void {
      const row = {
        id: book.id,
        title: book.title,
        subtitle: book.subtitle ?? null,
        meeting: json(book.meeting),
        meeting_date: book.meeting?.date ?? null,
        prepared_by: book.preparedBy ?? null,
        floor: book.floor ?? null,
        authority: json(book.classificationAuthority),
        distribution: json(book.distribution),
        extra: extrasOf(book, BOOK_FIELDS),
        now,
      };
      if (statements.get.get(book.id) === undefined) statements.insert.run(row);
      else statements.update.run(row);
      written(book.id);
    },

    touch(id: string, now: string): void {
      statements.touch.run(now, id);
      written(id);
    },

    delete(id: string): void {
      statements.delete.run(id);
      dropMark(db, 'book', id);
    },

    sections(bookId: string): (ExchangeSection & Record<string, unknown>)[] {
      return statements.sections.all(bookId).map((s) => ({
        ...parseOptional(STORED.extra, s.extra, { table: 'sections', id: `${bookId}/${s.id}`, field: 'extra' }),
        id: s.id,
        title: s.title,
        items: statements.sectionItems.all(bookId, s.id).map((r) => r.item_id),
      }));
    },

    /** A book's sections in order, without their items. */
    sectionHeads(bookId: string): { id: string; title: string }[] {
      return statements.sections.all(bookId).map((s) => ({ id: s.id, title: s.title }));
    },

    section(bookId: string, sectionId: string): { id: string; title: string; position: number } | null {
      return statements.section.get(bookId, sectionId) ?? null;
    },

    /** Replaces all of a book's sections (import, duplicate). */
    replaceSections(bookId: string, sections: readonly (ExchangeSection & Record<string, unknown>)[]): void {
      written(bookId);
      statements.deleteSections.run(bookId);
      sections.forEach((section, position) => {
        statements.insertSection.run(bookId, section.id, position, section.title, extrasOf(section, SECTION_FIELDS));
        writeSectionItems(bookId, section.id, section.items);
      });
    },

    insertSection(bookId: string, sectionId: string, title: string, index: number): void {
      const ids = statements.sections.all(bookId).map((s) => s.id);
      ids.splice(Math.min(index, ids.length), 0, sectionId);
      // positions are rewritten after the insert so that the order stays dense
      statements.insertSection.run(bookId, sectionId, ids.length, title, null);
      ids.forEach((id, position) => statements.setSectionPosition.run(position, bookId, id));
      written(bookId);
    },

    renameSection(bookId: string, sectionId: string, title: string): void {
      statements.renameSection.run(title, bookId, sectionId);
      written(bookId);
    },

    deleteSection(bookId: string, sectionId: string): void {
      statements.deleteSection.run(bookId, sectionId);
      statements.sections.all(bookId).forEach((s, position) => statements.setSectionPosition.run(position, bookId, s.id));
      written(bookId);
    },

    orderSections(bookId: string, sectionIds: readonly string[]): void {
      sectionIds.forEach((id, position) => statements.setSectionPosition.run(position, bookId, id));
      written(bookId);
    },

    sectionItemIds(bookId: string, sectionId: string): string[] {
      return statements.sectionItems.all(bookId, sectionId).map((r) => r.item_id);
    },

    setSectionItems(bookId: string, sectionId: string, itemIds: readonly string[]): void {
      writeSectionItems(bookId, sectionId, itemIds);
    },

    usage(itemId: string) {
      return statements.usage.all(itemId).map((r) => ({
        bookId: r.book_id,
        bookTitle: r.book_title,
        sectionId: r.section_id,
        sectionTitle: r.section_title,
      }));
    },

    booksUsing(itemId: string): string[] {
      return statements.booksUsing.all(itemId).map((r) => r.book_id);
    },

    /** The exchange form of a book: header fields and sections with their item ids. */
    exchange(id: string): ExchangeBook | null {
      const header = this.get(id);
      if (header === null) return null;
      return { ...header, sections: this.sections(id) } as ExchangeBook;
    },

    /**
     * The book in exchange form with only live items in its sections (what an export prints, and
     * what its rev is taken over). A deleted item stays placed for undelete and is left out; a
     * missing one is an error: a book must never print with an item silently gone.
     */
    liveExchange(id: string): ExchangeBook | null {
      const book = this.exchange(id);
      if (book === null) return null;
      return {
        ...book,
        sections: book.sections.map((section) => ({
          ...section,
          items: section.items.filter((itemId) => {
            const item = statements.itemDeletedAt.get(itemId);
            if (item === undefined) {
              throw new ApiError(
                'item_unreadable',
                `Section "${shorten(section.id)}" of book "${shorten(id)}" names item "${shorten(itemId)}", which the library cannot read. Nothing was exported.`,
              );
            }
            return item.deleted_at === null;
          }),
        })),
      };
    },
  };
}

export type BooksRepository = ReturnType<typeof booksRepository>;
