/**
 * Every rev each item and book has had (docs/data-model.md, "Revisions"), and the import log
 * with what each import changed. The only place their SQL lives. The rev of every item and book
 * a write changed is recorded here, in the write's transaction: the repositories' write
 * functions mark what they change (./revision-marks.ts) and `recording` records the marked.
 */
import type { Db } from '../db';
import { revOf } from '../hashes';
import { booksRepository } from './books';
import { itemsRepository } from './items';
import { dropMark, takeMarks, type RevisionEntity } from './revision-marks';
import { parseStored, STORED } from './stored-json';
import type { ImportLogEntry } from '../../../src/shared/contract';

export type { RevisionEntity } from './revision-marks';
/** edit: the library's own change; import: a rev an import wrote; file-history: a file's `history`; upgrade: found when the schema was upgraded */
export type RevisionOrigin = 'edit' | 'import' | 'file-history' | 'upgrade';

interface ImportLogDbRow {
  id: number;
  at: string;
  file_name: string;
  sha256: string;
  summary: string;
  changes: string;
  undone_at: string | null;
}

export function revisionsRepository(db: Db) {
  const statements = {
    record: db.prepare(
      `INSERT INTO revisions (entity, id, rev, position, seen_at, origin)
       VALUES (@entity, @id, @rev, (SELECT COALESCE(MAX(position), 0) + 1 FROM revisions WHERE entity = @entity AND id = @id), @at, @origin)
       ON CONFLICT (entity, id, rev) DO UPDATE SET position = excluded.position`,
    ),
    // an earlier rev (a file's history): below everything known, and never moved up
    recordOlder: db.prepare(
      `INSERT INTO revisions (entity, id, rev, position, seen_at, origin)
       VALUES (@entity, @id, @rev, (SELECT COALESCE(MIN(position), 1) - 1 FROM revisions WHERE entity = @entity AND id = @id), @at, 'file-history')
       ON CONFLICT (entity, id, rev) DO NOTHING`,
    ),
    all: db.prepare<[string, string], { rev: string }>('SELECT rev FROM revisions WHERE entity = ? AND id = ? ORDER BY position DESC'),
    forget: db.prepare('DELETE FROM revisions WHERE entity = ? AND id = ?'),
    forgetOne: db.prepare('DELETE FROM revisions WHERE entity = ? AND id = ? AND rev = ?'),
    count: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM revisions'),
    // a rev seen again keeps its row (and rowid): rows past a mark are the revs first seen since
    mark: db.prepare<[], { last: number | null }>('SELECT MAX(rowid) AS last FROM revisions'),
    since: db.prepare<[number], { entity: RevisionEntity; id: string; rev: string }>('SELECT entity, id, rev FROM revisions WHERE rowid > ? ORDER BY rowid'),
    insertImport: db.prepare(
      'INSERT INTO import_log (at, file_name, sha256, summary, changes) VALUES (@at, @fileName, @sha256, @summary, @changes)',
    ),
    importById: db.prepare<[number], ImportLogDbRow>('SELECT * FROM import_log WHERE id = ?'),
    imports: db.prepare<[number], ImportLogDbRow>('SELECT * FROM import_log ORDER BY id DESC LIMIT ?'),
    setUndone: db.prepare('UPDATE import_log SET undone_at = ? WHERE id = ?'),
  };

  // made on first use: the upgrade step that records revisions needs neither
  let repositories: { items: ReturnType<typeof itemsRepository>; books: ReturnType<typeof booksRepository> } | null = null;
  /** what the revs of the open transaction are recorded as: its origin, and when */
  let recordingAs: { origin: RevisionOrigin; now: () => string } = { origin: 'edit', now: () => new Date().toISOString() };
  let depth = 0;

  /** Records the rev of every object written since the last time, as it stands now. */
  function recordMarked(): void {
    const marked = takeMarks(db);
    if (marked.length === 0) return;
    repositories ??= { items: itemsRepository(db), books: booksRepository(db) };
    const at = recordingAs.now();
    for (const { entity, id } of marked) {
      const object = entity === 'item' ? repositories.items.exchange(id) : repositories.books.liveExchange(id);
      // gone in the same transaction (an undone creation): nothing to record
      if (object === null) continue;
      statements.record.run({ entity, id, rev: revOf(object as Record<string, unknown>), origin: recordingAs.origin, at });
    }
  }

  function entryOf(row: ImportLogDbRow): ImportLogEntry {
    return {
      id: row.id,
      at: row.at,
      fileName: row.file_name,
      sha256: row.sha256,
      summary: row.summary,
      changes: parseStored(STORED.importChanges, row.changes, { table: 'import_log', id: String(row.id), field: 'changes' }) as ImportLogEntry['changes'],
      undoneAt: row.undone_at,
    };
  }

  return {
    /**
     * Runs `fn` (inside the write's transaction) and records, before it returns, the rev of every
     * item and book its writes changed, as `origin`. When `fn` throws, nothing is recorded: the
     * transaction rolls back its writes.
     */
    recording<T>(fn: () => T, origin: RevisionOrigin, now: () => string): T {
      const outer = recordingAs;
      recordingAs = { origin, now };
      depth += 1;
      try {
        const result = fn();
        recordMarked();
        return result;
      } catch (error) {
        // the outermost write rolls everything back; a nested one only its own part, and what
        // the outer one marked is still to record (a rolled-back object records the rev it has)
        if (depth === 1) takeMarks(db);
        throw error;
      } finally {
        depth -= 1;
        recordingAs = outer;
      }
    },
    /** Records `rev` as the newest the object has had (moved up when it had it before). */
    record(entity: RevisionEntity, id: string, rev: string, origin: RevisionOrigin, at: string): void {
      statements.record.run({ entity, id, rev, origin, at });
    },
    /** Records revs the object had before everything known (a file's `history`, newest first). */
    recordOlder(entity: RevisionEntity, id: string, revs: readonly string[], at: string): void {
      for (const rev of [...revs].reverse()) statements.recordOlder.run({ entity, id, rev, at });
    },
    /** Every rev the object has had, newest first. */
    all(entity: RevisionEntity, id: string): string[] {
      recordMarked();
      return statements.all.all(entity, id).map((r) => r.rev);
    },
    /** The object is gone for good (a purge, an undone creation): its revs go with it. */
    forget(entity: RevisionEntity, id: string): void {
      dropMark(db, entity, id);
      statements.forget.run(entity, id);
    },
    forgetOne(entity: RevisionEntity, id: string, rev: string): void {
      statements.forgetOne.run(entity, id, rev);
    },
    count(): number {
      recordMarked();
      return statements.count.get()?.n ?? 0;
    },
    /** A mark to ask later which revs were first seen since (`firstSeenSince`). */
    mark(): number {
      recordMarked();
      return statements.mark.get()?.last ?? 0;
    },
    firstSeenSince(mark: number): { entity: RevisionEntity; id: string; rev: string }[] {
      recordMarked();
      return statements.since.all(mark);
    },

    logImport(entry: Omit<ImportLogEntry, 'id' | 'undoneAt'>): number {
      const result = statements.insertImport.run({ ...entry, changes: JSON.stringify(entry.changes) });
      return Number(result.lastInsertRowid);
    },
    importById(id: number): ImportLogEntry | null {
      const row = statements.importById.get(id);
      return row === undefined ? null : entryOf(row);
    },
    imports(limit: number): ImportLogEntry[] {
      return statements.imports.all(limit).map(entryOf);
    },
    setUndone(id: number, at: string): void {
      statements.setUndone.run(at, id);
    },
  };
}

export type RevisionsRepository = ReturnType<typeof revisionsRepository>;
