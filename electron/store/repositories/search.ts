/**
 * Full-text search over titles, bodies, tags and translations.
 *
 * Two FTS5 indexes answer together: `search_words` (porter + unicode61) finds English stems and
 * Korean words with their particles by prefix ("동맹" finds "동맹의"); `search_grams` (trigram)
 * finds any substring of three characters or more, such as "유연성" inside "전략적유연성" or a
 * word typed halfway. Word hits rank first (bm25, title weighted), substring hits after them.
 */
import { stateOfRow } from './item-rows';
import type { Db } from '../db';
import { parseStored, STORED } from './stored-json';
import type { ItemKind, ItemStatus } from '../../../src/shared/domain';
import type { SearchHit } from '../../../src/shared/contract';

const OPEN = '\u0002';
const CLOSE = '\u0003';

/** Words of the query; a double-quoted part stays one phrase. FTS syntax never reaches SQLite raw. */
export function queryTerms(query: string): string[] {
  const terms: string[] = [];
  const pattern = /"([^"]*)"|(\S+)/g;
  for (const match of query.matchAll(pattern)) {
    // eslint-disable-next-line no-control-regex -- control characters are not searchable text
    const term = (match[1] ?? match[2]).replace(/[\u0000-\u001f"]/g, ' ').trim();
    if (term !== '') terms.push(term);
  }
  return terms.slice(0, 16);
}

const quote = (term: string) => `"${term.replace(/"/g, '""')}"`;

type Segment = { text: string; hit: boolean };

/** Splits text with OPEN/CLOSE markers (from snippet()) into segments. */
function segmentsOfMarked(text: string): Segment[] {
  const segments: Segment[] = [];
  let hit = false;
  let current = '';
  for (const ch of text) {
    if (ch === OPEN || ch === CLOSE) {
      if (current !== '') segments.push({ text: current, hit });
      current = '';
      hit = ch === OPEN;
    } else current += ch;
  }
  if (current !== '') segments.push({ text: current, hit });
  return segments;
}

/** Marks every case-insensitive occurrence of the terms (substring hits, titles). */
export function highlight(text: string, terms: readonly string[]): Segment[] {
  const lower = text.toLowerCase();
  const marks = new Array<boolean>(text.length).fill(false);
  for (const term of terms) {
    const needle = term.toLowerCase();
    if (needle === '') continue;
    let at = lower.indexOf(needle);
    while (at >= 0) {
      marks.fill(true, at, at + needle.length);
      at = lower.indexOf(needle, at + needle.length);
    }
  }
  const segments: Segment[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const last = segments.at(-1);
    if (last !== undefined && last.hit === marks[i]) last.text += text[i];
    else segments.push({ text: text[i], hit: marks[i] });
  }
  return segments;
}

/** A window of about `width` characters around the first hit of any term. */
function windowAround(text: string, terms: readonly string[], width = 160): string {
  const lower = text.toLowerCase();
  let first = -1;
  for (const term of terms) {
    const at = lower.indexOf(term.toLowerCase());
    if (at >= 0 && (first < 0 || at < first)) first = at;
  }
  if (text.length <= width) return text;
  const start = Math.max(0, first - Math.floor(width / 3));
  const end = Math.min(text.length, start + width);
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
}

interface HitRow {
  seq: number;
  id: string;
  kind: ItemKind;
  title: string;
  classification: string;
  caveats: string;
  status: ItemStatus;
  cleared_hash: string | null;
  content_hash: string | null;
  score: number;
  snippet: string | null;
  body: string;
  translations: string;
}

/**
 * A query matching more items than this is "broad" (a word's first letters typed so far, or a
 * word in nearly every item): ranking thousands of matches by relevance costs time on every
 * keystroke and means little, so broad queries list title matches first, then the rest,
 * newest first, and stop at the limit. More letters narrow the query and bring ranking back.
 */
export const BROAD_QUERY = 1500;

function hitOf(row: HitRow, terms: readonly string[], snippet: Segment[], score: number): SearchHit {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    classification: row.classification,
    caveats: parseStored(STORED.caveats, row.caveats, { table: 'items', id: row.id, field: 'caveats' }),
    status: row.status,
    clearanceState: stateOfRow(row),
    titleSegments: highlight(row.title, terms),
    snippet,
    score,
  };
}

export function searchRepository(db: Db) {
  const hitColumns = `SELECT i.seq, i.id, i.kind, i.title, i.classification, i.caveats, i.status,
            json_extract(i.clearance, '$.contentHash') AS cleared_hash, i.content_hash, top.score, top.snippet,
            '' AS body, '' AS translations
     FROM top JOIN items i ON i.seq = top.seq
     WHERE i.deleted_at IS NULL`;
  const snippet = `snippet(search_words, -1, '${OPEN}', '${CLOSE}', '…', 24)`;
  // FTS5 sorts by its configured rank (bm25, title weighted) and stops at the limit, so the
  // snippet is computed for the returned rows only.
  const ranked = db.prepare<[string, number], HitRow>(
    `WITH top AS (
       SELECT rowid AS seq, rank AS score, ${snippet} AS snippet
       FROM search_words WHERE search_words MATCH ? ORDER BY rank LIMIT ?
     )
     ${hitColumns} ORDER BY top.score`,
  );
  // newest first in the index's own order: no ranking, stops at the limit
  const newest = db.prepare<[string, number], HitRow>(
    `WITH top AS (
       SELECT rowid AS seq, 0 AS score, ${snippet} AS snippet
       FROM search_words WHERE search_words MATCH ? ORDER BY rowid DESC LIMIT ?
     )
     ${hitColumns} ORDER BY top.seq DESC`,
  );
  const countUpTo = db.prepare<[string, number], { n: number }>(
    'SELECT count(*) AS n FROM (SELECT rowid FROM search_words WHERE search_words MATCH ? LIMIT ?)',
  );
  const grams = db.prepare<[string, number], { seq: number }>(
    `SELECT rowid AS seq FROM search_grams WHERE search_grams MATCH ? ORDER BY rowid DESC LIMIT ?`,
  );
  const bySeq = db.prepare<[number], HitRow>(
    `SELECT i.seq, i.id, i.kind, i.title, i.classification, i.caveats, i.status,
            json_extract(i.clearance, '$.contentHash') AS cleared_hash, i.content_hash, 0 AS score, NULL AS snippet,
            w.body AS body, w.translations AS translations
     FROM items i JOIN search_words w ON w.rowid = i.seq
     WHERE i.seq = ? AND i.deleted_at IS NULL`,
  );

  /** Word-index hits: ranked, or for a broad query titles first and newest first. */
  function wordRows(terms: readonly string[], fetch: number): HitRow[] {
    const expression = terms.map((term) => `${quote(term)}*`).join(' AND ');
    if ((countUpTo.get(expression, BROAD_QUERY)?.n ?? 0) < BROAD_QUERY) return ranked.all(expression, fetch);
    const rows = newest.all(`title : (${expression})`, fetch);
    if (rows.length < fetch) {
      const inTitle = new Set(rows.map((row) => row.seq));
      for (const row of newest.all(expression, fetch)) {
        if (rows.length >= fetch) break;
        if (!inTitle.has(row.seq)) rows.push(row);
      }
    }
    return rows;
  }

  return {
    query(query: string, limit: number, kinds?: readonly ItemKind[]): SearchHit[] {
      const terms = queryTerms(query);
      if (terms.length === 0) return [];
      const wanted = kinds !== undefined && kinds.length > 0 ? new Set(kinds) : null;
      // fetch extra rows so that the kind filter still fills the page
      const fetch = wanted === null ? limit : Math.min(limit * 8, 4000);
      const hits: SearchHit[] = [];
      const seen = new Set<number>();

      for (const row of wordRows(terms, fetch)) {
        if (wanted !== null && !wanted.has(row.kind)) continue;
        seen.add(row.seq);
        const marked = row.snippet ?? '';
        const snippet = marked.includes(OPEN) ? segmentsOfMarked(marked) : [{ text: marked.split(OPEN).join('').split(CLOSE).join(''), hit: false }];
        hits.push(hitOf(row, terms, snippet, -row.score));
      }

      // substrings: every term must be 3+ characters for the trigram index to answer
      if (hits.length < limit && terms.every((term) => [...term].length >= 3)) {
        const gramQuery = terms.map(quote).join(' AND ');
        for (const { seq } of grams.all(gramQuery, fetch)) {
          if (seen.has(seq)) continue;
          const row = bySeq.get(seq);
          if (row === undefined || (wanted !== null && !wanted.has(row.kind))) continue;
          seen.add(seq);
          const source = [row.body, row.translations].find((text) => terms.some((t) => text.toLowerCase().includes(t.toLowerCase()))) ?? row.body;
          hits.push(hitOf(row, terms, highlight(windowAround(source.replace(/\s+/g, ' '), terms), terms), 0));
          if (hits.length >= limit) break;
        }
      }
      return hits.slice(0, limit);
    },
  };
}
