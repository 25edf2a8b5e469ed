/**
 * The briefing-book PDF engine. Pure: a book's content and the font files go in as data, the PDF
 * comes out as bytes. No Node or DOM API, so the app runs it in a Web Worker and the CLI and the
 * tests run it in Node. See docs/pdf.md.
 */
import type { BookContent } from '../shared/domain';
import type { PdfOptions } from '../shared/contract';
import { overallMarking } from '../shared/markings';
import { layoutBook, oneLine, paintFurniture, type Copy } from './book-layout';
import { fileNameFor } from './export-facts';
import { deflateWithCompressionStream, writeDocument } from './document';
import type { Page } from './page';
import { compressLines } from './pdf-file';
import { FontSet, type FontFiles, type MissingGlyph } from './fonts';
import type { Deflate } from './pdf-syntax';
import { checkPocketCardHasItems, layoutPocketCard } from './pocket-card';
import { markingProblems, prepareBook, type PdfProblem, type PreparedBook } from './prepare';

export { FONT_MANIFEST, fontBytes, type FontBytes, type FontFiles } from './fonts';
export { PdfExportError, type PdfProblem } from './prepare';
export { exportFacts, NoSuchCopyError, type ExportedDocument, type ExportFacts } from './export-facts';
export { POCKET_MIN_SIZE } from './pocket-card';
export { deflateWithCompressionStream } from './document';
export type { Deflate } from './pdf-syntax';
export { LiveLayout, type BookPlan } from './live-layout';

export interface PdfResult {
  bytes: Uint8Array;
  pageCount: number;
  /**
   * warnings: characters no bundled font has, uncleared items in a working copy, the marking's
   * reasons (REL TO dropped for NOFORN, caveats the scheme does not list)
   */
  problems: PdfProblem[];
  /** suggested file name, e.g. summit-2025-08-25.pdf */
  fileName: string;
  /** item id → version of every item printed, for the export log */
  itemVersions: Record<string, number>;
  /** the overall marking printed in the banners */
  overallMarking: string;
}

export interface BuildExtras {
  /** a numbered copy: "Copy N of M — recipient" on the cover, "Copy N of M" on every page */
  copy?: Copy;
  /** called as the layout advances (every 50 items and at the end): done of total items */
  onProgress?: (done: number, total: number) => void;
  /** printed after "Briefbook" in the Producer field */
  producerVersion?: string;
  /** the file's creation and modification date; the CLI passes SOURCE_DATE_EPOCH here */
  creationDate?: Date;
  /**
   * zlib compression for the file's streams. Default: the platform's CompressionStream (right
   * in a Web Worker); in Node pass zlib.deflateSync, about ten times faster there.
   */
  deflate?: Deflate;
}

function missingProblems(missing: readonly MissingGlyph[]): PdfProblem[] {
  return missing.map((m) => {
    const code = `U+${m.codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
    return {
      code: 'missing_glyph' as const,
      message: `no bundled font has ${code} "${m.char}" in ${m.context.where}; it prints as an empty box`,
      itemId: m.context.itemId,
      sectionId: m.context.sectionId,
    };
  });
}

function checkCopy(copy: Copy | undefined): void {
  if (copy === undefined) return;
  if (!Number.isInteger(copy.number) || !Number.isInteger(copy.of) || copy.number < 1 || copy.number > copy.of) {
    throw new RangeError(`copy ${copy.number} of ${copy.of} is not a valid copy number`);
  }
}

function documentInfo(book: PreparedBook, kind: string, extras: BuildExtras | undefined) {
  const date = book.book.meeting?.date;
  return {
    title: oneLine(kind === 'book' ? book.book.title : `${book.book.title}: pocket card`),
    subject: oneLine(`${book.overall.text}. ${kind === 'book' ? 'Briefing book' : 'Pocket card'}${date === undefined ? '' : ` for ${date}`}`),
    producer: extras?.producerVersion === undefined ? 'Briefbook' : `Briefbook ${extras.producerVersion}`,
    date: extras?.creationDate ?? new Date(),
  };
}

/**
 * The briefing book: cover, contents, sections, items by kind, banners on every page.
 * Throws {@link PdfExportError} when the book cannot be printed as asked (a final copy with
 * uncleared items, an unknown level, a dangling item id, nothing to print).
 */
export async function buildBookPdf(content: BookContent, fonts: FontFiles, options: PdfOptions, extras?: BuildExtras): Promise<PdfResult> {
  checkCopy(extras?.copy);
  // the engine draws a change set, it does not work one out: asked for without one is a caller's mistake
  if (options.changesSince !== undefined && content.changes === undefined) {
    throw new TypeError(`changesSince ${options.changesSince} was asked for, but the book's content carries no change set (books.changesSince)`);
  }
  const book = prepareBook(content, options);
  const fontSet = new FontSet(fonts);
  const total = book.sections.reduce((n, s) => n + s.items.length, 0);
  extras?.onProgress?.(0, total);
  const deflate = extras?.deflate ?? deflateWithCompressionStream;
  // the body's pages are compressed as soon as they are final, while the listings are drawn
  const started = new Map<Page, Uint8Array | Promise<Uint8Array>>();
  const laidOut = layoutBook(fontSet, book, extras?.copy, extras?.onProgress, undefined, (pages) => {
    for (const page of pages) {
      const data = compressLines(deflate, page.contentLines());
      // awaited when the file is written; a layout that fails before then leaves no rejection unhandled
      if (data instanceof Promise) data.catch(() => undefined);
      started.set(page, data);
    }
  });
  const bytes = await writeDocument(fontSet, laidOut.pages, laidOut.outline, documentInfo(book, 'book', extras), deflate, started);
  return {
    bytes,
    pageCount: laidOut.pages.length,
    problems: [...book.problems, ...book.markingWarnings, ...missingProblems(fontSet.missing)],
    fileName: fileNameFor(book, '', extras?.copy),
    itemVersions: book.itemVersions,
    overallMarking: book.overall.text,
  };
}

/** The book as its pocket card prints it: only `printed` items in its marking, problems and versions. */
function pocketCardBook(book: PreparedBook, printed: ReadonlySet<string>): PreparedBook {
  const onCard = book.sections.flatMap((s) => s.items).filter((p) => printed.has(p.item.id));
  const cardMarking = overallMarking(onCard.map((p) => p.item), book.scheme, book.book.floor);
  return {
    ...book,
    overall: cardMarking,
    markingWarnings: markingProblems(cardMarking),
    problems: book.problems.filter((p) => p.itemId !== undefined && printed.has(p.itemId)),
    itemVersions: Object.fromEntries(Object.entries(book.itemVersions).filter(([id]) => printed.has(id))),
  };
}

/**
 * The principal's pocket card (A6 or 4 × 6 in, one side or two); what does not fit on two sides
 * at the smallest size is left off and named in `problems`.
 */
export async function buildPocketCard(content: BookContent, fonts: FontFiles, options: PdfOptions, extras?: BuildExtras): Promise<PdfResult> {
  checkCopy(extras?.copy);
  const book = prepareBook(content, options);
  checkPocketCardHasItems(book);
  const fontSet = new FontSet(fonts);
  const layout = layoutPocketCard(fontSet, book, options.pocketCardSize);
  // the card is its own document: marked by the items it prints (not by the whole book, nor by
  // entries left off it), and logged with exactly those items' versions
  const card = pocketCardBook(book, new Set(layout.printed));
  paintFurniture(fontSet, layout.pages, card, extras?.copy, { compact: true });
  const bytes = await writeDocument(fontSet, layout.pages, [], documentInfo(card, 'card', extras), extras?.deflate);
  return {
    bytes,
    pageCount: layout.pages.length,
    problems: [...layout.problems, ...card.problems, ...card.markingWarnings, ...missingProblems(fontSet.missing)],
    fileName: fileNameFor(card, '.pocket-card', extras?.copy),
    itemVersions: card.itemVersions,
    overallMarking: card.overall.text,
  };
}
