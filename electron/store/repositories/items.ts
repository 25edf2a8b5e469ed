/**
 * Items and everything hanging off them: tags, translations, sources, versions. The only place
 * item SQL lives. Every statement is prepared once per connection and parameterised. Every
 * write marks what it changed, so that its rev is recorded in the write's transaction
 * (./revision-marks.ts).
 */
import { canonicalJson } from '../../../src/shared/canonical-json';
import type { Db } from '../db';
import { parseOptional, parseStored, STORED } from './stored-json';
import type { Clearance, ExchangeItem, ItemKind, ItemStatus, MarkingScheme, Source, Translation } from '../../../src/shared/domain';
import { RECORD_ONLY_FIELDS, type ItemRecord, type ItemVersion } from '../../../src/shared/contract';
import { plainText } from '../../../src/shared/briefbook-text';
import { clearanceState } from '../../../src/shared/clearance';
import { contentHashOf } from '../hashes';
import { booksRepository } from './books';
import { markingsRepository } from './markings';
import { dropMark, markWritten } from './revision-marks';

interface ItemDbRow {
  seq: number;
  id: string;
  kind: ItemKind;
  title: string;
  body: string;
  topic: string | null;
  classification: string;
  caveats: string;
  status: ItemStatus;
  owner: string | null;
  lang: string | null;
  extra: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  status_changed_by: string | null;
  status_changed_at: string | null;
  deleted_at: string | null;
  /** JSON { by, at, contentHash }, or NULL */
  clearance: string | null;
  /** the hash of what the item prints now */
  content_hash: string | null;
}

/** The exchange fields the store keeps in columns; everything else of an item is `extra`. */
const KNOWN_FIELDS = new Set([
  'id', 'kind', 'title', 'body', 'topic', 'tags', 'classification', 'caveats', 'status', 'owner',
  'lang', 'translations', 'sources', 'createdAt', 'updatedAt',
  // revision data is the store's own, recomputed on export (docs/spec/EXCHANGE.md): never an
  // extension; the clearance has a column of its own
  'rev', 'history', 'clearance',
]);

const SOURCE_FIELDS = new Set(['title', 'author', 'date', 'url', 'note']);
const TRANSLATION_FIELDS = new Set(['title', 'body']);

function extrasOf(value: Record<string, unknown>, known: Set<string>): string | null {
  const extra: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) if (!known.has(key)) extra[key] = field;
  return Object.keys(extra).length > 0 ? JSON.stringify(extra) : null;
}

function parseExtra(text: string | null, id: string, table = 'items'): Record<string, unknown> {
  return parseOptional(STORED.extra, text, { table, id, field: 'extra' }) ?? {};
}

/** A saved version of an item, as it was saved (an older schema's shape included). */
function snapshotOf(id: string, version: number, text: string): ExchangeItem {
  return parseStored(STORED.snapshot, text, { table: 'item_versions', id: `${id} version ${version}`, field: 'snapshot' });
}

/**
 * Drops empty optional fields so that equal content has one form (import idempotence), and the
 * record-only fields (`RECORD_ONLY_FIELDS`: the store's stamps and computed state, never the
 * item's data), so that neither a save nor an import keeps one as an extension.
 */
export function normaliseItem(item: ExchangeItem): ExchangeItem {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(item)) {
    if (value === undefined || RECORD_ONLY_FIELDS.has(key)) continue;
    if (Array.isArray(value) && value.length === 0 && (key === 'tags' || key === 'caveats' || key === 'sources')) continue;
    if (key === 'translations' && Object.keys(value as object).length === 0) continue;
    if (key === 'createdAt' || key === 'updatedAt') continue;
    out[key] = value;
  }
  return out as ExchangeItem;
}


export interface SearchDocument {
  title: string;
  body: string;
  tags: string;
  translations: string;
}

/** Hangul, kana, CJK ideographs: scripts written without spaces between some words. */
const CJK = /[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]/;

/**
 * What the substring (trigram) index needs: everything but English-only bodies, which the word
 * index already serves by stem and prefix. Keeps imports fast and the file small.
 */
export function gramDocument(doc: SearchDocument): SearchDocument {
  return CJK.test(doc.body) ? doc : { ...doc, body: '' };
}

export function searchDocument(item: ExchangeItem): SearchDocument {
  const translations = Object.values(item.translations ?? {})
    .flatMap((t) => [t.title ?? '', plainText(t.body ?? '')])
    .filter((text) => text !== '')
    .join('\n');
  return {
    title: item.title,
    body: plainText(item.body),
    tags: [...(item.tags ?? []), item.topic ?? ''].join(' '),
    translations,
  };
}

export function itemsRepository(db: Db) {
  const markings = markingsRepository(db);
  // made on first use: what books place an item, when its deleted state changes what they print
  let books: ReturnType<typeof booksRepository> | null = null;
  /** An item's deleted state changed, or it went: the books that place it print differently. */
  function booksUsingWritten(id: string): void {
    books ??= booksRepository(db);
    for (const bookId of books.booksUsing(id)) markWritten(db, 'book', bookId);
  }
  const statements = {
    get: db.prepare<[string], ItemDbRow>('SELECT * FROM items WHERE id = ?'),
    seqOf: db.prepare<[string], { seq: number }>('SELECT seq FROM items WHERE id = ?'),
    tags: db.prepare<[string], { tag: string }>('SELECT tag FROM item_tags WHERE item_id = ? ORDER BY position'),
    translations: db.prepare<[string], { lang: string; title: string | null; body: string | null; extra: string | null }>(
      'SELECT lang, title, body, extra FROM item_translations WHERE item_id = ? ORDER BY lang',
    ),
    sources: db.prepare<[string], { title: string; author: string | null; date: string | null; url: string | null; note: string | null; extra: string | null }>(
      'SELECT title, author, date, url, note, extra FROM item_sources WHERE item_id = ? ORDER BY position',
    ),
    insert: db.prepare(
      `INSERT INTO items (id, kind, title, body, topic, classification, caveats, status, owner, lang, extra,
         version, created_at, updated_at, status_changed_by, status_changed_at, deleted_at, clearance, content_hash)
       VALUES (@id, @kind, @title, @body, @topic, @classification, @caveats, @status, @owner, @lang, @extra,
         @version, @created_at, @updated_at, @status_changed_by, @status_changed_at, NULL, @clearance, @content_hash)`,
    ),
    update: db.prepare(
      `UPDATE items SET kind = @kind, title = @title, body = @body, topic = @topic, classification = @classification,
         caveats = @caveats, status = @status, owner = @owner, lang = @lang, extra = @extra, version = @version,
         updated_at = @updated_at, status_changed_by = @status_changed_by, status_changed_at = @status_changed_at,
         deleted_at = NULL, clearance = @clearance, content_hash = @content_hash
       WHERE id = @id`,
    ),
    deleteTags: db.prepare('DELETE FROM item_tags WHERE item_id = ?'),
    insertTag: db.prepare('INSERT INTO item_tags (item_id, position, tag) VALUES (?, ?, ?)'),
    deleteTranslations: db.prepare('DELETE FROM item_translations WHERE item_id = ?'),
    insertTranslation: db.prepare('INSERT INTO item_translations (item_id, lang, title, body, extra) VALUES (?, ?, ?, ?, ?)'),
    deleteSources: db.prepare('DELETE FROM item_sources WHERE item_id = ?'),
    insertSource: db.prepare(
      'INSERT INTO item_sources (item_id, position, title, author, date, url, note, extra) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    insertVersion: db.prepare('INSERT INTO item_versions (item_id, version, saved_at, snapshot) VALUES (?, ?, ?, ?)'),
    versions: db.prepare<[string], { version: number; saved_at: string; snapshot: string }>(
      'SELECT version, saved_at, snapshot FROM item_versions WHERE item_id = ? ORDER BY version DESC',
    ),
    version: db.prepare<[string, number], { version: number; saved_at: string; snapshot: string }>(
      'SELECT version, saved_at, snapshot FROM item_versions WHERE item_id = ? AND version = ?',
    ),
    setDeleted: db.prepare('UPDATE items SET deleted_at = ? WHERE id = ?'),
    allRows: db.prepare<[], ItemDbRow>('SELECT * FROM items'),
    schemeText: db.prepare<[], { text: string }>("SELECT scheme || char(31) || levels || char(31) || portion_marks || char(31) || coalesce(extra, '') AS text FROM markings WHERE id = 1"),
    setContentHash: db.prepare('UPDATE items SET content_hash = ? WHERE id = ?'),
    setStatus: db.prepare(
      'UPDATE items SET status = ?, status_changed_by = ?, status_changed_at = ?, version = ?, updated_at = ?, clearance = ? WHERE id = ?',
    ),
    deleteWords: db.prepare('DELETE FROM search_words WHERE rowid = ?'),
    insertWords: db.prepare('INSERT INTO search_words (rowid, title, body, tags, translations) VALUES (?, ?, ?, ?, ?)'),
    deleteGrams: db.prepare('DELETE FROM search_grams WHERE rowid = ?'),
    insertGrams: db.prepare('INSERT INTO search_grams (rowid, title, body, tags, translations) VALUES (?, ?, ?, ?, ?)'),
    ids: db.prepare<[], { id: string }>('SELECT id FROM items'),
    usedLevels: db.prepare<[], { classification: string }>('SELECT DISTINCT classification FROM items'),
    liveIds: db.prepare<[], { id: string }>('SELECT id FROM items WHERE deleted_at IS NULL ORDER BY seq'),
    exists: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM items WHERE id = ?'),
    purgeSectionItems: db.prepare('DELETE FROM section_items WHERE item_id = ?'),
    // tags, translations, sources and versions go with it (ON DELETE CASCADE)
    purgeItem: db.prepare('DELETE FROM items WHERE id = ?'),
  };

  /** The scheme, parsed again only when its row changed: an import writes thousands of items under one. */
  let scheme: { text: string | undefined; value: MarkingScheme } | null = null;
  function currentScheme(): MarkingScheme {
    const text = statements.schemeText.get()?.text;
    if (scheme === null || scheme.text !== text) scheme = { text, value: markings.get() };
    return scheme.value;
  }

  function exchangeOf(row: ItemDbRow): ExchangeItem {
    // a row saved before record-only fields were dropped may hold some: they are not the item's
    const extensions = Object.entries(parseExtra(row.extra, row.id)).filter(([key]) => !RECORD_ONLY_FIELDS.has(key));
    const item: Record<string, unknown> = {
      ...Object.fromEntries(extensions),
      id: row.id,
      kind: row.kind,
      title: row.title,
      body: row.body,
      classification: row.classification,
      status: row.status,
    };
    if (row.clearance !== null) item.clearance = parseStored(STORED.clearance, row.clearance, { table: 'items', id: row.id, field: 'clearance' });
    if (row.topic !== null) item.topic = row.topic;
    const tags = statements.tags.all(row.id).map((t) => t.tag);
    if (tags.length > 0) item.tags = tags;
    const caveats = parseStored(STORED.caveats, row.caveats, { table: 'items', id: row.id, field: 'caveats' });
    if (caveats.length > 0) item.caveats = caveats;
    if (row.owner !== null) item.owner = row.owner;
    if (row.lang !== null) item.lang = row.lang;
    const translations = statements.translations.all(row.id);
    if (translations.length > 0) {
      item.translations = Object.fromEntries(
        translations.map((t) => {
          const translation: Record<string, unknown> = { ...parseExtra(t.extra, `${row.id}/${t.lang}`, 'item_translations') };
          if (t.title !== null) translation.title = t.title;
          if (t.body !== null) translation.body = t.body;
          return [t.lang, translation];
        }),
      );
    }
    const sources = statements.sources.all(row.id);
    if (sources.length > 0) {
      item.sources = sources.map((s) => {
        const source: Record<string, unknown> = { ...parseExtra(s.extra, `${row.id}/${s.title}`, 'item_sources'), title: s.title };
        if (s.author !== null) source.author = s.author;
        if (s.date !== null) source.date = s.date;
        if (s.url !== null) source.url = s.url;
        if (s.note !== null) source.note = s.note;
        return source;
      });
    }
    return item as ExchangeItem;
  }

  function recordOf(row: ItemDbRow): ItemRecord {
    const item = exchangeOf(row);
    const record: ItemRecord = {
      ...item,
      clearanceState: clearanceState(item, row.content_hash ?? undefined),
      contentHash: row.content_hash ?? contentHashOf(item, currentScheme()),
      version: row.version,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      deleted: row.deleted_at !== null,
    };
    if (row.status_changed_by !== null) record.statusChangedBy = row.status_changed_by;
    if (row.status_changed_at !== null) record.statusChangedAt = row.status_changed_at;
    return record;
  }

  function writeChildren(item: ExchangeItem, fresh: boolean): void {
    if (!fresh) {
      statements.deleteTags.run(item.id);
      statements.deleteTranslations.run(item.id);
      statements.deleteSources.run(item.id);
    }
    (item.tags ?? []).forEach((tag, index) => statements.insertTag.run(item.id, index, tag));
    for (const [lang, translation] of Object.entries(item.translations ?? {})) {
      const t = translation as Translation & Record<string, unknown>;
      statements.insertTranslation.run(item.id, lang, t.title ?? null, t.body ?? null, extrasOf(t, TRANSLATION_FIELDS));
    }
    (item.sources ?? []).forEach((source: Source, index) => {
      statements.insertSource.run(
        item.id, index, source.title, source.author ?? null, source.date ?? null, source.url ?? null,
        source.note ?? null, extrasOf(source as Record<string, unknown>, SOURCE_FIELDS),
      );
    });
  }

  function index(item: ExchangeItem, fresh = false): void {
    const seq = statements.seqOf.get(item.id)?.seq;
    if (seq === undefined) return;
    const doc = searchDocument(item);
    const grams = gramDocument(doc);
    if (!fresh) {
      statements.deleteWords.run(seq);
      statements.deleteGrams.run(seq);
    }
    statements.insertWords.run(seq, doc.title, doc.body, doc.tags, doc.translations);
    statements.insertGrams.run(seq, grams.title, grams.body, grams.tags, grams.translations);
  }

  function unindex(id: string): void {
    const seq = statements.seqOf.get(id)?.seq;
    if (seq === undefined) return;
    statements.deleteWords.run(seq);
    statements.deleteGrams.run(seq);
  }

  return {
    get(id: string): ItemRecord | null {
      const row = statements.get.get(id);
      return row === undefined ? null : recordOf(row);
    },
    exchange(id: string): ExchangeItem | null {
      const row = statements.get.get(id);
      return row === undefined ? null : exchangeOf(row);
    },
    exists(id: string): boolean {
      return statements.exists.get(id) !== undefined;
    },
    liveIds(): string[] {
      return statements.liveIds.all().map((r) => r.id);
    },
    allIds(): Set<string> {
      return new Set(statements.ids.all().map((r) => r.id));
    },
    usedLevelCodes(): string[] {
      return statements.usedLevels.all().map((r) => r.classification);
    },

    /**
     * Writes `item` as version `version`. Callers decide whether content changed; this writes
     * the row, its children, the search index and the version snapshot, and marks the item (and,
     * when it was deleted, the books that place it) for its rev to be recorded.
     */
    write(
      item: ExchangeItem,
      stamps: {
        version: number;
        now: string;
        createdAt?: string;
        statusChangedBy?: string | null;
        statusChangedAt?: string | null;
      },
    ): void {
      const normal = normaliseItem(item);
      const existing = statements.get.get(item.id);
      const row = {
        id: normal.id,
        kind: normal.kind,
        title: normal.title,
        body: normal.body,
        topic: normal.topic ?? null,
        classification: normal.classification,
        caveats: JSON.stringify(normal.caveats ?? []),
        status: normal.status,
        owner: normal.owner ?? null,
        lang: normal.lang ?? null,
        extra: extrasOf(normal as Record<string, unknown>, KNOWN_FIELDS),
        version: stamps.version,
        created_at: stamps.createdAt ?? existing?.created_at ?? stamps.now,
        updated_at: stamps.now,
        status_changed_by: stamps.statusChangedBy !== undefined ? stamps.statusChangedBy : (existing?.status_changed_by ?? null),
        status_changed_at: stamps.statusChangedAt !== undefined ? stamps.statusChangedAt : (existing?.status_changed_at ?? null),
        clearance: normal.clearance === undefined ? null : JSON.stringify(normal.clearance),
        content_hash: contentHashOf(normal, currentScheme()),
      };
      if (existing === undefined) statements.insert.run(row);
      else statements.update.run(row);
      const fresh = existing === undefined;
      writeChildren(normal, fresh);
      statements.insertVersion.run(normal.id, stamps.version, stamps.now, canonicalJson(normal));
      index(normal, fresh);
      markWritten(db, 'item', normal.id);
      // an item written back over a deleted one is live again
      if (existing?.deleted_at != null) booksUsingWritten(normal.id);
    },

    /** Moves the status; `clearance` is the clearance the item carries after (null: none). */
    setStatus(id: string, status: ItemStatus, by: string, version: number, now: string, clearance: Clearance | null): void {
      statements.setStatus.run(status, by, now, version, now, clearance === null ? null : JSON.stringify(clearance), id);
      const item = exchangeOf(statements.get.get(id) as ItemDbRow);
      statements.insertVersion.run(id, version, now, canonicalJson(normaliseItem(item)));
      markWritten(db, 'item', id);
    },

    setDeleted(id: string, deletedAt: string | null): void {
      statements.setDeleted.run(deletedAt, id);
      if (deletedAt === null) {
        const item = exchangeOf(statements.get.get(id) as ItemDbRow);
        index(item);
      } else unindex(id);
      booksUsingWritten(id);
    },

    history(id: string): ItemVersion[] {
      return statements.versions.all(id).map((v) => ({ version: v.version, savedAt: v.saved_at, item: snapshotOf(id, v.version, v.snapshot) }));
    },

    version(id: string, version: number): ItemVersion | null {
      const v = statements.version.get(id, version);
      return v === undefined ? null : { version: v.version, savedAt: v.saved_at, item: snapshotOf(id, v.version, v.snapshot) };
    },

    /**
     * Removes an item and every trace of it in its own tables: every version, tags,
     * translations, sources, its places in sections and its search-index rows. Run inside a
     * transaction with secure_delete on (see `eraseFreedSpace`).
     */
    purge(id: string): void {
      // the books that placed it print without it: their rev as they stand, once it is gone
      booksUsingWritten(id);
      unindex(id);
      statements.purgeSectionItems.run(id);
      statements.purgeItem.run(id);
      dropMark(db, 'item', id);
    },

    /**
     * After a purge: merges the search indexes (a deleted FTS5 row stays in its old segments
     * until they are merged), rebuilds the file so no freed page keeps an old copy (pages freed
     * before secure_delete was on were never overwritten), and empties the WAL, which still
     * holds the pages as they were. Runs outside a transaction.
     */
    eraseFreedSpace(): void {
      db.exec("INSERT INTO search_words (search_words) VALUES ('optimize'); INSERT INTO search_grams (search_grams) VALUES ('optimize');");
      db.exec('VACUUM');
      db.pragma('wal_checkpoint(TRUNCATE)');
    },

    /** Runs `fn` with SQLite's secure_delete on (freed content overwritten with zeros), then puts it back. */
    withSecureDelete<T>(fn: () => T): T {
      const before = db.pragma('secure_delete', { simple: true }) as number;
      db.pragma('secure_delete = ON');
      try {
        return fn();
      } finally {
        db.pragma(`secure_delete = ${before === 1 ? 'ON' : 'OFF'}`);
      }
    },

    /**
     * After the scheme changed: each item's content hash as the new scheme orders its caveats
     * (what it prints). A cleared item whose printed caveats moved is then changed since cleared.
     * Returns how many hashes changed.
     */
    rehashAll(): number {
      const scheme = currentScheme();
      let changed = 0;
      for (const row of statements.allRows.all()) {
        const hash = contentHashOf(exchangeOf(row), scheme);
        if (hash === row.content_hash) continue;
        statements.setContentHash.run(hash, row.id);
        changed += 1;
      }
      return changed;
    },

    /** Rebuilds both search indexes from the items table (after an import of many items). */
    reindexAll(): void {
      db.exec("DELETE FROM search_words; DELETE FROM search_grams;");
      for (const id of statements.liveIds.all()) {
        const row = statements.get.get(id.id);
        if (row !== undefined) index(exchangeOf(row));
      }
    },
  };
}

export type ItemsRepository = ReturnType<typeof itemsRepository>;
