/**
 * Clearance you can trust, from the command line: `list items` shows an item changed since it
 * was cleared, `pdf --final` refuses it by name, and `verify` says whether every item of a PDF
 * was cleared as printed.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { ExchangeFile, ExchangeItem } from '../../src/shared/domain';
import { runCliCaptured } from '../../tests/support/cli-run';
import { readPdf } from '../../tests/pdf/pdf-reader';
import { SAMPLE_BOOK_PATH } from '../store';
import { contentHashOf } from '../store/hashes';

let dir: string;
let db: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'briefbook-clearance-'));
  db = join(dir, 'library.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const cli = (args: string[]) => runCliCaptured([...args, '--db', db]);
const BOOK = 'summit-2025-08-25';
const CHANGED = 'rl-flexibility-details';

/** The sample with every item cleared; `changed` items carry a clearance given on other words. */
function sampleFile(changed: string[] = []): string {
  const file = JSON.parse(readFileSync(SAMPLE_BOOK_PATH, 'utf8')) as ExchangeFile;
  const scheme = file.markings;
  if (scheme === undefined) throw new Error('the sample has its scheme');
  file.items = file.items.map((item): ExchangeItem => {
    const cleared = { ...item, status: 'cleared' as const };
    if (!changed.includes(item.id)) return cleared;
    return { ...cleared, clearance: { by: 'J. Park', at: '2026-11-01T10:00:00Z', contentHash: contentHashOf({ ...item, title: 'The words that were cleared' }, scheme) } };
  });
  const path = join(dir, changed.length === 0 ? 'cleared.briefbook.json' : 'changed.briefbook.json');
  writeFileSync(path, JSON.stringify(file));
  return path;
}

describe('changed since cleared on the command line', () => {
  test('list items shows the state; a final PDF refuses the item by id and title, exit 1, no file written', async () => {
    expect((await cli(['import', sampleFile([CHANGED])])).code).toBe(0);
    const lines = (await cli(['list', 'items'])).out.split('\n');
    expect(lines.find((line) => line.startsWith(CHANGED))).toMatch(/ Changed since cleared +No leader-level deal/);
    expect(lines.find((line) => line.startsWith('obj-principles'))).toMatch(/ Cleared +/);

    const out = join(dir, 'final.pdf');
    const final = await cli(['pdf', '--book', BOOK, '--out', out, '--final']);
    expect(final.code).toBe(1);
    expect(final.err).toMatch(new RegExp(`item "${CHANGED}" \\("No leader-level deal[^"]*"\\) in section "[^"]+" is changed since cleared`));
    expect(existsSync(out)).toBe(false);
  });

  test('pdf --from a file refuses the same item: the file\'s clearance is checked against its text', async () => {
    const out = join(dir, 'from-file.pdf');
    const final = await runCliCaptured(['pdf', '--from', sampleFile([CHANGED]), '--book', BOOK, '--out', out, '--final']);
    expect(final.code).toBe(1);
    expect(final.err).toContain(`item "${CHANGED}"`);
    expect(final.err).toContain('changed since cleared');
    expect(existsSync(out)).toBe(false);
  });
});

describe('verify: was every item cleared as printed', () => {
  test('a PDF of cleared items says so; one printed with an item changed since cleared names it', async () => {
    expect((await cli(['import', sampleFile()])).code).toBe(0);
    const good = join(dir, 'good.pdf');
    expect((await cli(['pdf', '--book', BOOK, '--out', good])).code).toBe(0);
    const verified = await cli(['verify', good]);
    expect(verified.code).toBe(0);
    expect(verified.out).toMatch(/^ {2}clearance {3}all 41 items cleared as printed$/m);

    expect((await cli(['import', sampleFile([CHANGED])])).code).toBe(0);
    const working = join(dir, 'working.pdf');
    expect((await cli(['pdf', '--book', BOOK, '--out', working])).code).toBe(0);
    const listed = await cli(['verify', working]);
    expect(listed.code).toBe(0);
    expect(listed.out).toMatch(/^ {2}clearance {3}1 of 41 items not cleared as printed:$/m);
    expect(listed.out).toMatch(new RegExp(`^ {4}${CHANGED} "No leader-level deal[^"]*"$`, 'm'));
    // the first PDF's record stands: its items were cleared as it printed them
    expect((await cli(['verify', good])).out).toMatch(/all 41 items cleared as printed/);
  });
});

describe('pdf --clearance-page', () => {
  test('adds the clearance page after the contents; without it there is none', async () => {
    expect((await cli(['import', sampleFile()])).code).toBe(0);
    const withPage = join(dir, 'with.pdf');
    expect((await cli(['pdf', '--book', BOOK, '--out', withPage, '--clearance-page'])).code).toBe(0);
    const pages = (await readPdf(readFileSync(withPage))).pages;
    const at = pages.findIndex((p) => p.lines.some((l) => l.text === 'Clearance'));
    expect(at).toBeGreaterThan(pages.findIndex((p) => p.lines.some((l) => l.text === 'Contents')));
    // the library's own clearances, recorded when the file was imported
    expect(pages[at].text).toMatch(/^Cleared \(by whom was not recorded\), \d{4}-\d{2}-\d{2}$/m);

    const without = join(dir, 'without.pdf');
    expect((await cli(['pdf', '--book', BOOK, '--out', without])).code).toBe(0);
    expect((await readPdf(readFileSync(without))).pages.some((p) => p.lines.some((l) => l.text === 'Clearance'))).toBe(false);
  });
});

describe('a bad hash in a file', () => {
  test('is refused in words naming the item and the field, exit 1, nothing imported', async () => {
    const file = JSON.parse(readFileSync(SAMPLE_BOOK_PATH, 'utf8')) as ExchangeFile;
    file.items[0] = { ...file.items[0], clearance: { by: 'J. Park', at: '2026-11-01', contentHash: 'sha256:XYZ' } };
    const path = join(dir, 'bad-hash.briefbook.json');
    writeFileSync(path, JSON.stringify(file));
    const imported = await cli(['import', path]);
    expect(imported.code).toBe(1);
    expect(imported.err).toMatch(/\$\.items\[0\]\.clearance\.contentHash: item "obj-principles": expected "sha256:" and 64 lower-case hex digits/);
    expect(imported.err).toMatch(/nothing was imported/);
    expect((await cli(['list', 'items'])).out).toBe('no items');
  });
});
