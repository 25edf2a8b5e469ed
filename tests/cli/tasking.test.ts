/**
 * Tasker packages from the command line (docs/data-model.md, "Tasking"): the desk officer sends
 * an office its part of a book, the office fills it in on its own library and sends it back with
 * the same command, the desk officer imports it and lists, per office, what came back and what is
 * still missing. Due dates are far in the past or the future, so "overdue" does not depend on the
 * day the test runs.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { ExchangeFile, ExchangeItem } from '../../src/shared/domain';
import { SAMPLE_BOOK_PATH } from '../../electron/store';
import { runCliCaptured } from '../support/cli-run';

const schema = JSON.parse(readFileSync(fileURLToPath(new URL('../../docs/spec/briefbook-v1.schema.json', import.meta.url)), 'utf8')) as object;
const validateSchema = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

const BOOK = 'summit-2025-08-25';
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'briefbook-tasking-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const cli = (...args: string[]) => runCliCaptured(args);
const readFile = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as ExchangeFile;

/**
 * The sample book with owners: three papers of the Legal Office (spelt three ways) and one of
 * Policy planning, plus two placeholders requested but not written: the Legal Office's is
 * overdue, Policy planning's is due in 2099.
 */
function deskFixture(): string {
  const file = JSON.parse(readFileSync(SAMPLE_BOOK_PATH, 'utf8')) as ExchangeFile;
  const owners: Record<string, string> = { 'rl-taiwan-role': 'Legal Office', 'ref-2006': ' legal office ', 'ref-2023': 'LEGAL  OFFICE' };
  for (const item of file.items) if (owners[item.id] !== undefined) item.owner = owners[item.id];
  const placeholder = (id: string, title: string, owner: string, due: string): ExchangeItem => ({
    id, kind: 'background', title, body: '', classification: 'U', status: 'draft', owner, due,
  });
  file.items.push(
    placeholder('bg-sofa-note', 'SOFA jurisdiction: where things stand', 'Legal Office', '2020-03-01'),
    placeholder('bg-posture-2030', 'Force posture to 2030', 'Policy planning', '2099-12-31'),
  );
  const background = file.books[0].sections.find((s) => s.id === 's-background');
  background?.items.push('bg-sofa-note', 'bg-posture-2030');
  const path = join(dir, 'desk-fixture.json');
  writeFileSync(path, JSON.stringify(file));
  return path;
}

describe('briefbook export --owner: the tasker package', () => {
  test("writes exactly the office's items and placeholders, in its copy of the book, valid against the schema", async () => {
    const desk = join(dir, 'desk.db');
    expect((await cli('import', deskFixture(), '--db', desk)).code).toBe(0);
    const target = join(dir, 'legal.json');
    const exported = await cli('export', target, '--book', BOOK, '--owner', 'legal office', '--db', desk);
    expect(exported.err).toBe('');
    expect(exported.code).toBe(0);
    // the office as the book's items spell it, whatever case it was asked in
    expect(exported.out).toMatch(/wrote .*legal\.json: 4 papers for Legal Office \(1 still to write\) in book "summit-2025-08-25--for-legal-office-[0-9a-f]{8}"/);

    const file = readFile(target);
    expect(validateSchema(file), JSON.stringify(validateSchema.errors)).toBe(true);
    expect(file.items.map((i) => i.id).sort()).toEqual(['bg-sofa-note', 'ref-2006', 'ref-2023', 'rl-taiwan-role']);
    expect(file.items.find((i) => i.id === 'bg-sofa-note')).toMatchObject({ status: 'draft', body: '', due: '2020-03-01', owner: 'Legal Office' });
    expect(file.books).toHaveLength(1);
    const [book] = file.books;
    // the office's copy: its own id, every section title kept, only the office's items placed
    expect(book.id).not.toBe(BOOK);
    expect(book.title).toBe('Summit with President Trump — papers for Legal Office');
    expect((book as Record<string, unknown>).tasking).toEqual({ book: BOOK, office: 'Legal Office' });
    const original = readFile(deskFixture()).books[0];
    expect(book.sections.map((s) => s.title)).toEqual(original.sections.map((s) => s.title));
    expect(book.sections.find((s) => s.id === 's-red-lines')?.items).toEqual(['rl-taiwan-role']);
    expect(book.sections.find((s) => s.id === 's-background')?.items).toEqual(['bg-sofa-note']);
    expect(book.sections.find((s) => s.id === 's-talking-points')?.items).toEqual([]);
    // another tool reads it: a library that never saw the desk's book imports it whole
    const other = join(dir, 'other.db');
    expect((await cli('validate', target)).code).toBe(0);
    expect((await cli('import', target, '--db', other)).out).toMatch(/items 4 new, 0 updated, 0 unchanged; books 1 new/);
  });

  test('an office that owns nothing in the book is told so, with the owners there are; no file is written', async () => {
    const desk = join(dir, 'desk.db');
    await cli('import', deskFixture(), '--db', desk);
    const target = join(dir, 'nobody.json');
    const result = await cli('export', target, '--book', BOOK, '--owner', 'Treasury', '--db', desk);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/No paper in book "summit-2025-08-25" is owned by "Treasury"; nothing was exported\. Owners in this book: "Legal Office", "Policy planning"\./);
    expect(() => readFileSync(target)).toThrow();
    expect((await cli('export', target, '--owner', 'Treasury', '--db', desk)).code).toBe(2);
    expect((await cli('export', target, '--book', BOOK, '--owner', '  ', '--db', desk)).code).toBe(2);
  });

  test('the round trip: the office fills its placeholder and sends it back; the desk sees what came back and what is missing', async () => {
    const desk = join(dir, 'desk.db');
    const office = join(dir, 'office.db');
    await cli('import', deskFixture(), '--db', desk);
    const outgoing = join(dir, 'to-legal.json');
    await cli('export', outgoing, '--book', BOOK, '--owner', 'Legal Office', '--db', desk);

    const before = await cli('list', 'items', '--book', BOOK, '--by-owner', '--db', desk);
    expect(before.code).toBe(0);
    expect(before.out).toMatch(/Legal Office: 4 papers, 1 missing, 1 overdue/);
    expect(before.out).toMatch(/2020-03-01 {2}Background: SOFA jurisdiction: where things stand \[bg-sofa-note\]\n {6}MISSING \(placeholder not written\), overdue by \d+ days; in Background/);
    expect(before.out).toMatch(/Policy planning: 2 papers, 1 missing\n/);
    expect(before.out).toMatch(/MISSING \(placeholder not written\), due in \d+ days; in Background/);

    // on the office's machine: import, write the paper, send back with the same command
    await cli('import', outgoing, '--db', office);
    const copyId = readFile(outgoing).books[0].id;
    const filled = readFile(outgoing);
    const paper = filled.items.find((i) => i.id === 'bg-sofa-note');
    if (paper === undefined) throw new Error('the package lacks its placeholder');
    paper.body = 'Criminal jurisdiction stays as agreed in 2001; nothing new to raise.';
    paper.status = 'in_review';
    // edited by hand, so without the rev it no longer matches (a stale rev would be a conflict)
    delete (paper as { rev?: string }).rev;
    delete (paper as { history?: string[] }).history;
    writeFileSync(join(dir, 'office-edit.json'), JSON.stringify(filled));
    expect((await cli('import', join(dir, 'office-edit.json'), '--db', office)).code).toBe(0);
    const back = join(dir, 'from-legal.json');
    const returned = await cli('export', back, '--book', copyId, '--owner', 'Legal Office', '--db', office);
    expect(returned.code).toBe(0);
    // the office's copy keeps its id: the return never names the desk's book
    expect(readFile(back).books.map((b) => b.id)).toEqual([copyId]);
    expect(validateSchema(readFile(back))).toBe(true);

    // back on the desk: the paper is written, the desk's book still holds every paper
    const deskBooksBefore = readFile(deskFixture()).books[0].sections.map((s) => s.items);
    expect((await cli('import', back, '--db', desk)).code).toBe(0);
    const deskBook = JSON.parse((await cli('export', '-', '--book', BOOK, '--db', desk)).out) as ExchangeFile;
    expect(deskBook.books[0].sections.map((s) => s.items)).toEqual(deskBooksBefore);
    const after = await cli('list', 'items', '--book', BOOK, '--by-owner', '--db', desk);
    expect(after.out).toMatch(/Legal Office: 4 papers, 0 missing\n/);
    expect(after.out).toMatch(/SOFA jurisdiction: where things stand \[bg-sofa-note\]\n\s+In review, was due \d+ days ago; in Background/);
    expect(after.out).toMatch(/Policy planning: 2 papers, 1 missing\n/);

    const byDue = await cli('list', 'items', '--book', BOOK, '--by-due', '--db', desk);
    const lines = byDue.out.split('\n').filter((l) => /^ {2}\S/.test(l));
    expect(lines[0]).toMatch(/^ {2}2020-03-01 {2}Legal Office {2}Background: SOFA/);
    expect(lines[1]).toMatch(/^ {2}2099-12-31 {2}Policy planning {2}Background: Force posture to 2030/);
    expect(lines[2]).toMatch(/^ {2}no due date/);

    const json = JSON.parse((await cli('list', 'items', '--book', BOOK, '--by-owner', '--json', '--db', desk)).out) as { offices: { office: string | null; missing: number }[] };
    expect(json.offices.map((o) => [o.office, o.missing])).toEqual([['Legal Office', 0], ['Policy planning', 1], [null, 0]]);
  });

  test('list items --book needs --by-owner or --by-due; an unknown book is named', async () => {
    const desk = join(dir, 'desk.db');
    await cli('import', deskFixture(), '--db', desk);
    expect((await cli('list', 'items', '--book', BOOK, '--db', desk)).code).toBe(2);
    expect((await cli('list', 'items', '--by-owner', '--db', desk)).code).toBe(2);
    expect((await cli('list', 'books', '--book', BOOK, '--by-owner', '--db', desk)).code).toBe(2);
    const unknown = await cli('list', 'items', '--book', 'no-such-book', '--by-owner', '--db', desk);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/no book "no-such-book"/);
  });
});
