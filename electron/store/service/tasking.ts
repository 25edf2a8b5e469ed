/** A tasker package: what one drafting office owns in a book (docs/data-model.md, "Tasking"). */
import { ApiError } from '../../../src/shared/contract';
import type { ExchangeBook } from '../../../src/shared/domain';
import { shorten } from '../../../src/shared/exchange-scan';
import { officesOf, sameOffice, taskerBook } from '../../../src/shared/tasking';
import type { ServiceContext } from './context';

/**
 * The office's copy of `book` (only its items, every section kept) and the ids of those items.
 * An office that owns nothing in the book is refused in words, with the offices that do.
 */
export function taskerPackage(ctx: ServiceContext, book: ExchangeBook, owner: string): { bookList: ExchangeBook[]; itemIds: string[] } {
  const ownerOf = (id: string) => ctx.requireItem(id).owner;
  const offices = officesOf(book.sections.flatMap((s) => s.items.map(ownerOf)));
  // the office as the book's items spell it, whatever case the request was typed in
  const tasked = taskerBook(book, offices.find((office) => sameOffice(office, owner)) ?? owner, ownerOf);
  if (tasked.itemIds.length === 0) {
    throw new ApiError(
      'not_found',
      `No paper in book "${shorten(book.id)}" is owned by "${shorten(owner.trim())}"; nothing was exported. ` +
        (offices.length === 0 ? 'No item of this book has an owner yet.' : `Owners in this book: ${offices.map((o) => `"${shorten(o)}"`).join(', ')}.`),
    );
  }
  return { bookList: [tasked.book], itemIds: tasked.itemIds };
}
