/**
 * Changes since an edition in the PDF: the "Changes since the edition of DATE" page after the
 * contents (read back with pdf.js), and the change bar in the outer margin on the pages of the
 * items added or edited, and on no other page (rendered with pdftoppm, the margin's pixels sampled).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBookPdf } from '../../src/pdf';
import { CHANGE_BAR_WIDTH, CHANGE_BAR_X } from '../../src/pdf/layout/changes';
import { BODY_BOTTOM, BODY_TOP } from '../../src/pdf/layout/geometry';
import type { ChangeSet } from '../../src/shared/changes';
import { openTestLibrary } from '../../electron/store/testing';
import { runCliCaptured } from '../support/cli-run';
import { NODE_EXTRAS, SAMPLE_BOOK_ID, fonts, inkShare, readPdf, renderGrey, sampleContent, tempDir, writeTemp, type ReadPdf } from './pdf-reader';

const place = (sectionId: string, sectionTitle: string, position: number) => ({ sectionId, sectionTitle, position });

/** A change set as books.changesSince answers it, against the sample book. */
const CHANGES: ChangeSet = {
  bookId: SAMPLE_BOOK_ID,
  since: { exportId: 7, exportedAt: '2025-08-18T09:30:00.000Z', fileName: 'summit-2025-08-25.pdf' },
  movesKnown: true,
  added: [{ id: 'tp-consultation', title: 'Consult Seoul before any deal with Pyongyang', mark: '(U)', place: place('s-talking-points', 'Talking points', 5) }],
  edited: [
    {
      id: 'rl-sma',
      title: 'Keep burden sharing separate from the SMA',
      mark: '(C)',
      place: place('s-red-lines', 'Red lines', 3),
      fromVersion: 1,
      toVersion: 2,
      diffs: [{ field: 'body', parts: [{ op: 'deleted', text: 'old' }, { op: 'inserted', text: 'new' }] }],
      marking: { from: '(U)', to: '(C)' },
    },
  ],
  moved: [{ id: 'bg-treaty', title: 'What the 1953 Mutual Defense Treaty says', mark: '(U)', from: place('s-reference', 'Reference texts', 0), to: place('s-background', 'Background', 3) }],
  removed: [
    { id: 'tp-old', title: 'An old talking point', mark: '(U)', from: place('s-talking-points', 'Talking points', 2), classification: 'U', caveats: [] },
    { id: 'tp-secret', title: 'A secret point nobody may read here', mark: '(S)', from: place('s-talking-points', 'Talking points', 3), classification: 'S', caveats: [] },
  ],
  editions: [],
};

const DPI = 72;

/** Pages (1-based) with ink in the change bar's column of the body area. */
function pagesWithBar(path: string, pdf: ReadPdf): number[] {
  return pdf.pages
    .filter((page) => {
      const render = renderGrey(path, page.number, DPI);
      return inkShare(render, page.height, DPI, { x: CHANGE_BAR_X, y: BODY_BOTTOM, width: CHANGE_BAR_WIDTH, height: BODY_TOP - BODY_BOTTOM }) > 0;
    })
    .map((page) => page.number);
}

describe('the PDF with changes since an edition', () => {
  let pdf: ReadPdf;
  let path: string;
  beforeAll(async () => {
    const result = await buildBookPdf({ ...sampleContent(), changes: CHANGES }, fonts(), { mode: 'working', changesSince: 7 }, NODE_EXTRAS);
    path = writeTemp(result.bytes, 'changes.pdf');
    pdf = await readPdf(result.bytes);
  });

  it('has a changes page right after the contents, listing added, edited, removed and moved items with their pages', () => {
    const at = pdf.pages.findIndex((p) => p.lines.some((l) => l.text === 'Changes since the edition of 18 August 2025'));
    expect(at).toBeGreaterThan(0);
    expect(pdf.pages[at - 1].text).toContain('Contents');
    // a bookmark of its own, after the contents'
    const changesMark = pdf.outline.findIndex((o) => o.title === 'Changes since the edition of 18 August 2025');
    expect(pdf.outline[changesMark - 1].title).toBe('Contents');
    expect(pdf.outline[changesMark].page).toBe(at + 1);
    const lines = pdf.pages[at].lines.map((l) => l.text);
    const body = (title: string) => pdf.pages.slice(at + 1).find((p) => p.text.includes(title))?.number;
    const consult = body('Consult Seoul before any deal with Pyongyang');
    const sma = body('Keep burden sharing separate from the SMA');
    expect(lines).toContain('ADDED (1)');
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^TP-\\d+ \\(U\\) Consult Seoul before any deal with Pyongyang — new in Talking points ${consult}$`)));
    expect(lines).toContain('EDITED (1)');
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^RL-\\d+ \\(C\\) Keep burden sharing separate from the SMA — marking \\(U\\) to \\(C\\) ${sma}$`)));
    expect(lines).toContain('REMOVED (2)');
    expect(lines).toContain('(U) An old talking point — was in Talking points');
    // a removed item marked above the book's banner is not named
    expect(lines).toContain('an item marked above this edition (title not printed)');
    expect(pdf.pages.map((p) => p.text).join('\n')).not.toContain('A secret point');
    expect(lines).toContain('MOVED (1)');
    expect(lines).toContainEqual(expect.stringMatching(/^BG-4 \(U\) What the 1953 Mutual Defense Treaty says — moved from Reference texts \d+$/));
  });

  it('draws the change bar on the pages of the added and edited items, and on no other page', () => {
    const at = pdf.pages.findIndex((p) => p.lines.some((l) => l.text === 'Changes since the edition of 18 August 2025'));
    const changedPages = pdf.pages
      .slice(at + 1)
      .filter((p) => p.text.includes('Consult Seoul before any deal with Pyongyang') || p.text.includes('Keep burden sharing separate from the SMA'))
      .map((p) => p.number);
    expect(changedPages.length).toBeGreaterThan(0);
    expect(pagesWithBar(path, pdf)).toEqual(changedPages);
  });

  it('in a bilingual book, whose columns run wider, the bar still marks only the changed items’ pages', async () => {
    const result = await buildBookPdf({ ...sampleContent(), changes: CHANGES }, fonts(), { mode: 'working', changesSince: 7, bilingual: 'ko' }, NODE_EXTRAS);
    const read = await readPdf(result.bytes);
    const at = read.pages.findIndex((p) => p.lines.some((l) => l.text === 'Changes since the edition of 18 August 2025'));
    const changedPages = read.pages
      .slice(at + 1)
      // the titles wrap in the narrower column
      .filter((p) => p.text.includes('Consult Seoul before') || p.text.includes('Keep burden sharing'))
      .map((p) => p.number);
    expect(changedPages.length).toBeGreaterThan(1);
    expect(pagesWithBar(writeTemp(result.bytes, 'bilingual-changes.pdf'), read)).toEqual(changedPages);
  });

  it('without the option there is no changes page and no bar; asked for without a change set is refused', async () => {
    const plain = await buildBookPdf(sampleContent(), fonts(), { mode: 'working' }, NODE_EXTRAS);
    const read = await readPdf(plain.bytes);
    expect(read.pages.some((p) => p.text.includes('Changes since the edition'))).toBe(false);
    expect(pagesWithBar(writeTemp(plain.bytes, 'plain.pdf'), read)).toEqual([]);
    await expect(buildBookPdf(sampleContent(), fonts(), { mode: 'working', changesSince: 'last' }, NODE_EXTRAS)).rejects.toThrow(/carries no change set/);
  });
});

describe('briefbook pdf --changes-since', () => {
  let dir: string;
  let db: string;
  beforeAll(() => {
    dir = tempDir();
    db = join(dir, 'library.db');
    const lib = openTestLibrary(db);
    lib.service['library.loadSample']({});
    lib.close();
  });

  it('prints the changes page and bars against the last edition, and logs the edition it compared with', async () => {
    // with its pocket card, logged after the book: "last" is still the book
    const first = await runCliCaptured(['pdf', '--db', db, '--book', SAMPLE_BOOK_ID, '--out', join(dir, 'first.pdf'), '--pocket-card']);
    expect(first.code).toBe(0);
    const lib = openTestLibrary(db);
    const item = lib.service['items.get']({ id: 'tp-foundation' });
    lib.service['items.save']({
      item: { id: item.id, kind: item.kind, title: 'Our foreign policy still rests on the alliance', body: item.body, classification: item.classification, status: item.status },
      baseVersion: item.version,
    });
    const edition = lib.service['exports.list']({ bookId: SAMPLE_BOOK_ID }).find((e) => e.fileName === 'first.pdf')!;
    lib.close();

    const second = await runCliCaptured(['pdf', '--db', db, '--book', SAMPLE_BOOK_ID, '--out', join(dir, 'second.pdf'), '--changes-since', 'last']);
    expect(second.code).toBe(0);
    const read = await readPdf(readFileSync(join(dir, 'second.pdf')));
    const page = read.pages.find((p) => p.lines.some((l) => l.text.startsWith('Changes since the edition of')));
    expect(page?.text).toContain('EDITED (1)');
    expect(page?.text).toContain('Our foreign policy still rests on the alliance — text changed');
    expect(page?.text).toContain('ADDED (0)');

    const reopened = openTestLibrary(db);
    const [logged] = reopened.service['exports.list']({ bookId: SAMPLE_BOOK_ID });
    reopened.close();
    expect(logged.options.changesSince).toBe(edition.id);
  });

  it('an unknown export is refused in words with exit 1, writing nothing; --from cannot compare (exit 2)', async () => {
    const out = join(dir, 'never.pdf');
    const run = await runCliCaptured(['pdf', '--db', db, '--book', SAMPLE_BOOK_ID, '--out', out, '--changes-since', '999']);
    expect(run.code).toBe(1);
    expect(run.err).toBe(`briefbook pdf: book "${SAMPLE_BOOK_ID}": There is no export 999 in this library's export log.`);
    expect(() => readFileSync(out)).toThrow();
    const from = await runCliCaptured(['pdf', '--from', 'x.json', '--book', SAMPLE_BOOK_ID, '--out', out, '--changes-since', 'last']);
    expect(from.code).toBe(2);
    expect(from.err).toContain('--changes-since compares with an edition in the library');
  });
});
