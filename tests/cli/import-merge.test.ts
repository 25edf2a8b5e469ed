/**
 * `briefbook import` between desks that never connect (docs/cli.md, "import"; docs/spec/EXCHANGE.md,
 * "Revisions and merging"): every row of the table, each resolution, the dry run, the marking
 * scheme, the bad-input cases and `undo-import`. Two libraries on disk, the command line run
 * in-process; edits are made through the store as the app would.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ExchangeFile, ExchangeItem } from '../../src/shared/domain';
import { DEFAULT_MARKINGS } from '../../src/shared/domain';
import { revOf } from '../../electron/store/hashes';
import type { LibraryService } from '../../electron/store/service';
import { openTestLibrary } from '../../electron/store/testing';
import { runCliCaptured } from '../support/cli-run';

const dir = mkdtempSync(join(tmpdir(), 'briefbook-merge-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let counter = 0;
const fresh = (name: string) => join(dir, `${name}-${(counter += 1)}`);

const item = (id: string, body: string, extra: Partial<ExchangeItem> = {}): ExchangeItem => ({
  id, kind: 'talking_point', title: `Point ${id}`, body, classification: 'U', status: 'draft', ...extra,
});

const BASE: ExchangeFile = {
  format: 'briefbook/v1',
  items: [item('tp-1', 'We welcome the framework.'), item('tp-2', 'Tariffs stay at principle.')],
  books: [{ id: 'summit', title: 'Summit', sections: [{ id: 's-tp', title: 'Talking points', items: ['tp-1', 'tp-2'] }] }],
};

function withLib<T>(db: string, fn: (service: LibraryService) => T): T {
  const lib = openTestLibrary(db);
  try {
    return fn(lib.service);
  } finally {
    lib.close();
  }
}

function writeFile(name: string, file: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof file === 'string' ? file : `${JSON.stringify(file, null, 2)}\n`);
  return path;
}

/** Exports a library to a file, as `briefbook export` does. */
async function exportTo(db: string, name: string): Promise<string> {
  const path = join(dir, name);
  const run = await runCliCaptured(['export', path, '--db', db]);
  expect(run.code, run.err).toBe(0);
  return path;
}

const importCli = (file: string, db: string, ...flags: string[]) => runCliCaptured(['import', file, '--db', db, ...flags]);

function edit(db: string, id: string, body: string): void {
  withLib(db, (service) => {
    const current = service['items.get']({ id });
    const { version: _v, createdAt: _c, updatedAt: _u, deleted: _d, statusChangedAt: _sa, statusChangedBy: _sb, clearanceState: _cs, contentHash: _ch, ...draft } = current;
    service['items.save']({ item: { ...draft, body }, baseVersion: current.version });
  });
}

const bodyOf = (db: string, id: string) => withLib(db, (service) => service['items.get']({ id }).body);

/** Desk A made the base book and sent it to desk B: two libraries that share every rev. */
async function twoDesks(): Promise<{ a: string; b: string; base: string }> {
  const a = fresh('desk-a');
  const b = fresh('desk-b');
  const first = await importCli(writeFile(`base-${counter}.json`, BASE), a);
  expect(first.code, first.err).toBe(0);
  const base = await exportTo(a, `from-a-${counter}.json`);
  const second = await importCli(base, b);
  expect(second.code, second.err).toBe(0);
  return { a, b, base };
}

describe('briefbook import: the table of docs/spec/EXCHANGE.md', () => {
  it('a file with the library’s rev changes nothing; the export carries rev and history another tool can recompute', async () => {
    const { a, base } = await twoDesks();
    const file = JSON.parse(readFileSync(base, 'utf8')) as ExchangeFile;
    for (const object of [...file.items, ...file.books]) expect(object.rev).toBe(revOf(object as unknown as Record<string, unknown>));
    const run = await importCli(base, a);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain('items 0 new, 0 updated, 2 unchanged; books 0 new, 0 updated, 1 unchanged');
    expect(run.out).not.toContain('logged as import');

    edit(a, 'tp-1', 'We welcome the framework we reached.');
    const after = JSON.parse(readFileSync(await exportTo(a, 'a-after-edit.json'), 'utf8')) as ExchangeFile;
    const edited = after.items.find((i) => i.id === 'tp-1');
    expect(edited?.history?.[0]).toBe(file.items.find((i) => i.id === 'tp-1')?.rev);
  });

  it('an older copy (a rev the library had) leaves ours and says the file was older', async () => {
    const { a, base } = await twoDesks();
    edit(a, 'tp-1', 'Newer words on desk A.');
    const run = await importCli(base, a);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toMatch(/item "tp-1" "Point tp-1": older than ours/);
    expect(bodyOf(a, 'tp-1')).toBe('Newer words on desk A.');
  });

  it('a copy whose history has our current rev is taken (fast-forward)', async () => {
    const { a, b } = await twoDesks();
    edit(b, 'tp-1', 'Desk B drafted this.');
    const run = await importCli(await exportTo(b, 'b-ff.json'), a);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain('items 0 new, 1 updated, 1 unchanged');
    expect(bodyOf(a, 'tp-1')).toBe('Desk B drafted this.');
  });

  it('both sides changed: a conflict; nothing is imported, each conflict listed with its fields, exit 1', async () => {
    const { a, b } = await twoDesks();
    edit(a, 'tp-1', 'Desk A words.');
    edit(b, 'tp-1', 'Desk B words.');
    withLib(b, (service) => service['items.save']({ item: { ...item('tp-9', 'A new point from B.') } }));
    const run = await importCli(await exportTo(b, 'b-conflict.json'), a);
    expect(run.code).toBe(1);
    expect(run.err).toContain('1 conflict');
    expect(run.err).toContain('item "tp-1" "Point tp-1": body differ');
    expect(run.err).toContain('nothing was imported');
    expect(bodyOf(a, 'tp-1')).toBe('Desk A words.');
    // the new item of the same file was not imported either: all or nothing
    expect(withLib(a, (service) => service['library.info']({}).itemCount)).toBe(2);
  });

  it('a copy of something deleted here, with a rev the library had, stays deleted', async () => {
    const { a, base } = await twoDesks();
    withLib(a, (service) => service['items.delete']({ id: 'tp-2' }));
    const run = await importCli(base, a);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toMatch(/item "tp-2" "Point tp-2": deleted here \(stay deleted\)/);
    expect(withLib(a, (service) => service['items.get']({ id: 'tp-2' }).deleted)).toBe(true);
  });

  it('deleted here but changed in the file since: a conflict; --theirs brings it back with their words', async () => {
    const { a, b } = await twoDesks();
    withLib(a, (service) => service['items.delete']({ id: 'tp-2' }));
    edit(b, 'tp-2', 'Desk B kept working on this.');
    const file = await exportTo(b, 'b-deleted-changed.json');
    const run = await importCli(file, a);
    expect(run.code).toBe(1);
    expect(run.err).toContain('item "tp-2" "Point tp-2": body differ');
    const theirs = await importCli(file, a, '--theirs');
    expect(theirs.code, theirs.err).toBe(0);
    expect(withLib(a, (service) => service['items.get']({ id: 'tp-2' }))).toMatchObject({ deleted: false, body: 'Desk B kept working on this.' });
  });

  it('a deleted book stays deleted too', async () => {
    const { a, base } = await twoDesks();
    withLib(a, (service) => service['books.delete']({ id: 'summit' }));
    const run = await importCli(base, a);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain('book "summit" "Summit": deleted here');
    expect(withLib(a, (service) => service['books.list']({}))).toEqual([]);
  });

  it('a new item is created', async () => {
    const { a, b } = await twoDesks();
    withLib(b, (service) => service['items.save']({ item: item('tp-3', 'Added on desk B.') }));
    const run = await importCli(await exportTo(b, 'b-new.json'), a);
    expect(run.code, run.err).toBe(0);
    expect(bodyOf(a, 'tp-3')).toBe('Added on desk B.');
  });

  it('a file without revs replaces what differs, says so, and keeps the previous version in history', async () => {
    const { a } = await twoDesks();
    const old = { ...BASE, items: [item('tp-1', 'An old tool wrote this.'), BASE.items[1]] };
    const run = await importCli(writeFile('no-revs.json', old), a);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toMatch(/item "tp-1" "Point tp-1": replaced \(file without revs\)/);
    expect(bodyOf(a, 'tp-1')).toBe('An old tool wrote this.');
    const history = withLib(a, (service) => service['items.history']({ id: 'tp-1' }));
    expect(history.map((v) => v.item.body)).toContain('We welcome the framework.');
  });
});

describe('briefbook import: resolutions', () => {
  async function conflicted() {
    const desks = await twoDesks();
    edit(desks.a, 'tp-1', 'Desk A words.');
    edit(desks.b, 'tp-1', 'Desk B words.');
    return { ...desks, file: await exportTo(desks.b, `b-${counter}.json`) };
  }

  it('--ours keeps ours; the same file again is then older, not a conflict', async () => {
    const { a, file } = await conflicted();
    const run = await importCli(file, a, '--ours');
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain('item "tp-1" "Point tp-1": conflict settled: kept ours');
    expect(bodyOf(a, 'tp-1')).toBe('Desk A words.');
    const again = await importCli(file, a);
    expect(again.code, again.err).toBe(0);
    expect(again.out).toContain('older than ours');
  });

  it('--theirs takes theirs; ours stays in the item’s history', async () => {
    const { a, file } = await conflicted();
    const run = await importCli(file, a, '--theirs');
    expect(run.code, run.err).toBe(0);
    expect(bodyOf(a, 'tp-1')).toBe('Desk B words.');
    expect(withLib(a, (service) => service['items.history']({ id: 'tp-1' })).map((v) => v.item.body)).toContain('Desk A words.');
  });

  it('--keep-both adds theirs as a new item titled from the file, beside ours in the book', async () => {
    const { a, file } = await conflicted();
    const run = await importCli(file, a, '--keep-both');
    expect(run.code, run.err).toBe(0);
    const section = withLib(a, (service) => service['books.get']({ id: 'summit' }).sections[0]);
    expect(section.items.map((i) => i.title)).toEqual(['Point tp-1', `Point tp-1 (from ${file.split('/').at(-1)})`, 'Point tp-2']);
    expect(bodyOf(a, 'tp-1')).toBe('Desk A words.');
    expect(bodyOf(a, section.items[1].id)).toBe('Desk B words.');
    // the copy's id is derived from the original and theirs' rev: a second import finds it
    const again = await importCli(file, a, '--keep-both');
    expect(again.code, again.err).toBe(0);
    expect(withLib(a, (service) => service['library.info']({}).itemCount)).toBe(3);
  });

  it('two resolutions at once are a usage error', async () => {
    const { a, file } = await conflicted();
    const run = await importCli(file, a, '--ours', '--theirs');
    expect(run.code).toBe(2);
    expect(run.err).toContain('choose one of --ours, --theirs and --keep-both');
  });
});

describe('briefbook import --dry-run', () => {
  it('prints the plan, outcome by outcome, and changes nothing', async () => {
    const { a, b } = await twoDesks();
    edit(a, 'tp-1', 'Desk A words.');
    edit(b, 'tp-1', 'Desk B words.');
    edit(b, 'tp-2', 'Desk B took this further.');
    withLib(b, (service) => service['items.save']({ item: item('tp-3', 'New on B.') }));
    const file = await exportTo(b, 'b-dry.json');
    const before = readFileSync(a);
    const run = await importCli(file, a, '--dry-run');
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain('nothing was imported');
    expect(run.out).toContain('created: 1');
    expect(run.out).toContain('updated (fast-forward): 1');
    expect(run.out).toContain('conflicts: 1');
    expect(run.out).toContain('item "tp-1" "Point tp-1": body differ');
    expect(run.out).toContain('older than ours (kept ours): 0');
    expect(run.out).toContain('replaced (file without revs): 0');
    expect(run.out).toContain('deleted here (stay deleted): 0');
    expect(readFileSync(a).equals(before)).toBe(true);
  });
});

describe('briefbook import: the marking scheme', () => {
  it('a file with another scheme is refused, saying what differs, unless --accept-markings', async () => {
    const { a } = await twoDesks();
    const scheme = { ...DEFAULT_MARKINGS, scheme: 'Allied', levels: [...DEFAULT_MARKINGS.levels, { code: 'CTS', banner: 'COSMIC TOP SECRET', portion: 'CTS' }] };
    const file = writeFile('other-scheme.json', { ...BASE, markings: scheme, items: [item('tp-5', 'Marked by another scheme.')], books: [] });
    const refused = await importCli(file, a);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('marking scheme differs');
    expect(refused.err).toMatch(/scheme name "US" here, "Allied" in the file|scheme name .* here, "Allied" in the file/);
    expect(refused.err).toContain('CTS');
    expect(withLib(a, (service) => service['library.info']({}).itemCount)).toBe(2);
    const accepted = await importCli(file, a, '--accept-markings');
    expect(accepted.code, accepted.err).toBe(0);
    expect(accepted.out).toContain('marking scheme replaced');
    expect(withLib(a, (service) => service['markings.get']({}).scheme)).toBe('Allied');
  });

  it('a new, empty library takes the file’s scheme: it has nothing marked by another', async () => {
    const scheme = { ...DEFAULT_MARKINGS, scheme: 'Allied' };
    const empty = fresh('empty');
    const run = await importCli(writeFile('allied.json', { ...BASE, markings: scheme }), empty);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain('marking scheme replaced');
    expect(withLib(empty, (service) => service['markings.get']({}).scheme)).toBe('Allied');
  });
});

describe('briefbook import: bad input', () => {
  it('a rev that does not match its object is reported and is a conflict, never a fast-forward', async () => {
    const { a, b } = await twoDesks();
    edit(b, 'tp-1', 'Desk B drafted this.');
    const file = JSON.parse(readFileSync(await exportTo(b, 'b-tamper.json'), 'utf8')) as ExchangeFile;
    file.items[0] = { ...file.items[0], body: 'Edited by hand after export.' };
    const run = await importCli(writeFile('tampered.json', file), a);
    expect(run.code).toBe(1);
    expect(run.err).toContain('item "tp-1" "Point tp-1": body differ (its rev does not match its content');
    expect(bodyOf(a, 'tp-1')).toBe('We welcome the framework.');
  });

  it('a new item with a wrong rev is a conflict too; kept "ours", a book of the file naming it is refused in words', async () => {
    const { a } = await twoDesks();
    const fresh = { ...item('tp-6', 'A new point.'), rev: `sha256:${'b'.repeat(64)}` };
    const file = { ...BASE, items: [fresh], books: [{ id: 'other', title: 'Other', sections: [{ id: 's', title: 'S', items: ['tp-6'] }] }] };
    const path = writeFile('new-tampered.json', file);
    const listed = await importCli(path, a);
    expect(listed.code).toBe(1);
    expect(listed.err).toContain('item "tp-6" "Point tp-6": not in this library (or deleted here) (its rev does not match its content');
    const ours = await importCli(path, a, '--ours');
    expect(ours.code).toBe(1);
    expect(ours.err).toContain('Book "other" names item "tp-6", which this library does not have');
    expect(withLib(a, (service) => service['library.info']({}).itemCount)).toBe(2);
    const theirs = await importCli(path, a, '--theirs');
    expect(theirs.code, theirs.err).toBe(0);
    expect(bodyOf(a, 'tp-6')).toBe('A new point.');
  });

  it('a history over 100 revs, duplicate ids and a book naming an unknown item: listed, exit 1, nothing imported', async () => {
    const { a } = await twoDesks();
    const rev = `sha256:${'a'.repeat(64)}`;
    const file = {
      ...BASE,
      items: [item('tp-7', 'x', { history: Array.from({ length: 101 }, () => rev) }), item('tp-8', 'y'), item('tp-8', 'z')],
      books: [{ id: 'other', title: 'Other', sections: [{ id: 's', title: 'S', items: ['tp-nowhere'] }] }],
    };
    const run = await importCli(writeFile('bad.json', file), a);
    expect(run.code).toBe(1);
    expect(run.err).toContain('nothing was imported');
    expect(run.err).toContain('$.items[0].history');
    expect(run.err).toContain('duplicate item id "tp-8"');
    expect(run.err).toContain('tp-nowhere');
    expect(withLib(a, (service) => service['library.info']({}).itemCount)).toBe(2);
  });
});

describe('briefbook undo-import', () => {
  it('lists the log with the file’s SHA-256 and undoes an import as a whole, once', async () => {
    const { a, b } = await twoDesks();
    edit(a, 'tp-1', 'Desk A words.');
    edit(b, 'tp-1', 'Desk B words.');
    withLib(b, (service) => service['items.save']({ item: item('tp-3', 'New on B.') }));
    const file = await exportTo(b, 'b-undo.json');
    const run = await importCli(file, a, '--theirs');
    expect(run.code, run.err).toBe(0);
    const logId = /logged as import (\d+)/.exec(run.out)?.[1] ?? '';
    expect(logId).not.toBe('');

    const list = await runCliCaptured(['undo-import', '--db', a]);
    expect(list.code, list.err).toBe(0);
    const { createHash } = await import('node:crypto');
    expect(list.out).toContain(`b-undo.json  sha256 ${createHash('sha256').update(readFileSync(file)).digest('hex')}`);

    const undo = await runCliCaptured(['undo-import', logId, '--db', a]);
    expect(undo.code, undo.err).toBe(0);
    expect(undo.out).toContain('1 restored, 1 removed');
    expect(bodyOf(a, 'tp-1')).toBe('Desk A words.');
    expect(withLib(a, (service) => service['library.info']({}).itemCount)).toBe(2);

    const twice = await runCliCaptured(['undo-import', logId, '--db', a]);
    expect(twice.code).toBe(1);
    expect(twice.err).toContain('already undone');
  });

  it('is refused when an item the import created was placed in a book since', async () => {
    const { a, b } = await twoDesks();
    withLib(b, (service) => service['items.save']({ item: item('tp-4', 'New on B.') }));
    const run = await importCli(await exportTo(b, 'b-undo3.json'), a);
    const logId = /logged as import (\d+)/.exec(run.out)?.[1] ?? '';
    withLib(a, (service) => service['sections.addItems']({ bookId: 'summit', sectionId: 's-tp', itemIds: ['tp-4'] }));
    const undo = await runCliCaptured(['undo-import', logId, '--db', a]);
    expect(undo.code).toBe(1);
    expect(undo.err).toMatch(/book "summit" "Summit"|placed in book "summit"/);
    expect(bodyOf(a, 'tp-4')).toBe('New on B.');
  });

  it('is refused, changing nothing, when an object the import changed has changed since', async () => {
    const { a, b } = await twoDesks();
    edit(b, 'tp-1', 'Desk B words.');
    const run = await importCli(await exportTo(b, 'b-undo2.json'), a);
    const logId = /logged as import (\d+)/.exec(run.out)?.[1] ?? '';
    edit(a, 'tp-1', 'Edited after the import.');
    const undo = await runCliCaptured(['undo-import', logId, '--db', a]);
    expect(undo.code).toBe(1);
    expect(undo.err).toContain('cannot be undone');
    expect(undo.err).toContain('item "tp-1"');
    expect(bodyOf(a, 'tp-1')).toBe('Edited after the import.');
  });
});
