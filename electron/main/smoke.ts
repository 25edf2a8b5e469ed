/**
 * `briefbook --smoke` (npm run smoke, docs/release.md): the built app opens its window on a
 * library of its own in a temporary folder, the renderer runs the start-up check
 * (src/renderer/features/smoke) and reports on its console, and the main process checks the
 * report against the files on disk and exits 0, or 1 with the reason. The user's own library,
 * recent list and settings are never opened. Plain Node: no 'electron' here, so it is tested
 * without it; electron/main/index.ts wires it to the window.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseSmokeLine, type SmokeOutcome, type SmokeReportLine } from '../../src/shared/smoke-check';
import type { FileDialogs } from './shell-service';

export const SMOKE_SWITCH = '--smoke';
/** How long the whole check may take before it counts as hung (a cold start and one PDF). */
export const SMOKE_DEADLINE_MS = 180_000;

/** Whether the app was started with --smoke (exactly: no prefix matching, no value). */
export function smokeRequested(argv: readonly string[]): boolean {
  return argv.includes(SMOKE_SWITCH);
}

export interface SmokeFolders {
  /** removed after a passing check; kept (and named) after a failing one */
  root: string;
  /** stands in for the user-data folder: the library and the recent list live here */
  userData: string;
  /** where the save dialog answers */
  saved: string;
}

export function makeSmokeFolders(base: string = tmpdir()): SmokeFolders {
  const root = mkdtempSync(join(base, 'briefbook-smoke-'));
  const folders = { root, userData: join(root, 'user-data'), saved: join(root, 'saved') };
  mkdirSync(folders.userData);
  mkdirSync(folders.saved);
  return folders;
}

/** No dialogs in a smoke run: saving lands in the smoke folder, opening is cancelled. */
export function smokeDialogs(saved: string): FileDialogs {
  return {
    chooseSavePath: async ({ defaultPath }) => join(saved, basename(defaultPath)),
    chooseOpenPath: async () => null,
  };
}

/** What the report claims, checked against the disk: problems in words, none when it holds. */
export function verifySmokeReport(report: SmokeReportLine, saved: string): string[] {
  const problems: string[] = [];
  for (const step of ['load the sample', 'draw the first screen', 'save an item and read it back', 'make a PDF and save it']) {
    if (!report.steps.includes(step)) problems.push(`the step "${step}" is missing from the report`);
  }
  const file = join(saved, basename(report.pdf.fileName));
  if (!existsSync(file)) return [...problems, `the PDF ${report.pdf.fileName} is not in ${saved}`];
  const bytes = readFileSync(file);
  if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') problems.push(`${report.pdf.fileName} is not a PDF`);
  if (bytes.byteLength !== report.pdf.bytes) problems.push(`${report.pdf.fileName} has ${bytes.byteLength} bytes on disk, the renderer made ${report.pdf.bytes}`);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (sha256 !== report.pdf.sha256) problems.push(`${report.pdf.fileName} on disk has SHA-256 ${sha256}, the renderer made ${report.pdf.sha256}`);
  return problems;
}

export interface SmokeRunDeps {
  folders: SmokeFolders;
  /** closes the library before its folder is removed (Windows cannot remove an open file) */
  closeLibrary(): void;
  /** ends the app with this code (app.exit) */
  exit(code: number): void;
  /** the run's own output (stdout) */
  write(line: string): void;
}

/**
 * One smoke run: the first outcome counts (a report, a crash, a failed load or the deadline);
 * later ones are ignored. Returns the handlers index.ts attaches to the window and the timer.
 */
export function createSmokeRun(deps: SmokeRunDeps) {
  let finished = false;
  const finish = (code: number, lines: string[]) => {
    if (finished) return;
    finished = true;
    for (const line of lines) deps.write(line);
    deps.closeLibrary();
    if (code === 0) rmSync(deps.folders.root, { recursive: true, force: true });
    else deps.write(`smoke: the library and the files it wrote are kept in ${deps.folders.root}`);
    deps.exit(code);
  };
  const fail = (reason: string) => finish(1, [`smoke: FAILED: ${reason}`]);
  return {
    get finished() {
      return finished;
    },
    /** a console line of the window */
    consoleLine(line: string): void {
      const outcome: SmokeOutcome | null = parseSmokeLine(line);
      if (outcome === null) return;
      if (!outcome.ok) return fail(outcome.message);
      const problems = verifySmokeReport(outcome.report, deps.folders.saved);
      if (problems.length > 0) return fail(problems.join('; '));
      const { report } = outcome;
      finish(0, [
        ...report.steps.map((step) => `smoke: ok: ${step}`),
        `smoke: passed: item ${report.itemId} saved and read back; ${report.pdf.fileName} (${report.pdf.pages} pages, SHA-256 ${report.pdf.sha256})`,
      ]);
    },
    fail,
    deadline(): void {
      fail(`no report within ${SMOKE_DEADLINE_MS / 1000} s of start`);
    },
  };
}
