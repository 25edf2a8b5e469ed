/// <reference lib="dom" />
/**
 * A Word paper into a book, as a desk officer does it (issue 15, ".docx in"; docs/ux.md, "Word
 * papers"), in Chromium against the real store: a .docx dropped on a section lists its items
 * before anything is written, Import writes them and focus lands on the first; undo and redo
 * take them out and back; a bad file is one line in words and nothing is imported; "Import Word
 * file…" reaches the same from the keyboard through the main process's open dialog.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe';
import { ARTIFACTS, openWalkthrough, openWholeBook, type App, type Walkthrough } from './harness';
import { until } from './page-checks';

const BOOK = 'summit-2025-08-25';
const FIXTURES = join(__dirname, '../fixtures/docx');
const SAMPLE = join(__dirname, '../../resources/summit-2025-08-25.briefbook.json');

let app: App;
let walk: Walkthrough;
const openAnswers: (string | null)[] = [];

/** Drops a file from the fixtures on `target` as the desktop does: dragenter, dragover, drop with the file in a DataTransfer. */
async function dropFile(page: Page, target: Locator, name: string): Promise<void> {
  const b64 = readFileSync(join(FIXTURES, name)).toString('base64');
  const dataTransfer = await page.evaluateHandle(
    ({ b64: data, fileName }) => {
      const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], fileName, { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }));
      return transfer;
    },
    { b64, fileName: name },
  );
  await target.dispatchEvent('dragenter', { dataTransfer });
  await target.dispatchEvent('dragover', { dataTransfer });
  await target.dispatchEvent('drop', { dataTransfer });
}

const section = (title: string) => app.library.service['books.get']({ id: BOOK }).sections.find((s) => s.title === title)?.items ?? [];
const focusedItem = () => app.page.evaluate(() => document.activeElement?.closest('[data-item-id]')?.getAttribute('data-item-id') ?? document.activeElement?.tagName ?? null);

describe('a Word paper into a section (issue 15)', () => {
  beforeAll(async () => {
    walk = await openWalkthrough('paper', { openAnswers });
    app = walk.app;
    app.library.service['library.import']({ text: readFileSync(SAMPLE, 'utf8') });
    await app.page.goto(`${app.origin}/`);
    await app.page.locator('.sidebar').getByRole('button', { name: /Summit with President Trump/ }).click();
    await app.page.locator('main.main .outline-select', { hasText: 'Red lines' }).click();
    await app.page.locator('main.main').getByRole('heading', { name: 'Red lines', level: 2 }).waitFor();
  });

  afterAll(() => walk?.dispose());

  it('lists the items of a .docx dropped on the section before writing anything, then imports them and focuses the first', async () => {
    const { page } = app;
    const before = section('Red lines').map((i) => i.id);
    const itemCount = app.library.service['library.info']({}).itemCount;
    await dropFile(page, page.locator('main.main .section-pane'), 'paper.docx');
    const preview = page.getByRole('dialog', { name: 'Import a Word file into Red lines' });
    const list = preview.getByRole('list', { name: 'Items from paper.docx' });
    await list.waitFor();
    expect(await list.getByRole('listitem').allTextContents()).toEqual([
      expect.stringMatching(/^paper.*Prepared for the summit, draft/),
      expect.stringMatching(/^Alliance modernisation.*We will not link the alliance to trade\./),
      expect.stringMatching(/^한미 동맹 비용 분담.*방위비 분담금은 합의된 틀 안에서 논의한다\./),
    ]);
    // the kind the section's items have, the book's level; the first field has the focus
    expect(await preview.getByLabel('Kind').inputValue()).toBe('red_line');
    expect(await preview.getByLabel('Classification').inputValue()).toBe(app.library.service['books.get']({ id: BOOK }).overallLevel);
    expect(await preview.getByLabel('Kind').evaluate((el) => el === document.activeElement)).toBe(true);
    // nothing written while the preview shows
    expect(app.library.service['library.info']({}).itemCount).toBe(itemCount);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'word-paper-preview.png') });

    await preview.getByRole('button', { name: 'Import 3 items' }).click();
    await preview.waitFor({ state: 'detached' });
    await until(() => section('Red lines').length === before.length + 3, 'three items at the end of Red lines');
    const added = section('Red lines').slice(before.length);
    expect(added.map((i) => [i.title, i.kind, i.status])).toEqual([
      ['paper', 'red_line', 'draft'],
      ['Alliance modernisation', 'red_line', 'draft'],
      ['한미 동맹 비용 분담', 'red_line', 'draft'],
    ]);
    expect(app.library.service['items.get']({ id: added[1].id }).body).toContain('- Modernise the command structure\n  - wartime **OPCON** transition');
    await until(async () => (await focusedItem()) === added[0].id, 'focus on the first imported card');
    await page.locator('.notice', { hasText: 'Imported 3 items from paper.docx into Red lines' }).waitFor();

    // undo takes the paper out again, redo brings it back; focus never falls to <body>
    await page.keyboard.press('Control+z');
    await until(() => section('Red lines').length === before.length, 'the paper undone');
    await until(async () => (await page.evaluate(() => document.activeElement?.closest('.outline-row')?.getAttribute('data-section-id') ?? null)) === 's-red-lines', 'focus on the section');
    await page.keyboard.press('Control+Shift+Z');
    await until(() => section('Red lines').length === before.length + 3, 'the paper redone');
    await until(async () => (await focusedItem()) === added[0].id, 'focus on the first card again');
    expect(app.stats.consoleErrors).toEqual([]);
  });

  it('a bad .docx, or one over 50 MB, dropped on an outline row is one line in words, and nothing is imported', async () => {
    const { page } = app;
    const itemCount = app.library.service['library.info']({}).itemCount;
    const asks = section('Our asks').length;
    await dropFile(page, page.locator('main.main .outline-row', { hasText: 'Our asks' }), 'not-a-zip.docx');
    const preview = page.getByRole('dialog', { name: 'Import a Word file into Our asks' });
    await expect.poll(() => preview.getByRole('alert').textContent()).toBe('not-a-zip.docx is not a Word document (.docx): it is not a zip archive. Nothing was imported.');
    expect(await preview.getByRole('button', { name: /^Import/ }).count()).toBe(0);
    await preview.getByRole('button', { name: 'Close', exact: true }).last().click();
    await preview.waitFor({ state: 'detached' });
    expect(app.library.service['library.info']({}).itemCount).toBe(itemCount);
    expect(section('Our asks')).toHaveLength(asks);

    // over 50 MB: refused in the window, before the bytes are sent to be told
    const previews = app.stats.calls.get('files.previewDocx') ?? 0;
    const big = await page.evaluateHandle(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(50 * 1024 * 1024 + 1)], 'big.docx'));
      return transfer;
    });
    const row = page.locator('main.main .outline-row', { hasText: 'Our asks' });
    for (const type of ['dragenter', 'dragover', 'drop']) await row.dispatchEvent(type, { dataTransfer: big });
    await expect.poll(() => preview.getByRole('alert').textContent()).toBe('big.docx is 50.1 MB; a Word paper may be at most 50 MB. Nothing was imported.');
    expect(app.stats.calls.get('files.previewDocx') ?? 0).toBe(previews);
    await page.keyboard.press('Escape');
    await preview.waitFor({ state: 'detached' });
  });

  it('"Import Word file…" reaches the same from the keyboard, through the open dialog', async () => {
    const { page } = app;
    const main = page.locator('main.main');
    await main.locator('.outline-select', { hasText: 'Our asks' }).click();
    await main.getByRole('heading', { name: 'Our asks', level: 2 }).waitFor();
    // a paper without headings is refused in words; the open dialog is asked once
    openAnswers.push(join(FIXTURES, 'no-headings.docx'));
    const previews = app.stats.calls.get('files.previewDocx') ?? 0;
    await main.getByRole('button', { name: 'Import Word file…' }).focus();
    await page.keyboard.press('Enter');
    const preview = page.getByRole('dialog', { name: 'Import a Word file into Our asks' });
    await expect.poll(() => preview.getByRole('alert').textContent()).toMatch(/^no-headings\.docx has no headings: .* Nothing was imported\.$/);
    expect(app.stats.calls.get('files.previewDocx')).toBe(previews + 1);
    await page.keyboard.press('Escape');
    await preview.waitFor({ state: 'detached' });
    // Cancel in the open dialog: no preview stays behind
    openAnswers.push(null);
    await main.getByRole('button', { name: 'Import Word file…' }).focus();
    await page.keyboard.press('Enter');
    await preview.waitFor({ state: 'detached' });
    // a good paper: the preview, Enter on Import, the items in the section
    openAnswers.push(join(FIXTURES, 'paper.docx'));
    const asks = section('Our asks').length;
    await main.getByRole('button', { name: 'Import Word file…' }).focus();
    await page.keyboard.press('Enter');
    await preview.getByRole('list', { name: 'Items from paper.docx' }).waitFor();
    expect(await preview.getByLabel('Kind').inputValue()).toBe('ask');
    expect(await axeViolations(page)).toEqual([]);
    // a kind chosen in the preview is input: Esc asks before dropping it
    await preview.getByLabel('Kind').selectOption('background');
    await page.keyboard.press('Escape');
    await preview.getByRole('alert').getByText(/not kept yet/).waitFor();
    await preview.getByRole('button', { name: 'Keep editing' }).click();
    await preview.getByLabel('Kind').selectOption('ask');
    // the text before the first heading is named as such, and can be left out
    await preview.getByText('— the text before the first heading').waitFor();
    await preview.getByRole('checkbox', { name: 'Import “paper”' }).uncheck();
    await preview.getByRole('button', { name: 'Import 2 items' }).focus();
    await page.keyboard.press('Enter');
    await until(() => section('Our asks').length === asks + 2, 'two asks imported');
    expect(section('Our asks').slice(asks).map((i) => [i.title, i.kind])).toEqual([
      ['Alliance modernisation', 'ask'],
      ['한미 동맹 비용 분담', 'ask'],
    ]);
    expect(app.stats.consoleErrors).toEqual([]);
  });

  it('a .docx dropped on a section of the whole-book view goes into that section, outlined while the file is over it', async () => {
    const { page } = app;
    const whole = await openWholeBook(page);
    const press = whole.locator('.whole-section', { has: page.getByRole('heading', { name: 'Press line', exact: true }) });
    const before = section('Press line').length;
    // the same indication as the one-section view while a file is over it
    const over = await page.evaluateHandle(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(4)], 'paper.docx'));
      return transfer;
    });
    await press.dispatchEvent('dragover', { dataTransfer: over });
    await until(async () => (await press.getAttribute('class'))?.split(' ').includes('file-over') === true, 'the section outlined');
    await press.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'word-paper-whole-book-over.png') });
    await dropFile(page, press, 'paper.docx');
    const preview = page.getByRole('dialog', { name: 'Import a Word file into Press line' });
    await preview.getByRole('list', { name: 'Items from paper.docx' }).waitFor();
    expect((await press.getAttribute('class'))?.split(' ')).not.toContain('file-over');
    await preview.getByRole('button', { name: 'Import 3 items' }).click();
    await preview.waitFor({ state: 'detached' });
    await until(() => section('Press line').length === before + 3, 'three items at the end of Press line');
    const added = section('Press line').slice(before);
    expect(added.map((i) => i.title)).toEqual(['paper', 'Alliance modernisation', '한미 동맹 비용 분담']);
    await until(async () => (await focusedItem()) === added[0].id, 'focus on the first imported card');
    expect(await whole.count()).toBe(1);
    expect(app.stats.consoleErrors).toEqual([]);
  });
});
