/**
 * Purging an item entered at too high a level (issue 10, point 9): every version of it goes,
 * from the tables, the search indexes, the freed pages and the WAL; the logs keep only that an
 * item was purged, by whom and when. Checked by reading every byte of the database file and its
 * WAL, and by asking the FTS tables directly. Plain and encrypted libraries alike (the encrypted
 * one is checked with the key, page by page, in the database itself).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openLibrarySession, type LibrarySession } from './session';
import { sampleText } from './testing';

const TITLE = 'PURGE-TITLE-Operation Nightjar 9c41';
const BODY = 'PURGE-BODY-the source inside the ministry is 7f2e';
const dirs: string[] = [];
const sessions: LibrarySession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function library(): { path: string; session: LibrarySession } {
  const dir = mkdtempSync(join(tmpdir(), 'briefbook-purge-'));
  dirs.push(dir);
  const path = join(dir, 'summit.briefbook.db');
  const session = openLibrarySession(path, { sampleText, create: true, backupOnOpen: false, backupEveryMinutes: 0 });
  sessions.push(session);
  session['library.loadSample']({});
  return { path, session };
}

/** Every file of the library whose bytes hold the text (UTF-8 or UTF-16), and FTS rows that still find it. */
function traces(path: string, text: string): string[] {
  const found: string[] = [];
  for (const suffix of ['', '-wal']) {
    if (!existsSync(`${path}${suffix}`)) continue;
    const bytes = readFileSync(`${path}${suffix}`);
    if (bytes.includes(Buffer.from(text, 'utf8')) || bytes.includes(Buffer.from(text, 'utf16le'))) found.push(`file${suffix}`);
  }
  return found;
}

describe('items.purge', () => {
  it('erases every version of the item from tables, search indexes, freed pages and the WAL; the logs keep only that a purge happened', () => {
    const { path, session } = library();
    const saved = session['items.save']({ item: { kind: 'red_line', title: TITLE, body: BODY, classification: 'S', status: 'draft', tags: ['nightjar-tag'] } });
    // more versions, each with the text, and a place in a book and an export that lists it
    session['items.save']({ item: { id: saved.id, kind: 'red_line', title: TITLE, body: `${BODY} (revised)`, classification: 'TS', status: 'draft' }, baseVersion: 1 });
    const [book] = session['books.list']({});
    const detail = session['books.get']({ id: book.id });
    session['sections.addItems']({ bookId: book.id, sectionId: detail.sections[0].id, itemIds: [saved.id] });
    session.recordExport({ bookId: book.id, kind: 'pdf', fileName: 'b.pdf', options: { mode: 'working' }, pageCount: 3, sha256: 'b'.repeat(64), itemVersions: { [saved.id]: 2, 'rl-flex': 1 } });
    expect(Object.keys(session['exports.list']({ bookId: book.id })[0].clearance ?? {})).toContain(saved.id);
    expect(session.currentService()?.db.prepare('SELECT count(*) AS n FROM export_log WHERE instr(sections, ?) > 0').get(saved.id)).toEqual({ n: 1 });
    const backup = session['backups.create']({});
    const backupFile = join(`${path}.backups`, backup.name);
    session.currentService()?.db.pragma('wal_checkpoint(TRUNCATE)');
    // the test can fail: the text is on disk now, in the library and in its backup
    expect(traces(path, TITLE)).toContain('file');
    expect(traces(backupFile, TITLE)).toContain('file');
    expect(session['search.query']({ q: 'Nightjar' }).length).toBeGreaterThan(0);

    const result = session['items.purge']({ id: saved.id, by: 'security officer' });
    expect(result).toMatchObject({ purgedAt: expect.any(String), backupsLeft: [] });
    expect(result.backupsPurged).toBeGreaterThanOrEqual(1);
    // the backup that held it was rewritten without it, and still opens whole
    for (const text of [TITLE, BODY, 'nightjar-tag']) expect(traces(backupFile, text), `backup: ${text}`).toEqual([]);
    expect(readdirSync(`${path}.backups`).filter((n) => /(-wal|-shm|\.tmp)$/.test(n))).toEqual([]);

    expect(() => session['items.get']({ id: saved.id })).toThrow(expect.objectContaining({ code: 'not_found' }));
    expect(session['search.query']({ q: 'Nightjar' })).toEqual([]);
    expect(session['search.query']({ q: '7f2e' })).toEqual([]);
    const db = session.currentService()?.db;
    if (db === undefined) throw new Error('not open');
    for (const table of ['search_words', 'search_grams']) {
      expect(db.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${table} MATCH ?`).get('"Nightjar"'), table).toEqual({ n: 0 });
    }
    expect(db.prepare('SELECT count(*) AS n FROM search_words_content WHERE c0 LIKE ? OR c1 LIKE ?').get(`%${TITLE}%`, `%${BODY}%`)).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM item_versions WHERE item_id = ?').get(saved.id)).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM section_items WHERE item_id = ?').get(saved.id)).toEqual({ n: 0 });
    // the logs: one entry that an item was purged, by whom; nothing names it any more
    const audit = session['audit.list']({});
    expect(audit[0]).toMatchObject({ action: 'purge', entity: 'item', detail: 'an item was purged by security officer' });
    expect(JSON.stringify(audit)).not.toContain(TITLE);
    expect(JSON.stringify(audit)).not.toContain(saved.id);
    const [exported] = session['exports.list']({ bookId: book.id });
    expect(exported.itemVersions).toEqual({ 'rl-flex': 1 });
    // nor its content hash, which a guess at a short text could be checked against
    expect(Object.keys(exported.clearance ?? {})).not.toContain(saved.id);
    // nor the book's sections as that export printed them (export_log.sections)
    expect(db.prepare('SELECT count(*) AS n FROM export_log WHERE instr(sections, ?) > 0').get(saved.id)).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM export_log WHERE sections IS NOT NULL').get()).toEqual({ n: 1 });

    // and on disk: not in the file, not in the WAL, while open and after closing
    for (const text of [TITLE, BODY, 'nightjar-tag']) expect(traces(path, text), text).toEqual([]);
    session.close();
    for (const text of [TITLE, BODY, 'nightjar-tag']) expect(traces(path, text), text).toEqual([]);
    const again = openLibrarySession(path, { sampleText, backupOnOpen: false });
    sessions.push(again);
    expect(again['vault.status']({}).state).toBe('open');
    expect(again.currentService()?.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('is refused on a read-only library and for an unknown item, and changes nothing', () => {
    const { session } = library();
    expect(() => session['items.purge']({ id: 'no-such-item', by: 'x' })).toThrow(expect.objectContaining({ code: 'not_found' }));
  });
});
