/**
 * `briefbook import paper.docx --book ID --section TITLE`: the items are listed before anything
 * is written; --dry-run writes nothing; a bad paper is one line and nothing is imported.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openTestLibrary as openLibrary } from '../../store/testing';
import { runCliCaptured } from '../../../tests/support/cli-run';

const fixtures = join(__dirname, '../../../tests/fixtures/docx');
const SAMPLE = join(__dirname, '../../../resources/summit-2025-08-25.briefbook.json');
const BOOK = 'summit-2025-08-25';
const dir = mkdtempSync(join(tmpdir(), 'briefbook-import-docx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = (args: string[]) => runCliCaptured(['import', ...args]);

function library(name: string): string {
  const db = join(dir, `${name}.briefbook`);
  const lib = openLibrary(db);
  lib.service['library.import']({ text: readFileSync(SAMPLE, 'utf8') });
  lib.close();
  return db;
}

function section(db: string, title: string) {
  const lib = openLibrary(db);
  try {
    const found = lib.service['books.get']({ id: BOOK }).sections.find((s) => s.title === title);
    return { items: found?.items ?? [], total: lib.service['library.info']({}).itemCount };
  } finally {
    lib.close();
  }
}

describe('briefbook import paper.docx', () => {
  it('lists the items, then imports them into the section with its kind and the book level', async () => {
    const db = library('paper');
    const before = section(db, 'Red lines');
    const run = await cli([join(fixtures, 'paper.docx'), '--db', db, '--book', BOOK, '--section', 'Red lines']);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toMatch(/paper\.docx → .* › Red lines: 3 items/);
    expect(run.out).toContain('  2. [Red line] Alliance modernisation');
    expect(run.out).toContain('imported 3 items');
    const after = section(db, 'Red lines');
    expect(after.items.map((i) => i.title).slice(before.items.length)).toEqual(['paper', 'Alliance modernisation', '한미 동맹 비용 분담']);
    expect(after.items.slice(before.items.length).every((i) => i.kind === 'red_line' && i.status === 'draft')).toBe(true);
    expect(after.total).toBe(before.total + 3);
    const lib = openLibrary(db);
    try {
      const added = lib.service['items.get']({ id: after.items[before.items.length + 1].id });
      expect(added.body).toContain('- Modernise the command structure');
      expect(added.body).toContain('**will not**');
    } finally {
      lib.close();
    }
  });

  it('--dry-run lists the items and writes nothing; --kind is kept', async () => {
    const db = library('dry');
    const before = section(db, 'Talking points');
    const run = await cli([join(fixtures, 'paper.docx'), '--db', db, '--book', BOOK, '--section', 'Talking points', '--kind', 'background', '--dry-run']);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain('  1. [Background] paper');
    expect(run.out).toContain('dry run: nothing was imported');
    expect(section(db, 'Talking points')).toEqual(before);
  });

  it('refuses a bad paper, an unknown section or kind in one line, importing nothing', async () => {
    const db = library('bad');
    const before = section(db, 'Red lines');
    const encrypted = await cli([join(fixtures, 'encrypted.docx'), '--db', db, '--book', BOOK, '--section', 'Red lines']);
    expect(encrypted.code).toBe(1);
    expect(encrypted.err.trim()).toBe('briefbook import: encrypted.docx is encrypted (password-protected): save an unprotected copy from Word and import that. Nothing was imported.');
    const noSection = await cli([join(fixtures, 'paper.docx'), '--db', db, '--book', BOOK, '--section', 'Annexes']);
    expect(noSection.code).toBe(1);
    expect(noSection.err).toMatch(/has no section "Annexes" \(sections: "Program", /);
    const kind = await cli([join(fixtures, 'paper.docx'), '--db', db, '--book', BOOK, '--section', 'Red lines', '--kind', 'memo']);
    expect(kind.code).toBe(2);
    expect(kind.err).toMatch(/--kind "memo" is not a kind/);
    expect(section(db, 'Red lines')).toEqual(before);
  });
});
