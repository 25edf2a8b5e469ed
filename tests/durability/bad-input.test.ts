/**
 * Issue 11, points 1, 2, 10, 12, 13: crafted files (tests/fixtures/malformed/) are refused by
 * `validate` and `import` with the file, the JSON path (or byte offset) and the problem in words,
 * and the library is left as it was. A library that already holds an item its sections cannot
 * read (stored by an older version) refuses to print or export rather than leave it out.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { runCliCaptured } from '../support/cli-run';

const FIXTURES = new URL('../fixtures/malformed/', import.meta.url).pathname;
const fixture = (name: string) => join(FIXTURES, name);

let dir: string;
let db: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'briefbook-bad-input-'));
  db = join(dir, 'library.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const cli = (args: string[]) => runCliCaptured(args);

/** A library holding one clean item and book, to check that refused imports leave it alone. */
async function cleanLibrary(): Promise<string> {
  const clean = join(dir, 'clean.briefbook.json');
  const text = readFileSync(fixture('lone-surrogate-title.briefbook.json'), 'utf8').replace('\\udc00 ', '').replace(' \\ufffe', '');
  writeFileSync(clean, text);
  const created = await cli(['import', clean, '--db', db]);
  expect(created.code, created.err).toBe(0);
  return (await cli(['export', '-', '--db', db])).out;
}

async function expectRefused(name: string, pattern: RegExp): Promise<void> {
  const before = await cleanLibrary();
  const validated = await cli(['validate', fixture(name)]);
  expect(validated.code).toBe(1);
  expect(validated.err).toMatch(pattern);
  const imported = await cli(['import', fixture(name), '--db', db]);
  expect(imported.code).toBe(1);
  expect(imported.err).toMatch(pattern);
  expect(imported.err).toMatch(/nothing was (imported|read)/);
  expect((await cli(['export', '-', '--db', db])).out).toBe(before);
}

describe('crafted files are refused in words, naming the place', () => {
  test('a lone surrogate in an item id (point 1)', async () => {
    await expectRefused('lone-surrogate-id.briefbook.json', /lone-surrogate-id\.briefbook\.json \$\.items\[0\]\.id: .*a lone surrogate \(U\+D800\) at character 7/);
    const validated = await cli(['validate', fixture('lone-surrogate-id.briefbook.json')]);
    expect(validated.err).toMatch(/\$\.books\[0\]\.sections\[0\]\.items\[0\]: a lone surrogate/);
  });

  test('a lone surrogate in a title and a non-character in a body (point 1)', async () => {
    await expectRefused('lone-surrogate-title.briefbook.json', /\$\.items\[0\]\.title: a lone surrogate \(U\+DC00\) at character 13/);
    const validated = await cli(['validate', fixture('lone-surrogate-title.briefbook.json')]);
    expect(validated.err).toMatch(/\$\.items\[0\]\.body: the non-character U\+FFFE at character 14/);
  });

  test('invalid UTF-8 bytes: the file and the byte offset (point 2)', async () => {
    const bytes = readFileSync(fixture('invalid-utf8.briefbook.json'));
    const offset = bytes.indexOf(0xff);
    await expectRefused('invalid-utf8.briefbook.json', new RegExp(`invalid-utf8\\.briefbook\\.json: not valid UTF-8 at byte offset ${offset} \\(bytes FF FE 20 63\\)`));
    const pdf = await cli(['pdf', '--from', fixture('invalid-utf8.briefbook.json'), '--book', 'summit', '--out', join(dir, 'x.pdf')]);
    expect(pdf.code).toBe(1);
    expect(pdf.err).toMatch(/not valid UTF-8 at byte offset/);
    expect(existsSync(join(dir, 'x.pdf'))).toBe(false);
  });

  test('10,000 nested arrays in an extension property (point 10)', async () => {
    await expectRefused('deep-nesting.briefbook.json', /\$\.items\[0\]\.x_note(\[0\])+: nested too deeply: more than 64 levels/);
    const validated = await cli(['validate', fixture('deep-nesting.briefbook.json')]);
    expect(validated.err).not.toMatch(/call stack/);
  });

  test('"__proto__" keys in translations and extension properties (point 12)', async () => {
    await expectRefused('proto-keys.briefbook.json', /\$\.items\[0\]\.translations\.__proto__: the key "__proto__" is not allowed/);
    const validated = await cli(['validate', fixture('proto-keys.briefbook.json')]);
    expect(validated.err).toMatch(/\$\.items\[0\]\.x_meta\.__proto__: the key "__proto__" is not allowed/);
  });

  test('a 1 MB id is echoed cut to a readable length (point 13)', async () => {
    const file = join(dir, 'long-id.briefbook.json');
    const long = `rl-${'x'.repeat(1_000_000)}`;
    const text = readFileSync(fixture('lone-surrogate-id.briefbook.json'), 'utf8').replaceAll('rl-sma\\ud800', long);
    writeFileSync(file, text);
    const validated = await cli(['validate', file]);
    expect(validated.code).toBe(1);
    expect(validated.err).toMatch(/item "rl-x{77}…": too long: 1,000,003 characters, at most 64/);
    expect(validated.err.length).toBeLessThan(2_000);
  });
});

describe('a section naming an item the library cannot read (point 1)', () => {
  test('pdf and export exit 1 naming the item; nothing is written', async () => {
    await cleanLibrary();
    // what an older version stored for "rl-sma\ud800": the bytes ED A0 80, read back as U+FFFD
    const raw = new Database(db);
    raw.pragma('foreign_keys = OFF');
    raw.prepare("UPDATE section_items SET item_id = CAST(X'726C2D736D61EDA080' AS TEXT)").run();
    raw.close();
    const out = join(dir, 'book.pdf');
    const pdf = await cli(['pdf', '--book', 'summit', '--out', out, '--db', db]);
    expect(pdf.code).toBe(1);
    expect(pdf.err).toMatch(/names item "rl-sma\uFFFD+", which the library cannot read/);
    expect(existsSync(out)).toBe(false);
    const exported = await cli(['export', join(dir, 'all.json'), '--db', db]);
    expect(exported.code).toBe(1);
    expect(exported.err).toMatch(/which the library cannot read\. Nothing was exported/);
    expect(existsSync(join(dir, 'all.json'))).toBe(false);
  });
});
