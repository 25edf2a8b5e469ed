/// <reference lib="dom" />
/**
 * Markings by the rules (issue 9) in Debian chromium against the real store: the book
 * inspector explains the sample book's roll-up in words; the caveat input takes a REL TO list
 * from the country picker and keeps it one caveat; Settings → Markings shows the scheme and the
 * store's refusal of a preset that drops levels the library uses, in words; a final export
 * without the authority block is refused, naming the missing fields. Every control is named;
 * no console error; no request outside the origin. Screenshots: markings-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSampleBook, openWalkthrough, SAMPLE_TITLE, type App, type Walkthrough } from './harness';
import { shot, stepper, unlabelled, until } from './page-checks';

const SAMPLE_BOOK = 'summit-2025-08-25';
const SMA_TITLE = 'Keep burden sharing separate from the SMA';

let app: App;
let walk: Walkthrough;

const step = stepper('markings', () => app?.page);

describe('markings in Chromium', () => {
  beforeAll(async () => {
    walk = await openWalkthrough('markings');
    app = walk.app;
  });

  afterAll(() => walk?.dispose());

  it('explains the roll-up, picks REL TO countries, edits the scheme and refuses a final export without authority', async () => {
    const { page } = app;
    const inspector = page.locator('aside.inspector');
    const store = app.library.service;

    await step('open the sample book', async () => {
      await openSampleBook(app);
    });
    await step('the inspector explains the roll-up', async () => {
      const reasons = inspector.getByRole('list', { name: 'Why the book is marked so' });
      await reasons.waitFor();
      expect(await inspector.locator('.marking-line .marking-badge').textContent()).toBe('CONFIDENTIAL//NOFORN');
      expect(await reasons.getByRole('listitem').first().textContent()).toMatch(/^CONFIDENTIAL because “.+” is CONFIDENTIAL\.$/);
    });
    await shot(page, 'markings-01-inspector');
    expect(await unlabelled(page)).toEqual([]);

    await step('open an item in the library', async () => {
      await page.getByRole('button', { name: /^All items/ }).click();
      // the classification filter chips carry the scheme's portion forms, as the engine writes them
      await page.locator('.lib-row[data-item-id]').first().waitFor();
      expect(await page.getByRole('group', { name: 'Classification' }).getByRole('button').allTextContents()).toEqual(['(C)14', '(U)27']);
      await page.locator('.lib-row[data-item-id="rl-sma"]').click();
      await inspector.locator('#item-title').waitFor();
      expect(await inspector.locator('#item-title').inputValue()).toBe(SMA_TITLE);
    });
    await step('REL TO with countries from the picker', async () => {
      await inspector.getByRole('button', { name: 'REL TO…' }).click();
      const picker = inspector.getByRole('combobox', { name: 'Add a country to REL TO' });
      await picker.fill('kor');
      await inspector.getByRole('option', { name: /^KOR/ }).waitFor();
      await picker.press('Enter');
      await picker.fill('japan');
      await inspector.getByRole('option', { name: 'JPN Japan' }).click();
      await inspector.getByRole('listitem').filter({ hasText: 'REL TO USA, JPN, KOR' }).waitFor();
    });
    await step('a caveat typed with commas stays one caveat; an unknown one is flagged', async () => {
      await inspector.getByLabel('Add caveat').fill('EYES ONLY');
      await inspector.getByLabel('Add caveat').press('Enter');
      await inspector.getByRole('note').filter({ hasText: 'Not in the scheme: “EYES ONLY”' }).waitFor();
      await until(() => JSON.stringify(store['items.get']({ id: 'rl-sma' }).caveats) === JSON.stringify(['REL TO USA, JPN, KOR', 'EYES ONLY']), 'the caveats saved in the store');
      expect(await inspector.locator('.editor-head .portion-mark').textContent()).toBe('(C//REL TO USA, JPN, KOR/EYES ONLY)');
    });
    await shot(page, 'markings-02-caveat-input');
    expect(await unlabelled(page)).toEqual([]);

    await step('the book says why REL TO was dropped', async () => {
      await page.locator('.sidebar').getByRole('button', { name: new RegExp(SAMPLE_TITLE) }).first().click();
      const reasons = inspector.getByRole('list', { name: 'Why the book is marked so' });
      await reasons.getByText(/^NOFORN because ".+" is NOFORN; REL TO dropped/).waitFor();
      await reasons.getByText(/"EYES ONLY" on "Keep burden sharing.+" is not a caveat/).waitFor();
    });
    await shot(page, 'markings-03-inspector-reasons');

    await step('Settings → Markings shows the scheme', async () => {
      await page.getByRole('button', { name: 'Settings' }).click();
      await page.getByRole('tab', { name: 'Markings' }).click();
      await page.getByRole('textbox', { name: 'Caveat 5 code' }).waitFor();
      expect(await page.getByRole('textbox', { name: 'Caveat 5 code' }).inputValue()).toBe('REL TO');
    });
    await shot(page, 'markings-04-settings');
    expect(await unlabelled(page)).toEqual([]);
    await step('the UK preset is refused by the store, in words, while items use CONFIDENTIAL', async () => {
      await page.getByRole('combobox', { name: 'Preset' }).selectOption('uk');
      await page.getByRole('button', { name: 'Apply preset…' }).click();
      await page.getByRole('button', { name: 'Apply the United Kingdom preset' }).click();
      await page.getByRole('button', { name: 'Save the scheme' }).click();
      const alert = page.locator('.markings-settings [role="alert"]');
      await alert.waitFor();
      expect(await alert.textContent()).toMatch(/^Not saved: .+/);
      expect(store['markings.get']({}).scheme).toBe('default');
    });
    await shot(page, 'markings-05-settings-refused');
    await step('closing over the unsaved preset asks first', async () => {
      await page.getByRole('button', { name: 'Close', exact: true }).last().click();
      await page.getByRole('alert').filter({ hasText: 'The marking scheme has changes that are not saved.' }).waitFor();
      await page.getByRole('button', { name: 'Close without saving them' }).click();
      await page.getByRole('dialog').waitFor({ state: 'detached' });
    });

    await step('a final export without the authority block is refused', async () => {
      // the officer clears two fields of the authority block in the book's details
      await inspector.getByLabel('Classified by').fill('');
      await inspector.getByLabel('Declassify on').fill('');
      await inspector.getByLabel('Declassify on').blur();
      await until(() => store['books.get']({ id: SAMPLE_BOOK }).book.classificationAuthority?.classifiedBy === undefined, 'the book details saved');
      await inspector.getByRole('note').filter({ hasText: 'A final export is refused until' }).waitFor();
      await page.keyboard.press('Control+e');
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('radio', { name: /Final/ }).check();
      const refusal = dialog.getByRole('region', { name: 'Final export refused' });
      await refusal.waitFor();
      expect(await refusal.getByRole('listitem').allTextContents()).toEqual([
        '"Classified by" (classifiedBy) is missing: a CONFIDENTIAL book must name who classified it',
        '"Declassify on" (declassifyOn) is missing: a CONFIDENTIAL book must say when it is declassified',
      ]);
      expect(await dialog.getByRole('button', { name: 'Make PDF' }).isDisabled()).toBe(true);
      await dialog.getByRole('region', { name: 'Marking warnings' }).waitFor();
    });
    await shot(page, 'markings-06-export-refused');
    expect(await unlabelled(page)).toEqual([]);

    expect(app.stats.outside).toEqual([]);
    expect(app.stats.consoleErrors).toEqual([]);
    expect(await app.cspViolations()).toEqual([]);
  });
});
