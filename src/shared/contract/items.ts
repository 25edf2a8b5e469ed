/**
 * The library's items across the process boundary: the table, facets, one item, saving, the review
 * workflow, deleting and history, and full-text search.
 */
import { z } from 'zod';
import { exchangeItemSchema, idSchema, ITEM_KINDS, ITEM_STATUSES, LIMITS, type ExchangeItem, type ItemKind, type ItemStatus } from '../domain';
import { method, none, read, returns, short, write, type ContractDefinition } from './method';
import { CLEARANCE_STATES, type ClearanceState } from '../clearance';

/**
 * What a stored item carries beside its exchange fields: stamped or computed by the store, never
 * data of the item. A save or an import that brings one drops it (`RECORD_ONLY_FIELDS`).
 */
export interface ItemRecordFields {
  version: number;
  /** who last moved the status, and when (the review workflow) */
  statusChangedBy?: string;
  statusChangedAt?: string;
  deleted: boolean;
  /** the status as it stands for the text printed now: `changed` when cleared on another text */
  clearanceState: ClearanceState;
  /** the hash of what the item prints now (docs/spec/EXCHANGE.md, "Clearance") */
  contentHash: string;
}

/** An item as the library stores it: the exchange fields plus its version and workflow stamps. */
export type ItemRecord = ExchangeItem & ItemRecordFields & { createdAt: string; updatedAt: string };

const RECORD_ONLY: Record<keyof ItemRecordFields, true> = {
  version: true, statusChangedBy: true, statusChangedAt: true, deleted: true, clearanceState: true, contentHash: true,
};
/** The record-only fields by name (every key of `ItemRecordFields`, checked by the compiler). */
export const RECORD_ONLY_FIELDS: ReadonlySet<string> = new Set(Object.keys(RECORD_ONLY));

/** One row of the library table. */
export interface ItemRow {
  id: string;
  kind: ItemKind;
  title: string;
  topic: string | null;
  tags: string[];
  classification: string;
  caveats: string[];
  status: ItemStatus;
  /** the status as it stands for the text printed now */
  clearanceState: ClearanceState;
  owner: string | null;
  version: number;
  updatedAt: string;
  /** the first words of the body, markup removed */
  excerpt: string;
  /** how many sections (in any book) include it */
  usedIn: number;
  /** the date the drafting office owes it by (`YYYY-MM-DD`), or null */
  due: string | null;
}

export interface ItemList {
  rows: ItemRow[];
  total: number;
}

export interface Facets {
  total: number;
  kinds: { value: ItemKind; count: number }[];
  /** by the state a status shows: a cleared item whose text changed since counts as `changed` */
  statuses: { value: ClearanceState; count: number }[];
  classifications: { value: string; count: number }[];
  topics: { value: string; count: number }[];
  tags: { value: string; count: number }[];
}

export interface ItemVersion {
  version: number;
  savedAt: string;
  /** the item as it was at that version */
  item: ExchangeItem;
}

export interface ItemUsage {
  bookId: string;
  bookTitle: string;
  sectionId: string;
  sectionTitle: string;
}

export interface SearchHit {
  id: string;
  kind: ItemKind;
  title: string;
  classification: string;
  caveats: string[];
  status: ItemStatus;
  clearanceState: ClearanceState;
  /** the title with matches marked; segments so the renderer never injects HTML */
  titleSegments: { text: string; hit: boolean }[];
  snippet: { text: string; hit: boolean }[];
  score: number;
}

const itemDraftSchema = z.strictObject({
  /** absent for a new item: the store assigns one */
  id: idSchema.optional(),
  kind: z.enum(ITEM_KINDS),
  title: z.string().min(1).max(LIMITS.title),
  body: z.string().max(LIMITS.body),
  topic: short.optional(),
  tags: z.array(short.min(1)).max(LIMITS.tags).optional(),
  classification: z.string().min(1).max(LIMITS.short),
  caveats: z.array(short.min(1)).max(LIMITS.caveats).optional(),
  status: z.enum(ITEM_STATUSES),
  owner: short.optional(),
  lang: short.optional(),
  // the exchange file's own bounds (at most LIMITS.translations languages, LIMITS.sources sources)
  translations: exchangeItemSchema.shape.translations,
  sources: exchangeItemSchema.shape.sources,
  cardLine: exchangeItemSchema.shape.cardLine,
  due: exchangeItemSchema.shape.due,
  drafter: exchangeItemSchema.shape.drafter,
  clearances: exchangeItemSchema.shape.clearances,
});
export type ItemDraft = z.infer<typeof itemDraftSchema>;

const sortSchema = z.strictObject({
  by: z.enum(['title', 'kind', 'topic', 'status', 'classification', 'updatedAt', 'usedIn']),
  dir: z.enum(['asc', 'desc']),
});

const itemsListInput = z.strictObject({
  kinds: z.array(z.enum(ITEM_KINDS)).max(ITEM_KINDS.length).optional(),
  statuses: z.array(z.enum(CLEARANCE_STATES)).max(CLEARANCE_STATES.length).optional(),
  classifications: z.array(short).max(LIMITS.levels).optional(),
  topics: z.array(short).max(200).optional(),
  tags: z.array(short).max(200).optional(),
  sort: sortSchema.optional(),
  offset: z.number().int().min(0).max(10_000_000).optional(),
  limit: z.number().int().min(1).max(100_000).optional(),
});

const searchInput = z.strictObject({
  q: z.string().max(LIMITS.short),
  limit: z.number().int().min(1).max(500).optional(),
  kinds: z.array(z.enum(ITEM_KINDS)).max(ITEM_KINDS.length).optional(),
});

export const itemMethods = {
  /** A page of the library table, filtered and sorted. */
  'items.list': method(
itemsListInput, returns<ItemList>(), read('items', 'books')),
  /** Counts per kind, status, level, topic and tag, for the sidebar and filter chips. */
  'items.facets': method(none, returns<Facets>(), read('items')),
  /** One item, deleted ones included (so undo can show what it restores). */
  'items.get': method(z.strictObject({ id: idSchema }), returns<ItemRecord>(), read('items')),
  /**
   * Creates or updates an item in one transaction; the previous version goes to history. With
   * `baseVersion`, a save over a newer version is refused (code `conflict`). Saving identical
   * content is a no-op that keeps the version.
   */
  'items.save': method(z.strictObject({ item: itemDraftSchema, baseVersion: z.number().int().min(0).optional() }), returns<ItemRecord>(), write('items', 'audit')),
  /** Moves an item through the review workflow, recording who and when. */
  'items.setStatus': method(z.strictObject({ id: idSchema, status: z.enum(ITEM_STATUSES), by: short.min(1) }), returns<ItemRecord>(), write('items', 'audit')),
  /** Deletes an item (kept, restorable by `items.undelete`; books stop printing it). */
  'items.delete': method(z.strictObject({ id: idSchema }), returns<ItemRecord>(), write('items', 'audit')),
  /** Brings a deleted item back, in the sections it was in. */
  'items.undelete': method(z.strictObject({ id: idSchema }), returns<ItemRecord>(), write('items', 'audit')),
  /** Every saved version, newest first. */
  'items.history': method(z.strictObject({ id: idSchema }), returns<ItemVersion[]>(), read('items')),
  /** Saves an old version's content as the newest version. */
  'items.restoreVersion': method(z.strictObject({ id: idSchema, version: z.number().int().min(1) }), returns<ItemRecord>(), write('items', 'audit')),
  /** The books and sections that include an item. */
  'items.usedIn': method(z.strictObject({ id: idSchema }), returns<ItemUsage[]>(), read('items', 'books')),

  /** Ranked full-text search over titles, bodies, tags and translations (English and Korean). */
  'search.query': method(searchInput, returns<SearchHit[]>(), read('items')),

} as const satisfies ContractDefinition;
