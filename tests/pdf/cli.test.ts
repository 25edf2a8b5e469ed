/**
 * `briefbook pdf` end to end: from an exchange file and from a library, with every option,
 * exit codes, messages, atomic writes and reproducible output.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openTestLibrary } from '../../electron/store/testing';
import { SAMPLE_BOOK_ID, SAMPLE_PATH, readPdf, tempDir } from './pdf-reader';
import { runCliCaptured } from '../support/cli-run';

const cli = (args: string[], env: Record<string, string> = {}) => runCliCaptured(['pdf', ...args], env);

const FROM = ['--from', SAMPLE_PATH, '--book', SAMPLE_BOOK_ID];

describe('briefbook pdf', () => {
  it('prints its help and exits 0; wrong usage exits 2', async () => {
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^usage: briefbook pdf --book ID --out FILE\.pdf/);
    expect((await cli(FROM)).code).toBe(2);
    expect((await cli([...FROM, '--out', 'x.pdf', '--bogus'])).code).toBe(2);
    expect((await cli(['--book', 'b', '--out', 'x.pdf'])).err).toContain('no library: pass --db PATH or set BRIEFBOOK_DB');
  });

  it('takes the layout options: no glance page, no tabs, dividers, sources left out, a 4 × 6 in card, hyphenation', async () => {
    const dir = tempDir();
    const out = join(dir, 'plain.pdf');
    const args = ['--no-at-a-glance', '--no-thumb-tabs', '--dividers', '--sources', 'omit', '--pocket-card', '--card-size', '4x6', '--hyphenate'];
    const run = await cli([...FROM, '--out', out, ...args]);
    expect(run.code).toBe(0);
    const pdf = await readPdf(readFileSync(out));
    const text = pdf.pages.map((p) => p.text).join('\n');
    expect(text).not.toContain('At a glance');
    expect(text).not.toContain('Upcoming Trump-Lee Summit');
    expect(pdf.pages.filter((p) => /^SECTION \d+ OF 11$/m.test(p.text) && p.lines.length < 12).length).toBeGreaterThanOrEqual(11);
    const card = await readPdf(readFileSync(join(dir, 'plain.pocket-card.pdf')));
    expect(card.pages[0].height).toBe(432);
    const bad = await cli([...FROM, '--out', join(dir, 'x.pdf'), '--sources', 'footnotes']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/sources/);
    expect((await cli([...FROM, '--out', join(dir, 'y.pdf'), '--card-size', 'a5'])).code).toBe(2);
    expect((await cli([...FROM, '--out', join(dir, 'z.pdf'), '--bilingual', 'ko!'])).code).toBe(2);
    const bilingual = join(dir, 'bilingual.pdf');
    expect((await cli([...FROM, '--out', bilingual, '--bilingual', 'ko', '--translation-below'])).code).toBe(0);
    expect((await readPdf(readFileSync(bilingual))).pages[0].text).toContain('Bilingual edition: English and 한국어 (ko)');
  });

  it('writes the book and its pocket card from an exchange file, and says where', async () => {
    const dir = tempDir();
    const out = join(dir, 'summit.pdf');
    const run = await cli([...FROM, '--out', out, '--pocket-card']);
    expect(run.code).toBe(0);
    expect(run.out).toContain(`wrote ${out} (book, `);
    expect(run.out).toContain(`wrote ${join(dir, 'summit.pocket-card.pdf')} (pocket card, 2 pages, CONFIDENTIAL//NOFORN)`);
    expect(run.err).toContain('warning: item "tp-draft-trade"');
    expect(readdirSync(dir).sort()).toEqual(['summit.pdf', 'summit.pocket-card.pdf']);
    expect((await readPdf(readFileSync(out))).pages[0].text).toContain('Summit with President Trump');
  });

  it('refuses a final copy with uncleared items, names them, and leaves the old file alone', async () => {
    const dir = tempDir();
    const out = join(dir, 'final.pdf');
    writeFileSync(out, 'previous export');
    const run = await cli([...FROM, '--out', out, '--final', '--pocket-card']);
    expect(run.code).toBe(1);
    expect(run.err).toContain('tp-draft-trade');
    expect(run.err).toContain('s-talking-points');
    expect(run.err).toContain('Nothing was written.');
    expect(readFileSync(out, 'utf8')).toBe('previous export');
    expect(readdirSync(dir)).toEqual(['final.pdf']);
  });

  it('writes one numbered copy per recipient', async () => {
    const dir = tempDir();
    const run = await cli([...FROM, '--out', join(dir, 'book.pdf'), '--copies']);
    expect(run.code).toBe(0);
    const files = readdirSync(dir).sort();
    expect(files).toEqual(['book-copy-01.pdf', 'book-copy-02.pdf', 'book-copy-03.pdf', 'book-copy-04.pdf', 'book-copy-05.pdf']);
    const recipients = ['President', 'National Security Advisor', 'Foreign Minister', 'Ambassador to the United States', 'File'];
    for (const [i, file] of files.entries()) {
      const cover = (await readPdf(readFileSync(join(dir, file)))).pages[0].text;
      expect(cover).toContain(`Copy ${i + 1} of 5 — ${recipients[i]}`);
    }
  });

  it('gives byte-identical files with SOURCE_DATE_EPOCH set, dated at that time', async () => {
    const dir = tempDir();
    const env = { SOURCE_DATE_EPOCH: '1756080000' };
    expect((await cli([...FROM, '--out', join(dir, 'a.pdf'), '--watermark', 'DRAFT'], env)).code).toBe(0);
    expect((await cli([...FROM, '--out', join(dir, 'b.pdf'), '--watermark', 'DRAFT'], env)).code).toBe(0);
    const a = readFileSync(join(dir, 'a.pdf'));
    expect(a.equals(readFileSync(join(dir, 'b.pdf')))).toBe(true);
    expect((await readPdf(a)).info.CreationDate).toBe('D:20250825000000Z');
    expect((await cli([...FROM, '--out', join(dir, 'c.pdf')], { SOURCE_DATE_EPOCH: 'yesterday' })).code).toBe(2);
  });

  it('names an unknown book and the books the file has', async () => {
    const run = await cli(['--from', SAMPLE_PATH, '--book', 'no-such-book', '--out', join(tempDir(), 'x.pdf')]);
    expect(run.code).toBe(1);
    expect(run.err).toContain('no book with id "no-such-book"');
    expect(run.err).toContain(SAMPLE_BOOK_ID);
  });

  it('prints a releasable edition without the items above the level', async () => {
    const out = join(tempDir(), 'rel.pdf');
    const run = await cli([...FROM, '--out', out, '--max-level', 'U']);
    expect(run.code).toBe(0);
    expect(run.out).toContain('UNCLASSIFIED');
    const text = (await readPdf(readFileSync(out))).pages.map((p) => p.text).join('\n');
    expect(text).not.toContain('Keep burden sharing separate from the SMA');
  });

  it('leaves out an empty section unless --include-empty-sections asks for it', async () => {
    const dir = tempDir();
    const exchange = JSON.parse(readFileSync(SAMPLE_PATH, 'utf8')) as { books: { id: string; sections: { id: string; title: string; items: string[] }[] }[] };
    exchange.books[0].sections.push({ id: 'annex-maps', title: 'Annex of venue maps', items: [] });
    const from = join(dir, 'with-empty.briefbook.json');
    writeFileSync(from, JSON.stringify(exchange));
    const textOf = async (file: string) => (await readPdf(readFileSync(file))).pages.map((p) => p.text).join('\n');
    const plain = join(dir, 'plain.pdf');
    expect((await cli(['--from', from, '--book', SAMPLE_BOOK_ID, '--out', plain])).code).toBe(0);
    expect(await textOf(plain)).not.toContain('Annex of venue maps');
    const asked = join(dir, 'asked.pdf');
    const run = await cli(['--from', from, '--book', SAMPLE_BOOK_ID, '--out', asked, '--include-empty-sections']);
    expect(run.code, run.err).toBe(0);
    expect(await textOf(asked)).toContain('Annex of venue maps');
  });

  it('reads a library with --db and logs the export with the file hash', async () => {
    const dir = tempDir();
    const db = join(dir, 'library.briefbook');
    const library = openTestLibrary(db);
    library.service['library.import']({ text: readFileSync(SAMPLE_PATH, 'utf8') });
    library.close();
    const out = join(dir, 'from-db.pdf');
    const run = await cli(['--book', SAMPLE_BOOK_ID, '--out', out], { BRIEFBOOK_DB: db });
    expect(run.code, run.err).toBe(0);
    expect(existsSync(out)).toBe(true);
    const reopened = openTestLibrary(db);
    try {
      const log = reopened.service['exports.list']({ bookId: SAMPLE_BOOK_ID });
      expect(log).toHaveLength(1);
      expect(log[0]).toMatchObject({ kind: 'pdf', fileName: 'from-db.pdf', sha256: createHash('sha256').update(readFileSync(out)).digest('hex') });
    } finally {
      reopened.close();
    }
    const missing = await cli(['--book', 'nope', '--out', join(dir, 'n.pdf'), '--db', db]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('nope');
  });
});
