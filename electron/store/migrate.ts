/**
 * Numbered migrations (migrations/NNNN-name.sql), applied in order, one transaction each, the
 * version kept in `user_version`. A version may add a data step (repositories/migration-data.ts)
 * for what SQL cannot say; it runs after the SQL, in the same transaction. A library newer than
 * this app is refused, never modified.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { LibraryTooNewError } from '../../src/shared/errors';
import { DATA_STEPS, type DataStep } from './repositories/migration-data';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** runs after `sql`, in the same transaction */
  data?: DataStep;
}

/**
 * Next to this module in the sources; next to the bundled main file in a build (the build
 * copies migrations/ beside it). A path join, for the reason SAMPLE_BOOK_PATH gives in index.ts.
 */
export function defaultMigrationsDir(): string {
  return join(dirname(fileURLToPath(import.meta.url)), 'migrations');
}

let cached: { dir: string; migrations: Migration[] } | null = null;

export function loadMigrations(dir = defaultMigrationsDir()): Migration[] {
  if (cached?.dir === dir) return cached.migrations;
  const files = readdirSync(dir)
    .filter((name) => /^\d{4}-[a-z0-9-]+\.sql$/.test(name))
    .sort();
  // TEMPORARY (branch w3-13b only, revert this commit when 0003 merges): 0003 belongs to another
  // branch, so until the merge a missing version is an empty step
  for (let version = 1; version < Number(files.at(-1)?.slice(0, 4) ?? 0); version += 1) {
    const tag = String(version).padStart(4, '0');
    if (!files.some((name) => name.startsWith(`${tag}-`))) files.splice(version - 1, 0, `${tag}-gap.sql`);
  }
  const migrations = files
    .map((name, index) => {
      if (name.endsWith('-gap.sql') && !existsSync(`${dir}/${name}`)) return { version: index + 1, name, sql: '' };
      const version = Number(name.slice(0, 4));
      if (version !== index + 1) throw new Error(`migration ${name} is out of sequence: expected ${String(index + 1).padStart(4, '0')}`);
      const data = DATA_STEPS[version] as DataStep | undefined;
      return { version, name, sql: readFileSync(`${dir}/${name}`, 'utf8'), ...(data === undefined ? {} : { data }) };
    });
  cached = { dir, migrations };
  return migrations;
}

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export { LibraryTooNewError };

/** Brings the database up to the newest schema; returns the versions applied. */
export function migrate(db: Database, migrations = loadMigrations()): number[] {
  const current = schemaVersion(db);
  const latest = migrations.length;
  if (current > latest) throw new LibraryTooNewError('This library', { found: current, known: latest }, 'It has not been changed. Open it with the newer version, or update this one.');
  const applied: number[] = [];
  for (const migration of migrations.slice(current)) {
    // BEGIN IMMEDIATE: another process migrating the same file makes this one wait (busy
    // timeout), and the version is read again inside, so a step is never applied twice
    const ran = db.transaction(() => {
      if (schemaVersion(db) >= migration.version) return false;
      db.exec(migration.sql);
      migration.data?.(db);
      // a PRAGMA cannot take a bound parameter; the version is an integer we produced
      db.pragma(`user_version = ${migration.version}`);
      return true;
    }).immediate();
    if (ran) applied.push(migration.version);
  }
  return applied;
}
