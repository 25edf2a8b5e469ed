import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SMOKE_REPORT_PREFIX, type SmokeReportLine } from '../../src/shared/smoke-check';
import { createSmokeRun, makeSmokeFolders, SMOKE_DEADLINE_MS, smokeDialogs, smokeRequested, type SmokeFolders } from './smoke';

const made: SmokeFolders[] = [];
afterEach(() => {
  for (const folders of made.splice(0)) rmSync(folders.root, { recursive: true, force: true });
});

function run() {
  const folders = makeSmokeFolders();
  made.push(folders);
  const written: string[] = [];
  const exits: number[] = [];
  let closed = 0;
  const smoke = createSmokeRun({ folders, closeLibrary: () => (closed += 1), exit: (code) => exits.push(code), write: (line) => written.push(line) });
  return { folders, smoke, written, exits, closed: () => closed };
}

function reportFor(folders: SmokeFolders, bytes = Buffer.from('%PDF-1.7 stand-in')): SmokeReportLine {
  writeFileSync(join(folders.saved, 'summit.pdf'), bytes);
  return {
    steps: ['load the sample', 'draw the first screen', 'save an item and read it back', 'make a PDF and save it'],
    bookId: 'summit-2025-08-25',
    itemId: 'item-1',
    pdf: { fileName: 'summit.pdf', sha256: createHash('sha256').update(bytes).digest('hex'), pages: 3, bytes: bytes.byteLength },
  };
}

const line = (value: unknown) => `${SMOKE_REPORT_PREFIX}${JSON.stringify(value)}`;

describe('--smoke in the main process', () => {
  it('is asked for by the exact switch only', () => {
    expect(smokeRequested(['/opt/briefbook', '.', '--smoke'])).toBe(true);
    expect(smokeRequested(['/opt/briefbook', '.'])).toBe(false);
    expect(smokeRequested(['/opt/briefbook', '--smoke=1', '--smoker'])).toBe(false);
  });

  it('saves into its own folder, never through a dialog, and opens nothing', async () => {
    const dialogs = smokeDialogs('/tmp/briefbook-smoke-x/saved');
    await expect(dialogs.chooseSavePath({ title: 'Save', defaultPath: '/home/user/Documents/book.pdf', filters: [] })).resolves.toBe(join('/tmp/briefbook-smoke-x/saved', 'book.pdf'));
    await expect(dialogs.chooseOpenPath({ title: 'Open', filters: [] })).resolves.toBeNull();
  });

  it('a report that holds on disk passes: exit 0, each step printed, the temporary folder removed after the library closed', () => {
    const { folders, smoke, written, exits, closed } = run();
    smoke.consoleLine(line({ ok: true, report: reportFor(folders) }));
    expect(exits).toEqual([0]);
    expect(written).toContain('smoke: ok: make a PDF and save it');
    expect(written.at(-1)).toMatch(/^smoke: passed: item item-1 saved and read back; summit\.pdf \(3 pages, SHA-256 [0-9a-f]{64}\)$/);
    expect(closed()).toBe(1);
    expect(existsSync(folders.root)).toBe(false);
  });

  it('a failure reported by the renderer exits 1 with its message and keeps the folder', () => {
    const { folders, smoke, written, exits } = run();
    smoke.consoleLine(line({ ok: false, message: 'make a PDF and save it: the PDF engine stopped' }));
    expect(exits).toEqual([1]);
    expect(written).toEqual(['smoke: FAILED: make a PDF and save it: the PDF engine stopped', `smoke: the library and the files it wrote are kept in ${folders.root}`]);
    expect(existsSync(folders.root)).toBe(true);
  });

  it('a missing step, a missing file or a report of the wrong shape fails', () => {
    const a = run();
    const report = reportFor(a.folders);
    a.smoke.consoleLine(line({ ok: true, report: { ...report, steps: report.steps.slice(0, 2) } }));
    expect(a.written[0]).toBe('smoke: FAILED: the step "save an item and read it back" is missing from the report; the step "make a PDF and save it" is missing from the report');

    const b = run();
    b.smoke.consoleLine(line({ ok: true, report: { ...reportFor(b.folders), pdf: { ...report.pdf, fileName: 'elsewhere.pdf' } } }));
    expect(b.written[0]).toBe(`smoke: FAILED: the PDF elsewhere.pdf is not in ${b.folders.saved}`);

    const c = run();
    c.smoke.consoleLine(`${SMOKE_REPORT_PREFIX}{not json`);
    c.smoke.consoleLine(line({ ok: true, report: { steps: 'all' } }));
    expect(c.written[0]).toBe('smoke: FAILED: the renderer wrote a smoke report that is not JSON');
    expect([a.exits, b.exits, c.exits]).toEqual([[1], [1], [1]]);
  });

  it('ignores other console lines, counts only the first outcome, and fails at the deadline', () => {
    const { folders, smoke, written, exits } = run();
    smoke.consoleLine('Download the React DevTools for a better development experience');
    expect(exits).toEqual([]);
    smoke.deadline();
    smoke.consoleLine(line({ ok: true, report: reportFor(folders) }));
    smoke.fail('the renderer stopped (crashed)');
    expect(exits).toEqual([1]);
    expect(written[0]).toBe(`smoke: FAILED: no report within ${SMOKE_DEADLINE_MS / 1000} s of start`);
    expect(smoke.finished).toBe(true);
  });
});
