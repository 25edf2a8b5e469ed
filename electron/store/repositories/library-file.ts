/**
 * The statements the vault runs on a whole library file rather than on its records: the first
 * read of the schema (which decrypts page 1 and rolls back a hot journal), a copy by VACUUM INTO,
 * whether an item is present, and the rows the content fingerprint hashes.
 */
import type { Db } from '../db';

/** Reads the schema: throws when the file cannot be decrypted or is no database. */
export function readSchema(db: Db): void {
  db.prepare('SELECT count(*) FROM sqlite_schema').get();
}

/** Writes a compact copy of the whole database into `target` (an absent or empty file). */
export function vacuumInto(db: Db, target: string): void {
  db.prepare('VACUUM INTO ?').run(target);
}

/** Whether the database holds a row of the item `id` (deleted or not). */
export function holdsItem(db: Db, id: string): boolean {
  return db.prepare('SELECT 1 FROM items WHERE id = ?').get(id) !== undefined;
}

const quoteName = (name: string) => `"${name.replace(/"/g, '""')}"`;
const isVirtual = (sql: string | null) => /^\s*CREATE\s+VIRTUAL/i.test(sql ?? '');

/** The ordinary tables by name, full-text index tables and their shadow tables left out. */
export function contentTables(db: Db): string[] {
  const tables = db
    .prepare<[], { name: string; sql: string | null }>("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all();
  const owner = db.prepare<[string], { sql: string | null }>("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?");
  const isShadow = (name: string) => {
    const match = /^(.*)_(data|idx|content|docsize|config)$/.exec(name);
    if (match === null) return false;
    const row = owner.get(match[1]);
    return row !== undefined && isVirtual(row.sql);
  };
  return tables.filter((t) => !isVirtual(t.sql) && !isShadow(t.name)).map((t) => t.name);
}

/** Every row of a table as raw values, in b-tree order. `table` comes from `contentTables`. */
export function tableRows(db: Db, table: string): IterableIterator<unknown[]> {
  // the name comes from sqlite_schema, not from a user; quoted as an identifier
  return db.prepare(`SELECT * FROM ${quoteName(table)}`).raw().iterate() as IterableIterator<unknown[]>;
}
