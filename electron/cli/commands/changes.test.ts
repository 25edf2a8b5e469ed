import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { ChangeSet } from '../../../src/shared/changes';
import type { ItemDraft } from '../../../src/shared/contract';
import { runCliCaptured } from '../../../tests/support/cli-run';
import { openTestLibrary, tempLibrary, type TempLibrary } from '../../store/testing';

let lib: TempLibrary;
let first: number;

const draft = (id: string, title: string, body: string, classification = 'U'): ItemDraft => ({ id, kind: 'talking_point', title, body, classification, status: 'draft' });

/** A book exported once, then edited, added to, cut and rearranged; the library closed for the CLI. */
beforeEach(() => {
  lib = tempLibrary();
  const s = lib.service;
  s['books.create']({ id: 'summit', title: 'Summit', sections: ['Talking points', 'Background'] });
  for (const item of [draft('tp-a', 'Alliance', 'We value the alliance.'), draft('tp-b', 'Trade', 'Keep the talks at the working level.'), draft('tp-c', 'Climate', 'Welcome the pledge.')]) {
    s['items.save']({ item });
  }
  s['sections.addItems']({ bookId: 'summit', sectionId: 's-talking-points', itemIds: ['tp-a', 'tp-b'] });
  s['sections.addItems']({ bookId: 'summit', sectionId: 's-background', itemIds: ['tp-c'] });
  const { itemVersions } = s['books.content']({ id: 'summit' });
  first = s.recordExport({ bookId: 'summit', kind: 'pdf', fileName: 'summit.pdf', options: { mode: 'working' }, pageCount: 4, sha256: 'c'.repeat(64), itemVersions, document: 'book' }).id;
  s['items.save']({ item: draft('tp-b', 'Trade', 'Keep the talks at the leaders level.', 'C'), baseVersion: 1 });
  s['items.save']({ item: draft('tp-d', 'Energy', 'Offer a joint study.') });
  s['sections.addItems']({ bookId: 'summit', sectionId: 's-background', itemIds: ['tp-d'] });
  s['sections.moveItem']({ bookId: 'summit', itemId: 'tp-c', fromSectionId: 's-background', toSectionId: 's-talking-points', index: 0 });
  s['sections.removeItem']({ bookId: 'summit', sectionId: 's-talking-points', itemId: 'tp-a' });
  lib.close();
});
afterEach(() => lib.dispose());

const cli = (...args: string[]) => runCliCaptured(['changes', ...args, '--db', lib.path]);

describe('briefbook changes', () => {
  test('prints what was added, edited (word diff and marking), moved and removed since the last edition, exit 0', async () => {
    const run = await cli('--book', 'summit');
    expect(run.code).toBe(0);
    expect(run.err).toBe('');
    const lines = run.out.split('\n');
    expect(lines[0]).toMatch(new RegExp(`^Changes in "Summit" \\(summit\\) since the edition of \\S+ \\(export ${first}, summit\\.pdf\\)$`));
    expect(lines.slice(1)).toEqual([
      'Added (1)',
      '  + (U) Energy [tp-d]: Background, item 1',
      'Edited (1)',
      '  ~ (C) Trade [tp-b]: version 1 to 2',
      '      marking (U) -> (C)',
      '      body: Keep the talks at the [-working-]{+leaders+} level.',
      'Moved (1)',
      '  > (U) Climate [tp-c]: Background, item 1 -> Talking points, item 1',
      'Removed (1)',
      '  - (U) Alliance [tp-a]: was Talking points, item 1',
    ]);
  });

  test('--json gives the same change set for tools; --since takes an export id', async () => {
    const run = await cli('--book', 'summit', '--since', String(first), '--json');
    expect(run.code).toBe(0);
    const changes = JSON.parse(run.out) as ChangeSet;
    expect(changes.since.exportId).toBe(first);
    expect(changes.added.map((i) => i.id)).toEqual(['tp-d']);
    expect(changes.edited.map((i) => [i.id, i.marking])).toEqual([['tp-b', { from: '(U)', to: '(C)' }]]);
    expect(changes.moved.map((i) => i.id)).toEqual(['tp-c']);
    expect(changes.removed.map((i) => i.id)).toEqual(['tp-a']);
  });

  test('bad input: one line in words, exit 1 (unknown book or export) or 2 (usage)', async () => {
    const unknownBook = await cli('--book', 'nope');
    expect([unknownBook.code, unknownBook.err]).toEqual([1, 'briefbook changes: There is no book "nope" in this library.']);
    const unknownExport = await cli('--book', 'summit', '--since', '42');
    expect([unknownExport.code, unknownExport.err]).toEqual([1, "briefbook changes: There is no export 42 in this library's export log."]);
    const badSince = await cli('--book', 'summit', '--since', 'yesterday');
    expect(badSince.code).toBe(2);
    expect(badSince.err).toContain('--since takes an export id (a whole number, as verify or the export log shows it) or "last", not "yesterday"');
    expect((await cli()).code).toBe(2);
  });

  test('another book, no edition yet, another book’s export: one line each, exit 1', async () => {
    const reopened = openTestLibrary(lib.path);
    reopened.service['books.create']({ id: 'other', title: 'Other' });
    reopened.close();
    const none = await cli('--book', 'other');
    expect([none.code, none.err]).toEqual([1, 'briefbook changes: Book "other" has no PDF export yet, so there is no edition to compare with. Export a PDF of it first.']);
    const theirs = await cli('--book', 'other', '--since', String(first));
    expect([theirs.code, theirs.err]).toEqual([1, `briefbook changes: Export ${first} (summit.pdf) is an export of book "summit", not of book "other".`]);
  });

  test('an edition logged before the export log kept sections: moves are said to be unknown, the rest is listed', async () => {
    const reopened = openTestLibrary(lib.path);
    // as a library upgraded from before schema 4 holds it
    reopened.service.db.prepare('UPDATE export_log SET sections = NULL, document = NULL').run();
    reopened.close();
    const run = await cli('--book', 'summit');
    expect(run.code).toBe(0);
    expect(run.out).toContain("Moved: unknown (this edition was logged before the export log kept the book's sections)");
    expect(run.out).toContain('  + (U) Energy [tp-d]: Background, item 1');
    expect(run.out).toContain('  - (U) Alliance [tp-a]');
    expect(run.out).not.toContain('was Talking points');
  });
});
