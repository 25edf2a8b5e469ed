/**
 * The library as a whole across the process boundary: its summary, exchange files in and out, the
 * classification scheme, the export and audit logs, and settings.
 */
import { z } from 'zod';
import { idSchema, markingSchemeSchema, type MarkingScheme } from '../domain';
import { SETTING_KEYS, settingInputSchema, type SettingKey, type SettingValue } from '../settings';
import { method, none, read, returns, short, write, type ContractDefinition } from './method';

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
  /**
   * For a PDF: each printed item's content hash and whether it was cleared on that text when it
   * was exported (briefbook verify); null for exchange files and PDFs logged before this was kept.
   */
  clearance: Record<string, { contentHash: string; cleared: boolean }> | null;
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

/**
 * An export to write into the export log (not callable from the renderer: main records it);
 * the store adds the id, the book's title and the time.
 */
export type NewExportRecord = Omit<ExportRecord, 'id' | 'bookTitle' | 'exportedAt' | 'changedSince' | 'clearance'> & {
  /** a PDF's document: the book (default) or its pocket card */
  document?: 'book' | 'pocketCard';
};

/** Exchange-file text: large enough for a big library, bounded all the same. */
const exchangeText = z.string().max(512 * 1024 * 1024);

export const libraryMethods = {
  /** The open library: file, counts, scheme, last export, whether to offer the sample. */
  'library.info': method(none, returns<LibraryInfo>(), read('library', 'items', 'books', 'markings', 'exports', 'vault')),
  /** Checks an exchange file without importing it; lists every problem with its JSON path. */
  'library.validate': method(
    z.strictObject({ text: exchangeText }), returns<ValidationReport>(), read('markings')),
  /** Imports an exchange file: all or nothing, upsert by id; a second import changes nothing. */
  'library.import': method(
    z.strictObject({ text: exchangeText }), returns<ImportResult>(), write('items', 'books', 'markings', 'audit')),
  /**
   * The library (or one book and the items it uses) as exchange-file text, with the versions of
   * the items in it. With `owner` (and `bookId`): the tasker package of that office, its items in
   * the book and the office's copy of the book (docs/data-model.md, "Tasking"); `not_found`
   * when the office owns nothing in the book.
   */
  'library.export': method(
    z.strictObject({ bookId: idSchema.optional(), owner: short.min(1).optional() }),
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
