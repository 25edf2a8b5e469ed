/**
 * Data steps of migrations: the part of a schema upgrade that SQL cannot say, run by
 * migrate.ts right after the version's .sql file, in the same transaction. Keyed by version.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { MarkingScheme } from '../../../src/shared/domain';
import { orderCaveats } from '../../../src/shared/markings';
import { z } from 'zod';
import { UNRECORDED_CLEARER } from '../../../src/shared/clearance';
import { contentHashOf } from '../hashes';
import { revOf } from '../hashes';
import { booksRepository } from './books';
import { itemsRepository } from './items';
import { markingsRepository } from './markings';
import { revisionsRepository } from './revisions';
import { parseStored, STORED } from './stored-json';

/** What this step reads of a first-release snapshot: its caveats (the rest is kept as it is). */
const SNAPSHOT_CAVEATS = z.looseObject({ caveats: STORED.caveats });

export type DataStep = (db: Database) => void;

/**
 * Version 2: every item's caveat strings as the scheme writes them (docs/markings.md): known
 * codes in their spelling, country lists owner first then alphabetical, in the scheme's order;
 * the same in each saved version, so history shows no change that was never made. Versions and
 * timestamps stay as they were: the marking means what it meant.
 */
function normaliseItemCaveats(db: Database): void {
  const scheme: MarkingScheme = markingsRepository(db).get();
  const normal = (caveats: string[]) => orderCaveats(caveats, scheme);
  const same = (a: string[], b: string[]) => a.length === b.length && a.every((value, i) => value === b[i]);

  const items = db.prepare<[], { id: string; caveats: string }>("SELECT id, caveats FROM items WHERE caveats <> '[]'").all();
  const setItem = db.prepare('UPDATE items SET caveats = ? WHERE id = ?');
  for (const row of items) {
    const caveats = parseStored(STORED.caveats, row.caveats, { table: 'items', id: row.id, field: 'caveats' });
    const next = normal(caveats);
    if (!same(caveats, next)) setItem.run(JSON.stringify(next), row.id);
  }

  const versions = db
    .prepare<[], { item_id: string; version: number; snapshot: string }>(
      "SELECT item_id, version, snapshot FROM item_versions WHERE json_array_length(snapshot, '$.caveats') > 0",
    )
    .all();
  const setSnapshot = db.prepare('UPDATE item_versions SET snapshot = ? WHERE item_id = ? AND version = ?');
  for (const row of versions) {
    const snapshot = parseStored(SNAPSHOT_CAVEATS, row.snapshot, { table: 'item_versions', id: `${row.item_id} version ${row.version}`, field: 'snapshot' });
    const next = normal(snapshot.caveats);
    if (!same(snapshot.caveats, next)) setSnapshot.run(JSON.stringify({ ...snapshot, caveats: next }), row.item_id, row.version);
  }
}

/**
 * Version 3: every item's content hash (what it prints: title, body, classification, caveats,
 * translations), and for every item already cleared a clearance on that text, by whoever last
 * moved its status and when (docs/data-model.md): cleared items stay cleared after the upgrade.
 * Versions and timestamps stay as they were.
 */
function recordContentHashes(db: Database): void {
  const scheme: MarkingScheme = markingsRepository(db).get();
  const items = db
    .prepare<[], { id: string; title: string; body: string; classification: string; caveats: string; status: string; status_changed_by: string | null; status_changed_at: string | null; updated_at: string }>(
      'SELECT id, title, body, classification, caveats, status, status_changed_by, status_changed_at, updated_at FROM items',
    )
    .all();
  const translationsOf = db.prepare<[string], { lang: string; title: string | null; body: string | null; extra: string | null }>(
    'SELECT lang, title, body, extra FROM item_translations WHERE item_id = ? ORDER BY lang',
  );
  const setHash = db.prepare('UPDATE items SET content_hash = ?, clearance = ? WHERE id = ?');
  for (const row of items) {
    const translations: Record<string, Record<string, unknown>> = {};
    for (const t of translationsOf.all(row.id)) {
      const extra = t.extra === null ? {} : parseStored(STORED.extra, t.extra, { table: 'item_translations', id: `${row.id}/${t.lang}`, field: 'extra' });
      translations[t.lang] = { ...extra, ...(t.title === null ? {} : { title: t.title }), ...(t.body === null ? {} : { body: t.body }) };
    }
    const caveats = parseStored(STORED.caveats, row.caveats, { table: 'items', id: row.id, field: 'caveats' });
    const contentHash = contentHashOf({ title: row.title, body: row.body, classification: row.classification, caveats, translations }, scheme);
    const clearance = row.status === 'cleared' ? JSON.stringify({ by: row.status_changed_by ?? UNRECORDED_CLEARER, at: row.status_changed_at ?? row.updated_at, contentHash }) : null;
    setHash.run(contentHash, clearance, row.id);
  }
}

/**
 * Version 5: the revision store starts with what the library already holds (docs/data-model.md):
 * the rev of every saved version of every item, oldest first, then the item as it stands, and
 * every book as an exchange file would write it (only live items in its sections).
 */
function recordExistingRevisions(db: Database): void {
  const items = itemsRepository(db);
  const books = booksRepository(db);
  const revisions = revisionsRepository(db);
  const at = new Date().toISOString();
  for (const id of items.allIds()) {
    for (const version of items.history(id).reverse()) revisions.record('item', id, revOf(version.item as Record<string, unknown>), 'upgrade', at);
    const item = items.exchange(id);
    if (item !== null) revisions.record('item', id, revOf(item as Record<string, unknown>), 'upgrade', at);
  }
  for (const { header } of books.all()) {
    const book = books.exchange(header.id);
    if (book === null) continue;
    const live = {
      ...book,
      sections: book.sections.map((section) => ({ ...section, items: section.items.filter((itemId) => items.get(itemId)?.deleted === false) })),
    };
    revisions.record('book', header.id, revOf(live as Record<string, unknown>), 'upgrade', at);
  }
}

export const DATA_STEPS: Readonly<Record<number, DataStep>> = {
  2: normaliseItemCaveats,
  3: recordContentHashes,
  5: recordExistingRevisions,
};
