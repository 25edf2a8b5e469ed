/**
 * The library table's rows and counts: one query per listing (the first words of the body, the
 * tags and how many sections use each item joined once), the filter counts, the library totals.
 * The WHERE and ORDER BY of a listing are built here from fixed fragments; every value is bound.
 */
import type { Db } from '../db';
import { parseOptional, parseStored, STORED } from './stored-json';
import { clearancesSchema, ITEM_KINDS, type ChainEntry, type ItemKind, type ItemStatus } from '../../../src/shared/domain';
import type { Facets, ItemList, ItemRow, ParsedInput, StoreContract } from '../../../src/shared/contract';
import { plainText } from '../../../src/shared/briefbook-text';
import { CLEARANCE_STATES, clearanceState, type ClearanceState } from '../../../src/shared/clearance';

export interface ItemRowDbRow {
  id: string; kind: ItemKind; title: string; topic: string | null; classification: string; caveats: string;
  status: ItemStatus; owner: string | null; version: number; updated_at: string; body_head: string;
  tags: string | null; used_in: number; extra: string | null; cleared_hash: string | null; content_hash: string | null;
}

// aggregates joined once, not correlated per row: listing 20,000 items stays one fast scan
const BASE = `
    SELECT i.id, i.kind, i.title, i.topic, i.classification, i.caveats, i.status, i.owner, i.version,
           i.updated_at, substr(i.body, 1, 400) AS body_head, t.tags, coalesce(u.used_in, 0) AS used_in, i.extra,
           json_extract(i.clearance, '$.contentHash') AS cleared_hash, i.content_hash
    FROM items i
    LEFT JOIN (SELECT item_id, group_concat(tag, char(31)) AS tags FROM (SELECT item_id, tag FROM item_tags ORDER BY item_id, position) GROUP BY item_id) t
      ON t.item_id = i.id
    LEFT JOIN (SELECT item_id, count(*) AS used_in FROM section_items GROUP BY item_id) u ON u.item_id = i.id`;

/** An item's clearance state in SQL, as `clearanceState` (src/shared/clearance.ts) gives it. */
const STATE_SQL = `CASE WHEN i.status = 'cleared' AND i.clearance IS NOT NULL AND json_extract(i.clearance, '$.contentHash') IS NOT i.content_hash THEN 'changed' ELSE i.status END`;

const SORT_COLUMNS = {
  title: 'i.title COLLATE NOCASE',
  kind: 'i.kind',
  topic: 'i.topic COLLATE NOCASE',
  status: 'i.status',
  classification: 'i.classification',
  updatedAt: 'i.updated_at',
  usedIn: 'used_in',
} as const;

/** The row's clearance state, from the hash its clearance was given on and the hash of its text now. */
export function stateOfRow(r: { status: ItemStatus; cleared_hash: string | null; content_hash: string | null }): ClearanceState {
  return clearanceState({ status: r.status, clearance: r.cleared_hash === null ? undefined : { contentHash: r.cleared_hash } }, r.content_hash ?? undefined);
}

export function toItemRow(r: ItemRowDbRow): ItemRow {
  // `due` is an extension kept in `extra` (docs/data-model.md): no column, no migration
  const due = parseOptional(STORED.extra, r.extra, { table: 'items', id: r.id, field: 'extra' })?.due;
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    topic: r.topic,
    tags: r.tags === null ? [] : r.tags.split('\u001f'),
    classification: r.classification,
    caveats: parseStored(STORED.caveats, r.caveats, { table: 'items', id: r.id, field: 'caveats' }),
    status: r.status,
    clearanceState: stateOfRow(r),
    owner: r.owner,
    version: r.version,
    updatedAt: r.updated_at,
    excerpt: plainText(r.body_head).replace(/\s+/g, ' ').slice(0, 200),
    usedIn: r.used_in,
    due: typeof due === 'string' ? due : null,
  };
}

const LIVE = 'FROM items WHERE deleted_at IS NULL';

export function itemRowsRepository(db: Db) {
  const statements = {
    byId: db.prepare<[string], ItemRowDbRow>(`${BASE} WHERE i.id = ?`),
    // a book's live items, section by section, in order: tags and uses looked up per row (a
    // book holds a few hundred items at most; the joined aggregates of BASE scan whole tables)
    ofBook: db.prepare<[string], ItemRowDbRow & { section_id: string; chain: string | null }>(
      `SELECT si.section_id, i.id, i.kind, i.title, i.topic, i.classification, i.caveats, i.status, i.owner, i.version,
              i.updated_at, substr(i.body, 1, 400) AS body_head, json_extract(i.extra, '$.clearances') AS chain,
              json_extract(i.clearance, '$.contentHash') AS cleared_hash, i.content_hash,
              (SELECT group_concat(t.tag, char(31) ORDER BY t.position) FROM item_tags t WHERE t.item_id = i.id) AS tags,
              (SELECT count(*) FROM section_items u WHERE u.item_id = i.id) AS used_in, i.extra
       FROM section_items si JOIN items i ON i.id = si.item_id
       WHERE si.book_id = ? AND i.deleted_at IS NULL
       ORDER BY si.section_id, si.position`,
    ),
    counts: db.prepare<[], { items: number; books: number }>(
      'SELECT (SELECT count(*) FROM items WHERE deleted_at IS NULL) AS items, (SELECT count(*) FROM books) AS books',
    ),
    total: db.prepare<[], { n: number }>(`SELECT count(*) AS n ${LIVE}`),
    kinds: db.prepare<[], { value: ItemKind; count: number }>(`SELECT kind AS value, count(*) AS count ${LIVE} GROUP BY kind`),
    statuses: db.prepare<[], { value: ClearanceState; count: number }>(`SELECT ${STATE_SQL} AS value, count(*) AS count FROM items i WHERE i.deleted_at IS NULL GROUP BY value`),
    classifications: db.prepare<[], { value: string; count: number }>(`SELECT classification AS value, count(*) AS count ${LIVE} GROUP BY classification`),
    topics: db.prepare<[], { value: string; count: number }>(
      `SELECT topic AS value, count(*) AS count ${LIVE} GROUP BY topic ORDER BY count DESC, topic LIMIT 500`,
    ),
    tags: db.prepare<[], { value: string; count: number }>(
      `SELECT t.tag AS value, count(*) AS count FROM item_tags t JOIN items i ON i.id = t.item_id
       WHERE i.deleted_at IS NULL GROUP BY t.tag ORDER BY count DESC, t.tag LIMIT 500`,
    ),
  };
  const present = <T extends { value: unknown }>(list: T[]) => list.filter((r) => r.value !== null && r.value !== '');

  return {
    /** One row of the library table, deleted items included. */
    row(id: string): ItemRow | null {
      const row = statements.byId.get(id);
      return row === undefined ? null : toItemRow(row);
    },

    /**
     * The live items of a book's sections, by section id, each in its section's order, and the
     * clearance chain of each that has one with the hash of its text now: one query.
     */
    ofBook(bookId: string): { bySection: Map<string, ItemRow[]>; chains: Map<string, { clearances: ChainEntry[]; contentHash: string | undefined }> } {
      const bySection = new Map<string, ItemRow[]>();
      const chains = new Map<string, { clearances: ChainEntry[]; contentHash: string | undefined }>();
      for (const row of statements.ofBook.all(bookId)) {
        const list = bySection.get(row.section_id) ?? [];
        list.push(toItemRow(row));
        bySection.set(row.section_id, list);
        if (row.chain !== null && !chains.has(row.id)) {
          const clearances = parseStored(clearancesSchema, row.chain, { table: 'items', id: row.id, field: 'extra.clearances' }) as ChainEntry[];
          chains.set(row.id, { clearances, contentHash: row.content_hash ?? undefined });
        }
      }
      return { bySection, chains };
    },

    /** Live items and books in the library. */
    counts(): { items: number; books: number } {
      return statements.counts.get() as { items: number; books: number };
    },

    facets(): Facets {
      const kinds = present(statements.kinds.all());
      const statuses = present(statements.statuses.all());
      return {
        total: (statements.total.get() as { n: number }).n,
        kinds: ITEM_KINDS.map((kind) => ({ value: kind, count: kinds.find((k) => k.value === kind)?.count ?? 0 })),
        statuses: CLEARANCE_STATES.map((state) => ({ value: state, count: statuses.find((s) => s.value === state)?.count ?? 0 })),
        classifications: present(statements.classifications.all()),
        topics: present(statements.topics.all()),
        tags: present(statements.tags.all()),
      };
    },

    /** A filtered, sorted page of live items and how many match in all. */
    list(input: ParsedInput<StoreContract, 'items.list'>): ItemList {
      const where: string[] = ['i.deleted_at IS NULL'];
      const params: unknown[] = [];
      const anyOf = (column: string, values: readonly string[] | undefined) => {
        if (values === undefined || values.length === 0) return;
        where.push(`${column} IN (${values.map(() => '?').join(', ')})`);
        params.push(...values);
      };
      anyOf('i.kind', input.kinds);
      anyOf(STATE_SQL, input.statuses);
      anyOf('i.classification', input.classifications);
      anyOf('i.topic', input.topics);
      if (input.tags !== undefined && input.tags.length > 0) {
        where.push(`EXISTS (SELECT 1 FROM item_tags t WHERE t.item_id = i.id AND t.tag IN (${input.tags.map(() => '?').join(', ')}))`);
        params.push(...input.tags);
      }
      const sortColumn = SORT_COLUMNS[input.sort?.by ?? 'updatedAt'];
      const dir = (input.sort?.dir ?? 'desc') === 'asc' ? 'ASC' : 'DESC';
      const whereSql = where.join(' AND ');
      // the fragments above are fixed strings; every value is a bound parameter
      const total = (db.prepare(`SELECT count(*) AS n FROM items i WHERE ${whereSql}`).get(...params) as { n: number }).n;
      const page = db
        .prepare(`${BASE} WHERE ${whereSql} ORDER BY ${sortColumn} ${dir}, i.seq ${dir} LIMIT ? OFFSET ?`)
        .all(...params, input.limit ?? 100_000, input.offset ?? 0) as ItemRowDbRow[];
      return { rows: page.map(toItemRow), total };
    },
  };
}

export type ItemRowsRepository = ReturnType<typeof itemRowsRepository>;
