/**
 * `briefbook --smoke` as far as it goes without Electron: the built renderer in Chromium, told by
 * app.info that it runs the smoke check, works through window.briefbook against the real store,
 * draws its first screen, makes the PDF in the real PDF worker under the app's CSP, and writes
 * its report on the console; the main process's side (electron/main/smoke.ts) checks that
 * report against the saved file and would exit 0.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSmokeLine, SMOKE_MARK, SMOKE_REPORT_PREFIX } from '../../src/shared/smoke-check';
import { createSmokeRun } from '../../electron/main/smoke';
import { openWalkthrough, type App, type Walkthrough } from './harness';

let walk: Walkthrough;
let work: string;
let app: App;

beforeAll(async () => {
  walk = await openWalkthrough('smoke', { libraryFile: join('user-data', 'library.briefbook'), smoke: true });
  app = walk.app;
  work = walk.dir;
}, 240_000);

afterAll(() => walk?.dispose());

describe('the renderer’s smoke check', () => {
  it('runs on start when app.info says so, reports on the console, and the report holds on disk', async () => {
    const reported = app.page.waitForEvent('console', { predicate: (message) => message.text().startsWith(SMOKE_REPORT_PREFIX), timeout: 120_000 });
    await app.page.goto(`${app.origin}/index.html`);
    const line = (await reported).text();
    const outcome = parseSmokeLine(line);
    expect(outcome, line).toMatchObject({ ok: true });
    if (outcome === null || !outcome.ok) return;
    expect(outcome.report.steps).toEqual(['load the sample', 'draw the first screen', 'save an item and read it back', 'make a PDF and save it']);
    expect(app.library.service['items.get']({ id: outcome.report.itemId }).title.endsWith(SMOKE_MARK)).toBe(true);
    expect(readFileSync(join(app.savedDir, outcome.report.pdf.fileName)).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const written: string[] = [];
    let exitCode: number | null = null;
    const run = createSmokeRun({
      folders: { root: join(work, 'kept'), userData: join(work, 'user-data'), saved: app.savedDir },
      closeLibrary: () => undefined,
      exit: (code) => (exitCode = code),
      write: (text) => written.push(text),
    });
    run.consoleLine(line);
    expect(written.at(-1)).toMatch(/^smoke: passed: /);
    expect(exitCode).toBe(0);
    expect(await app.cspViolations()).toEqual([]);
    expect(app.stats.outside).toEqual([]);
    expect(app.stats.consoleErrors).toEqual([]);
  });
});
