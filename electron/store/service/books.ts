/** Books: the list (one query), one book, create, save, duplicate, delete, content, section order. */
import { randomBytes } from 'node:crypto';
import { ApiError, type BookContent } from '../../../src/shared/contract';
import { EXCHANGE_FORMAT, type ExchangeBook, type ExchangeItem } from '../../../src/shared/domain';
import type { BookReader } from './book-detail';
import { BOOK_HEADER_KEYS, notFound, slug, type ServiceContext, type ServicePart } from './context';
import { STANDARD_SECTIONS } from '../../../src/shared/book-template';

type BooksPart = ServicePart<
  'books.list' | 'books.get' | 'books.create' | 'books.save' | 'books.duplicate' | 'books.delete' | 'books.content' | 'books.reorderSections'
>;


export function booksPart(ctx: ServiceContext, reader: BookReader): BooksPart {
  const { items, books, logs, markings, write, now } = ctx;
  const { bookDetail } = reader;

  return {
    // two statements in all, however many books: the scheme, and every book with its live items
    'books.list': () => {
      const scheme = markings.get();
      return books.listing().map(({ header, updatedAt, items: included }) => reader.bookRow(header, updatedAt, included, scheme));
    },

    'books.get': ({ id }) => bookDetail(id),

    'books.create': ({ title, id, sections }) => {
      const bookId = id ?? `${slug(title)}-${randomBytes(3).toString('hex')}`;
      if (books.exists(bookId)) throw new ApiError('exists', `A book with id "${bookId}" already exists.`);
      write(() => {
        const at = now();
        books.writeHeader({ id: bookId, title }, at);
        // the sections picked (the usual ones when none were given); ids unique even for twin titles
        const used = new Set<string>();
        books.replaceSections(
          bookId,
          [...new Set(sections ?? STANDARD_SECTIONS)].map((sectionTitle) => {
            let sectionId = `s-${slug(sectionTitle)}`;
            for (let n = 2; used.has(sectionId); n += 1) sectionId = `s-${slug(sectionTitle)}-${n}`;
            used.add(sectionId);
            return { id: sectionId, title: sectionTitle, items: [] };
          }),
        );
        logs.audit(at, 'create', 'book', bookId, title);
      });
      return bookDetail(bookId);
    },

    'books.save': ({ book }) => {
      const existing = ctx.requireBook(book.id);
      if (book.floor !== undefined && book.floor !== '') ctx.checkLevel(markings.get(), book.floor, book.id);
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
      ctx.requireBook(id);
      const book = books.exchange(id) as ExchangeBook;
      const text = JSON.stringify({ format: EXCHANGE_FORMAT, items: [], books: [book] });
      write(() => {
        books.delete(id);
        logs.audit(now(), 'delete', 'book', id, book.title);
      });
      return { text };
    },

    'books.content': ({ id }): BookContent => {
      const book = reader.liveBook(id);
      const ids = [...new Set(book.sections.flatMap((section) => section.items))];
      const itemVersions: Record<string, number> = {};
      const contentHashes: Record<string, string> = {};
      const list = ids.map((itemId) => {
        const record = ctx.requireItem(itemId);
        itemVersions[itemId] = record.version;
        contentHashes[itemId] = record.contentHash;
        return items.exchange(itemId) as ExchangeItem;
      });
      return { markings: markings.get(), book, items: list, itemVersions, contentHashes };
    },

    'books.reorderSections': ({ bookId, sectionIds }) => {
      ctx.requireBook(bookId);
      const current = books.sections(bookId).map((s) => s.id);
      const same = current.length === sectionIds.length && new Set(sectionIds).size === sectionIds.length && sectionIds.every((id) => current.includes(id));
      if (!same) {
        throw new ApiError('invalid_input', `The new order must name each of the book's ${current.length} sections exactly once.`);
      }
      write(() => {
        books.orderSections(bookId, sectionIds);
        ctx.touchBook(bookId, 'reorder sections');
      });
      return bookDetail(bookId);
    },
  } satisfies BooksPart;
}
