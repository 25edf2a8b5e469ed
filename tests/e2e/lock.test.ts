/// <reference lib="dom" />
/**
 * The lock screen and the recovery screen in Debian chromium against a real encrypted library
 * session (docs/security.md DATA-1..3, docs/ux.md Ctrl+L): the app opens locked; a wrong passphrase is
 * refused in words; the right one opens the library; Ctrl+L, the status bar's Lock button and
 * the store's own lock (the idle timer) each put the lock screen back with no item title left
 * in the page; unlocking returns where the user was. Then libraries that do not open: one
 * written by a newer Briefbook (read it read-only, then restore a backup) and one whose key
 * file is missing. No console error, no request outside the origin.
 */
import { renameSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openLibrarySession, type LibrarySession } from '../../electron/store/session';
import { openDatabase } from '../../electron/store/open';
import { sampleText } from '../../electron/store/testing';
import { ARTIFACTS, openSessionWalkthrough, SAMPLE_TITLE, type SessionApp, type Walkthrough } from './harness';
import { shot, unlabelled, until } from './page-checks';

const PASSPHRASE = 'first-summit-passphrase';
const SECRET_TITLE = 'Strategic flexibility stays at the working level';
/** cheap key derivation: the test is about the screens, not scrypt's cost */
const SCRYPT = { N: 2 ** 10, r: 8, p: 1 };

let walk: Walkthrough<SessionApp>;
let app: SessionApp;
let dir: string;
let titles: string[] = [];
const sessions: LibrarySession[] = [];

function open(path: string, options: Parameters<typeof openLibrarySession>[1] = {}): LibrarySession {
  const session = openLibrarySession(path, { sampleText, scrypt: SCRYPT, ...options });
  sessions.push(session);
  return session;
}

/** Every item and book title the library holds that shows up anywhere in the page's DOM. */
async function titlesInPage(page: Page): Promise<string[]> {
  const html = await page.evaluate(() => `${document.title}\n${document.documentElement.outerHTML}\n${document.body.innerText}`);
  return titles.filter((title) => html.includes(title));
}

/** Runs a part of the test; when it fails, the screen at that moment is kept beside the others. */
async function part(name: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    await app?.page.screenshot({ path: join(ARTIFACTS, `failed-${name}.png`) }).catch(() => undefined);
    throw error;
  }
}

async function lockScreen(page: Page): Promise<void> {
  await page.getByRole('heading', { name: 'This library is locked' }).waitFor();
  await page.getByLabel('Passphrase').waitFor();
  expect(await unlabelled(page)).toEqual([]);
}

async function unlock(page: Page, passphrase = PASSPHRASE): Promise<void> {
  await page.getByLabel('Passphrase').fill(passphrase);
  await page.getByLabel('Passphrase').press('Enter');
}

describe('the lock screen in Chromium', () => {
  beforeAll(async () => {
    walk = await openSessionWalkthrough(
      'lock',
      (folder) => {
        const path = join(folder, 'summit.briefbook');
        const first = open(path, { create: true });
        first['library.loadSample']({});
        first['items.save']({ item: { kind: 'red_line', title: SECRET_TITLE, body: 'Keep the details at the working level.', classification: 'S', status: 'draft' } });
        titles = [...first['items.list']({ limit: 1000 }).rows.map((row) => row.title), ...first['books.list']({}).map((book) => book.title)].filter((title) => title.length >= 12);
        first['vault.encrypt']({ passphrase: PASSPHRASE });
        first.close();
        return open(path);
      },
      { closeAlso: () => sessions.forEach((session) => session.close()) },
    );
    app = walk.app;
    dir = walk.dir;
  });

  afterAll(() => walk?.dispose());

  it('opens locked, refuses a wrong passphrase in words, unlocks, and locks again leaving no title in the page', () => part('lock', async () => {
    const { page } = app;
    expect(titles).toContain(SECRET_TITLE);
    expect(titles).toContain(SAMPLE_TITLE);
    expect(app.session()['vault.status']({})).toMatchObject({ state: 'locked', encrypted: true });

    await page.goto(`${app.origin}/`);
    await lockScreen(page);
    await page.locator('.vault-file', { hasText: 'summit.briefbook' }).waitFor();
    expect(await titlesInPage(page)).toEqual([]);
    await shot(page, 'lock-01-locked');

    await unlock(page, 'first-summit-passphrasE');
    const alert = page.locator('#unlock-error');
    await alert.filter({ hasText: 'That passphrase' }).waitFor();
    expect(await alert.innerText()).toBe('That passphrase does not open this library. Nothing was changed.');
    // focus is back in the passphrase field, ready for another try, not on <body> (issue 15)
    await until(() => page.getByLabel('Passphrase').evaluate((el) => el === document.activeElement), 'focus back on the passphrase');
    expect(app.session()['vault.status']({}).state).toBe('locked');
    await shot(page, 'lock-02-wrong-passphrase');

    await unlock(page);
    await page.locator('.lib-row[data-item-id]').first().waitFor();
    expect(await page.getByLabel('Passphrase').count()).toBe(0);
    await page.locator('.sidebar').getByRole('button', { name: new RegExp(SAMPLE_TITLE) }).click();
    await page.locator('main.main').getByRole('heading', { name: SAMPLE_TITLE }).waitFor();
    expect(await page.locator('.statusbar').innerText()).toMatch(/Encrypted/);
    await shot(page, 'lock-03-unlocked');

    // Ctrl+L: the store drops the key, the page drops the library
    await page.keyboard.press('Control+l');
    await lockScreen(page);
    await expect.poll(() => app.session()['vault.status']({}).state).toBe('locked');
    expect(await titlesInPage(page)).toEqual([]);
    await shot(page, 'lock-04-ctrl-l');

    // unlocking returns to the book that was open
    await unlock(page);
    await page.locator('main.main').getByRole('heading', { name: SAMPLE_TITLE }).waitFor();
    await shot(page, 'lock-05-back-to-the-book');

    // Settings: encryption and backups; Ctrl+L works over the open dialog too
    await page.locator('.sidebar-foot').getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings.getByRole('tab', { name: 'Encryption' }).click();
    await settings.getByRole('heading', { name: 'Change the passphrase' }).waitFor();
    await shot(page, 'lock-07-settings-encryption');
    // a wrong passphrase in Settings is refused in words and focus is back in its field, not on <body> (issue 15)
    await settings.getByLabel('Current passphrase').fill('not the one');
    await settings.getByLabel('New passphrase').fill('four long new words');
    await settings.getByLabel('Type the new one again').fill('four long new words');
    await settings.getByRole('button', { name: 'Change the passphrase' }).click();
    await settings.getByText(/^The passphrase was not changed/).waitFor();
    await until(() => settings.getByLabel('Current passphrase').evaluate((el) => el === document.activeElement), 'focus back on the current passphrase');
    await settings.getByRole('button', { name: 'New key…' }).click();
    await settings.getByLabel('Passphrase, to confirm the new key').fill('not the one');
    await settings.getByRole('button', { name: 'Encrypt under a new key' }).click();
    await settings.getByText(/^Nothing was changed/).waitFor();
    await until(() => settings.getByLabel('Passphrase, to confirm the new key').evaluate((el) => el === document.activeElement), 'focus back on the new key’s passphrase');
    expect(app.session()['vault.status']({}).state).toBe('open');
    await settings.getByRole('tab', { name: 'Backups' }).click();
    await settings.getByRole('list', { name: 'Backups, newest first' }).waitFor();
    await shot(page, 'lock-08-settings-backups');
    await page.keyboard.press('Control+l');
    await lockScreen(page);
    expect(await titlesInPage(page)).toEqual([]);
    await unlock(page);
    await page.locator('main.main').getByRole('heading', { name: SAMPLE_TITLE }).waitFor();

    // the status bar's Lock button
    await page.locator('.statusbar').getByRole('button', { name: 'Lock' }).click();
    await lockScreen(page);
    expect(await titlesInPage(page)).toEqual([]);

    // Ctrl+L in the middle of typing: the editor's last words are saved before the lock
    await unlock(page);
    await page.getByRole('button', { name: /^All items/ }).click();
    const row = page.locator('.lib-row[data-item-id]').first();
    await row.click();
    const itemId = (await row.getAttribute('data-item-id')) ?? '';
    const title = page.locator('aside.inspector #item-title');
    await title.waitFor();
    const before = await title.inputValue();
    await title.press('End');
    await title.pressSequentially(' (revised)');
    await page.keyboard.press('Control+l');
    await lockScreen(page);
    expect(await titlesInPage(page)).toEqual([]);
    await unlock(page);
    await page.locator('aside.inspector #item-title').waitFor();
    expect(app.session()['items.get']({ id: itemId }).title).toBe(`${before} (revised)`);
    expect(await page.locator('aside.inspector #item-title').inputValue()).toBe(`${before} (revised)`);

    // the store locks by itself (the idle timer); the next call the page makes finds out
    await page.locator('.lib-row[data-item-id]').first().waitFor();
    app.session()['vault.lock']({});
    await page.locator('.lib-row[data-item-id]').nth(2).click();
    await lockScreen(page);
    expect(await titlesInPage(page)).toEqual([]);
    await shot(page, 'lock-06-idle-locked');

    expect(app.stats.outside).toEqual([]);
    expect(app.stats.consoleErrors).toEqual([]);
    expect(await app.cspViolations()).toEqual([]);
    expect(app.stats.failed).toEqual([]);
  }), 40_000);

  it('shows the recovery screen: read-only for a library too new, restore a backup; a missing key file', () => part('recovery', async () => {
    const { page } = app;
    // a plain library with the sample and a backup of it, then marked as written by a newer Briefbook
    const newerPath = join(dir, 'newer.briefbook');
    const plain = open(newerPath, { create: true });
    plain['library.loadSample']({});
    plain['backups.create']({});
    plain.close();
    const db = openDatabase(newerPath, { mustExist: true });
    db.pragma('user_version = 999');
    db.close();
    const newer = open(newerPath);
    expect(newer['vault.status']({})).toMatchObject({ state: 'recovery', problem: { code: 'library_too_new' } });
    app.useSession(newer);
    await page.reload();
    await page.getByRole('heading', { name: 'This library was written by a newer Briefbook' }).waitFor();
    await page.getByRole('button', { name: 'Continue read-only' }).waitFor();
    await page.getByRole('button', { name: /Restore the backup of/ }).first().waitFor();
    expect(await titlesInPage(page)).toEqual([]);
    expect(await unlabelled(page)).toEqual([]);
    await shot(page, 'recovery-01-too-new');

    await page.getByRole('button', { name: 'Continue read-only' }).click();
    await page.getByText('Read-only: recovery mode.').waitFor();
    await page.locator('.sidebar').getByRole('button', { name: new RegExp(SAMPLE_TITLE) }).click();
    await page.locator('main.main').getByRole('heading', { name: SAMPLE_TITLE }).waitFor();
    expect(await page.locator('.sidebar').getByRole('button', { name: '+ Item' }).isDisabled()).toBe(true);
    await shot(page, 'recovery-02-read-only');

    await page.getByRole('button', { name: 'Recovery options…' }).click();
    await page.getByRole('button', { name: /Restore the backup of/ }).first().click();
    await page.getByRole('group', { name: /Restore the backup of/ }).getByText(/backed up first, so nothing is lost/).waitFor();
    await shot(page, 'recovery-03-restore-confirm');
    await page.getByRole('button', { name: 'Restore this backup' }).click();
    await page.locator('.lib-row[data-item-id]').first().waitFor({ timeout: 8_000 });
    expect(newer['vault.status']({})).toMatchObject({ state: 'open', readOnly: false });
    expect(await page.getByText('Read-only: recovery mode.').count()).toBe(0);
    await shot(page, 'recovery-04-restored');

    // the encrypted library without its key file: nothing to read, the passphrase once it is back
    sessions[1].close();
    const path = join(dir, 'summit.briefbook');
    renameSync(`${path}.key`, join(dir, 'elsewhere.key'));
    const keyless = open(path);
    expect(keyless['vault.status']({})).toMatchObject({ state: 'recovery', problem: { code: 'key_missing' } });
    app.useSession(keyless);
    await page.reload();
    await page.getByRole('heading', { name: 'The key file of this library is missing' }).waitFor();
    await page.getByRole('button', { name: /Restore the backup of/ }).first().waitFor();
    expect(await page.getByRole('button', { name: 'Continue read-only' }).count()).toBe(0);
    expect(await titlesInPage(page)).toEqual([]);
    expect(await unlabelled(page)).toEqual([]);
    await shot(page, 'recovery-05-key-missing');

    renameSync(join(dir, 'elsewhere.key'), `${path}.key`);
    await page.getByLabel('Passphrase').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock again' }).click();
    await page.locator('.lib-row[data-item-id]').first().waitFor();
    expect(keyless['vault.status']({}).state).toBe('open');

    expect(app.stats.outside).toEqual([]);
    expect(app.stats.consoleErrors).toEqual([]);
    expect(await app.cspViolations()).toEqual([]);
  }), 40_000);
});
