/** Methods only the Electron main process can answer (dialogs, files, the window), and the PDF export options. */
import { z } from 'zod';
import { idSchema, ITEM_KINDS, LIMITS, type ItemKind } from '../domain';
import { importResolutionSchema, type ImportPlan, type ImportResult } from './library';
import { LIBRARY_DATA, method, none, read, returns, short, write, type ContractDefinition } from './method';

/** Export options, shared by the export dialog, the PDF engine, the CLI and the export log. */
export const pdfOptionsSchema = z.strictObject({
  /** `final` refuses a book with any item not cleared */
  mode: z.enum(['working', 'final']),
  watermark: z.string().max(LIMITS.watermark).optional(),
  /** also produce the principal's pocket card */
  pocketCard: z.boolean().optional(),
  /** the pocket card's size: A6 (default) or 4 × 6 in */
  pocketCardSize: z.enum(['a6', '4x6']).optional(),
  /** one PDF per recipient of the distribution list, "Copy N of M" */
  numberedCopies: z.boolean().optional(),
  /** releasable edition: leave out items above this level code */
  maxLevel: short.min(1).optional(),
  /** hyphenate English body text at line ends (TeX patterns); titles never are */
  hyphenate: z.boolean().optional(),
  /** an "At a glance" page after the cover: objectives, asks, red lines with their pages (default on) */
  atAGlance: z.boolean().optional(),
  /** a labelled tab per section on the outer edge of its pages (default on) */
  thumbTabs: z.boolean().optional(),
  /** a divider page before each section (default off) */
  sectionDividers: z.boolean().optional(),
  /** sources gathered as endnotes at each section's end, or left out (default endnotes) */
  sources: z.enum(['endnotes', 'omit']).optional(),
  /** bilingual pages: each item beside (or above) its translation in this language, e.g. `ko` */
  bilingual: z
    .string()
    .max(35)
    .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a language tag such as ko, ja or zh-Hant')
    .optional(),
  /** the translation in a column beside the text (default) or below it */
  bilingualLayout: z.enum(['columns', 'below']).optional(),
  /** a clearance page after the contents: per paper, its drafter and clearing offices with dates (default off) */
  clearancePage: z.boolean().optional(),
  /**
   * change bars beside the items added or edited since this edition (an export id, or `last`: the
   * book's latest PDF) and a "Changes since the edition of DATE" page after the contents; the
   * caller passes the change set (books.changesSince) in the book's content
   */
  changesSince: z.union([z.literal('last'), z.number().int().min(1).max(Number.MAX_SAFE_INTEGER)]).optional(),
  /** also print sections that have no items (left out by default: an outline's placeholders are not the book) */
  includeEmptySections: z.boolean().optional(),
});
export type PdfOptions = z.infer<typeof pdfOptionsSchema>;

/** Methods only the Electron main process can answer: dialogs, files, the window. */
export const shellContract = {
  /** Version, platform and the licences of bundled fonts and libraries (Help → About). */
  'app.info': method(none, returns<AppInfo>(), read()),
  /**
   * Saves PDF bytes made by the renderer: save dialog, atomic write, an entry in the export log.
   * Cancelled dialogs answer `{ saved: false }`.
   */
  'files.savePdf': method(
    z.strictObject({
      bookId: idSchema,
      suggestedName: z.string().min(1).max(255),
      bytes: z.instanceof(Uint8Array).refine((b) => b.byteLength <= 1024 * 1024 * 1024, 'PDF over 1 GiB'),
      options: pdfOptionsSchema,
      pageCount: z.number().int().min(1).max(1_000_000),
      /**
       * The book itself (default) or its pocket card: the main process works out from the store
       * which item versions it carries for the export log (never from the window's word).
       */
      document: z.enum(['book', 'pocketCard']).optional(),
      /** which numbered copy this is (1-based), when the options ask for numbered copies */
      copy: z.number().int().min(1).max(LIMITS.distribution).optional(),
      /**
       * Write into the folder the previous PDF of the same book was saved to, without asking
       * again: the rest of one export (numbered copies, the pocket card), under the name the main
       * process gives it from the book and the options (as the builders name it); a file already
       * there is never replaced without the save dialog's consent. Refused with `no_folder` when
       * no PDF of this book was saved yet.
       */
      sameFolderAsLast: z.boolean().optional(),
    }),
    returns<SavedFile>(), write('exports', 'audit')
  ),
  /**
   * Writes the library (or one book) as an exchange file chosen in a save dialog; with `owner`
   * (and `bookId`), that office's tasker package ("Send for drafting…").
   */
  'files.saveExchange': method(z.strictObject({ bookId: idSchema.optional(), owner: short.min(1).optional() }), returns<SavedFile>(), write('exports', 'audit')),
  /**
   * Picks an exchange file in an open dialog and returns what importing it would do (nothing is
   * written); the main process keeps the file's text as the pending import.
   */
  'files.chooseExchange': method(none, returns<{ cancelled: true } | { cancelled: false; fileName: string; plan: ImportPlan }>(), read('items', 'books', 'markings')),
  /**
   * Imports the pending exchange file (chosen by `files.chooseExchange`) with the conflicts'
   * resolutions; with `basis`, refused when the library changed since the plan.
   */
  'files.importExchange': method(
    z.strictObject({
      basis: z.string().max(LIMITS.short).optional(),
      resolutions: z.array(importResolutionSchema).max(LIMITS.fileItems + LIMITS.fileBooks).optional(),
      acceptMarkings: z.boolean().optional(),
    }),
    returns<{ fileName: string } & ImportResult>(), write('items', 'books', 'markings', 'audit')),
  /**
   * A Word paper's items, before anything is written (the book view's drop preview): the bytes
   * of a file dropped on a section, or, without `file`, a .docx chosen in an open dialog
   * (Cancel answers `{ cancelled: true }`). A paper that cannot be imported answers
   * `invalid_file` with one line in words naming the file. The items are then written with
   * `sections.createItems`.
   */
  'files.previewDocx': method(
    z.strictObject({
      file: z
        .strictObject({
          name: z.string().min(1).max(255),
          bytes: z.instanceof(Uint8Array).refine((b) => b.byteLength <= DOCX_MAX_BYTES, 'a Word paper over 50 MB'),
        })
        .optional(),
      /** the section's kind, given to every item (a paper names none) */
      kind: z.enum(ITEM_KINDS).optional(),
    }),
    returns<DocxPreview>(),
    read(),
  ),
  /** Opens another library file (open dialog) and reloads the window on it. */
  'files.openLibrary': method(z.strictObject({ path: z.string().min(1).max(4096).optional() }), returns<{ cancelled: boolean }>(), write(...LIBRARY_DATA, 'recent')),
  /** Creates a new library file (save dialog) and reloads the window on it. */
  'files.newLibrary': method(none, returns<{ cancelled: boolean }>(), write(...LIBRARY_DATA, 'recent')),
  /** Recently opened library files, newest first. */
  'files.recentLibraries': method(none, returns<{ path: string; fileName: string; openedAt: string }[]>(), read('recent')),
} as const satisfies ContractDefinition;

export interface AppInfo {
  name: string;
  version: string;
  platform: string;
  electron: string | null;
  packaged: boolean;
  /** started with --smoke: the renderer runs the start-up check (src/shared/smoke-check.ts) */
  smoke?: boolean;
  licences: { name: string; licence: string }[];
}

/** The largest Word paper Briefbook opens. */
export const DOCX_MAX_BYTES = 50 * 1024 * 1024;

/** A size in megabytes, rounded up, so that a file just over the limit never reads as "50.0 MB". */
export function megabytes(bytes: number): string {
  return `${(Math.ceil((bytes / (1024 * 1024)) * 10) / 10).toFixed(1)} MB`;
}

/** The refusal of a Word paper over DOCX_MAX_BYTES, the same from the store and from the window. */
export function docxTooLarge(name: string, bytes: number): string {
  return `${name} is ${megabytes(bytes)}; a Word paper may be at most 50 MB.`;
}

/** One item a Word paper will make: a heading's text and the Briefbook text under it. */
export interface DocxItem {
  title: string;
  body: string;
  kind?: ItemKind;
  /** the text before the paper's first heading, titled with the file's name (kept, not dropped) */
  beforeFirstHeading?: true;
}

export type DocxPreview = { cancelled: true } | { cancelled: false; fileName: string; items: DocxItem[] };

export type SavedFile = { saved: false } | { saved: true; fileName: string; sha256: string };
