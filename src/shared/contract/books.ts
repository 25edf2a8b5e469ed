/** Books and their sections across the process boundary. */
import type { ClearanceState } from '../clearance';
import { z } from 'zod';
import { classificationAuthoritySchema, idSchema, isoDateSchema, ITEM_KINDS, LIMITS, meetingSchema, type BookContent, type ClassificationAuthority, type ItemStatus, type Meeting } from '../domain';
import type { ChangeSet } from '../changes';
import type { ItemRow } from './items';
import { method, none, read, returns, short, write, type ContractDefinition } from './method';

export interface BookRow {
  id: string;
  title: string;
  subtitle: string | null;
  meetingDate: string | null;
  /** the overall marking as the PDF would print it, or null when an item's level is unknown */
  overallMarking: string | null;
  overallLevel: string | null;
  itemCount: number;
  clearedCount: number;
  updatedAt: string;
}

export interface BookHeader {
  id: string;
  title: string;
  subtitle?: string;
  meeting?: Meeting;
  preparedBy?: string;
  floor?: string;
  classificationAuthority?: ClassificationAuthority;
  distribution?: string[];
}

export interface SectionDetail {
  id: string;
  title: string;
  items: ItemRow[];
}

export interface BookDetail {
  book: BookHeader;
  sections: SectionDetail[];
  overallMarking: string;
  overallLevel: string;
  clearance: { total: number; cleared: number; notCleared: { id: string; title: string; status: ItemStatus; clearanceState: ClearanceState }[];
    /**
     * Per paper, who still has to clear it: each paper not cleared as printed, or with an office
     * of its clearance chain that has not cleared its text as it is now, in book order.
     */
    waiting: { id: string; title: string; clearanceState: ClearanceState; offices: string[] }[];
  };
  updatedAt: string;
}

/** What `sections.createItems` made: the book as it is now and the new items' ids, in order. */
export interface CreatedItems {
  detail: BookDetail;
  itemIds: string[];
}

const bookHeaderSchema = z.strictObject({
  id: idSchema,
  title: z.string().min(1).max(LIMITS.title),
  subtitle: short.optional(),
  meeting: meetingSchema.optional(),
  preparedBy: short.optional(),
  floor: short.optional(),
  classificationAuthority: classificationAuthoritySchema.optional(),
  distribution: z.array(short.min(1)).max(LIMITS.distribution).optional(),
});

export const bookMethods = {
  /** All books, newest meeting first, with their overall marking and clearance counts. */
  'books.list': method(none, returns<BookRow[]>(), read('books', 'items', 'markings')),
  /** A book with its sections, their items, overall marking and clearance summary. */
  'books.get': method(z.strictObject({ id: idSchema }), returns<BookDetail>(), read('books', 'items', 'markings')),
  /** Creates a book (id assigned when absent) with the sections given, in order (the usual ones when absent; [] for none). */
  'books.create': method(
    z.strictObject({ title: z.string().min(1).max(LIMITS.title), id: idSchema.optional(), sections: z.array(z.string().trim().min(1).max(LIMITS.title)).max(100).optional() }),
    returns<BookDetail>(),
    write('books', 'audit'),
  ),
  /** Saves the book's header: meeting, prepared by, floor, authority, distribution. */
  'books.save': method(
    z.strictObject({ book: bookHeaderSchema }), returns<BookDetail>(), write('books', 'audit')),
  /** A new book from an existing one: same header and sections, the same items referenced. */
  'books.duplicate': method(z.strictObject({ id: idSchema, title: z.string().min(1).max(LIMITS.title) }), returns<BookDetail>(), write('books', 'audit')),
  /** Deletes a book (its items stay in the library). Returns what was deleted, for undo. */
  'books.delete': method(
    z.strictObject({ id: idSchema }), returns<{ text: string }>(), write('books', 'audit')),
  /** Everything the PDF engine needs to print the book. */
  'books.content': method(z.strictObject({ id: idSchema }), returns<BookContent>(), read('books', 'items', 'markings')),
  /**
   * What changed in the book since one of its exports (`last`: its latest PDF of the book):
   * items added, edited (with word diffs and the marking change), moved and removed.
   */
  'books.changesSince': method(
    z.strictObject({ bookId: idSchema, since: z.union([z.literal('last'), z.number().int().min(1).max(Number.MAX_SAFE_INTEGER)]) }),
    returns<ChangeSet>(),
    read('books', 'items', 'markings', 'exports'),
  ),
  /** Puts the book's sections in the given order (every section id exactly once). */
  'books.reorderSections': method(z.strictObject({ bookId: idSchema, sectionIds: z.array(idSchema).max(LIMITS.sections) }), returns<BookDetail>(), write('books', 'audit')),

  /** Adds a section at `index` (default: the end). */
  'sections.add': method(
    z.strictObject({
      bookId: idSchema,
      title: z.string().min(1).max(LIMITS.title),
      index: z.number().int().min(0).max(LIMITS.sections).optional(),
    }), returns<BookDetail>(), write('books', 'audit')),
  /** Renames a section. Section ids are unique within their book. */
  'sections.rename': method(
    z.strictObject({ bookId: idSchema, sectionId: idSchema, title: z.string().min(1).max(LIMITS.title) }),
    returns<BookDetail>(), write('books', 'audit')
  ),
  /** Deletes a section; its items stay in the library. */
  'sections.delete': method(z.strictObject({ bookId: idSchema, sectionId: idSchema }), returns<BookDetail>(), write('books', 'audit')),
  /** Adds library items to a section at `index` (default: the end); ones already there are skipped. */
  'sections.addItems': method(
    z.strictObject({
      bookId: idSchema,
      sectionId: idSchema,
      itemIds: z.array(idSchema).min(1).max(LIMITS.sectionItems),
      index: z.number().int().min(0).max(LIMITS.sectionItems).optional(),
    }),
    returns<BookDetail>(), write('books', 'audit')
  ),
  /**
   * Writes new items (drafts, all at one level) at the end of a section, all in one transaction
   * or none: the items of a Word paper (electron/store/docx-items.ts), from the book view's
   * drop preview and from `briefbook import paper.docx`. Answers the book and the new ids, in order.
   */
  'sections.createItems': method(
    z.strictObject({
      bookId: idSchema,
      sectionId: idSchema,
      classification: short.min(1),
      items: z
        .array(z.strictObject({ kind: z.enum(ITEM_KINDS), title: z.string().trim().min(1).max(LIMITS.title), body: z.string().max(LIMITS.body) }))
        .min(1)
        .max(LIMITS.paperItems),
    }),
    returns<CreatedItems>(), write('items', 'books', 'audit')
  ),
  /** Moves an item within a section or to another section of the same book. */
  'sections.moveItem': method(
    z.strictObject({
      bookId: idSchema,
      itemId: idSchema,
      fromSectionId: idSchema,
      toSectionId: idSchema,
      index: z.number().int().min(0).max(LIMITS.sectionItems),
    }),
    returns<BookDetail>(), write('books', 'audit')
  ),
  /**
   * Requests a paper of a drafting office: a placeholder item (draft, empty body, the scheme's
   * lowest level, the office as owner, the due date) added at the end of the section, in one
   * transaction (docs/data-model.md, "Tasking").
   */
  'sections.requestPaper': method(
    z.strictObject({
      bookId: idSchema,
      sectionId: idSchema,
      title: z.string().trim().min(1).max(LIMITS.title),
      kind: z.enum(ITEM_KINDS),
      owner: z.string().trim().min(1).max(LIMITS.short),
      due: isoDateSchema.optional(),
    }),
    returns<{ itemId: string; book: BookDetail }>(), write('items', 'books', 'audit')
  ),
  /** Takes an item out of a section (it stays in the library). */
  'sections.removeItem': method(
    z.strictObject({ bookId: idSchema, sectionId: idSchema, itemId: idSchema }),
    returns<BookDetail>(), write('books', 'audit')
  ),

} as const satisfies ContractDefinition;
