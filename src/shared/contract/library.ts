/**
 * The library as a whole across the process boundary: its summary, exchange files in and out, the
 * classification scheme, the export and audit logs, and settings.
 */
import { z } from 'zod';
import { idSchema, LIMITS, markingSchemeSchema, type MarkingScheme } from '../domain';
import { SETTING_KEYS, settingInputSchema, type SettingKey, type SettingValue } from '../settings';
import { method, none, read, returns, short, write, type ContractDefinition } from './method';

export interface ImportResult {
  items: { created: number; updated: number; unchanged: number };
  books: { created: number; updated: number; unchanged: number };
  markingsChanged: boolean;
  /** the import-log entry that undoes this import; null when nothing changed */
  logId: number | null;
}

/**
 * What an import does with one item or book of the file (docs/spec/EXCHANGE.md, "Revisions and
 * merging"): new here; the same; older than ours; a later rev of ours; changed on both sides;
 * deleted here; or, from a file without revs, a different copy that replaces ours.
 */
export const IMPORT_OUTCOMES = ['created', 'unchanged', 'older', 'fast-forward', 'conflict', 'deleted-here', 'replaced-without-rev'] as const;
export type ImportOutcome = (typeof IMPORT_OUTCOMES)[number];

/** How a conflict is settled: keep ours, take theirs, or keep both (theirs as a new item or book). */
export const IMPORT_RESOLUTIONS = ['ours', 'theirs', 'both'] as const;
export type ImportResolution = (typeof IMPORT_RESOLUTIONS)[number];

export interface ImportPlanEntry {
  entity: 'item' | 'book';
  id: string;
  title: string;
  outcome: ImportOutcome;
  /** the top-level fields in which the file's copy differs from ours (conflicts, replacements) */
  fields: string[];
  /** the file's `rev` is not the rev of its object (hand-edited or damaged): never a fast-forward */
  revMismatch: boolean;
  /** conflicts: our copy and theirs, for the side-by-side view (without rev, history, timestamps) */
  ours?: Record<string, unknown>;
  theirs?: Record<string, unknown>;
}

export interface ImportPlan {
  fileName: string;
  /** SHA-256 of the file's text as UTF-8: its bytes, less a leading byte-order mark if it had one */
  sha256: string;
  /** the library's state the plan was made from: applying refuses when it has changed since */
  basis: string;
  /** what differs between the file's marking scheme and ours; empty when they are the same */
  markingDifferences: string[];
  entries: ImportPlanEntry[];
  counts: Record<ImportOutcome, number>;
}

/** One object an import changed, as the import log keeps it to undo the import. */
export interface ImportLogChange {
  entity: 'item' | 'book';
  id: string;
  title: string;
  outcome: ImportOutcome;
  resolution: ImportResolution | null;
  /** the object before the import (exchange form); null when the import created it */
  before: Record<string, unknown> | null;
  /** whether the item was deleted before the import */
  beforeDeleted: boolean;
  /** its rev right after the import: undo refuses when the object has changed since */
  afterRev: string;
}

export interface ImportLogEntry {
  id: number;
  at: string;
  fileName: string;
  sha256: string;
  summary: string;
  changes: {
    markingsBefore: MarkingScheme | null;
    objects: ImportLogChange[];
    /** the revs this import brought that the library had never had: undoing it forgets them again */
    addedRevs: { entity: 'item' | 'book'; id: string; rev: string }[];
  };
  undoneAt: string | null;
}

/** A settlement for one conflict, or for all of them (`id` absent). */
export const importResolutionSchema = z.strictObject({
  entity: z.enum(['item', 'book']).optional(),
  id: idSchema.optional(),
  resolution: z.enum(IMPORT_RESOLUTIONS),
});
export type ImportResolutionInput = z.infer<typeof importResolutionSchema>;

const importOptions = {
  /** the file's name, for the report, the log and a kept-both copy's title */
  fileName: z.string().min(1).max(LIMITS.short).optional(),
  resolutions: z.array(importResolutionSchema).max(LIMITS.fileItems + LIMITS.fileBooks).optional(),
  /** take the file's marking scheme when it differs from ours */
  acceptMarkings: z.boolean().optional(),
  /** bring back what was deleted here (the undo of a delete), instead of keeping it deleted */
  restoreDeleted: z.boolean().optional(),
};

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
  /** What importing an exchange file would do, object by object; changes nothing. */
  'library.importPlan': method(
    z.strictObject({ text: exchangeText, fileName: importOptions.fileName }), returns<ImportPlan>(), read('items', 'books', 'markings')),
  /**
   * Imports an exchange file: all or nothing, object by object as its plan says; refused while a
   * conflict has no resolution, when the file's scheme differs and is not accepted, or (with
   * `basis`) when the library changed since the plan was made. Logged; undone by `imports.undo`.
   */
  'library.import': method(
    z.strictObject({ text: exchangeText, basis: z.string().max(LIMITS.short).optional(), ...importOptions }),
    returns<ImportResult>(), write('items', 'books', 'markings', 'audit')),
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
  /** The import log, newest first: what each import changed, from which file. */
  'imports.list': method(
    z.strictObject({ limit: z.number().int().min(1).max(10_000).optional() }), returns<ImportLogEntry[]>(), read('audit')),
  /** Undoes an import as a whole; refused when an object it changed has changed since. */
  'imports.undo': method(
    z.strictObject({ id: z.number().int().min(1) }), returns<{ restored: number; removed: number }>(), write('items', 'books', 'markings', 'audit')),
  /** The audit log, newest first. */
  'audit.list': method(
    z.strictObject({ limit: z.number().int().min(1).max(10_000).optional() }), returns<AuditEntry[]>(), read('audit')),
  /** A setting of the registry (src/shared/settings.ts): its stored value, or its default. */
  'settings.get': method(z.strictObject({ key: z.literal(SETTING_KEYS) }), returns<SettingValue<SettingKey>>(), read('settings')),
  /** Stores a setting; the value must pass its key's schema. */
  'settings.set': method(settingInputSchema, returns<{ ok: true }>(), write('settings')),
} as const satisfies ContractDefinition;
