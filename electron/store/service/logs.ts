/** Search, the export log, the audit log and the renderer's settings. */
import { basename } from 'node:path';
import type { ExportRecord, NewExportRecord } from '../../../src/shared/contract';
import { parseStoredSetting } from '../../../src/shared/settings';
import { isCleared } from '../../../src/shared/clearance';
import { contentHashOf } from '../hashes';
import type { ExportLogRow } from '../repositories/logs';
import type { ServiceContext, ServicePart } from './context';

type LogsPart = ServicePart<
  'search.query' | 'exports.list' | 'audit.list' | 'settings.get' | 'settings.set' | 'recordExport' | 'recordExports' | 'exportsBySha'
>;

export function logsPart(ctx: ServiceContext): LogsPart {
  const { items, books, logs, markings, search, write, now } = ctx;

  /** One export-log entry and its audit line; called inside a write transaction. */
  function logExport(entry: NewExportRecord): ExportRecord {
    const book = entry.bookId === null ? null : books.get(entry.bookId);
    const bookTitle = entry.bookId === null ? 'Whole library' : (book?.title ?? entry.bookId);
    const at = now();
    // a book's export keeps the book's sections as the file carries them: what moved since, later
    const carried = new Set(Object.keys(entry.itemVersions));
    const sections =
      entry.bookId === null || book === null
        ? null
        : books.sections(entry.bookId).map((section) => ({ id: section.id, title: section.title, items: section.items.filter((id) => carried.has(id)) }));
    const id = logs.recordExport({ ...entry, bookTitle, exportedAt: at, clearance: entry.kind === 'pdf' ? printedClearance(entry.itemVersions) : null }, sections);
    const [entity, entityId] = entry.bookId === null ? ['library', basename(ctx.options.path)] : ['book', entry.bookId];
    logs.audit(at, 'export', entity, entityId, `${entry.kind} ${entry.fileName} sha256 ${entry.sha256}`);
    return exportRecord(logs.exportById(id) as ExportLogRow);
  }

  /**
   * Each printed item's hash and whether it was cleared on that text, read from the version the
   * PDF printed (its saved snapshot), not from the item as it may be by now.
   */
  function printedClearance(itemVersions: Record<string, number>): NonNullable<ExportRecord['clearance']> {
    const scheme = markings.get();
    const out: NonNullable<ExportRecord['clearance']> = {};
    for (const [id, version] of Object.entries(itemVersions)) {
      const printed = items.version(id, version)?.item ?? items.exchange(id);
      if (printed === null) continue;
      const contentHash = contentHashOf(printed, scheme);
      out[id] = { contentHash, cleared: isCleared(printed, contentHash) };
    }
    return out;
  }

  /** An export-log entry with the items changed since (or gone). */
  function exportRecord(row: ExportLogRow): ExportRecord {
    const changedSince: ExportRecord['changedSince'] = [];
    for (const [id, exportedVersion] of Object.entries(row.itemVersions)) {
      const current = items.get(id);
      if (current === null || current.deleted) {
        changedSince.push({ id, title: current?.title ?? id, exportedVersion, currentVersion: null });
      } else if (current.version !== exportedVersion) {
        changedSince.push({ id, title: current.title, exportedVersion, currentVersion: current.version });
      }
    }
    return { ...row, changedSince };
  }

  return {
    'search.query': ({ q, limit, kinds }) => search.query(q, limit ?? 50, kinds),

    'exports.list': ({ bookId }) => logs.exports(bookId).map(exportRecord),

    'audit.list': ({ limit }) => logs.auditList(limit ?? 200),

    // the settings registry (src/shared/settings.ts) parses what is read back: a damaged or
    // outdated value reads as the key's default
    'settings.get': ({ key }) => parseStoredSetting(key, logs.getSetting(`ui.${key}`)),

    'settings.set': ({ key, value }) =>
      write(() => {
        logs.setSetting(`ui.${key}`, JSON.stringify(value));
        return { ok: true as const };
      }),

    recordExport(entry: NewExportRecord): ExportRecord {
      return write(() => logExport(entry));
    },

    recordExports(entries: readonly NewExportRecord[]): ExportRecord[] {
      return write(() => entries.map(logExport), 'nothing was logged');
    },

    exportsBySha(sha256: string): ExportRecord[] {
      return logs.exportsBySha(sha256).map(exportRecord);
    },
  } satisfies LogsPart;
}
