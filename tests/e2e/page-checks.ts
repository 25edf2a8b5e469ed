/**
 * Checks the e2e tests make of the page: what a screen reader could not name, and waiting for a
 * condition (never for a fixed time); and the screenshots a walk-through keeps.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS } from './harness';

/** Keeps the screen as `NAME.png` beside the other screenshots, to look at. */
export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}

/**
 * The steps of a walk-through: a step that fails keeps the screen at that moment as
 * `failed-PREFIX-STEP.png` and says which step it was.
 */
export function stepper(prefix: string, page: () => Page | undefined): <T>(name: string, run: () => Promise<T>) => Promise<T> {
  return async (name, run) => {
    try {
      return await run();
    } catch (error) {
      await page()?.screenshot({ path: join(ARTIFACTS, `failed-${prefix}-${name.replace(/\W+/g, '-')}.png`) }).catch(() => undefined);
      throw new Error(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
}

/** Every control the user can reach has a name a screen reader can say: lists those that do not. */
export async function unlabelled(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const missing: string[] = [];
    const named = (el: Element) => {
      const aria = el.getAttribute('aria-label') ?? '';
      const by = el.getAttribute('aria-labelledby');
      const labels = (el as HTMLInputElement).labels;
      return aria.trim() !== '' || (by !== null && by.split(' ').every((id) => document.getElementById(id) !== null)) || (labels !== undefined && labels !== null && labels.length > 0) || (el.getAttribute('title') ?? '') !== '';
    };
    for (const el of document.querySelectorAll('input:not([type="hidden"]), select, textarea')) if (!named(el)) missing.push(el.outerHTML.slice(0, 120));
    for (const el of document.querySelectorAll('button, [role="tab"], [role="option"]')) if ((el.textContent ?? '').trim() === '' && !named(el)) missing.push(el.outerHTML.slice(0, 120));
    return missing;
  });
}

/** Waits until `check` holds, polling; fails naming `what` when it never does. */
export async function until(check: () => boolean | Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}
