/// <reference lib="dom" />
/**
 * An axe-core scan of what the page shows now. axe's source goes in through Playwright's
 * `page.evaluate` (the DevTools protocol), which the page's CSP does not govern: a <script>
 * tag added to the page would be refused by `script-src 'self'`, as it should be.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Findings that are not defects, each with its reason. The library table's scrolling body holds
 * no focusable rows by design: the grid around it has the focus and points at the active row
 * with aria-activedescendant, and its arrow, Page and Home/End keys scroll the body. axe
 * cannot see that pattern.
 */
const NOT_DEFECTS: { rule: string; target: string }[] = [{ rule: 'scrollable-region-focusable', target: '.lib-body' }];

/** The serious and critical violations on the page, one line each: rule, impact, where. */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return violations
    .map((v) => ({ ...v, targets: v.targets.filter((t) => !NOT_DEFECTS.some((n) => n.rule === v.id && n.target === t)) }))
    .filter((v) => v.targets.length > 0)
    .map((v) => `${v.id} (${v.impact}): ${v.targets.slice(0, 5).join(', ')}`);
}
