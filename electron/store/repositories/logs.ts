/** The audit log (what changed, when), the export log, settings and library metadata. */
import type { Db } from '../db';
import { parseOptional, parseStored, STORED } from './stored-json';
import type { AuditEntry, ExportRecord, NewExportRecord } from '../../../src/shared/contract';

/** An export-log row as stored; the service adds what changed since. */
export type ExportLogRow = Omit<ExportRecord, 'changedSince'>;

interface ExportDbRow {
  id: number;
  book_id: string | null;
  book_title: string;
  exported_at: string;
  kind: 'pdf' | 'exchange';
  file_name: string;
  options: string;
  page_count: number | null;
  sha256: string;
  item_versions: string;
  clearance: string | null;
  document: 'book' | 'pocket_card' | null;
  sections: string | null;
}

/** The book's sections as one of its exports carried them (export_log.sections). */
export interface EditionSection {
  id: string;
  title: string;
  items: string[];
}

/** What an export of a book was: which document, and its sections when they were logged. */
export interface EditionRow {
  row: ExportLogRow;
  document: 'book' | 'pocketCard' | null;
  /** null: logged before the export log kept sections */
  sections: EditionSection[] | null;
}

function editionRow(r: ExportDbRow): EditionRow {
  return {
    row: exportRow(r),
    document: r.document === null ? null : r.document === 'pocket_card' ? 'pocketCard' : 'book',
    sections: parseOptional(STORED.editionSections, r.sections, { table: 'export_log', id: String(r.id), field: 'sections' }) ?? null,
  };
}

function exportRow(r: ExportDbRow): ExportLogRow {
  return {
    id: r.id,
    bookId: r.book_id,
    bookTitle: r.book_title,
    exportedAt: r.exported_at,
    kind: r.kind,
    fileName: r.file_name,
    options: parseStored(STORED.exportOptions, r.options, { table: 'export_log', id: String(r.id), field: 'options' }),
    pageCount: r.page_count,
    sha256: r.sha256,
    itemVersions: parseStored(STORED.itemVersions, r.item_versions, { table: 'export_log', id: String(r.id), field: 'item_versions' }),
    clearance: parseOptional(STORED.exportClearance, r.clearance, { table: 'export_log', id: String(r.id), field: 'clearance' }) ?? null,
  };
}

export function logsRepository(db: Db) {
  const statements = {
    audit: db.prepare('INSERT INTO audit_log (at, action, entity, entity_id, detail) VALUES (?, ?, ?, ?, ?)'),
    auditList: db.prepare<[number], { id: number; at: string; action: string; entity: string; entity_id: string; detail: string }>(
      'SELECT * FROM audit_log ORDER BY id DESC LIMIT ?',
    ),
    insertExport: db.prepare(
      `INSERT INTO export_log (book_id, book_title, exported_at, kind, file_name, options, page_count, sha256, item_versions, clearance, document, sections)
       VALUES (@bookId, @bookTitle, @exportedAt, @kind, @fileName, @options, @pageCount, @sha256, @itemVersions, @clearance, @document, @sections)`,
    ),
    // a book's editions: its PDFs of the book itself (an entry logged before `document` was kept counts as one)
    editionsOfBook: db.prepare<[string], ExportDbRow>(
      "SELECT * FROM export_log WHERE book_id = ? AND kind = 'pdf' AND (document IS NULL OR document = 'book') ORDER BY id DESC",
    ),
    exportsAll: db.prepare<[], ExportDbRow>('SELECT * FROM export_log ORDER BY id DESC'),
    exportById: db.prepare<[number], ExportDbRow>('SELECT * FROM export_log WHERE id = ?'),
    exportsOfBook: db.prepare<[string], ExportDbRow>('SELECT * FROM export_log WHERE book_id = ? ORDER BY id DESC'),
    exportBySha: db.prepare<[string], ExportDbRow>('SELECT * FROM export_log WHERE sha256 = ? ORDER BY id DESC'),
    lastExport: db.prepare<[], ExportDbRow>('SELECT * FROM export_log ORDER BY id DESC LIMIT 1'),
    purgeItemAudit: db.prepare("DELETE FROM audit_log WHERE entity = 'item' AND entity_id = ?"),
    auditMentioning: db.prepare<[string], { id: number; detail: string }>("SELECT id, detail FROM audit_log WHERE instr(detail, ?) > 0"),
    setAuditDetail: db.prepare('UPDATE audit_log SET detail = ? WHERE id = ?'),
    exportsWithItem: db.prepare<[string], { id: number; item_versions: string; clearance: string | null }>(
      'SELECT id, item_versions, clearance FROM export_log WHERE instr(item_versions, ?) > 0',
    ),
    setExportVersions: db.prepare('UPDATE export_log SET item_versions = ?, clearance = ? WHERE id = ?'),
    exportsWithSectionItem: db.prepare<[string], { id: number; sections: string }>(
      'SELECT id, sections FROM export_log WHERE sections IS NOT NULL AND instr(sections, ?) > 0',
    ),
    setExportSections: db.prepare('UPDATE export_log SET sections = ? WHERE id = ?'),
    getSetting: db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?'),
    setSetting: db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
  };
  return {
    /**
     * Forgets an item in the logs (a purge): its own audit entries go, other entries name it no
     * more, export-log entries no longer list its version, its content hash nor its place in the
     * book's sections; one entry says that an item was purged, by whom and when — not which, nor its title.
     */
    forgetItem(id: string, at: string, by: string): void {
      statements.purgeItemAudit.run(id);
      for (const row of statements.auditMentioning.all(id)) statements.setAuditDetail.run(row.detail.split(id).join('(a purged item)'), row.id);
      for (const row of statements.exportsWithItem.all(JSON.stringify(id))) {
        const versions = parseStored(STORED.itemVersions, row.item_versions, { table: 'export_log', id: String(row.id), field: 'item_versions' });
        if (!Object.hasOwn(versions, id)) continue;
        delete versions[id];
        // its content hash goes too: a hash of a short text can be checked against guesses
        const clearance = parseOptional(STORED.exportClearance, row.clearance, { table: 'export_log', id: String(row.id), field: 'clearance' });
        if (clearance !== undefined) delete clearance[id];
        statements.setExportVersions.run(JSON.stringify(versions), clearance === undefined ? null : JSON.stringify(clearance), row.id);
      }
      for (const row of statements.exportsWithSectionItem.all(JSON.stringify(id))) {
        const sections = parseStored(STORED.editionSections, row.sections, { table: 'export_log', id: String(row.id), field: 'sections' });
        statements.setExportSections.run(JSON.stringify(sections.map((section) => ({ ...section, items: section.items.filter((item) => item !== id) }))), row.id);
      }
      statements.audit.run(at, 'purge', 'item', '', `an item was purged by ${by}`);
    },
    audit(at: string, action: string, entity: string, entityId: string, detail = ''): void {
      statements.audit.run(at, action, entity, entityId, detail);
    },
    auditList(limit: number): AuditEntry[] {
      return statements.auditList.all(limit).map((r) => ({
        id: r.id,
        at: r.at,
        action: r.action,
        entity: r.entity,
        entityId: r.entity_id,
        detail: r.detail,
      }));
    },
    /** `sections`: the book's sections as the file carries them (a book's export), or null. */
    recordExport(entry: NewExportRecord & { bookTitle: string; exportedAt: string; clearance: ExportRecord['clearance'] }, sections: EditionSection[] | null): number {
      const { document, ...fields } = entry;
      const result = statements.insertExport.run({
        ...fields,
        options: JSON.stringify(entry.options),
        itemVersions: JSON.stringify(entry.itemVersions),
        clearance: entry.clearance === null ? null : JSON.stringify(entry.clearance),
        document: entry.kind !== 'pdf' ? null : document === 'pocketCard' ? 'pocket_card' : 'book',
        sections: sections === null ? null : JSON.stringify(sections),
      });
      return Number(result.lastInsertRowid);
    },
    exports(bookId?: string): ExportLogRow[] {
      return (bookId === undefined ? statements.exportsAll.all() : statements.exportsOfBook.all(bookId)).map(exportRow);
    },
    exportById(id: number): ExportLogRow | null {
      const row = statements.exportById.get(id);
      return row === undefined ? null : exportRow(row);
    },
    /** An export-log entry with its document and sections, or null. */
    edition(id: number): EditionRow | null {
      const row = statements.exportById.get(id);
      return row === undefined ? null : editionRow(row);
    },
    /** A book's PDF editions (the book, not its pocket card), newest first. */
    editionsOfBook(bookId: string): EditionRow[] {
      return statements.editionsOfBook.all(bookId).map(editionRow);
    },
    exportsBySha(sha256: string): ExportLogRow[] {
      return statements.exportBySha.all(sha256).map(exportRow);
    },
    lastExport(): ExportLogRow | null {
      const row = statements.lastExport.get();
      return row === undefined ? null : exportRow(row);
    },
    getSetting(key: string): string | null {
      return statements.getSetting.get(key)?.value ?? null;
    },
    setSetting(key: string, value: string): void {
      statements.setSetting.run(key, value);
    },
  };
}

export type LogsRepository = ReturnType<typeof logsRepository>;
