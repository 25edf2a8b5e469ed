import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, test } from 'vitest';
import type { ExchangeFile } from '../../src/shared/domain';
import { revOf } from './hashes';
import { loadMigrations, migrate, schemaVersion, LibraryTooNewError } from './migrate';
import { openDatabase } from './open';
import { openTestLibrary, type TempLibrary, tempLibrary } from './testing';

let lib: TempLibrary | null = null;
afterEach(() => {
  lib?.dispose();
  lib = null;
});

describe('opening a library', () => {
  test('a fresh file gets the newest schema and the safe pragmas (DUR-1)', () => {
    lib = tempLibrary();
    const db = lib.service.db;
    expect(schemaVersion(db)).toBe(loadMigrations().length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('temp_store', { simple: true })).toBe(2);
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[];
    for (const name of ['items', 'item_versions', 'item_tags', 'item_translations', 'item_sources', 'books', 'sections', 'section_items', 'markings', 'settings', 'audit_log', 'export_log', 'search_words', 'search_grams']) {
      expect(tables.map((t) => t.name)).toContain(name);
    }
  });

  test('migrations are numbered without gaps', () => {
    const migrations = loadMigrations();
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  test('a library newer than the app is refused and left byte-identical', () => {
    lib = tempLibrary();
    lib.service['library.loadSample']({});
    const path = lib.path;
    lib.service.db.pragma('wal_checkpoint(TRUNCATE)');
    lib.service.db.pragma('user_version = 99');
    lib.close();
    const before = readFileSync(path);
    expect(() => openDatabase(path)).toThrow(LibraryTooNewError);
    expect(() => openDatabase(path)).toThrow(/newer Briefbook \(schema 99/);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  test('an upgrade applies the missing migrations in order and keeps the data', () => {
    lib = tempLibrary();
    const path = join(lib.dir, 'old.db');
    const [first] = loadMigrations();
    // a library made by the first release
    const old = new Database(path);
    migrate(old, [first]);
    old.prepare(
      `INSERT INTO items (id, kind, title, body, classification, status, version, created_at, updated_at)
       VALUES ('rl-1', 'red_line', 'No leader-level deal', 'Keep it at the working level.', 'C', 'cleared', 1, 'x', 'x')`,
    ).run();
    old.close();
    // a later release that moves data: titles get a search-friendly copy
    const second = {
      version: 2,
      name: '0002-title-folded.sql',
      sql: "ALTER TABLE items ADD COLUMN title_folded TEXT; UPDATE items SET title_folded = lower(title);",
    };
    const db = new Database(path);
    expect(migrate(db, [first, second])).toEqual([2]);
    expect(schemaVersion(db)).toBe(2);
    expect(db.prepare("SELECT title_folded FROM items WHERE id = 'rl-1'").get()).toEqual({ title_folded: 'no leader-level deal' });
    expect(migrate(db, [first, second])).toEqual([]);
    db.close();
  });

  test('a failing migration rolls back whole and leaves the version as it was', () => {
    lib = tempLibrary();
    const path = join(lib.dir, 'broken.db');
    const [first] = loadMigrations();
    const db = new Database(path);
    migrate(db, [first]);
    const bad = { version: 2, name: '0002-bad.sql', sql: 'CREATE TABLE half_done (x INTEGER); INSERT INTO nowhere VALUES (1);' };
    expect(() => migrate(db, [first, bad])).toThrow(/nowhere/);
    expect(schemaVersion(db)).toBe(1);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half_done'").get()).toEqual({ n: 0 });
    db.close();
  });

  test('a file that is not a library is refused with a message, not overwritten', () => {
    lib = tempLibrary();
    const path = join(lib.dir, 'notes.txt');
    writeFileSync(path, 'these are not the minutes you are looking for'.repeat(100));
    const before = readFileSync(path);
    expect(() => openDatabase(path)).toThrow(/encrypted or is not a Briefbook library/);
    expect(readFileSync(path).equals(before)).toBe(true);
  });
});

describe('0002 markings caveats', () => {
  /** A library made by the first release: its scheme has no caveat list. */
  function firstRelease(path: string, schemeExtra: string | null) {
    const [first] = loadMigrations();
    const old = new Database(path);
    migrate(old, [first]);
    old.prepare('INSERT INTO markings (id, scheme, levels, portion_marks, extra) VALUES (1, ?, ?, 1, ?)').run(
      'default',
      JSON.stringify([
        { code: 'U', banner: 'UNCLASSIFIED', portion: 'U' },
        { code: 'C', banner: 'CONFIDENTIAL', portion: 'C' },
        { code: 'S', banner: 'SECRET', portion: 'S' },
      ]),
      schemeExtra,
    );
    const item = old.prepare(
      `INSERT INTO items (id, kind, title, body, classification, caveats, status, version, created_at, updated_at)
       VALUES (?, 'talking_point', ?, 'Text.', ?, ?, 'draft', 2, 'x', 'y')`,
    );
    const version = old.prepare('INSERT INTO item_versions (item_id, version, saved_at, snapshot) VALUES (?, ?, ?, ?)');
    const rows: [string, string, string, string[]][] = [
      ['tp-rel', 'Alliance statement', 'S', ['REL TO KOR, USA']],
      ['tp-nf', 'Basing costs', 'C', ['noforn', 'ORCON']],
      ['tp-free', 'Press guidance', 'U', ['Eyes Only']],
    ];
    for (const [id, title, level, caveats] of rows) {
      item.run(id, title, level, JSON.stringify(caveats));
      for (const v of [1, 2]) {
        version.run(id, v, 'x', JSON.stringify({ id, kind: 'talking_point', title, body: 'Text.', classification: level, caveats, status: 'draft' }));
      }
    }
    old.close();
  }

  test('the scheme gains the default caveat list; items\' caveats are normalised, versions kept', () => {
    lib = tempLibrary();
    const path = join(lib.dir, 'first.db');
    firstRelease(path, JSON.stringify({ note: 'kept' }));
    const opened = openTestLibrary(path);
    try {
      const { service } = opened;
      expect(schemaVersion(service.db)).toBe(loadMigrations().length);
      const scheme = service['markings.get']({});
      expect(scheme.caveats?.map((c) => c.code)).toEqual(['ORCON', 'IMCON', 'NOFORN', 'PROPIN', 'REL TO', 'RELIDO', 'FOUO']);
      expect(scheme.caveats?.find((c) => c.code === 'NOFORN')).toEqual({ code: 'NOFORN', portion: 'NF', supersedes: ['REL TO'] });
      expect((scheme as Record<string, unknown>).note).toBe('kept');
      const rel = service['items.get']({ id: 'tp-rel' });
      expect(rel.caveats).toEqual(['REL TO USA, KOR']);
      expect(rel.version).toBe(2);
      expect(service['items.get']({ id: 'tp-nf' }).caveats).toEqual(['ORCON', 'NOFORN']);
      expect(service['items.get']({ id: 'tp-free' }).caveats).toEqual(['Eyes Only']);
      expect(service['items.history']({ id: 'tp-rel' }).map((v) => v.item.caveats)).toEqual([['REL TO USA, KOR'], ['REL TO USA, KOR']]);
    } finally {
      opened.close();
    }
  });

  test('a scheme that already has a caveat list keeps it', () => {
    lib = tempLibrary();
    const path = join(lib.dir, 'custom.db');
    firstRelease(path, JSON.stringify({ caveats: [{ code: 'REL TO', countries: true }], owner: 'KOR' }));
    const opened = openTestLibrary(path);
    try {
      expect(opened.service['markings.get']({}).caveats).toEqual([{ code: 'REL TO', countries: true }]);
      // normalised by that scheme: the owner KOR first; NOFORN is not in it, kept as written
      expect(opened.service['items.get']({ id: 'tp-rel' }).caveats).toEqual(['REL TO KOR, USA']);
      expect(opened.service['items.get']({ id: 'tp-nf' }).caveats).toEqual(['ORCON', 'noforn']);
    } finally {
      opened.close();
    }
  });
});

describe('version 5: the revision store of an existing library', () => {
  test('an upgraded library knows the rev of every saved version of its items and of its books, and exports them', () => {
    lib = tempLibrary();
    const path = join(lib.dir, 'before-revisions.db');
    const old = new Database(path);
    migrate(old, loadMigrations().slice(0, 2));
    const v1 = { id: 'rl-1', kind: 'red_line', title: 'No deal', body: 'Working level only.', classification: 'C', status: 'draft' };
    const v2 = { ...v1, body: 'Working level only, for now.' };
    old.prepare(
      `INSERT INTO items (id, kind, title, body, classification, status, version, created_at, updated_at)
       VALUES ('rl-1', 'red_line', 'No deal', 'Working level only, for now.', 'C', 'draft', 2, 'x', 'y')`,
    ).run();
    const version = old.prepare('INSERT INTO item_versions (item_id, version, saved_at, snapshot) VALUES (?, ?, ?, ?)');
    version.run('rl-1', 1, 'x', JSON.stringify(v1));
    version.run('rl-1', 2, 'y', JSON.stringify(v2));
    old.prepare("INSERT INTO books (id, title, created_at, updated_at) VALUES ('summit', 'Summit', 'x', 'x')").run();
    old.prepare("INSERT INTO sections (book_id, id, position, title) VALUES ('summit', 's-1', 0, 'Red lines')").run();
    old.prepare("INSERT INTO section_items (book_id, section_id, position, item_id) VALUES ('summit', 's-1', 0, 'rl-1')").run();
    old.close();

    const upgraded = openTestLibrary(path);
    try {
      const file = JSON.parse(upgraded.service['library.export']({}).text) as ExchangeFile;
      const item = file.items[0];
      expect(item.rev).toBe(revOf(v2));
      expect(item.history).toEqual([revOf(v1)]);
      expect(file.books[0].rev).toBe(revOf(file.books[0] as unknown as Record<string, unknown>));
      // the file this library wrote before the upgrade (version 1 of the item) is older now
      const plan = upgraded.service['library.importPlan']({ text: JSON.stringify({ format: 'briefbook/v1', items: [{ ...v1, rev: revOf(v1) }], books: [] }) });
      expect(plan.entries.map((e) => e.outcome)).toEqual(['older']);
    } finally {
      upgraded.close();
    }
  });
});
