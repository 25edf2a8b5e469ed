/**
 * The start-up check of `npm run smoke`, without Electron: the sequence the renderer runs
 * (src/shared/smoke-check.ts) against the real store session and shell
 * service of the main process, every call parsed by the contract's schemas as the IPC binding
 * does, the real PDF engine the worker runs, and the main process's check of the report
 * against the disk (electron/main/smoke.ts). Only the window and the IPC transport are missing;
 * tests/smoke/smoke.test.ts runs the whole app when an Electron binary is there.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { apiContract, type ApiMethod } from '../../src/shared/contract';
import { buildBookPdf } from '../../src/pdf';
import { runSmokeSequence, SMOKE_MARK, SMOKE_REPORT_PREFIX, type SmokeSurface } from '../../src/shared/smoke-check';
import { dispatch, type HandlersFor } from '../../electron/main/ipc/dispatch';
import { createShellService } from '../../electron/main/shell-service';
import { RecentLibraries } from '../../electron/main/recent-libraries';
import { appInfo } from '../../electron/main/app-info';
import { createSmokeRun, makeSmokeFolders, smokeDialogs, type SmokeFolders } from '../../electron/main/smoke';
import { openLibrarySession, type LibrarySession } from '../../electron/store/session';
import { REPO_ROOT } from '../security/source-files';
import { loadFontFiles } from '../../electron/cli/fonts';

const fonts = loadFontFiles();
const open: { session: LibrarySession; folders: SmokeFolders }[] = [];

afterEach(() => {
  for (const { session, folders } of open.splice(0)) {
    session.close();
    rmSync(folders.root, { recursive: true, force: true });
  }
});

/** The main process of a first start with --smoke, minus Electron: what index.ts wires up. */
function smokeApp() {
  const folders = makeSmokeFolders();
  const session = openLibrarySession(join(folders.userData, 'library.briefbook'), {
    sampleText: () => readFileSync(join(REPO_ROOT, 'resources', 'summit-2025-08-25.briefbook.json'), 'utf8'),
    create: true,
  });
  open.push({ session, folders });
  const shell = createShellService({
    dialogs: smokeDialogs(folders.saved),
    session: () => session,
    switchLibrary: async () => undefined,
    recent: new RecentLibraries(join(folders.userData, 'recent-libraries.json')),
    appInfo: () => appInfo({ version: '0.1.0', platform: process.platform, electron: null, packaged: false, smoke: true }),
    defaultFolder: () => folders.saved,
    fonts: async () => loadFontFiles(),
  });
  const handlers: Record<string, (input: never) => unknown> = {};
  for (const method of Object.keys(apiContract) as ApiMethod[]) {
    handlers[method] = Object.hasOwn(shell, method)
      ? (input: never) => (shell as unknown as Record<string, (input: never) => unknown>)[method](input)
      : (input: never) => (session as unknown as Record<string, (input: never) => unknown>)[method](input);
  }
  const calls: string[] = [];
  const surface: SmokeSurface = {
    async call(method, input) {
      calls.push(method);
      const outcome = await dispatch(apiContract, handlers as HandlersFor<typeof apiContract>, method, input);
      if (!outcome.ok) throw new Error(`[${outcome.error.code}] ${outcome.error.message}`);
      return outcome.value as never;
    },
    firstScreen: async () => 'Library — Summit with President Trump',
    buildPdf: async (content, options) => {
      const result = await buildBookPdf(content, fonts, options, { creationDate: new Date(), producerVersion: undefined });
      return { bytes: result.bytes, fileName: result.fileName, pageCount: result.pageCount };
    },
  };
  return { folders, session, surface, calls };
}

describe('the smoke check, without Electron', () => {
  it('loads the sample, saves and reads back an item, makes and saves a PDF; the main process confirms it on disk', async () => {
    const app = smokeApp();
    const report = await runSmokeSequence(app.surface);
    expect(report.steps).toEqual(['load the sample', 'draw the first screen', 'save an item and read it back', 'make a PDF and save it']);
    expect(app.calls).toContain('library.loadSample');
    expect(app.calls).toContain('files.savePdf');

    // what a user would find: the item in the library, the PDF in the folder, the export logged
    expect(app.session['items.get']({ id: report.itemId }).title.endsWith(SMOKE_MARK)).toBe(true);
    const pdf = readFileSync(join(app.folders.saved, report.pdf.fileName));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const log = app.session['exports.list']({ bookId: report.bookId });
    expect(log.map((entry) => entry.sha256)).toContain(report.pdf.sha256);

    // the renderer's console line, read by the main process
    const written: string[] = [];
    let exitCode: number | null = null;
    const run = createSmokeRun({ folders: app.folders, closeLibrary: () => undefined, exit: (code) => (exitCode = code), write: (line) => written.push(line) });
    run.consoleLine(`${SMOKE_REPORT_PREFIX}${JSON.stringify({ ok: true, report })}`);
    expect(exitCode).toBe(0);
    expect(written.at(-1)).toMatch(new RegExp(`^smoke: passed: item ${report.itemId} saved and read back; .*\\.pdf \\(\\d+ pages, SHA-256 ${report.pdf.sha256}\\)$`));
    expect(existsSync(app.folders.root)).toBe(false);
  });

  it('a read-back that does not match fails, naming the step', async () => {
    const app = smokeApp();
    const call = app.surface.call;
    let saved = false;
    // an item store that forgets the save: the read-back answers the old record
    app.surface.call = (async (method: ApiMethod, input: never) => {
      if (method === 'items.save') {
        saved = true;
        const before = await call('items.get', { id: (input as { item: { id: string } }).item.id });
        return { ...before, version: before.version + 1 };
      }
      return call(method as never, input);
    }) as SmokeSurface['call'];
    await expect(runSmokeSequence(app.surface)).rejects.toThrow(/^save an item and read it back: read back ".*", saved ".*\[smoke check\]"$/);
    expect(saved).toBe(true);
  });

  it('a PDF that differs on disk from what the renderer made fails the run and keeps the folder', async () => {
    const app = smokeApp();
    const report = await runSmokeSequence(app.surface);
    const written: string[] = [];
    let exitCode: number | null = null;
    const run = createSmokeRun({ folders: app.folders, closeLibrary: () => undefined, exit: (code) => (exitCode = code), write: (line) => written.push(line) });
    run.consoleLine(`${SMOKE_REPORT_PREFIX}${JSON.stringify({ ok: true, report: { ...report, pdf: { ...report.pdf, sha256: '0'.repeat(64) } } })}`);
    expect(exitCode).toBe(1);
    expect(written[0]).toMatch(/^smoke: FAILED: .*on disk has SHA-256 [0-9a-f]{64}, the renderer made 0{64}$/);
    expect(written[1]).toBe(`smoke: the library and the files it wrote are kept in ${app.folders.root}`);
    expect(existsSync(app.folders.root)).toBe(true);
  });
});
