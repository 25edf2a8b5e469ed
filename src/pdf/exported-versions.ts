/**
 * Which item versions a PDF of a book carries, worked out from the book's content as stored and
 * the export options — the same selection the PDF builders make (prepareBook; the pocket card
 * keeps only its kinds). The main process records these in the export log rather than whatever
 * the window says it printed (issue 10, point 6). Pure.
 */
import type { PdfOptions } from '../shared/contract';
import type { BookContent } from '../shared/domain';
import { POCKET_GROUPS } from './book-layout';
import { prepareBook, type PreparedBook } from './prepare';

export type ExportedDocument = 'book' | 'pocketCard';

/** The ids of the items a pocket card of this prepared book prints. */
export function pocketCardItemIds(book: PreparedBook): Set<string> {
  const kinds = new Set(POCKET_GROUPS.map((g) => g.kind));
  return new Set(
    book.sections
      .flatMap((s) => s.items)
      .filter((p) => kinds.has(p.item.kind))
      .map((p) => p.item.id),
  );
}

/**
 * Item id → version for the document made from `content` with `options`. Throws PdfExportError
 * when the options are not possible for this book (a final copy with uncleared items).
 */
export function exportedItemVersions(content: BookContent, options: PdfOptions, document: ExportedDocument): Record<string, number> {
  const book = prepareBook(content, options);
  if (document === 'book') return book.itemVersions;
  const printed = pocketCardItemIds(book);
  return Object.fromEntries(Object.entries(book.itemVersions).filter(([id]) => printed.has(id)));
}
