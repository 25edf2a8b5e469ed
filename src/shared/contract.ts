/**
 * The process boundary. Every method the renderer may call is listed here as `domain.verb`, with
 * the zod schema its input must pass (strict objects, bounded strings and arrays) and the type
 * of its output. The store's service object implements the store methods and `satisfies`
 * {@link StoreService}; electron/main implements the shell methods; the preload exposes exactly
 * these names. A missing or renamed handler fails to compile.
 */
import { z } from 'zod';
import {
  classificationAuthoritySchema,
  exchangeItemSchema,
  ITEM_KINDS,
  ITEM_STATUSES,
  LIMITS,
  idSchema,
  markingSchemeSchema,
  meetingSchema,
  type BookContent,
  type ClassificationAuthority,
  type ExchangeItem,
  type ItemKind,
  type ItemStatus,
  type MarkingScheme,
  type Meeting,
} from './domain';
import {
  LIBRARY_DATA,
  method,
  read,
  readMethodsOf,
  returns,
  write,
  type ContractDefinition,
  type ReadMethodOf,
  type WriteMethodOf,
} from './contract-method';
import type { ApiErrorShape } from './errors';
import { SETTING_KEYS, SETTINGS, settingInputSchema, type SettingKey, type SettingValue } from './settings';

// ---------------------------------------------------------------------------------------------
// Output types

/** An item as the library stores it: the exchange fields plus its version and workflow stamps. */
export type ItemRecord = ExchangeItem & {
  version: number;
  createdAt: string;
  updatedAt: string;
  /** who last moved the status, and when (the review workflow) */
  statusChangedBy?: string;
  statusChangedAt?: string;
  deleted: boolean;
};

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
  owner: string | null;
  version: number;
  updatedAt: string;
  /** the first words of the body, markup removed */
  excerpt: string;
  /** how many sections (in any book) include it */
  usedIn: number;
}

export interface ItemList {
  rows: ItemRow[];
  total: number;
}

export interface Facets {
  total: number;
  kinds: { value: ItemKind; count: number }[];
  statuses: { value: ItemStatus; count: number }[];
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
  clearance: { total: number; cleared: number; notCleared: { id: string; title: string; status: ItemStatus }[] };
  updatedAt: string;
}

export interface ImportResult {
  items: { created: number; updated: number; unchanged: number };
  books: { created: number; updated: number; unchanged: number };
  markingsChanged: boolean;
}

/** A problem found in an exchange file: `path` is a JSON path such as `$.items[3].kind`. */
export interface Problem {
  path: string;
  message: string;
}

export interface ValidationReport {
  ok: boolean;
  problems: Problem[];
  items: number;
  books: number;
}

export interface SearchHit {
  id: string;
  kind: ItemKind;
  title: string;
  classification: string;
  caveats: string[];
  status: ItemStatus;
  /** the title with matches marked; segments so the renderer never injects HTML */
  titleSegments: { text: string; hit: boolean }[];
  snippet: { text: string; hit: boolean }[];
  score: number;
}

export interface ExportRecord {
  id: number;
  /** null for an export of the whole library */
  bookId: string | null;
  bookTitle: string;
  exportedAt: string;
  kind: 'pdf' | 'exchange';
  fileName: string;
  options: Record<string, unknown>;
  pageCount: number | null;
  sha256: string;
  itemVersions: Record<string, number>;
  /** items of the book changed (or removed) since this export */
  changedSince: { id: string; title: string; exportedVersion: number; currentVersion: number | null }[];
}

export interface AuditEntry {
  id: number;
  at: string;
  action: string;
  entity: string;
  entityId: string;
  detail: string;
}

export interface LibraryInfo {
  fileName: string;
  path: string;
  schemaVersion: number;
  itemCount: number;
  bookCount: number;
  encrypted: boolean;
  readOnly: boolean;
  markings: MarkingScheme;
  lastExport: { at: string; bookTitle: string; fileName: string } | null;
  /** true until the user has taken or declined the sample book */
  offerSample: boolean;
}

// ---------------------------------------------------------------------------------------------
// Input schemas: strict objects, bounded sizes (SECURITY.md IPC-1)

const short = z.string().max(LIMITS.short);
const none = z.strictObject({});

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
});
export type ItemDraft = z.infer<typeof itemDraftSchema>;

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

const sortSchema = z.strictObject({
  by: z.enum(['title', 'kind', 'topic', 'status', 'classification', 'updatedAt', 'usedIn']),
  dir: z.enum(['asc', 'desc']),
});

/** Exchange-file text: large enough for a big library, bounded all the same. */
const exchangeText = z.string().max(512 * 1024 * 1024);

const itemsListInput = z.strictObject({
  kinds: z.array(z.enum(ITEM_KINDS)).max(ITEM_KINDS.length).optional(),
  statuses: z.array(z.enum(ITEM_STATUSES)).max(ITEM_STATUSES.length).optional(),
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

export const storeContract = {
  /** The open library: file, counts, scheme, last export, whether to offer the sample. */
  'library.info': method(none, returns<LibraryInfo>(), read('library', 'items', 'books', 'markings', 'exports', 'vault')),
  /** Checks an exchange file without importing it; lists every problem with its JSON path. */
  'library.validate': method(
    z.strictObject({ text: exchangeText }), returns<ValidationReport>(), read('markings')),
  /** Imports an exchange file: all or nothing, upsert by id; a second import changes nothing. */
  'library.import': method(
    z.strictObject({ text: exchangeText }), returns<ImportResult>(), write('items', 'books', 'markings', 'audit')),
  /** The library (or one book and the items it uses) as exchange-file text, with the versions of the items in it. */
  'library.export': method(
    z.strictObject({ bookId: idSchema.optional() }),
    returns<{ text: string; items: number; books: number; itemVersions: Record<string, number> }>(), read('items', 'books', 'markings')
  ),
  /** Imports the bundled sample book (first run). */
  'library.loadSample': method(none, returns<ImportResult>(), write('items', 'books', 'markings', 'audit', 'library')),
  /** Records that the user declined the sample, so it is not offered again. */
  'library.declineSample': method(none, returns<{ ok: true }>(), write('library')),

  /** The classification scheme items are marked with. */
  'markings.get': method(none, returns<MarkingScheme>(), read('markings')),
  /** Replaces the scheme; refused when an item or book floor uses a code the new one lacks. */
  'markings.set': method(
    z.strictObject({ scheme: markingSchemeSchema }), returns<MarkingScheme>(), write('markings', 'audit')),

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

  /** All books, newest meeting first, with their overall marking and clearance counts. */
  'books.list': method(none, returns<BookRow[]>(), read('books', 'items', 'markings')),
  /** A book with its sections, their items, overall marking and clearance summary. */
  'books.get': method(z.strictObject({ id: idSchema }), returns<BookDetail>(), read('books', 'items', 'markings')),
  /** Creates a book (id assigned when absent) with no sections. */
  'books.create': method(z.strictObject({ title: z.string().min(1).max(LIMITS.title), id: idSchema.optional() }), returns<BookDetail>(), write('books', 'audit')),
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
  /** Takes an item out of a section (it stays in the library). */
  'sections.removeItem': method(
    z.strictObject({ bookId: idSchema, sectionId: idSchema, itemId: idSchema }),
    returns<BookDetail>(), write('books', 'audit')
  ),

  /** Ranked full-text search over titles, bodies, tags and translations (English and Korean). */
  'search.query': method(searchInput, returns<SearchHit[]>(), read('items')),

  /** Past exports (newest first), with the items changed since each. */
  'exports.list': method(
    z.strictObject({ bookId: idSchema.optional() }), returns<ExportRecord[]>(), read('exports', 'items', 'books')),
  /** The audit log, newest first. */
  'audit.list': method(
    z.strictObject({ limit: z.number().int().min(1).max(10_000).optional() }), returns<AuditEntry[]>(), read('audit')),
  /** A setting of the registry (src/shared/settings.ts): its stored value, or its default. */
  'settings.get': method(z.strictObject({ key: z.literal(SETTING_KEYS) }), returns<SettingValue<SettingKey>>(), read('settings')),
  /** Stores a setting; the value must pass its key's schema. */
  'settings.set': method(settingInputSchema, returns<{ ok: true }>(), write('settings')),
} as const satisfies ContractDefinition;



/** Export options, shared by the export dialog, the PDF engine, the CLI and the export log. */
export const pdfOptionsSchema = z.strictObject({
  /** `final` refuses a book with any item not cleared */
  mode: z.enum(['working', 'final']),
  watermark: z.string().max(LIMITS.watermark).optional(),
  /** also produce the principal's one-page pocket card */
  pocketCard: z.boolean().optional(),
  /** one PDF per recipient of the distribution list, "Copy N of M" */
  numberedCopies: z.boolean().optional(),
  /** releasable edition: leave out items above this level code */
  maxLevel: short.min(1).optional(),
});
export type PdfOptions = z.infer<typeof pdfOptionsSchema>;

/**
 * The encrypted-library session (SECURITY.md DATA-*): lock state, passphrases, backups.
 * Implemented in electron/store beside the service; every store method answers `locked` while
 * the library is locked.
 */
export const vaultContract = {
  /** Whether the library is open, locked (encrypted, no key in memory) or in recovery. */
  'vault.status': method(none, returns<VaultStatus>(), read('vault')),
  /** Unlocks an encrypted library; a wrong passphrase answers `wrong_passphrase` and changes nothing. */
  'vault.unlock': method(z.strictObject({ passphrase: z.string().min(1).max(LIMITS.short) }), returns<VaultStatus>(), write('vault')),
  /** Drops the key from memory; the library shows the lock screen. */
  'vault.lock': method(none, returns<VaultStatus>(), write('vault')),
  /**
   * Encrypts a plain library with a new passphrase, and every plain backup with it. A copy of a
   * damaged library that cannot be encrypted is removed when `removeDamagedCopies` is true;
   * otherwise such a copy makes the call answer `damaged_copies_plain` and change nothing.
   */
  'vault.encrypt': method(
    z.strictObject({ passphrase: z.string().min(8).max(LIMITS.short), removeDamagedCopies: z.boolean().optional() }),
    returns<EncryptResult>(), write('vault', 'backups', 'audit')
  ),
  /** Turns an encrypted library back into a plain one (asks for the passphrase again). */
  'vault.decrypt': method(z.strictObject({ passphrase: z.string().min(1).max(LIMITS.short) }), returns<VaultStatus>(), write('vault', 'backups', 'audit')),
  /** Rewraps the data key; the database file is left byte-identical. */
  'vault.changePassphrase': method(
    z.strictObject({ current: z.string().min(1).max(LIMITS.short), next: z.string().min(8).max(LIMITS.short) }),
    returns<VaultStatus>(), write('vault', 'backups', 'audit')
  ),
  /**
   * A new data key: the library and every backup are re-encrypted under it and get new key
   * files (with `next` as their passphrase, else the current one), all or nothing. Afterwards no
   * earlier key file opens anything. For a passphrase that may have leaked.
   */
  'vault.rotateKey': method(
    z.strictObject({ passphrase: z.string().min(1).max(LIMITS.short), next: z.string().min(8).max(LIMITS.short).optional() }),
    returns<KeyRotation>(), write('vault', 'backups', 'audit')
  ),
  /** Minutes of inactivity before the library locks itself (0: never). */
  'vault.setIdleLock': method(z.strictObject({ minutes: SETTINGS['vault.idleLockMinutes'].schema }), returns<VaultStatus>(), write('vault')),
  /**
   * Erases an item for good (entered at too high a level): every version, its places in books,
   * its search-index entries and its mentions in the logs; the freed space is overwritten and the
   * file rebuilt; every backup that holds it is rewritten without it. The audit log keeps only
   * that an item was purged, by whom and when. Confirmed by the person in a native dialog.
   */
  'items.purge': method(z.strictObject({ id: idSchema, by: short.min(1) }), returns<PurgeResult>(), write('items', 'books', 'exports', 'audit', 'backups')),
  /** Rolling backups of the library, newest first. */
  'backups.list': method(none, returns<BackupEntry[]>(), read('backups')),
  /** Takes a backup now. */
  'backups.create': method(none, returns<BackupEntry>(), write('backups')),
  /**
   * Replaces the library with a backup (the current state is backed up first). `passphrase` is
   * the backup's own, needed when the library no longer has its key (key file lost, passphrase
   * changed since): without it such a restore answers `backup_needs_passphrase`.
   */
  'backups.restore': method(
    z.strictObject({ name: z.string().min(1).max(255), passphrase: z.string().min(1).max(LIMITS.short).optional() }),
    returns<VaultStatus>(), write(...LIBRARY_DATA)
  ),
} as const satisfies ContractDefinition;

export interface VaultStatus {
  /** the library file's name (no folder), for the lock and recovery screens */
  fileName: string;
  state: 'open' | 'locked' | 'recovery';
  encrypted: boolean;
  readOnly: boolean;
  /** what went wrong, in words, when in recovery */
  problem: ApiErrorShape | null;
  idleLockMinutes: number;
}

/** What `items.purge` did. */
export interface PurgeResult {
  purgedAt: string;
  /** backups that held the item and were rewritten without it */
  backupsPurged: number;
  /** backups that may still hold it, with why (another key, a copy of a damaged file) */
  backupsLeft: { name: string; why: string }[];
}

/** What `vault.encrypt` did. */
export interface EncryptResult {
  status: VaultStatus;
  /** plain backups now encrypted (copies of damaged files included) */
  encryptedBackups: number;
  /** copies of damaged files removed because they could not be encrypted (the user agreed) */
  removedDamagedCopies: string[];
  /** backups that could not be encrypted and are still readable, with why */
  stillPlain: { name: string; why: string }[];
}

/** What `vault.rotateKey` did. */
export interface KeyRotation {
  status: VaultStatus;
  /** backups now encrypted under the new data key */
  rotatedBackups: number;
  /** encrypted backups left as they were (another data key the passphrase does not unwrap, or damaged) */
  untouchedBackups: { name: string; why: string }[];
}

export interface BackupEntry {
  name: string;
  createdAt: string;
  bytes: number;
}

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
  /** Writes the library (or one book) as an exchange file chosen in a save dialog. */
  'files.saveExchange': method(z.strictObject({ bookId: idSchema.optional() }), returns<SavedFile>(), write('exports', 'audit')),
  /** Picks an exchange file in an open dialog and imports it. */
  'files.importExchange': method(none, returns<{ cancelled: true } | ({ cancelled: false; fileName: string } & ImportResult)>(), write('items', 'books', 'markings', 'audit')),
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

export type SavedFile = { saved: false } | { saved: true; fileName: string; sha256: string };

/** Everything `window.briefbook` offers, in one list (the preload is generated from it). */
export const apiContract = { ...storeContract, ...vaultContract, ...shellContract } as const;
export type ApiContract = typeof apiContract;
export type ApiMethod = keyof ApiContract;
/** Methods that change nothing, and methods that change something (their `effect`). */
export type ReadMethod = ReadMethodOf<ApiContract>;
export type WriteMethod = WriteMethodOf<ApiContract>;

/** The renderer's view: every method async, inputs before parsing. */
export type BriefbookApi = {
  [M in ApiMethod]: (input: MethodInput<ApiContract, M>) => Promise<MethodOutput<ApiContract, M>>;
};

export type VaultContract = typeof vaultContract;
export type VaultMethod = keyof VaultContract;
export type ShellContract = typeof shellContract;
export type ShellMethod = keyof ShellContract;

export type StoreContract = typeof storeContract;
export type StoreMethod = keyof StoreContract;
/** The store methods that change nothing: no rolling backup follows them. */
export const STORE_READ_METHODS: ReadonlySet<StoreMethod> = readMethodsOf(storeContract);
export type MethodInput<C, M extends keyof C> = C[M] extends { input: infer I extends z.ZodType } ? z.input<I> : never;
export type ParsedInput<C, M extends keyof C> = C[M] extends { input: infer I extends z.ZodType } ? z.output<I> : never;
export type MethodOutput<C, M extends keyof C> = C[M] extends { output: infer O } ? O : never;

/** What the store's service object must satisfy: synchronous, inputs already parsed. */
export type StoreService = {
  [M in StoreMethod]: (input: ParsedInput<StoreContract, M>) => MethodOutput<StoreContract, M>;
};

export { ApiError, type ApiErrorCode, type ApiErrorShape } from './errors';

export type { BookContent, ItemKind, ItemStatus, MarkingScheme };

/** What the vault (encrypted-library session) must satisfy: synchronous, inputs already parsed. */
export type VaultService = {
  [M in VaultMethod]: (input: ParsedInput<VaultContract, M>) => MethodOutput<VaultContract, M>;
};

/** What electron/main must implement itself: async (dialogs), inputs already parsed. */
export type ShellService = {
  [M in ShellMethod]: (input: ParsedInput<ShellContract, M>) => Promise<MethodOutput<ShellContract, M>>;
};

/**
 * An export to write into the export log (not callable from the renderer: main records it);
 * the store adds the id, the book's title and the time.
 */
export type NewExportRecord = Omit<ExportRecord, 'id' | 'bookTitle' | 'exportedAt' | 'changedSince'>;
