/// <reference lib="dom" />
/**
 * Tasking in Debian chromium against the real store (issue 14, point 4): a desk officer sets a
 * due date in the item inspector, requests a paper of an office in a section, reads the book's
 * papers by office (missing and overdue in words) and by due date, and saves one office's tasker
 * package with "Send for drafting…" through the shell's save dialog. Every control is named.
 * Screenshots: tasking-*.png.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExchangeFile } from '../../src/shared/domain';
import { openSampleBook, openWalkthrough, SAMPLE_TITLE, type App, type Walkthrough } from './harness';
import { shot, stepper, unlabelled, until } from './page-checks';

const SAMPLE_BOOK = 'summit-2025-08-25';

let app: App;
let walk: Walkthrough;
let dir: string;

const step = stepper('tasking', () => app?.page);

describe('tasking in Chromium', () => {
  beforeAll(async () => {
    walk = await openWalkthrough('tasking');
    app = walk.app;
    dir = walk.dir;
  });

  afterAll(() => walk?.dispose());

  it('sets a due date, requests a paper, lists papers by office and by due date, and sends one office its package', async () => {
    const { page } = app;
    const inspector = page.locator('aside.inspector');
    const store = app.library.service;

    await step('open the sample book', async () => {
      await openSampleBook(app);
    });
    // two papers already with offices, one of them overdue
    const owned = (id: string, owner: string, due: string) => {
      const item = store['items.get']({ id });
      store['items.save']({ item: { id, kind: item.kind, title: item.title, body: item.body, classification: item.classification, caveats: item.caveats, status: item.status, owner, due } });
    };
    owned('bg-security-team', 'Policy planning', '2099-09-01');
    owned('ref-2006', 'Legal Office', '2020-05-01');

    await step('set a due date in the item inspector', async () => {
      await page.getByRole('button', { name: /^All items/ }).click();
      await page.locator('.lib-row[data-item-id="rl-taiwan-role"]').click();
      await inspector.locator('#item-title').waitFor();
      await inspector.getByLabel('Owner').fill('Legal Office');
      await inspector.getByLabel('Due').fill('2099-08-20');
      await until(() => store['items.get']({ id: 'rl-taiwan-role' }).due === '2099-08-20', 'the due date saved in the store');
    });
    await shot(page, 'tasking-01-inspector-due');
    expect(await unlabelled(page)).toEqual([]);

    await step('request a paper in a section', async () => {
      await page.locator('.sidebar').getByRole('button', { name: new RegExp(SAMPLE_TITLE) }).first().click();
      await page.locator('.outline').getByRole('button', { name: /^Background/ }).first().click();
      await page.getByRole('button', { name: 'Request a paper…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Request a paper for Background' });
      await dialog.getByLabel('Title').fill('SOFA jurisdiction: where things stand');
      await dialog.getByLabel('Drafting office').fill('Legal Office');
      await dialog.getByLabel('Due').fill('2020-04-15');
      await shot(page, 'tasking-02-request-dialog');
      expect(await unlabelled(page)).toEqual([]);
      await dialog.getByRole('button', { name: 'Request paper' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByRole('listitem', { name: /SOFA jurisdiction: where things stand/ }).waitFor();
    });

    await step('papers by office', async () => {
      await page.getByRole('button', { name: 'By office' }).click();
      const legal = page.getByRole('region', { name: 'Legal Office' });
      await legal.waitFor();
      expect(await legal.getByRole('heading').textContent()).toBe('Legal Office — 3 papers, 1 missing, 1 overdue');
      expect(await legal.getByRole('listitem').first().textContent()).toMatch(/SOFA jurisdiction.*Missing: not written yet.*overdue by \d+ days/);
    });
    await shot(page, 'tasking-03-by-office');
    expect(await unlabelled(page)).toEqual([]);
    await step('papers by due date', async () => {
      await page.getByRole('button', { name: 'By due date' }).click();
      await page.getByRole('list', { name: 'Papers by due date' }).waitFor();
    });
    await shot(page, 'tasking-04-by-due');

    await step('send for drafting', async () => {
      await page.getByRole('button', { name: 'Send for drafting…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Send for drafting' });
      await dialog.locator('select').selectOption('Legal Office');
      await dialog.getByRole('table', { name: 'Papers for Legal Office' }).waitFor();
      await shot(page, 'tasking-05-send-dialog');
      expect(await unlabelled(page)).toEqual([]);
      await dialog.getByRole('button', { name: 'Save package…' }).click();
      await dialog.waitFor({ state: 'detached' });
    });
    const saved = JSON.parse(readFileSync(join(dir, 'saved', `${SAMPLE_TITLE} - for Legal Office.briefbook.json`), 'utf8')) as ExchangeFile;
    expect(saved.items.map((i) => i.title).sort()).toEqual(['2006 joint statement on strategic flexibility', 'No commitment to a Korean military role in a Taiwan or South China Sea contingency', 'SOFA jurisdiction: where things stand'].sort());
    expect(saved.books[0].id).not.toBe(SAMPLE_BOOK);
  });
});
