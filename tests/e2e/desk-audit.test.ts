/// <reference lib="dom" />
/**
 * Issue 15's findings walked again as its reporter met them, in Chromium against the real store
 * (those not already walked by writing-desk.test.ts, undo-focus.test.ts and word-paper.test.ts):
 * Enter continues a list and Shift+Enter keeps a line break; Word, LibreOffice and web clipboard
 * HTML pasted into the body keeps lists and emphasis; every dialog opens on its first field;
 * focus rings after a click then the keyboard; one Tab from the outline to "New section…";
 * "+ Item" writes inside the book; the picker's "1 match"; Esc on Export with a watermark asks.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWalkthrough, type App, type Walkthrough } from './harness';
import { until } from './page-checks';

const BOOK = 'summit-2025-08-25';
const SAMPLE = join(__dirname, '../../resources/summit-2025-08-25.briefbook.json');
const PASTE = join(__dirname, '../fixtures/paste');

let app: App;
let walk: Walkthrough;

const isFocused = (page: Page, selector: string) => page.locator(selector).evaluate((el) => el === document.activeElement);

/** Opens a fresh empty draft in the library's inspector and answers its id and its body editor. */
async function freshItem(title: string) {
  const { page } = app;
  const item = app.library.service['items.save']({ item: { kind: 'talking_point', title, body: '', classification: 'U', status: 'draft' } });
  await page.getByRole('button', { name: /^All items/ }).click();
  const search = page.getByRole('searchbox').first();
  await search.fill(title);
  await page.locator(`.hit[data-item-id="${item.id}"]`).first().click();
  const inspector = page.locator('aside.inspector');
  await until(async () => (await inspector.locator('#item-title').inputValue().catch(() => '')) === title, `${title} in the inspector`);
  return { id: item.id, body: inspector.getByRole('textbox', { name: 'Body' }) };
}

describe('the writing desk, walked again (issue 15)', () => {
  beforeAll(async () => {
    walk = await openWalkthrough('audit');
    app = walk.app;
    app.library.service['library.import']({ text: readFileSync(SAMPLE, 'utf8') });
    await app.page.goto(`${app.origin}/`);
    await app.page.locator('.sidebar').getByRole('button', { name: /Summit with President Trump/ }).waitFor();
  });

  afterAll(() => walk?.dispose());

  it('Enter continues a bullet list, Enter on an empty entry ends it, Shift+Enter keeps a single line break', async () => {
    const { page } = app;
    const { id, body } = await freshItem('Lists and breaks');
    await body.click();
    await page.keyboard.type('- Modernise the command structure');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Reaffirm extended deterrence');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Hold vice-ministerial talks twice a year');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('Coordinate at the UN');
    const expected = '- Modernise the command structure\n- Reaffirm extended deterrence\n\nHold vice-ministerial talks twice a year\nCoordinate at the UN';
    await until(() => app.library.service['items.get']({ id }).body === expected, `the body stored as typed (now ${JSON.stringify(app.library.service['items.get']({ id }).body)})`);
  });

  it.each(['word', 'libreoffice', 'web'])('clipboard HTML from %s pasted into the body keeps its lists, bold and italic', async (name) => {
    const { page } = app;
    const { id, body } = await freshItem(`Pasted from ${name}`);
    await body.click();
    const html = readFileSync(join(PASTE, `${name}.html`), 'utf8');
    await body.evaluate((el, clipboard) => {
      const data = new DataTransfer();
      data.setData('text/html', clipboard);
      data.setData('text/plain', el.textContent ?? '');
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, html);
    const expected = readFileSync(join(PASTE, `${name}.expected.txt`), 'utf8').trimEnd();
    await until(() => app.library.service['items.get']({ id }).body === expected, `the ${name} paste stored (now ${JSON.stringify(app.library.service['items.get']({ id }).body.slice(0, 80))})`);
    expect(await page.locator('aside.inspector .save-indicator').innerText()).not.toMatch(/Unsaved/);
    // the clipboard's HTML is never parsed into the page: its style attributes would each be a CSP refusal
    expect(app.stats.consoleErrors).toEqual([]);
    expect(await app.cspViolations()).toEqual([]);
  });

  it('every dialog opens with focus on its first field (or first control), never on ×', async () => {
    const { page } = app;
    await page.locator('.sidebar').getByRole('button', { name: /Summit with President Trump/ }).click();
    await page.locator('main.main').getByRole('heading', { name: 'Summit with President Trump' }).waitFor();
    const opened: [string, () => Promise<void>, string][] = [
      ['Export “Summit with President Trump”', () => page.keyboard.press('Control+e'), 'the first export option'],
      ['Settings', () => page.locator('.sidebar-foot').getByRole('button', { name: 'Settings' }).click(), 'the first setting'],
      ['Keyboard shortcuts', () => page.keyboard.press('F1'), 'its first control'],
      ['About Briefbook', () => page.locator('.sidebar-foot').getByRole('button', { name: 'About' }).click(), 'its first control'],
    ];
    for (const [name, open, what] of opened) {
      await page.locator('main.main').click({ position: { x: 5, y: 5 } });
      await open();
      const dialog = page.getByRole('dialog', { name });
      await dialog.waitFor();
      await until(() => dialog.evaluate((el) => el.contains(document.activeElement) && document.activeElement !== el), `focus inside ${name}`);
      const focusedIs = await page.evaluate(() => ({ close: document.activeElement?.getAttribute('aria-label') === 'Close' && document.activeElement.closest('.dialog-header') !== null, tag: document.activeElement?.tagName }));
      expect(focusedIs.close, `${name}: focus on ${what}, not ×`).toBe(false);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
    }
  });

  it('a focus ring shows when the keyboard follows a mouse click', async () => {
    const { page } = app;
    const main = page.locator('main.main');
    await main.locator('.outline-select', { hasText: 'Our asks' }).click();
    const card = main.locator('.card[data-item-id]').first();
    await card.click({ position: { x: 300, y: 40 } });
    await page.keyboard.press('ArrowDown');
    const ring = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const style = getComputedStyle(el);
      return { visible: el.matches(':focus-visible'), outline: style.outlineStyle, width: style.outlineWidth, card: el.classList.contains('card') };
    });
    expect(ring).toEqual({ visible: true, outline: 'solid', width: '2px', card: true });
  });

  it('"New section…" is one Tab from the outline', async () => {
    const { page } = app;
    await page.locator('main.main .outline-select[aria-current="true"]').focus();
    await page.keyboard.press('Tab');
    expect(await isFocused(page, 'main.main .add-section input')).toBe(true);
  });

  it('"+ Item" in a book writes the item into the section shown and stays in the book, its title selected', async () => {
    const { page } = app;
    const main = page.locator('main.main');
    await main.locator('.outline-select', { hasText: 'Press line' }).click();
    await main.getByRole('heading', { name: 'Press line', level: 2 }).waitFor();
    const before = app.library.service['books.get']({ id: BOOK }).sections.find((s) => s.title === 'Press line')!.items.length;
    await page.locator('.sidebar').getByRole('button', { name: '+ Item' }).click();
    const title = page.locator('aside.inspector #item-title');
    await until(() => title.evaluate((el) => el === document.activeElement).catch(() => false), 'the new title focused');
    expect(await title.evaluate((el) => [(el as HTMLInputElement).selectionStart, (el as HTMLInputElement).selectionEnd, (el as HTMLInputElement).value.length])).toEqual([0, 13, 13]);
    await page.keyboard.type('Reaffirm the alliance');
    expect(await title.inputValue()).toBe('Reaffirm the alliance');
    expect(await main.getByRole('heading', { name: 'Summit with President Trump' }).isVisible()).toBe(true);
    await until(() => {
      const items = app.library.service['books.get']({ id: BOOK }).sections.find((s) => s.title === 'Press line')!.items;
      return items.length === before + 1 && items[before].title === 'Reaffirm the alliance' && items[before].kind === 'press_line';
    }, 'the press line saved at the end of its section');
  });

  it('the picker counts "1 match"', async () => {
    const { page } = app;
    app.library.service['items.save']({ item: { kind: 'background', title: 'Quokka protocol', body: '', classification: 'U', status: 'draft' } });
    await page.locator('.sidebar').getByRole('button', { name: /Summit with President Trump/ }).click();
    await page.locator('main.main').getByRole('button', { name: 'Add items…' }).first().click();
    const picker = page.getByRole('dialog', { name: /Add items to/ });
    await picker.getByLabel('Search items to add').fill('Quokka');
    await picker.getByText('1 match', { exact: true }).waitFor();
    await picker.getByRole('button', { name: 'Cancel' }).click();
    await picker.waitFor({ state: 'detached' });
  });

  it('Esc on Export with a watermark typed asks before dropping it', async () => {
    const { page } = app;
    await page.locator('main.main').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+e');
    const dialog = page.getByRole('dialog', { name: /^Export/ });
    await dialog.getByLabel('Watermark').fill('DRAFT');
    await page.keyboard.press('Escape');
    await dialog.getByRole('alert').getByText(/not kept yet/).waitFor();
    await dialog.getByRole('button', { name: 'Keep editing' }).click();
    expect(await dialog.getByLabel('Watermark').inputValue()).toBe('DRAFT');
    await page.keyboard.press('Escape');
    await dialog.getByRole('button', { name: 'Close and lose it' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(app.stats.consoleErrors).toEqual([]);
  });
});
