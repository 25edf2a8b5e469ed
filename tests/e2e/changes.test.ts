/// <reference lib="dom" />
/**
 * "Changes since …" (issue 13, point 3) in Chromium against the real store: the sample book is
 * exported once (logged as the app logs it), then an item is edited, one added, one removed and
 * one moved; the book view's "Changes since…" lists each, with the word diff marked by
 * strike-through and underline and said in words. Every control is named; no CSP violation.
 * Screenshot: changes-01-dialog.png.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, openSampleBook, openWalkthrough, SAMPLE_TITLE, type App, type Walkthrough } from './harness';
import { unlabelled } from './page-checks';

const SAMPLE_BOOK = 'summit-2025-08-25';

let app: App;
let walk: Walkthrough;

describe('changes since an edition in Chromium', () => {
  beforeAll(async () => {
    walk = await openWalkthrough('changes');
    app = walk.app;
  });

  afterAll(() => walk?.dispose());

  it('lists what was added, edited, moved and removed since the last edition', async () => {
    const { page } = app;
    const store = app.library.service;
    await openSampleBook(app);

    const { itemVersions } = store['books.content']({ id: SAMPLE_BOOK });
    store.recordExport({ bookId: SAMPLE_BOOK, kind: 'pdf', fileName: 'summit-2025-08-25.pdf', options: { mode: 'working' }, pageCount: 22, sha256: 'e'.repeat(64), itemVersions, document: 'book' });
    const sma = store['items.get']({ id: 'rl-sma' });
    store['items.save']({
      item: { id: sma.id, kind: sma.kind, title: sma.title, body: sma.body.replace('burden sharing', 'cost sharing'), classification: sma.classification, status: sma.status },
      baseVersion: sma.version,
    });
    store['sections.removeItem']({ bookId: SAMPLE_BOOK, sectionId: 's-reference', itemId: 'ref-2006' });
    store['sections.moveItem']({ bookId: SAMPLE_BOOK, itemId: 'bg-treaty', fromSectionId: 's-background', toSectionId: 's-reference', index: 0 });
    const added = store['items.save']({ item: { kind: 'talking_point', title: 'Shipbuilding cooperation', body: 'Offer a joint shipbuilding study.', classification: 'U', status: 'draft' } });
    store['sections.addItems']({ bookId: SAMPLE_BOOK, sectionId: 's-talking-points', itemIds: [added.id] });

    await page.getByRole('button', { name: 'Changes since…' }).click();
    const dialog = page.getByRole('dialog', { name: `Changes in “${SAMPLE_TITLE}”` });
    await dialog.getByRole('region', { name: 'Edited: 1 item', exact: true }).waitFor();
    expect(await dialog.getByRole('region', { name: 'Added: 1 item', exact: true }).textContent()).toContain('Shipbuilding cooperation');
    expect(await dialog.getByRole('region', { name: 'Moved: 1 item', exact: true }).textContent()).toContain('from Background, item 4 to Reference texts, item 1');
    expect(await dialog.getByRole('region', { name: 'Removed: 1 item', exact: true }).textContent()).toContain('2006 joint statement on strategic flexibility');
    const edited = dialog.getByRole('region', { name: 'Edited: 1 item', exact: true });
    expect(await edited.locator('del').first().textContent()).toBe('[taken out: burden]');
    expect(await edited.locator('ins').first().textContent()).toBe('[put in: cost]');
    await page.screenshot({ path: join(ARTIFACTS, 'changes-01-dialog.png') });
    expect(await unlabelled(page)).toEqual([]);
    expect(await app.cspViolations()).toEqual([]);
  });
});
