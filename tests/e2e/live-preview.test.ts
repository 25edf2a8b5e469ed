/// <reference lib="dom" />
/**
 * The live page preview beside the item editor (docs/ux.md, "Live preview"), in Chromium against
 * the real store, with the real preview worker and pdf.js: Ctrl+Shift+P opens it (and the setting
 * is remembered), it shows the item's page of its book, and fast typing is never held up by it:
 * every keystroke lands in the editor while preview jobs run, and the page ends up showing the
 * last words typed.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, openSampleBook, openWalkthrough, SAMPLE_TITLE, type App, type Walkthrough } from './harness';
import { until } from './page-checks';

const SAMPLE_BOOK = 'summit-2025-08-25';

let app: App;
let walk: Walkthrough;

describe('the live page preview', () => {
  beforeAll(async () => {
    walk = await openWalkthrough('preview', { viewport: { width: 1440, height: 900 } });
    app = walk.app;
    await openSampleBook(app);
  });

  afterAll(() => walk?.dispose());

  it('follows fast typing without holding it up, and shows the item on its page of the book', async () => {
    const { page } = app;
    const main = page.locator('main.main');
    await page.getByRole('button', { name: /^All items/ }).click();
    const rows = page.locator('.lib-row[data-item-id]');
    await rows.nth(3).waitFor();
    const id = (await rows.nth(3).getAttribute('data-item-id')) as string;
    const stored = app.library.service['items.get']({ id });
    expect(app.library.service['items.usedIn']({ id }).map((u) => u.bookTitle)).toContain(SAMPLE_TITLE);
    await rows.nth(3).click();
    await page.locator('aside.inspector').getByRole('button', { name: 'Open large' }).click();
    const title = main.locator('#item-title-large');
    await title.waitFor();
    await title.focus();

    // Ctrl+Shift+P opens the pane, and the choice is kept in the library's settings
    await page.keyboard.press('Control+Shift+P');
    const pane = main.getByRole('complementary', { name: 'Page preview' });
    await pane.waitFor();
    await until(() => app.library.service['settings.get']({ key: 'editor.pagePreview' }) === true, 'the preview setting stored');
    expect(await main.getByRole('button', { name: 'Page preview' }).getAttribute('aria-pressed')).toBe('true');
    // the pane's heading names the book (the page's own text, once drawn, prints it too)
    await pane.getByText(SAMPLE_TITLE, { exact: true }).waitFor();
    const text = pane.getByTestId('preview-text');
    const shown = async () => ((await text.count()) === 0 ? '' : ((await text.textContent()) ?? '').replace(/\s+/g, ' '));
    const firstWords = stored.title.split(/\s+/).slice(0, 2).join(' ');
    await until(async () => (await shown()).includes(firstWords), 'the item’s page in the preview', 30_000);
    expect(await pane.getByText(/^Page \d+ of \d+/).textContent()).toMatch(/^Page \d+ of \d+/);

    // type fast: a preview job starts on every keystroke, and each newer one supersedes the last
    const body = main.getByRole('textbox', { name: 'Body' });
    await body.click();
    await body.press('Control+End');
    const typed = ' Hold the line on shipbuilding quotas and say so twice zebrafinch.';
    await body.pressSequentially(typed);
    expect(((await body.textContent()) ?? '').replace(/\s+/g, ' ')).toContain(typed.trim());
    await until(async () => (await shown()).includes('zebrafinch'), 'the last word typed in the preview', 30_000);
    await until(async () => (await pane.locator('figure').getAttribute('aria-busy')) === 'false', 'the book re-flowed', 30_000);
    await page.screenshot({ path: join(ARTIFACTS, 'live-preview.png') });

    // ‹ shows the page before, from the re-flowed book; › the item's page again
    const nav = pane.getByText(/^Page \d+ of \d+/);
    const pageNow = async () => Number(/^Page (\d+)/.exec((await nav.textContent()) ?? '')?.[1]);
    const at = await pageNow();
    await pane.getByRole('button', { name: 'Previous page' }).click();
    await until(async () => (await pageNow()) === at - 1, 'the page before', 30_000);
    expect(await shown()).not.toContain('zebrafinch');
    await pane.getByRole('button', { name: 'Next page' }).click();
    await until(async () => (await pageNow()) === at && (await shown()).includes('zebrafinch'), 'the item’s page by ›', 30_000);

    // ‹ pressed right after an edit, while its re-flow runs and before it is saved: the page
    // turned to stays through the late re-flow, the save and the book refetched after it
    await body.pressSequentially(' Quokka.');
    await pane.getByRole('button', { name: 'Previous page' }).click();
    await until(() => app.library.service['items.get']({ id }).body.includes('Quokka'), 'the edit saved', 30_000);
    await until(async () => (await pane.locator('figure').getAttribute('aria-busy')) === 'false' && (await pageNow()) === at - 1, 'the page before, settled', 30_000);
    expect(await shown()).not.toContain('Quokka');
    // "The item’s page" comes back to it, with the edit
    await pane.getByRole('button', { name: 'The item’s page' }).click();
    await until(async () => (await pageNow()) === at && (await shown()).includes('Quokka'), 'the item’s page again', 30_000);

    // the pane closes with the same keys, and that is remembered too
    await title.focus();
    await page.keyboard.press('Control+Shift+P');
    await pane.waitFor({ state: 'detached' });
    await until(() => app.library.service['settings.get']({ key: 'editor.pagePreview' }) === false, 'the preview setting stored off');
    expect(app.stats.consoleErrors).toEqual([]);
  });

  it('offers the books that print the item, and shows an item in no book on a page of its own', async () => {
    const { page } = app;
    const copy = app.library.service['books.duplicate']({ id: SAMPLE_BOOK, title: 'Summit rehearsal copy' });
    await page.getByRole('button', { name: /^All items/ }).click();
    const rows = page.locator('.lib-row[data-item-id]');
    await rows.nth(5).waitFor();
    await rows.nth(5).click();
    const inspector = page.locator('aside.inspector');
    // open it (a test before may have left it open: the setting is remembered)
    const toggle = inspector.getByRole('button', { name: 'Page preview' });
    if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click();
    const pane = inspector.getByRole('complementary', { name: 'Page preview' });
    const text = pane.getByTestId('preview-text');
    const shown = async () => ((await text.count()) === 0 ? '' : ((await text.textContent()) ?? '').replace(/\s+/g, ' '));
    const choice = pane.getByRole('combobox', { name: 'Book to preview' });
    await choice.waitFor();
    // the choice is drawn first, its books as they arrive
    const offered = async () => choice.locator('option').allTextContents();
    await until(async () => (await offered()).length >= 2, 'the books that print the item offered');
    expect(await offered()).toEqual(expect.arrayContaining([SAMPLE_TITLE, 'Summit rehearsal copy']));
    // the running head prints the book's title: the book chosen, then the other one
    const titles = { [SAMPLE_BOOK]: SAMPLE_TITLE, [copy.book.id]: 'Summit rehearsal copy' };
    const first = await choice.inputValue();
    const other = first === SAMPLE_BOOK ? copy.book.id : SAMPLE_BOOK;
    await until(async () => (await shown()).includes(titles[first]), 'the page of the book chosen first', 30_000);
    await choice.selectOption(other);
    await until(async () => (await shown()).includes(titles[other]) && !(await shown()).includes(titles[first]), 'the page of the other book', 30_000);
    await page.screenshot({ path: join(ARTIFACTS, 'live-preview-inspector.png') });

    // a new item is in no book yet: it shows alone, and follows its title as it is typed
    await page.keyboard.press('Control+N');
    const title = page.locator('#item-title');
    await until(async () => (await title.inputValue()) === 'Untitled item', 'the new item open');
    await title.fill('A lone objective for the preview');
    const lone = page.getByRole('complementary', { name: 'Page preview' });
    await lone.getByText('Not in a book yet: the item alone').waitFor();
    await until(async () => ((await lone.getByTestId('preview-text').textContent().catch(() => '')) ?? '').includes('A lone objective for the preview'), 'the lone item’s page', 30_000);
    await inspector.getByRole('button', { name: 'Page preview' }).click();
    expect(app.stats.consoleErrors).toEqual([]);
  });
});
