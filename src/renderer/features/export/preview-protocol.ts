/** Messages between the item editor's live preview and its worker (docs/ux.md, "Live preview"). */
import type { BookContent, PdfOptions } from '../../../shared/contract';
import type { ExchangeItem } from '../../../shared/domain';

/**
 * Where a page of the body stands in its content: the first item printed on it, and how many of
 * that item's pages come before it. A re-flow that moves the page (text added or removed before
 * it) finds the same content again by this, not by a number that now points elsewhere.
 */
export interface PageAnchor {
  itemId: string;
  /** 0 for the item's first page */
  nth: number;
}

/**
 * What to show: the page an item begins on (the editor follows the item being edited), or a page
 * of the book by its number (1-based) the user turned to; its anchor, once known, keeps it on the
 * same content when the book re-flows under it.
 */
export type PreviewFocus = { itemId: string } | { page: number; anchor?: PageAnchor };

export type ToPreviewWorker =
  /** the book to preview (its stored content); the worker keeps it until the next `book` */
  | { type: 'book'; job: number; content: BookContent; options: PdfOptions; focus: PreviewFocus }
  /** the item as the editor holds it now (typed, not yet saved): it replaces the stored one */
  | { type: 'edit'; job: number; item: ExchangeItem; focus: PreviewFocus }
  | { type: 'show'; job: number; focus: PreviewFocus };

export type FromPreviewWorker =
  /** a one-page PDF of the page asked for, as it prints; `pageNumber` of `pageCount` in the book; the anchor of a body page */
  | { type: 'page'; job: number; bytes: Uint8Array; pageNumber: number; pageCount: number; anchor?: PageAnchor }
  /** the whole book has re-flowed after the job's edit: the contents' page numbers are final */
  | { type: 'settled'; job: number; pageCount: number }
  /** the book does not print the item (a releasable edition withholds it, or it left the book) */
  | { type: 'absent'; job: number }
  | { type: 'failed'; job: number; message: string };
