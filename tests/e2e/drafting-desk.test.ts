/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * One scripted day at the drafting desk, in Debian chromium against the real store (docs/ux.md,
 * docs/security.md NET-5, SEC-5): first run shows the sample; an item is written, edited, undone
 * and redone; searched in English and Korean; added to a book; sections and items are moved
 * by drag and drop and by keyboard; a PDF is exported and its text read back; an old version
 * is restored. Throughout: no request leaves the app's origin, no console error, no CSP
 * violation. Screenshots of every screen land in tests/e2e/.artifacts/. Over ~400 lines because
 * it is one walk-through whose steps build on each other (NET-5 counts requests across the whole
 * day); the page checks it shares with the other e2e tests are in page-checks.ts.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { plainText } from '../../src/shared/briefbook-text';
import { ARTIFACTS, openWalkthrough, SAMPLE_TITLE, type App, type Walkthrough } from './harness';
import { shot, unlabelled, until } from './page-checks';

const SAMPLE_BOOK = 'summit-2025-08-25';
const NEW_TITLE = 'Semiconductor tariff relief for Korean chipmakers';

let app: App;
let walk: Walkthrough;
let actions = 0;

async function act<T>(what: string, run: () => Promise<T>): Promise<T> {
  actions += 1;
  try {
    return await run();
  } catch (error) {
    await app?.page.screenshot({ path: join(ARTIFACTS, `failed-${actions}.png`) }).catch(() => undefined);
    throw new Error(`action ${actions} (${what}) failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Drags with real pointer events, in steps, as a person would (dnd-kit needs movement), and
 * drops only once dnd-kit has taken the pointer to be over `overId` (its droppable id,
 * `section:…` or `item:…`), which its screen-reader live region announces.
 */
async function drag(page: Page, from: Locator, to: Locator, overId: string, offset: { x?: number; y?: number } = {}): Promise<void> {
  const a = await from.boundingBox();
  const b = await to.boundingBox();
  if (a === null || b === null) throw new Error('drag: element not visible');
  const start = { x: a.x + a.width / 2, y: a.y + a.height / 2 };
  const end = { x: b.x + b.width / 2 + (offset.x ?? 0), y: b.y + b.height / 2 + (offset.y ?? 0) };
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(start.x + 2, start.y + 6, { steps: 3 });
  await page.mouse.move(end.x, end.y, { steps: 12 });
  await page.locator('[id^="DndLiveRegion"]', { hasText: `over droppable area ${overId}.` }).waitFor({ state: 'attached' });
  await page.mouse.move(end.x, end.y + 1, { steps: 2 });
  await page.mouse.up();
}

function store() {
  return app.library.service;
}

function sectionTitles(): string[] {
  return store()['books.get']({ id: SAMPLE_BOOK }).sections.map((s) => s.title);
}

function sectionId(title: string): string {
  const section = store()['books.get']({ id: SAMPLE_BOOK }).sections.find((s) => s.title === title);
  if (section === undefined) throw new Error(`no section "${title}" in the sample book`);
  return section.id;
}

function sectionItems(title: string): string[] {
  return store()['books.get']({ id: SAMPLE_BOOK }).sections.find((s) => s.title === title)?.items.map((i) => i.id) ?? [];
}

async function pdfText(path: string): Promise<string> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(readFileSync(path)), isEvalSupported: false, useSystemFonts: false }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n += 1) {
    const content = await (await doc.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  await doc.destroy();
  return pages.join('\n');
}

describe('the drafting desk in Chromium', () => {
  beforeAll(async () => {
    walk = await openWalkthrough('drafting');
    app = walk.app;
  });

  afterAll(() => walk?.dispose());

  it('runs a day of work: 50+ actions, nothing leaves the origin, no console error', async () => {
    const { page } = app;
    const inspector = page.locator('aside.inspector');
    const main = page.locator('main.main');

    // --- first run: asked what to start with, the sample book is chosen
    await act('open the app', () => page.goto(`${app.origin}/`));
    await act('first run asks; open the sample', () => page.getByRole('dialog', { name: 'Welcome to Briefbook' }).getByRole('button', { name: 'Open the sample book' }).click());
    await act('the sample book is shown', () => main.getByRole('heading', { name: SAMPLE_TITLE }).waitFor());
    await act('the marking badge is shown', () => main.locator('.marking-badge').first().waitFor());
    expect(await main.locator('.outline-row').count()).toBe(11);
    await shot(page, '01-first-run-book');
    expect(await unlabelled(page)).toEqual([]);

    // --- the library
    await act('open the library', () => page.getByRole('button', { name: /^All items/ }).click());
    await act('rows are listed', () => page.locator('.lib-row[data-item-id]').first().waitFor());
    await act('select a row', () => page.locator('.lib-row[data-item-id]').nth(3).click());
    await act('the inspector shows it', () => inspector.locator('#item-title').waitFor());
    await act('filter by kind: red lines', () => page.locator('.filter-bar').getByRole('button', { name: /Red line/ }).click());
    await until(async () => (await page.locator('.lib-row[data-item-id]').count()) === 5, 'five red lines');
    await shot(page, '02-library-filtered');
    await act('clear the filters', () => page.getByRole('button', { name: 'Clear filters' }).click());
    await until(async () => (await page.locator('.lib-row[data-item-id]').count()) > 20, 'all rows back');

    // --- a new item
    await act('Ctrl+N makes a new item', () => page.keyboard.press('Control+n'));
    const title = inspector.locator('#item-title');
    await act('its title has focus', () => until(() => title.evaluate((el) => el === document.activeElement), 'title focus'));
    await act('type the title', () => title.fill(NEW_TITLE));
    await act('choose the kind', () => inspector.getByRole('combobox', { name: 'Kind', exact: true }).selectOption('ask'));
    await act('choose the classification', () => inspector.getByRole('combobox', { name: 'Classification' }).selectOption('C'));
    await act('add a caveat', async () => {
      await inspector.getByLabel('Add caveat').fill('NOFORN');
      await inspector.getByLabel('Add caveat').press('Enter');
    });
    await act('set the topic', () => inspector.getByLabel('Topic').fill('Trade'));
    await act('add two tags', async () => {
      const tag = inspector.getByLabel('Add tag');
      await tag.fill('semiconductors');
      await tag.press('Enter');
      await tag.fill('tariffs');
      await tag.press('Enter');
    });
    const body = inspector.getByRole('textbox', { name: 'Body' });
    await act('write the body', async () => {
      await body.click();
      await body.pressSequentially('Ask the President to exempt Korean chips from Section 232 tariffs.');
    });
    await act('select a word and make it bold with the toolbar', async () => {
      await body.evaluate((el: HTMLElement) => {
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
          const at = node.textContent?.indexOf('exempt') ?? -1;
          if (at < 0) continue;
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + 'exempt'.length);
          document.getSelection()?.removeAllRanges();
          document.getSelection()?.addRange(range);
          return;
        }
      });
      await until(() => body.evaluate(() => document.getSelection()?.toString() === 'exempt'), 'the word selected');
      await inspector.getByRole('button', { name: 'Bold (Ctrl+B)' }).click();
    });
    await act('the word shows bold', () => body.locator('strong', { hasText: 'exempt' }).waitFor());
    await act('add a line and make it a bullet with Ctrl+Shift+8', async () => {
      await body.press('Control+End');
      await body.press('Enter');
      await body.pressSequentially('Raise it at the working lunch');
      await body.press('Control+Shift+Digit8');
    });
    await act('the new line is a bullet', () => body.locator('ul > li', { hasText: 'Raise it at the working lunch' }).waitFor());
    await act('the preview shows the bold word', () => inspector.locator('.preview strong', { hasText: 'exempt' }).waitFor());
    await act('autosave confirms', () => inspector.locator('.save-indicator.saved').waitFor({ timeout: 10_000 }));
    expect(await page.locator('.statusbar').innerText()).toMatch(/Saved \d{1,2}:\d\d:\d\d/);
    const newId = store()['items.list']({ sort: { by: 'updatedAt', dir: 'desc' }, limit: 10 }).rows.find((r) => r.title === NEW_TITLE)?.id ?? '';
    expect(newId).not.toBe('');
    // what was seen is what is stored: Briefbook text with the bold word and the bullet
    const written = 'Ask the President to **exempt** Korean chips from Section 232 tariffs.\n\n- Raise it at the working lunch';
    await until(() => store()['items.get']({ id: newId }).body === written, 'the body in the store');
    const saved = store()['items.get']({ id: newId });
    expect(saved).toMatchObject({ title: NEW_TITLE, kind: 'ask', classification: 'C', caveats: ['NOFORN'], topic: 'Trade', tags: ['semiconductors', 'tariffs'] });

    // --- undo and redo in the editor
    await act('type into the title', async () => {
      await title.click();
      await title.press('End');
      await title.pressSequentially(' (draft)');
    });
    await act('Ctrl+Z undoes the typing', () => title.press('Control+z'));
    expect(await title.inputValue()).toBe(NEW_TITLE);
    await act('Ctrl+Shift+Z redoes it', () => title.press('Control+Shift+z'));
    expect(await title.inputValue()).toBe(`${NEW_TITLE} (draft)`);
    await act('Ctrl+Z once more', () => title.press('Control+z'));
    expect(await title.inputValue()).toBe(NEW_TITLE);
    await act('the Korean tab', () => inspector.getByRole('tab', { name: 'Korean' }).click());
    await act('type a Korean title', () => inspector.getByLabel(/Korean title/).fill('한국산 반도체 관세 면제 요청'));
    await act('type a Korean text', () => inspector.getByLabel(/Korean text/).fill('대통령께 한국산 반도체에 대한 232조 관세 면제를 요청한다.'));
    await act('autosave confirms again', async () => {
      await inspector.locator('.save-indicator.saved').waitFor();
      await until(() => store()['items.get']({ id: newId }).translations?.ko?.title === '한국산 반도체 관세 면제 요청', 'the Korean title in the store');
    });
    expect(store()['items.get']({ id: newId }).title).toBe(NEW_TITLE);
    await shot(page, '03-item-editor-korean');
    await act('back to the text tab', () => inspector.getByRole('tab', { name: 'Text' }).click());
    await shot(page, '04-item-editor');
    expect(await unlabelled(page)).toEqual([]);

    // --- the review workflow records who moved the status
    await act('move the item to review', () => inspector.getByRole('button', { name: 'In review' }).click());
    await act('the editor asks for your name once', () => inspector.getByLabel(/Your name/).fill('J. Park, Americas desk'));
    await act('confirm', () => inspector.getByRole('button', { name: 'Mark In review' }).click());
    await until(() => store()['items.get']({ id: newId }).status === 'in_review', 'the status in the store');
    expect(store()['items.get']({ id: newId }).statusChangedBy).toBe('J. Park, Americas desk');
    await act('the stamp is shown', () => inspector.getByText(/In review by J\. Park, Americas desk/).waitFor());
    await act('back to draft, no question this time', () => inspector.getByRole('button', { name: 'Draft' }).click());
    await until(() => store()['items.get']({ id: newId }).status === 'draft', 'back to draft');

    // --- search as you type, in English and Korean
    const search = page.getByLabel('Search the library');
    await act('Ctrl+K focuses the search', async () => {
      await page.locator('#library-table').focus();
      await page.keyboard.press('Control+k');
      await until(() => search.evaluate((el) => el === document.activeElement), 'search focus');
    });
    await act('type an English word', () => search.pressSequentially('semiconductor', { delay: 20 }));
    await act('the new item is a hit, highlighted', async () => {
      await page.locator('[data-results-for="semiconductor"]').waitFor();
      await page.locator(`.hit[data-item-id="${newId}"] mark`).first().waitFor();
    });
    await shot(page, '05-search-english');
    await act('search in Korean', () => search.fill('반도체'));
    await act('the Korean translation matches', () => page.locator(`[data-results-for="반도체"] .hit[data-item-id="${newId}"]`).waitFor());
    await act('search the sample in Korean', () => search.fill('동맹'));
    await act('the sample matches', () => page.locator('[data-results-for="동맹"] .hit mark').first().waitFor());
    await shot(page, '06-search-korean');
    await act('arrow down selects a hit', () => search.press('ArrowDown'));
    await act('Enter opens it large', () => search.press('Enter'));
    await act('the large editor is shown', () => main.locator('.item-editor.large').waitFor());
    await shot(page, '07-item-large');
    await act('back to the library', () => main.getByRole('button', { name: /Back to the library/ }).click());
    await act('Escape clears the search', () => search.press('Escape'));

    // --- add it to the book through the picker
    await act('open the book', () => page.locator('.sidebar').getByRole('button', { name: new RegExp(SAMPLE_TITLE) }).click());
    await act('choose the section "Our asks"', () => main.locator('.outline-select', { hasText: 'Our asks' }).click());
    await act('open the picker', () => main.getByRole('button', { name: 'Add items…' }).first().click());
    const picker = page.getByRole('dialog', { name: /Add items to Our asks/ });
    await act('search in the picker', () => picker.getByLabel('Search items to add').pressSequentially('Semiconductor tariff', { delay: 10 }));
    await act('the item is offered', () => picker.locator(`[data-item-id="${newId}"]`).waitFor());
    await act('arrow into the list', () => picker.getByLabel('Search items to add').press('ArrowDown'));
    await act('space selects it', () => page.keyboard.press('Space'));
    await shot(page, '08-picker');
    await act('Enter adds it', () => page.keyboard.press('Enter'));
    await act('the card appears', () => main.locator(`.card[data-item-id="${newId}"]`).waitFor());
    await until(() => sectionItems('Our asks').includes(newId), 'the item in Our asks');

    // --- drag and drop: sections, items within and across sections
    const before = sectionTitles();
    await act('drag "Red lines" above "Talking points"', () =>
      drag(page, main.locator('.outline-row', { hasText: 'Red lines' }).locator('.handle'), main.locator('.outline-row', { hasText: 'Talking points' }), `section:${sectionId('Talking points')}`, { y: -6 }),
    );
    await until(() => sectionTitles().indexOf('Red lines') < sectionTitles().indexOf('Talking points'), 'Red lines above Talking points');
    expect(sectionTitles()).not.toEqual(before);
    const asks = sectionItems('Our asks');
    await act('drag the new card to the top of its section', () =>
      drag(page, main.locator(`.card[data-item-id="${newId}"] .handle`), main.locator(`.card[data-item-id="${asks[0]}"]`), `item:${asks[0]}`, { y: -10 }),
    );
    await until(() => sectionItems('Our asks')[0] === newId, 'the new item first in Our asks');
    const moving = sectionItems('Our asks')[1];
    await act('drag a card onto another section in the outline', () =>
      drag(page, main.locator(`.card[data-item-id="${moving}"] .handle`), main.locator('.outline-row', { hasText: 'If raised' }), `section:${sectionId('If raised')}`),
    );
    await until(() => sectionItems('If raised').includes(moving), 'the card moved to If raised');
    await page.mouse.move(700, 600);
    // no card is left displaced once the drag animation has run its course
    await until(
      async () => (await main.locator('.card').evaluateAll((cards) => cards.map((c) => getComputedStyle(c).transform))).every((t) => t === 'none' || t === 'matrix(1, 0, 0, 1, 0, 0)'),
      'every card back in its place after the drag',
    );
    await shot(page, '09-book-after-drag');
    await act('Alt+Down moves a card by keyboard', async () => {
      await main.locator(`.card[data-item-id="${newId}"]`).focus();
      await page.keyboard.press('Alt+ArrowDown');
    });
    await until(() => sectionItems('Our asks')[1] === newId, 'the new item second');
    await act('Alt+Up moves a section by keyboard', async () => {
      await main.locator('.outline-select', { hasText: 'Background' }).focus();
      await page.keyboard.press('Alt+ArrowUp');
    });
    const order = sectionTitles();
    await until(() => sectionTitles().indexOf('Background') === order.indexOf('Background'), 'Background moved');
    const afterKeyboard = sectionTitles();
    await act('Ctrl+Z undoes the section move', async () => {
      await main.locator('.section-head h2').click();
      await page.keyboard.press('Control+z');
    });
    await until(() => JSON.stringify(sectionTitles()) !== JSON.stringify(afterKeyboard), 'the move undone');
    await act('rename a section with F2', async () => {
      await main.locator('.outline-select', { hasText: 'Press line' }).focus();
      await page.keyboard.press('F2');
      await main.getByLabel('New title for section Press line').fill('Press lines');
      await main.getByLabel('New title for section Press line').press('Enter');
    });
    await until(() => sectionTitles().includes('Press lines'), 'the rename');
    await act('add a section', async () => {
      await main.getByLabel('New section title').fill('Follow-up');
      await main.getByLabel('New section title').press('Enter');
    });
    await until(() => sectionTitles().includes('Follow-up'), 'the new section');
    await act('delete it again', () => main.getByRole('button', { name: 'Delete section Follow-up' }).click());
    await until(() => !sectionTitles().includes('Follow-up'), 'the deleted section');
    await act('edit the meeting place in the book details', async () => {
      const place = inspector.getByLabel('Location');
      await place.fill('The White House, Washington, DC (Oval Office)');
      await place.blur();
    });
    await until(() => store()['books.get']({ id: SAMPLE_BOOK }).book.meeting?.location === 'The White House, Washington, DC (Oval Office)', 'the location in the store');
    await act('the meeting header shows it', () => main.locator('.meeting dd', { hasText: '(Oval Office)' }).waitFor());
    await act('the clearance summary lists the uncleared item', () => inspector.locator('.not-cleared button', { hasText: NEW_TITLE }).waitFor());
    await shot(page, '10-book');

    // --- export: worker, progress, preview, save, log
    await act('Ctrl+E opens the export dialog', () => page.keyboard.press('Control+e'));
    const dialog = page.getByRole('dialog', { name: /Export/ });
    await act('set a watermark', () => dialog.getByLabel('Watermark').fill('DRAFT'));
    await act('ask for the pocket card too', () => dialog.getByLabel(/pocket card/).check());
    await act('make the PDFs', () => dialog.getByRole('button', { name: 'Make PDF' }).click());
    await act('the preview is drawn', () => dialog.locator('.page-view canvas[aria-busy="false"]').waitFor({ timeout: 60_000 }));
    await shot(page, '11-export-preview');
    await act('look at the pocket card', () => dialog.getByRole('tab', { name: /pocket-card/ }).click());
    await act('its preview is drawn', () => dialog.locator('.pdf-preview[aria-label*="pocket-card"] .page-view canvas[aria-busy="false"]').waitFor());
    await shot(page, '11b-export-pocket-card');
    await act('save both', () => dialog.getByRole('button', { name: 'Save 2 PDFs…' }).click());
    await act('the saved files are reported with their SHA-256', () => dialog.locator('.saved-files code').nth(1).waitFor());
    const files = readdirSync(app.savedDir).filter((f) => f.endsWith('.pdf')).sort();
    expect(files).toEqual([`${SAMPLE_BOOK}.pdf`, `${SAMPLE_BOOK}.pocket-card.pdf`]);
    const card = await pdfText(join(app.savedDir, files[1]));
    expect(card).toMatch(/CONFIDENTIAL/);
    const text = await pdfText(join(app.savedDir, files[0]));
    expect(text).toContain(NEW_TITLE);
    expect(text).toContain('CONFIDENTIAL');
    expect(text.replace(/\s+/g, ' ')).toMatch(/strategic flexibility/i);
    const log = store()['exports.list']({ bookId: SAMPLE_BOOK });
    expect(log).toHaveLength(2);
    expect(log[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    await act('the export log shows it', () => dialog.getByRole('button', { name: 'Change options' }).click());
    await act('the log lists the SHA-256', () => dialog.locator('.export-log code', { hasText: log[0].sha256 }).waitFor());
    await shot(page, '12-export-saved');
    expect(await unlabelled(page)).toEqual([]);
    await act('a final export with uncleared items', async () => {
      await dialog.getByLabel(/Final/).check();
      await dialog.getByRole('button', { name: 'Make PDF' }).click();
    });
    await act('problems link to the items', () => dialog.locator('.problems.blocking button', { hasText: 'Open the item' }).first().waitFor({ timeout: 60_000 }));
    await shot(page, '13-export-problems');
    await act('follow a problem link', () => dialog.locator('.problems.blocking li', { hasText: NEW_TITLE }).getByRole('button', { name: 'Open the item' }).click());
    await act('the item at fault opens', () => main.locator('#item-title-large').waitFor());
    expect(await main.locator('#item-title-large').inputValue()).toBe(NEW_TITLE);

    // --- history: side-by-side diff, restore
    await act('open the history tab', () => main.getByRole('tab', { name: 'History' }).click());
    const versions = store()['items.history']({ id: newId });
    const oldest = versions.filter((v) => v.item.title === NEW_TITLE).at(-1);
    expect(oldest).toBeDefined();
    await act('pick an old version', () => main.locator('.version[role="option"]', { hasText: `Version ${oldest!.version}` }).click());
    await act('the diff is shown', () => main.locator('.diff-table .diff-left').first().waitFor());
    await shot(page, '14-history-diff');
    const versionBefore = store()['items.get']({ id: newId }).version;
    await act('restore it', () => main.getByRole('button', { name: `Restore version ${oldest!.version}` }).click());
    await until(() => store()['items.get']({ id: newId }).version > versionBefore, 'the restore');
    const restored = store()['items.get']({ id: newId });
    expect(restored.body).toBe(oldest!.item.body);
    expect(restored.translations?.ko).toBeUndefined();
    await act('back to the text tab', () => main.getByRole('tab', { name: 'Text' }).click());
    // the words of each paragraph and list entry, line breaks included, as the editor shows them
    const shown = () => main.getByRole('textbox', { name: 'Body' }).evaluate((el) => [...el.querySelectorAll('p')].map((p) => p.innerText.replace(/\n$/, '')).filter((t) => t !== '').join('\n'));
    await act('the editor shows the restored text', () => until(async () => (await shown()) === plainText(oldest!.item.body), 'restored body'));

    // --- the rest of the shell
    await act('F1 shows the shortcuts', () => page.keyboard.press('F1'));
    await act('the sheet is open', () => page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor());
    await shot(page, '15-shortcuts');
    await act('Escape closes it', () => page.keyboard.press('Escape'));
    await act('Ctrl+Shift+N: a new book from the sample', async () => {
      await page.keyboard.press('Control+Shift+N');
      const newBook = page.getByRole('dialog', { name: 'New book' });
      await newBook.getByLabel('Title').fill('Follow-up summit, Seoul');
      await newBook.getByRole('combobox', { name: 'Start from' }).selectOption(SAMPLE_BOOK);
      await newBook.getByRole('button', { name: 'Create book' }).click();
    });
    await act('the copy opens with the same sections', () => main.getByRole('heading', { name: 'Follow-up summit, Seoul' }).waitFor());
    expect(await main.locator('.outline-row').count()).toBe(sectionTitles().length);
    await shot(page, '16-new-book');

    // --- what happened on the wire and in the console
    expect(actions).toBeGreaterThanOrEqual(50);
    expect(app.stats.outside).toEqual([]);
    expect(app.stats.consoleErrors).toEqual([]);
    expect(await app.cspViolations()).toEqual([]);
    expect(app.stats.failed).toEqual([]);
    expect(existsSync(join(app.savedDir, files[0]))).toBe(true);
  }, 170_000);
});
