/**
 * Incremental layout for the live preview (docs/pdf.md, "Incremental layout"): one long-lived
 * FontSet and a {@link BodyCache}, so that after an edit only the changed item, and what follows
 * it until the page breaks line up again, is laid out; the rest of the book is replayed from what
 * the last layout drew. The pages come out as a layout from scratch gives them
 * (`live-layout.test.ts` checks it on random edits).
 */
import type { PdfOptions } from '../shared/contract';
import type { BookContent } from '../shared/domain';
import { BodyCache, finishSteps, planBook, previewPages, type BookPlan, type LaidOutBook } from './book-layout';
import { writeDocument } from './document';
import { FontSet, type FontFiles } from './fonts';
import { Page } from './page';
import type { Deflate } from './pdf-syntax';
import { prepareBook } from './prepare';

export type { BookPlan } from './book-layout';

export class LiveLayout {
  readonly fonts: FontSet;
  readonly cache: BodyCache;
  constructor(files: FontFiles | FontSet) {
    this.fonts = files instanceof FontSet ? files : new FontSet(files);
    this.cache = new BodyCache(this.fonts);
  }

  /**
   * Lays out the book up to its listings, one section per step, replaying what is unchanged.
   * Every page's number is known at the end; throws PdfExportError as buildBookPdf does.
   */
  *plan(content: BookContent, options: PdfOptions): Generator<void, BookPlan> {
    const book = prepareBook(content, options);
    return yield* planBook(this.fonts, book, undefined, undefined, this.cache);
  }

  /** {@link plan} run to the end. */
  planNow(content: BookContent, options: PdfOptions): BookPlan {
    const steps = this.plan(content, options);
    for (;;) {
      const step = steps.next();
      if (step.done === true) return step.value;
    }
  }

  /** The finished pages an item is on (its thumb tab, banners, "Page N of M"), without the rest of the book. */
  itemPages(plan: BookPlan, itemId: string): Page[] {
    return previewPages(this.fonts, plan, itemId);
  }

  /**
   * The whole book: the listings (their page numbers settled) and every page's furniture, one
   * step per listing and per 40 pages (a caller can stop between steps).
   */
  *finishing(plan: BookPlan): Generator<void, LaidOutBook> {
    return yield* finishSteps(this.fonts, plan, 40);
  }

  /** {@link finishing} run to the end. */
  finish(plan: BookPlan): LaidOutBook {
    const steps = this.finishing(plan);
    for (;;) {
      const step = steps.next();
      if (step.done === true) return step.value;
    }
  }

  /**
   * A PDF of a few pages of the book, for the preview: the pages as they print, without links or
   * bookmarks (they would point at pages not in the file).
   */
  async pdf(pages: readonly Page[], title: string, deflate?: Deflate): Promise<Uint8Array> {
    const bare = pages.map((page, i) => {
      const copy = page.copy();
      copy.index = i;
      return copy;
    });
    return writeDocument(this.fonts, bare, [], { title, subject: 'Preview', producer: 'Briefbook', date: new Date(0) }, deflate);
  }
}
