/**
 * Checks the e2e tests make of the page: what a screen reader could not name, and waiting for a
 * condition (never for a fixed time).
 */
import type { Page } from 'playwright-core';

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
