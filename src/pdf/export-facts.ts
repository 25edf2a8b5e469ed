/**
 * What a PDF of a book is, worked out from the book's content as stored and the export options:
 * its file name and the item versions it carries — the same selection the PDF builders make
 * (prepareBook; the pocket card keeps only its kinds, and of those what fits on it; a numbered
 * copy names its number). The main
 * process records these in the export log and names the files of one export by them, rather than
 * taking the window's word (issue 10, point 6). Pure.
 */
import type { PdfOptions } from '../shared/contract';
import type { BookContent } from '../shared/domain';
import type { Copy } from './book-layout';
import { FontSet, type FontFiles } from './fonts';
import { checkPocketCardHasItems, layoutPocketCard } from './pocket-card';
import { prepareBook, type PreparedBook } from './prepare';

function safeName(id: string): string {
  const cleaned = id.normalize('NFC').replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^[-.]+|-+$/g, '');
  return cleaned === '' ? 'briefing-book' : cleaned.slice(0, 80);
}

/** The file name the builders give a PDF of this book (and the export's default name). */
export function fileNameFor(book: PreparedBook, suffix: string, copy?: Copy): string {
  const parts = [safeName(book.book.id)];
  if (book.releasableTo !== undefined) parts.push(`rel-${safeName(book.releasableTo.code)}`);
  if (copy !== undefined) parts.push(`copy-${String(copy.number).padStart(String(copy.of).length < 2 ? 2 : String(copy.of).length, '0')}`);
  return `${parts.join('-')}${suffix}.pdf`;
}

export type ExportedDocument = 'book' | 'pocketCard';

/**
 * The ids of the items a pocket card of this prepared book prints: its kinds, less what does not
 * fit on two sides at the smallest type, which only laying the card out can tell.
 */
export function pocketCardItemIds(book: PreparedBook, fonts: FontFiles, format: PdfOptions['pocketCardSize']): Set<string> {
  checkPocketCardHasItems(book);
  return new Set(layoutPocketCard(new FontSet(fonts), book, format).printed);
}

/** A copy number the book's distribution list (or the options) does not have. */
export class NoSuchCopyError extends Error {
  override name = 'NoSuchCopyError';
}

export interface ExportFacts {
  fileName: string;
  /** item id → version, for the export log */
  itemVersions: Record<string, number>;
}

/**
 * The file name and item versions of the document made from `content` with `options`: the book
 * or its pocket card, `copy` (1-based) of a numbered edition. The pocket card's items are those
 * it prints, so for it the fonts are needed (`fonts`, read once by the caller): the card is laid
 * out, as the builder lays it out, to know which entries fit. Throws PdfExportError when the
 * options are not possible for this book (a final copy with uncleared items), NoSuchCopyError
 * for a copy number beyond the distribution list.
 */
export function exportFacts(content: BookContent, options: PdfOptions, document: ExportedDocument, copyNumber?: number, fonts?: FontFiles): ExportFacts {
  const book = prepareBook(content, options);
  let copy: Copy | undefined;
  if (copyNumber !== undefined) {
    const recipients = book.book.distribution ?? [];
    if (options.numberedCopies !== true || copyNumber < 1 || copyNumber > recipients.length) {
      throw new NoSuchCopyError(`book "${book.book.id}" has no numbered copy ${copyNumber} (numbered copies: ${options.numberedCopies === true ? 'yes' : 'no'}; distribution list: ${recipients.length})`);
    }
    copy = { number: copyNumber, of: recipients.length, recipient: recipients[copyNumber - 1] };
  }
  if (document === 'book') return { fileName: fileNameFor(book, '', copy), itemVersions: book.itemVersions };
  if (fonts === undefined) throw new TypeError('the pocket card\'s export facts need the fonts: which items it prints depends on what fits');
  const printed = pocketCardItemIds(book, fonts, options.pocketCardSize);
  return {
    fileName: fileNameFor(book, '.pocket-card', copy),
    itemVersions: Object.fromEntries(Object.entries(book.itemVersions).filter(([id]) => printed.has(id))),
  };
}
