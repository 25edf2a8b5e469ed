/**
 * A book as the screens and the exporters read it: its sections with their live items, the
 * overall marking and the clearance counts; the row of the book list; the exchange form with
 * only live items.
 */
import { type BookDetail, type BookHeader, type BookRow, type ItemRow, type SectionDetail } from '../../../src/shared/contract';
import type { ExchangeBook, MarkingScheme } from '../../../src/shared/domain';
import { MarkingError, overallMarking } from '../../../src/shared/markings';
import { waitingOn } from '../../../src/shared/clearance';
import type { BookListingItem } from '../repositories/books';
import { BOOK_HEADER_KEYS, type ServiceContext } from './context';

export function bookReader(ctx: ServiceContext) {
  const { rows, books, markings } = ctx;

  function markingOf(list: readonly { id: string; classification: string; caveats?: readonly string[] }[], floor?: string, scheme = markings.get()) {
    try {
      const marking = overallMarking(list, scheme, floor);
      return { text: marking.text, level: marking.level.code };
    } catch (error) {
      if (error instanceof MarkingError) return null;
      throw error;
    }
  }

  function bookDetail(id: string): BookDetail {
    const book = ctx.requireBook(id);
    // deleted items stay placed, unprinted, for undelete: the query leaves them out
    const { bySection: itemsOf, chains } = rows.ofBook(id);
    const sections: SectionDetail[] = books.sectionHeads(id).map((section) => ({
      id: section.id,
      title: section.title,
      items: itemsOf.get(section.id) ?? [],
    }));
    const unique = new Map<string, ItemRow>();
    for (const section of sections) for (const row of section.items) unique.set(row.id, row);
    const included = [...unique.values()];
    const marking = markingOf(included, book.floor) ?? { text: 'UNKNOWN LEVEL', level: '' };
    const notCleared = included.filter((row) => row.clearanceState !== 'cleared');
    const waiting = included.flatMap((row) => {
      const chain = chains.get(row.id);
      const offices = chain === undefined ? [] : waitingOn(chain, chain.contentHash);
      return row.clearanceState === 'cleared' && offices.length === 0 ? [] : [{ id: row.id, title: row.title, clearanceState: row.clearanceState, offices }];
    });
    return {
      book: stripSections(book),
      sections,
      overallMarking: marking.text,
      overallLevel: marking.level,
      clearance: {
        total: included.length,
        cleared: included.length - notCleared.length,
        notCleared: notCleared.map((row) => ({ id: row.id, title: row.title, status: row.status, clearanceState: row.clearanceState })),
        waiting,
      },
      updatedAt: books.updatedAt(id) ?? ctx.now(),
    };
  }

  /** The book list's row, from a book and the live items it includes (the same sums as `bookDetail`). */
  function bookRow(header: BookHeader, updatedAt: string, included: readonly BookListingItem[], scheme: MarkingScheme): BookRow {
    const marking = markingOf(included, header.floor, scheme);
    return {
      id: header.id,
      title: header.title,
      subtitle: header.subtitle ?? null,
      meetingDate: header.meeting?.date ?? null,
      overallMarking: marking === null ? null : marking.text,
      overallLevel: marking === null ? null : marking.level,
      itemCount: included.length,
      clearedCount: included.filter((item) => item.clearanceState === 'cleared').length,
      updatedAt,
    };
  }

  /** A book in exchange form with only live items in its sections. */
  const liveBook = (id: string): ExchangeBook => ctx.liveBook(id);

  return { bookDetail, bookRow, liveBook };
}

export type BookReader = ReturnType<typeof bookReader>;

function stripSections(book: BookHeader & Record<string, unknown>): BookHeader {
  const header: Record<string, unknown> = {};
  for (const key of BOOK_HEADER_KEYS) {
    if (book[key] !== undefined) header[key] = book[key];
  }
  return header as unknown as BookHeader;
}
