/// <reference lib="dom" />
/**
 * Clearance bound to the text (issue 13) in Debian chromium against the real store: editing
 * the title of a cleared item puts it back In review and a notice says so; the book's clearance
 * panel and a final export name it; Undo restores the cleared text and its clearance. No
 * console error; no request outside the origin. An item whose clearance names other words shows
 * "Changed since cleared". Screenshots: clearance-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSampleBook, openWalkthrough, SAMPLE_TITLE, type App, type Walkthrough } from './harness';
import { shot, stepper, unlabelled, until } from './page-checks';

const SMA_TITLE = 'Keep burden sharing separate from the SMA';
const REVISED = `${SMA_TITLE} (revised)`;

let app: App;
let walk: Walkthrough;

const step = stepper('clearance', () => app?.page);

describe('clearance in Chromium', () => {
  beforeAll(async () => {
    walk = await openWalkthrough('clearance');
    app = walk.app;
  });

  afterAll(() => walk?.dispose());

  it('an edit withdraws the clearance, a final export refuses the item, Undo restores Cleared', async () => {
    const { page } = app;
    const inspector = page.locator('aside.inspector');
    const store = app.library.service;

    await step('open the sample book', async () => {
      await openSampleBook(app);
      // the sample's one draft is cleared, so that only the edit stands between the book and a final copy
      store['items.setStatus']({ id: 'tp-draft-trade', status: 'cleared', by: 'Desk officer' });
      expect(store['items.get']({ id: 'rl-sma' }).clearanceState).toBe('cleared');
    });

    await step('edit the title of a cleared item', async () => {
      await page.getByRole('button', { name: /^All items/ }).click();
      await page.locator('.lib-row[data-item-id="rl-sma"]').click();
      await inspector.locator('#item-title').waitFor();
      await inspector.locator('#item-title').fill(REVISED);
      await page.getByRole('status').filter({ hasText: 'changed after it was cleared: its clearance is withdrawn and it is In review again' }).waitFor();
      const item = store['items.get']({ id: 'rl-sma' });
      expect(item).toMatchObject({ title: REVISED, status: 'in_review' });
      expect(item.clearance).toBeUndefined();
      expect(await inspector.getByRole('button', { name: 'In review' }).getAttribute('aria-pressed')).toBe('true');
    });
    await shot(page, 'clearance-01-withdrawn');
    expect(await unlabelled(page)).toEqual([]);

    await step('the book names it; a final export refuses it', async () => {
      await page.locator('.sidebar').getByRole('button', { name: new RegExp(SAMPLE_TITLE) }).first().click();
      await inspector.getByRole('list', { name: 'Still to clear' }).getByRole('listitem').filter({ hasText: REVISED }).waitFor();
      await page.keyboard.press('Control+e');
      const dialog = page.getByRole('dialog', { name: /Export/ });
      await dialog.getByRole('radio', { name: /Final/ }).check();
      await dialog.getByRole('button', { name: 'Make PDF' }).click();
      await dialog.locator('.problems.blocking li', { hasText: REVISED }).waitFor({ timeout: 60_000 });
      expect(await dialog.locator('.problems.blocking li', { hasText: REVISED }).textContent()).toContain('is in review');
    });
    await shot(page, 'clearance-02-final-refused');

    await step('Undo restores the cleared text and its clearance', async () => {
      await page.keyboard.press('Escape');
      await page.getByRole('dialog', { name: /Export/ }).waitFor({ state: 'detached' });
      await page.locator('main.main').getByRole('heading', { name: SAMPLE_TITLE }).click();
      await page.keyboard.press('Control+z');
      await until(() => store['items.get']({ id: 'rl-sma' }).clearanceState === 'cleared', 'the item cleared again in the store');
      expect(store['items.get']({ id: 'rl-sma' }).title).toBe(SMA_TITLE);
      await until(async () => (await inspector.getByRole('list', { name: 'Still to clear' }).count()) === 0, 'the clearance panel with nothing left to clear');
    });
    await shot(page, 'clearance-03-undone');

    await step('an item cleared on other words shows "Changed since cleared" in the library and the book', async () => {
      // a copy of the library edited elsewhere: the item's clearance names a text it no longer has
      const file = JSON.parse(store['library.export']({}).text) as { items: { id: string; rev?: string; history?: string[]; clearance?: { contentHash: string } }[] };
      const sma = file.items.find((i) => i.id === 'rl-sma');
      if (sma?.clearance === undefined) throw new Error('the exported item carries its clearance');
      sma.clearance.contentHash = `sha256:${'0'.repeat(64)}`;
      // edited by hand: its rev no longer matches, so it goes without (a stale rev is a conflict)
      delete sma.rev;
      delete sma.history;
      store['library.import']({ text: JSON.stringify(file) });
      // imported behind the page's back: the window reads the library afresh
      await page.reload();
      await page.getByRole('button', { name: /^All items/ }).click();
      await page.locator('.lib-row[data-item-id="rl-sma"]', { hasText: 'Changed since cleared' }).waitFor();
      await page.locator('.sidebar').getByRole('button', { name: new RegExp(SAMPLE_TITLE) }).first().click();
      await inspector.getByRole('list', { name: 'Still to clear' }).getByRole('listitem').filter({ hasText: 'Changed since cleared' }).waitFor();
    });
    await shot(page, 'clearance-04-changed-since-cleared');

    expect(app.stats.outside).toEqual([]);
    expect(app.stats.consoleErrors).toEqual([]);
    expect(await app.cspViolations()).toEqual([]);
  });
});
