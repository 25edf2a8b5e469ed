/// <reference lib="dom" />
/**
 * File → Import Exchange File… in Debian chromium against the real store (issue 14): desk B's
 * file is previewed before anything is written; the conflict is shown ours beside theirs, word
 * by word, and settled; the import is one step that Ctrl+Z takes back; Settings → Import log
 * lists it with its SHA-256. Every control is named; no console error; no request outside the
 * origin. Screenshots: import-*.png.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestLibrary } from '../../electron/store/testing';
import { openWalkthrough, type App, type Walkthrough } from './harness';
import { shot, stepper, unlabelled, until } from './page-checks';

const ITEM = 'rl-sma';
const OURS = 'Burden sharing stays separate from the SMA, as agreed at the working level.';
const THEIRS = 'Burden sharing stays apart from the SMA, as agreed at the leaders’ meeting.';

let app: App;
let walk: Walkthrough;
let dir: string;
const openAnswers: string[] = [];

const step = stepper('import', () => app?.page);

function save(store: App['library']['service'], id: string, body: string): void {
  const current = store['items.get']({ id });
  const { version: _v, createdAt: _c, updatedAt: _u, deleted: _d, statusChangedAt: _sa, statusChangedBy: _sb, ...draft } = current;
  store['items.save']({ item: { ...draft, body }, baseVersion: current.version });
}

describe('importing between desks in Chromium', () => {
  beforeAll(async () => {
    walk = await openWalkthrough('import', { openAnswers });
    app = walk.app;
    dir = walk.dir;
  });

  afterAll(() => walk?.dispose());

  it('previews, settles the conflict side by side, imports in one undoable step, and logs it', async () => {
    const { page } = app;
    const store = app.library.service;
    const deskB = join(dir, 'desk-b.json');

    await step('two desks share the sample book, then both change the same red line', async () => {
      store['library.loadSample']({});
      const other = openTestLibrary(join(dir, 'desk-b.briefbook'));
      try {
        other.service['library.import']({ text: store['library.export']({}).text });
        const current = other.service['items.get']({ id: ITEM });
        const { version: _v, createdAt: _c, updatedAt: _u, deleted: _d, statusChangedAt: _sa, statusChangedBy: _sb, ...draft } = current;
        other.service['items.save']({ item: { ...draft, body: THEIRS }, baseVersion: current.version });
        other.service['items.save']({ item: { id: 'tp-desk-b', kind: 'talking_point', title: 'A point drafted on desk B', body: 'New words.', classification: 'U', status: 'draft' } });
        writeFileSync(deskB, other.service['library.export']({}).text);
      } finally {
        other.close();
      }
      save(store, ITEM, OURS);
    });

    await step('open the app', async () => {
      await page.goto(`${app.origin}/`);
      await page.locator('.lib-row[data-item-id]').first().waitFor();
    });

    const dialog = page.getByRole('dialog', { name: 'Import desk-b.json' });
    await step('Ctrl+Shift+O previews the import', async () => {
      openAnswers.push(deskB);
      await page.keyboard.press('Control+Shift+O');
      await dialog.getByRole('table', { name: 'What the import would do' }).waitFor();
      expect(await dialog.getByRole('row', { name: /^created 1/ }).textContent()).toContain('A point drafted on desk B');
      expect(await dialog.getByRole('row', { name: /^conflicts 1/ }).count()).toBe(1);
      expect(await dialog.getByRole('button', { name: 'Import' }).isDisabled()).toBe(true);
      // nothing written yet
      expect(store['items.get']({ id: ITEM }).body).toBe(OURS);
      expect(() => store['items.get']({ id: 'tp-desk-b' })).toThrow(/no item/);
    });
    await shot(page, 'import-01-preview');
    expect(await unlabelled(page)).toEqual([]);

    await step('the conflict, ours beside theirs, word by word', async () => {
      const conflict = dialog.getByRole('region', { name: /^Conflict: / });
      expect(await conflict.locator('.diff-left mark').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('separate')]));
      expect(await conflict.locator('.diff-right mark').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('apart')]));
      await conflict.scrollIntoViewIfNeeded();
    });
    await shot(page, 'import-02-conflict');

    await step('settle it: take theirs, then import', async () => {
      await dialog.getByRole('radio', { name: 'Take theirs' }).check();
      await dialog.getByRole('button', { name: 'Import' }).click();
      await dialog.waitFor({ state: 'detached' });
      await until(() => store['items.get']({ id: ITEM }).body === THEIRS, 'theirs in the store');
      expect(store['items.get']({ id: 'tp-desk-b' }).title).toBe('A point drafted on desk B');
    });

    await step('Ctrl+Z undoes the whole import', async () => {
      await page.locator('main.main').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('Control+Z');
      await until(() => store['items.get']({ id: ITEM }).body === OURS, 'ours back in the store');
      await until(() => {
        try {
          store['items.get']({ id: 'tp-desk-b' });
          return false;
        } catch {
          return true;
        }
      }, 'the created item gone');
    });

    await step('Ctrl+Shift+Z imports it again, as settled', async () => {
      await page.keyboard.press('Control+Shift+Z');
      await until(() => store['items.get']({ id: ITEM }).body === THEIRS, 'theirs in the store again');
    });

    await step('Settings → Import log lists both with the file’s SHA-256; the newest one’s Undo takes it back', async () => {
      await page.getByRole('button', { name: 'Settings' }).click();
      await page.getByRole('tab', { name: 'Import log' }).click();
      const log = page.getByRole('list', { name: 'Import log' });
      await log.waitFor();
      const [newest, first] = store['imports.list']({});
      expect(newest.undoneAt).toBeNull();
      expect(first.undoneAt).not.toBeNull();
      expect(await log.getByRole('listitem').nth(0).textContent()).toContain(newest.sha256);
      expect(await log.getByRole('listitem').nth(1).textContent()).toContain('undone');
      await log.getByRole('listitem').nth(0).getByRole('button', { name: 'Undo the import of desk-b.json' }).click();
      await until(() => store['items.get']({ id: ITEM }).body === OURS, 'ours back after the log’s Undo');
      await log.getByRole('listitem').nth(0).getByText('undone').waitFor();
    });
    await shot(page, 'import-03-log');
    expect(await unlabelled(page)).toEqual([]);

    expect(app.stats.consoleErrors).toEqual([]);
    expect(app.stats.outside).toEqual([]);
    expect(await app.cspViolations()).toEqual([]);
  });
});
