/// <reference lib="dom" />
/**
 * Issue 15's defects at the writing desk, each as a user met it, in Chromium against the real
 * store (docs/ux.md, "Nothing lost" and "Keyboard"): text typed under an empty title, a book's
 * Location typed under an empty title, a New book dialog typed into after Ctrl+Shift+N, and
 * Esc over unsaved input in New book and in the item picker.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe';
import { openWalkthrough, openWholeBook, SAMPLE_TITLE, startApp, type App, type Walkthrough } from './harness';
import { until } from './page-checks';

const SAMPLE_BOOK = 'summit-2025-08-25';

let app: App;
let walk: Walkthrough;
let dir: string;

describe('the writing desk loses nothing (issue 15)', () => {
  beforeAll(async () => {
    walk = await openWalkthrough('desk');
    app = walk.app;
    dir = walk.dir;
    await app.page.goto(`${app.origin}/`);
    // first run asks before anything is imported
    const welcome = app.page.getByRole('dialog', { name: 'Welcome to Briefbook' });
    await welcome.waitFor();
    expect(app.library.service['books.list']({})).toEqual([]);
    expect(await welcome.getByRole('button', { name: 'Open the sample book' }).evaluate((el) => el === document.activeElement)).toBe(true);
    await welcome.getByRole('button', { name: 'Open the sample book' }).click();
    await app.page.locator('main.main').getByRole('heading', { name: SAMPLE_TITLE }).waitFor();
  });

  afterAll(() => walk?.dispose());

  it('keeps a paragraph typed into an item whose title was cleared, after clicking another row', async () => {
    const { page } = app;
    const inspector = page.locator('aside.inspector');
    await page.getByRole('button', { name: /^All items/ }).click();
    const rows = page.locator('.lib-row[data-item-id]');
    await rows.nth(2).waitFor();
    const id = (await rows.nth(2).getAttribute('data-item-id')) as string;
    const stored = app.library.service['items.get']({ id });
    await rows.nth(2).click();
    const title = inspector.locator('#item-title');
    await until(async () => (await title.inputValue()) === stored.title, 'the item in the inspector');
    await title.fill('');
    const body = inspector.getByRole('textbox', { name: 'Body' });
    await body.click();
    await body.press('Control+End');
    await body.pressSequentially(' Hold vice-ministerial talks twice a year.');
    // the status bar says Saved only once the text is stored, and the editor says the title stays
    await inspector.getByText(`the title stays “${stored.title}” until you type one`, { exact: false }).waitFor();
    expect(app.library.service['items.get']({ id }).body).toContain('Hold vice-ministerial talks twice a year.');
    await body.pressSequentially(' Coordinate at the UN.');
    await rows.nth(4).click();
    await until(() => app.library.service['items.get']({ id }).body.includes('Coordinate at the UN.'), 'the last sentence stored on leaving');
    expect(app.library.service['items.get']({ id }).title).toBe(stored.title);
  });

  it('keeps a Location typed into the book details while the book title is empty', async () => {
    const { page } = app;
    await page.locator('.sidebar').getByRole('button', { name: new RegExp(SAMPLE_TITLE) }).click();
    const details = page.locator('aside.inspector').locator('section', { has: page.getByRole('heading', { name: /Book details/ }) });
    await details.getByLabel('Title', { exact: true }).fill('');
    await details.getByLabel('Location').fill('Cabinet Room, the White House');
    await details.getByLabel('Location').blur();
    await until(() => app.library.service['books.get']({ id: SAMPLE_BOOK }).book.meeting?.location === 'Cabinet Room, the White House', 'the Location stored');
    expect(app.library.service['books.get']({ id: SAMPLE_BOOK }).book.title).toBe(SAMPLE_TITLE);
    await details.getByText(`the title stays “${SAMPLE_TITLE}” until you type one`, { exact: false }).waitFor();
  });

  it('Ctrl+Shift+N then typing a title with spaces stays in the dialog; Esc asks before dropping it', async () => {
    const { page } = app;
    await page.locator('main.main').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+Shift+N');
    const dialog = page.getByRole('dialog', { name: 'New book' });
    await dialog.waitFor();
    await page.keyboard.type('Summit in Tokyo', { delay: 5 });
    expect(await dialog.isVisible()).toBe(true);
    expect(await dialog.getByLabel('Title').inputValue()).toBe('Summit in Tokyo');
    await page.keyboard.press('Escape');
    await dialog.getByRole('alert').getByText(/not kept yet/).waitFor();
    expect(await dialog.getByRole('button', { name: 'Keep editing' }).evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    expect(await dialog.getByLabel('Title').inputValue()).toBe('Summit in Tokyo');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.getByRole('button', { name: 'Close and lose it' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('Esc on the item picker with items chosen asks first', async () => {
    const { page } = app;
    const main = page.locator('main.main');
    await main.getByRole('button', { name: 'Add items…' }).first().click();
    const picker = page.getByRole('dialog', { name: /Add items to/ });
    const search = picker.getByLabel('Search items to add');
    expect(await search.evaluate((el) => el === document.activeElement)).toBe(true);
    await picker.locator('[role="option"][aria-disabled="false"]').first().click();
    await picker.getByText('1 selected').waitFor();
    await page.keyboard.press('Escape');
    await picker.getByRole('alert').getByText(/not kept yet/).waitFor();
    await picker.getByRole('button', { name: 'Keep editing' }).click();
    await picker.getByText('1 selected').waitFor();
    await page.keyboard.press('Escape');
    await picker.getByRole('button', { name: 'Close and lose it' }).click();
    await picker.waitFor({ state: 'detached' });
    expect(app.stats.consoleErrors).toEqual([]);
  });

  it('shows notices in their own strip: they never cover the cards', async () => {
    const { page } = app;
    const main = page.locator('main.main');
    for (let n = 1; n <= 2; n += 1) {
      await main.getByRole('button', { name: 'Add items…' }).first().click();
      const picker = page.getByRole('dialog', { name: /Add items to/ });
      await picker.locator('[role="option"][aria-disabled="false"]').first().click();
      await picker.getByRole('button', { name: 'Add to section' }).click();
      await picker.waitFor({ state: 'detached' });
      await until(async () => (await page.locator('.notice', { hasText: /^Added 1 item to/ }).count()) === n, `notice ${n}`);
    }
    const cards = await main.boundingBox();
    expect(cards).not.toBeNull();
    for (const notice of await page.locator('.notice').all()) {
      const box = await notice.boundingBox();
      expect(box).not.toBeNull();
      // below the book's area, not on it
      expect(box!.y).toBeGreaterThanOrEqual(cards!.y + cards!.height - 1);
    }
    expect(app.stats.consoleErrors).toEqual([]);
  });

  it('focus stays on a card that Alt+Down moved into the next section', async () => {
    const { page } = app;
    const main = page.locator('main.main');
    await page.locator('.sidebar').getByRole('button', { name: new RegExp(SAMPLE_TITLE) }).click();
    await main.locator('.outline-select', { hasText: 'Our asks' }).click();
    const cards = main.locator('.card[data-item-id]');
    await cards.first().waitFor();
    const last = cards.last();
    const id = (await last.getAttribute('data-item-id')) as string;
    await last.focus();
    await page.keyboard.press('Alt+ArrowDown');
    await until(() => app.library.service['books.get']({ id: SAMPLE_BOOK }).sections.find((s) => s.title === 'Red lines')?.items[0]?.id === id, 'the card first in Red lines');
    await until(() => page.evaluate((itemId) => document.activeElement?.getAttribute('data-item-id') === itemId, id), 'focus on the moved card');
  });

  it('F6 and Shift+F6 cycle sidebar, main area and inspector; the outline is one tab stop, arrows inside', async () => {
    const { page } = app;
    const region = () => page.evaluate(() => (document.activeElement?.closest('nav.sidebar, main.main, aside.inspector') as HTMLElement | null)?.className.split(' ')[0] ?? 'none');
    await page.locator('main.main .outline-select[aria-current="true"]').focus();
    await page.keyboard.press('F6');
    expect(await region()).toBe('inspector');
    await page.keyboard.press('F6');
    expect(await region()).toBe('sidebar');
    await page.keyboard.press('F6');
    expect(await region()).toBe('main');
    await page.keyboard.press('Shift+F6');
    expect(await region()).toBe('sidebar');
    // the outline: Tab enters at the current section, the next Tab leaves the outline
    const outline = page.locator('main.main .outline-select');
    const rows = await outline.count();
    await page.locator('main.main .outline-select[aria-current="true"]').focus();
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('outline-select'))).toBe(true);
    let tabs = 0;
    await page.locator('main.main .outline-select[aria-current="true"]').focus();
    while (tabs < 50 && (await page.evaluate(() => document.activeElement?.closest('.outline-row') !== null && document.activeElement?.closest('.outline-row') !== undefined))) {
      await page.keyboard.press('Tab');
      tabs += 1;
    }
    expect(rows).toBeGreaterThan(5);
    expect(tabs).toBe(1);
  });

  it('Ctrl+N in a book writes the item into the current section, with its kind, beside the book, title selected', async () => {
    const { page } = app;
    const main = page.locator('main.main');
    await main.locator('.outline-select', { hasText: 'Red lines' }).click();
    const before = app.library.service['books.get']({ id: SAMPLE_BOOK }).sections.find((s) => s.title === 'Red lines')?.items.length ?? 0;
    await page.keyboard.press('Control+n');
    const title = page.locator('aside.inspector #item-title');
    await until(() => title.evaluate((el) => el === document.activeElement).catch(() => false), 'the new title focused');
    await page.keyboard.type('Reaffirm the alliance', { delay: 5 });
    expect(await title.inputValue()).toBe('Reaffirm the alliance');
    // still in the book
    expect(await main.getByRole('heading', { name: SAMPLE_TITLE }).isVisible()).toBe(true);
    await until(() => {
      const items = app.library.service['books.get']({ id: SAMPLE_BOOK }).sections.find((s) => s.title === 'Red lines')?.items ?? [];
      return items.length === before + 1 && items[before].title === 'Reaffirm the alliance';
    }, 'the item saved at the end of Red lines');
    const added = app.library.service['books.get']({ id: SAMPLE_BOOK }).sections.find((s) => s.title === 'Red lines')!.items[before];
    expect(added.kind).toBe('red_line');
    await main.locator(`.card[data-item-id="${added.id}"]`).waitFor();
    await page.locator('aside.inspector').getByRole('button', { name: '← Book details' }).click();
    await page.locator('aside.inspector').getByRole('heading', { name: /Book details/ }).waitFor();
  });

  it('shows the whole book in one scroll, and the one-section view stays a click away', async () => {
    const { page } = app;
    const main = page.locator('main.main');
    const whole = await openWholeBook(page);
    const sections = app.library.service['books.get']({ id: SAMPLE_BOOK }).sections;
    expect(await whole.locator('.whole-section h2').allTextContents()).toEqual(sections.map((s) => s.title));
    expect(await whole.locator('.card[data-item-id]').count()).toBe(sections.reduce((n, s) => n + s.items.length, 0));
    await whole.locator('.whole-section', { has: page.getByRole('heading', { name: 'Press line', exact: true }) }).getByRole('button', { name: 'Show only this section' }).click();
    await main.getByRole('region', { name: 'Section Press line' }).waitFor();
    expect(await main.getByRole('button', { name: 'Whole book' }).getAttribute('aria-pressed')).toBe('false');
  });

  it('focus lands on the new book after Ctrl+Shift+N, a title and Enter', async () => {
    const { page } = app;
    await page.keyboard.press('Control+Shift+N');
    const dialog = page.getByRole('dialog', { name: 'New book' });
    await dialog.waitFor();
    await page.keyboard.type('Working visit to Tokyo', { delay: 5 });
    // an empty book starts with the sections picked, only those
    await dialog.getByRole('combobox', { name: 'Start from' }).selectOption('');
    await dialog.getByRole('checkbox', { name: 'Talking points' }).check();
    await dialog.getByRole('checkbox', { name: 'Red lines' }).check();
    await dialog.getByLabel('Title').press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await until(() => page.evaluate(() => document.activeElement?.tagName === 'H1' && document.activeElement.textContent === 'Working visit to Tokyo'), 'focus on the new book title');
    const created = app.library.service['books.list']({}).find((b) => b.title === 'Working visit to Tokyo');
    expect(app.library.service['books.get']({ id: created!.id }).sections.map((s) => s.title)).toEqual(['Talking points', 'Red lines']);
    expect(app.stats.consoleErrors).toEqual([]);
  });

  it('first run: "Start an empty library" imports nothing and is not asked again', async () => {
    const other = await startApp({ libraryPath: join(dir, 'empty.briefbook'), buildDir: walk.buildDir, savedDir: join(dir, 'saved-empty') });
    try {
      await other.page.goto(`${other.origin}/`);
      const welcome = other.page.getByRole('dialog', { name: 'Welcome to Briefbook' });
      await welcome.getByRole('button', { name: 'Start an empty library' }).click();
      await welcome.waitFor({ state: 'detached' });
      await other.page.locator('.sidebar').getByRole('button', { name: 'New book' }).first().waitFor();
      expect(other.library.service['library.info']({})).toMatchObject({ itemCount: 0, bookCount: 0, offerSample: false });
      await other.page.reload();
      await other.page.locator('.sidebar').getByRole('button', { name: 'New book' }).first().waitFor();
      expect(await other.page.getByRole('dialog', { name: 'Welcome to Briefbook' }).count()).toBe(0);
      expect(other.stats.consoleErrors).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it('axe-core finds no serious or critical violation on the screens', async () => {
    const { page } = app;
    const seen: Record<string, string[]> = {};
    await page.locator('.sidebar').getByRole('button', { name: new RegExp(SAMPLE_TITLE) }).click();
    await page.locator('main.main').getByRole('heading', { name: SAMPLE_TITLE }).waitFor();
    seen['book'] = await axeViolations(page);
    await openWholeBook(page);
    seen['whole book'] = await axeViolations(page);
    await page.getByRole('button', { name: /^All items/ }).click();
    await page.locator('.lib-row[data-item-id]').first().click();
    await page.locator('aside.inspector #item-title').waitFor();
    seen['library and item'] = await axeViolations(page);
    await page.keyboard.press('Control+Shift+N');
    await page.getByRole('dialog', { name: 'New book' }).waitFor();
    seen['new book dialog'] = await axeViolations(page);
    await page.keyboard.press('Escape');
    expect(seen).toEqual({ book: [], 'whole book': [], 'library and item': [], 'new book dialog': [] });
  });
});
