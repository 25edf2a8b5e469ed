import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020';
import { afterEach, describe, expect, test } from 'vitest';
import { apiContract } from '../../src/shared/contract';
import { DEFAULT_MARKINGS, type ExchangeFile, type MarkingScheme } from '../../src/shared/domain';
import { contentHashOf } from './hashes';
import { sampleText, tempLibrary, type TempLibrary } from './testing';

const schema = JSON.parse(readFileSync(fileURLToPath(new URL('../../docs/spec/briefbook-v1.schema.json', import.meta.url)), 'utf8')) as object;
const validateSchema = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

let lib: TempLibrary | null = null;
afterEach(() => {
  lib?.dispose();
  lib = null;
});

const sample = (): ExchangeFile => JSON.parse(sampleText()) as ExchangeFile;

function counts(library: TempLibrary) {
  const info = library.service['library.info']({});
  return { items: info.itemCount, books: info.bookCount, versions: library.service.db.prepare('SELECT count(*) AS n FROM item_versions').get() };
}

function importFails(library: TempLibrary, file: unknown, expected: RegExp[]) {
  const text = typeof file === 'string' ? file : JSON.stringify(file);
  const before = counts(library);
  const report = library.service['library.validate']({ text });
  expect(report.ok).toBe(false);
  const listed = report.problems.map((p) => `${p.path}: ${p.message}`).join('\n');
  for (const pattern of expected) expect(listed).toMatch(pattern);
  expect(() => library.service['library.import']({ text })).toThrow(/nothing was imported/);
  expect(counts(library)).toEqual(before);
  return report.problems;
}

describe('importing an exchange file', () => {
  test('the sample imports whole, and a second import changes nothing', () => {
    lib = tempLibrary();
    const first = lib.service['library.import']({ text: sampleText() });
    expect(first.items).toEqual({ created: 41, updated: 0, unchanged: 0 });
    expect(first.books).toEqual({ created: 1, updated: 0, unchanged: 0 });
    const before = counts(lib);
    const second = lib.service['library.import']({ text: sampleText() });
    expect(second.items).toEqual({ created: 0, updated: 0, unchanged: 41 });
    expect(second.books).toEqual({ created: 0, updated: 0, unchanged: 1 });
    expect(counts(lib)).toEqual(before);
    expect(lib.service['items.get']({ id: 'rl-flexibility-details' }).version).toBe(1);
  });

  test('a changed item gets a new version; the old one stays in history', () => {
    lib = tempLibrary();
    lib.service['library.import']({ text: sampleText() });
    const file = sample();
    const item = file.items.find((i) => i.id === 'rl-sma');
    if (item === undefined) throw new Error('fixture lacks rl-sma');
    item.body = 'Burden sharing stays out of the SMA. Full stop.';
    const result = lib.service['library.import']({ text: JSON.stringify(file) });
    expect(result.items).toEqual({ created: 0, updated: 1, unchanged: 40 });
    const history = lib.service['items.history']({ id: 'rl-sma' });
    expect(history.map((v) => v.version)).toEqual([2, 1]);
    expect(history[0].item.body).toBe('Burden sharing stays out of the SMA. Full stop.');
    expect(history[1].item.body).not.toBe(history[0].item.body);
  });

  test('import → export → import gives the same library, and the export validates against the schema', () => {
    lib = tempLibrary();
    lib.service['library.import']({ text: sampleText() });
    const exported = lib.service['library.export']({});
    const parsed = JSON.parse(exported.text) as ExchangeFile;
    expect(validateSchema(parsed), JSON.stringify(validateSchema.errors)).toBe(true);
    expect(parsed.format).toBe('briefbook/v1');
    // the same content as the source file, item by item (timestamps, revisions and the clearances
    // the library recorded on import aside: the sample was written before clearances held a hash)
    const strip = ({ createdAt: _c, updatedAt: _u, clearance: _k, rev: _r, history: _h, ...rest }: Record<string, unknown>) => rest;
    const source = sample();
    const cleared = parsed.items.filter((i) => i.status === 'cleared');
    expect(cleared.length).toBeGreaterThan(0);
    for (const item of cleared) expect(item.clearance?.contentHash, item.id).toBe(contentHashOf(item, parsed.markings as MarkingScheme));
    expect(parsed.items.filter((i) => i.status !== 'cleared' && i.clearance !== undefined)).toEqual([]);
    expect(parsed.items.map((i) => strip(i))).toEqual(expect.arrayContaining(source.items.map((i) => strip(i))));
    expect(parsed.items).toHaveLength(source.items.length);
    expect(parsed.books.map((b) => strip(b))).toEqual(source.books);
    // the scheme as written, its defaults spelled out (a file without them means them)
    expect(parsed.markings).toEqual({ ...source.markings, caveats: DEFAULT_MARKINGS.caveats, pageMarking: 'overall' });

    const other = tempLibrary();
    try {
      other.service['library.import']({ text: exported.text });
      const again = JSON.parse(other.service['library.export']({}).text) as ExchangeFile;
      expect(again).toEqual(parsed);
      expect(other.service['library.import']({ text: exported.text }).items.unchanged).toBe(41);
    } finally {
      other.dispose();
    }
  });

  test('extension properties survive the round trip', () => {
    lib = tempLibrary();
    const file = sample() as ExchangeFile & Record<string, unknown>;
    (file.items[0] as Record<string, unknown>)['x-desk'] = { priority: 1 };
    (file.books[0] as Record<string, unknown>)['x-venue-room'] = 'Cabinet Room';
    lib.service['library.import']({ text: JSON.stringify(file) });
    const out = JSON.parse(lib.service['library.export']({}).text) as ExchangeFile;
    expect((out.items.find((i) => i.id === file.items[0].id) as Record<string, unknown>)['x-desk']).toEqual({ priority: 1 });
    expect((out.books[0] as Record<string, unknown>)['x-venue-room']).toBe('Cabinet Room');
  });

  test('an item keeps its pocket card line: saved, stored, read back, exported; a line break is refused by path', () => {
    lib = tempLibrary();
    lib.service['library.import']({ text: sampleText() });
    const item = lib.service['items.get']({ id: 'rl-sma' });
    lib.service['items.save']({
      item: { id: item.id, kind: item.kind, title: item.title, body: item.body, classification: item.classification, status: item.status, cardLine: 'Burden sharing is not the SMA.' },
      baseVersion: item.version,
    });
    expect(lib.service['items.get']({ id: 'rl-sma' }).cardLine).toBe('Burden sharing is not the SMA.');
    const row = lib.service.db.prepare("SELECT extra FROM items WHERE id = 'rl-sma'").get() as { extra: string };
    expect(JSON.parse(row.extra)).toMatchObject({ cardLine: 'Burden sharing is not the SMA.' });
    const out = JSON.parse(lib.service['library.export']({}).text) as ExchangeFile;
    expect(out.items.find((i) => i.id === 'rl-sma')?.cardLine).toBe('Burden sharing is not the SMA.');
    expect(validateSchema(out)).toBe(true);
    const broken = sample();
    broken.items[0].cardLine = 'two\nlines';
    expect(validateSchema(broken)).toBe(false);
    importFails(lib, broken, [/\$\.items\[0\]\.cardLine: item "obj-principles": a card line is one line: no line breaks/]);
  });

  test('an item keeps its due date: saved, stored as an extension, listed, exported; a date that does not exist is refused by item and field', () => {
    lib = tempLibrary();
    lib.service['library.import']({ text: sampleText() });
    const item = lib.service['items.get']({ id: 'rl-sma' });
    const draft = { id: item.id, kind: item.kind, title: item.title, body: item.body, classification: item.classification, status: item.status };
    lib.service['items.save']({ item: { ...draft, owner: 'Legal Office', due: '2026-12-01' }, baseVersion: item.version });
    expect(lib.service['items.get']({ id: 'rl-sma' }).due).toBe('2026-12-01');
    const row = lib.service.db.prepare("SELECT extra FROM items WHERE id = 'rl-sma'").get() as { extra: string };
    expect(JSON.parse(row.extra)).toMatchObject({ due: '2026-12-01' });
    const listed = lib.service['books.get']({ id: 'summit-2025-08-25' }).sections.flatMap((s) => s.items).find((r) => r.id === 'rl-sma');
    expect(listed).toMatchObject({ owner: 'Legal Office', due: '2026-12-01' });
    const out = JSON.parse(lib.service['library.export']({}).text) as ExchangeFile;
    expect(out.items.find((i) => i.id === 'rl-sma')?.due).toBe('2026-12-01');
    expect(validateSchema(out)).toBe(true);

    // the editor states the fields it edits in full: a save without a due date or a card line clears it
    lib.service['items.save']({ item: { ...draft, cardLine: 'Not the SMA.' }, baseVersion: lib.service['items.get']({ id: 'rl-sma' }).version });
    expect(lib.service['items.get']({ id: 'rl-sma' })).toMatchObject({ cardLine: 'Not the SMA.' });
    expect(lib.service['items.get']({ id: 'rl-sma' }).due).toBeUndefined();
    lib.service['items.save']({ item: draft, baseVersion: lib.service['items.get']({ id: 'rl-sma' }).version });
    expect(lib.service['items.get']({ id: 'rl-sma' }).cardLine).toBeUndefined();

    for (const bad of ['2026-02-30', '01/12/2026', '2026-13-01', '2026-1-5']) {
      const broken = sample();
      broken.items[0].due = bad;
      expect(validateSchema(broken), bad).toBe(bad === '2026-02-30' ? true : false);
      importFails(lib, broken, [new RegExp(`\\$\\.items\\[0\\]\\.due: item "obj-principles": a date is written YYYY-MM-DD and must exist, e\\.g\\. 2026-12-01`)]);
    }
    // across the process boundary, the contract refuses it naming the field
    const saved = apiContract['items.save'].input.safeParse({ item: { ...draft, due: '2026-02-29' } });
    expect(saved.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual(['item.due: a date is written YYYY-MM-DD and must exist, e.g. 2026-12-01']);
  });

  test('exporting one book brings only its items', () => {
    lib = tempLibrary();
    lib.service['library.import']({ text: sampleText() });
    lib.service['items.save']({ item: { id: 'tp-unused', kind: 'talking_point', title: 'Not in any book', body: '', classification: 'U', status: 'draft' } });
    const whole = JSON.parse(lib.service['library.export']({}).text) as ExchangeFile;
    const book = JSON.parse(lib.service['library.export']({ bookId: 'summit-2025-08-25' }).text) as ExchangeFile;
    expect(whole.items.map((i) => i.id)).toContain('tp-unused');
    expect(book.items.map((i) => i.id)).not.toContain('tp-unused');
    expect(validateSchema(book)).toBe(true);
  });
});

describe('a bad file imports nothing and names every problem', () => {
  test('wrong format', () => {
    lib = tempLibrary();
    const file = { ...sample(), format: 'briefbook/v2' };
    importFails(lib, file, [/\$\.format: unsupported format "briefbook\/v2"/]);
  });

  test('not JSON at all', () => {
    lib = tempLibrary();
    importFails(lib, '{"format": "briefbook/v1", items: [', [/^\$: not valid JSON/]);
  });

  test('a bad kind, an unknown level, a dangling id, duplicates and oversize fields, all at once', () => {
    lib = tempLibrary();
    const file = sample();
    file.items[0].kind = 'wishlist' as never;
    file.items[1].classification = 'SECRETISH';
    file.items[2].title = 'x'.repeat(501);
    file.items[3].body = 'y'.repeat(100_001);
    file.items[5].id = file.items[4].id;
    file.books[0].sections[4].items.push('rl-never-written');
    file.books.push({ ...file.books[0] });
    const problems = importFails(lib, file, [
      /\$\.items\[0\]\.kind: item "obj-principles": must be one of .*found "wishlist"/,
      /\$\.items\[1\]\.classification: item "[^"]+": unknown level code "SECRETISH"/,
      /\$\.items\[2\]\.title: .*too long: 501 characters, at most 500/,
      /\$\.items\[3\]\.body: .*too long: 100,001 characters, at most 100,000/,
      /\$\.items\[5\]\.id: duplicate item id/,
      /\$\.books\[0\]\.sections\[4\]\.items\[5\]: section "s-red-lines" of book "summit-2025-08-25" names item "rl-never-written"/,
      /\$\.books\[1\]\.id: duplicate book id "summit-2025-08-25"/,
    ]);
    expect(problems.length).toBeGreaterThanOrEqual(7);
  });

  test('a scheme with a repeated caveat code, an unknown supersedes and a malformed country code', () => {
    lib = tempLibrary();
    const file = sample();
    file.markings = {
      ...file.markings!,
      caveats: [
        { code: 'NOFORN', portion: 'NF', supersedes: ['REL TO', 'RELEASABLE'] },
        { code: 'REL TO', countries: true },
        { code: 'NOFORN' },
      ],
    };
    const item = file.items.findIndex((i) => i.id === 'rl-sma');
    file.items[item].caveats = ['REL TO USA, KOREA, J4N'];
    const problems = importFails(lib, file, [
      /^\$\.markings\.caveats\[2\]\.code: duplicate caveat code "NOFORN" \(first at caveats\[0\]\)$/m,
      /^\$\.markings\.caveats\[0\]\.supersedes\[1\]: caveat "NOFORN" supersedes "RELEASABLE", which is not a caveat of this scheme/m,
      new RegExp(`^\\$\\.items\\[${item}\\]\\.caveats\\[0\\]: item "rl-sma": caveat "REL TO USA, KOREA, J4N" lists "KOREA", "J4N", which are not a country trigraph`, 'm'),
    ]);
    expect(problems).toHaveLength(3);
  });

  test('a file without caveats, owner or pageMarking means the defaults; items\' country lists are read owner first', () => {
    lib = tempLibrary();
    const file = sample();
    expect(file.markings?.caveats).toBeUndefined();
    file.items.find((i) => i.id === 'rl-sma')!.caveats = ['REL TO KOR, USA', 'orcon'];
    expect(lib.service['library.import']({ text: JSON.stringify(file) }).items.created).toBe(41);
    expect(lib.service['items.get']({ id: 'rl-sma' }).caveats).toEqual(['ORCON', 'REL TO USA, KOR']);
    const scheme = lib.service['markings.get']({});
    expect(scheme.caveats?.map((c) => c.code)).toEqual(['ORCON', 'IMCON', 'NOFORN', 'PROPIN', 'REL TO', 'RELIDO', 'FOUO']);
    expect(scheme.pageMarking).toBe('overall');
    // the export carries the scheme whole, and it validates
    const exported = JSON.parse(lib.service['library.export']({}).text) as ExchangeFile;
    expect(exported.markings?.caveats).toHaveLength(7);
    expect(validateSchema(exported), JSON.stringify(validateSchema.errors)).toBe(true);
    expect(lib.service['library.import']({ text: JSON.stringify(exported) }).items).toEqual({ created: 0, updated: 0, unchanged: 41 });
  });

  test('a scheme set with caveats, owner and per-page marking round-trips; a malformed REL TO is refused on save', () => {
    lib = tempLibrary();
    const scheme = {
      ...lib.service['markings.get']({}),
      caveats: [{ code: 'REL TO', countries: true }, { code: 'EYES ONLY', portion: 'EO', 'x-note': 'kept' }],
      owner: 'KOR',
      pageMarking: 'page' as const,
    };
    expect(lib.service['markings.set']({ scheme })).toMatchObject({ owner: 'KOR', pageMarking: 'page', caveats: scheme.caveats });
    const saved = lib.service['items.save']({
      item: { kind: 'ask', title: 'Ask', body: '', classification: 'S', caveats: ['eo', 'REL TO USA, KOR, JPN'], status: 'draft' },
    });
    expect(saved.caveats).toEqual(['REL TO KOR, JPN, USA', 'EYES ONLY']);
    expect(() =>
      lib!.service['items.save']({ item: { kind: 'ask', title: 'Ask 2', body: '', classification: 'S', caveats: ['REL TO USA, KOREA'], status: 'draft' } }),
    ).toThrow(/caveat "REL TO USA, KOREA" lists "KOREA", which is not a country trigraph or tetragraph/);
    expect(() =>
      lib!.service['items.save']({ item: { kind: 'ask', title: 'Ask 3', body: '', classification: 'S', caveats: ['REL TO'], status: 'draft' } }),
    ).toThrow(/caveat "REL TO" names no country/);
  });

  test('a missing required field names the item and the field', () => {
    lib = tempLibrary();
    const file = sample() as unknown as { items: Record<string, unknown>[] };
    delete file.items[2].status;
    importFails(lib, file, [/\$\.items\[2\]\.status: item "[^"]+": status is required/]);
  });

  test('a section may name an item already in the receiving library', () => {
    lib = tempLibrary();
    lib.service['library.import']({ text: sampleText() });
    const file: ExchangeFile = {
      format: 'briefbook/v1',
      items: [],
      books: [{ id: 'follow-up', title: 'Follow-up call', sections: [{ id: 's1', title: 'Red lines', items: ['rl-sma'] }] }],
    };
    expect(lib.service['library.import']({ text: JSON.stringify(file) }).books.created).toBe(1);
  });

  test('a bad file leaves the existing library untouched', () => {
    lib = tempLibrary();
    lib.service['library.import']({ text: sampleText() });
    const before = lib.service['library.export']({}).text;
    const file = sample();
    file.items[0].title = 'Changed title that must not land';
    file.items[1].kind = 'nope' as never;
    importFails(lib, file, [/\$\.items\[1\]\.kind/]);
    expect(lib.service['library.export']({}).text).toBe(before);
  });
});

describe('import as plan, then apply', () => {
  test('the library changed since the plan: the import is refused in words and writes nothing', () => {
    lib = tempLibrary();
    lib.service['library.import']({ text: sampleText() });
    const file = JSON.parse(lib.service['library.export']({}).text) as ExchangeFile;
    const [first] = file.items;
    const text = JSON.stringify({ ...file, items: [{ ...first, body: `${first.body} (revised)`, rev: undefined, history: undefined }] });
    const plan = lib.service['library.importPlan']({ text, fileName: 'revised.json' });
    expect(plan.entries.find((e) => e.id === first.id)?.outcome).toBe('replaced-without-rev');
    // someone edits the same item between the preview and the import
    const current = lib.service['items.get']({ id: first.id });
    lib.service['items.setStatus']({ id: first.id, status: current.status === 'draft' ? 'cleared' : 'draft', by: 'desk officer' });
    const imports = lib.service['imports.list']({}).length;
    expect(() => lib?.service['library.import']({ text, fileName: 'revised.json', basis: plan.basis })).toThrow(/changed since this import was previewed; nothing was imported/);
    expect(lib.service['items.get']({ id: first.id }).body).toBe(first.body);
    expect(lib.service['imports.list']({})).toHaveLength(imports);
  });
});

describe('the sample book and the library scheme', () => {
  test('a library with work of its own keeps its scheme: loading the sample is refused, saying what differs', () => {
    lib = tempLibrary();
    lib.service['markings.set']({ scheme: { ...DEFAULT_MARKINGS, scheme: 'Allied' } });
    lib.service['items.save']({ item: { id: 'tp-own', kind: 'talking_point', title: 'Our own', body: 'Words.', classification: 'U', status: 'draft' } });
    expect(() => lib?.service['library.loadSample']({})).toThrow(/marking scheme differs from this library's: scheme name "Allied" here/);
    expect(lib.service['markings.get']({}).scheme).toBe('Allied');
    expect(lib.service['library.info']({}).itemCount).toBe(1);
  });
});
