/**
 * `npm run smoke` (scripts/smoke.mjs): the built app started in Electron with --smoke. Part of
 * `npm test` where an Electron binary is present; where it is not (this machine, air-gapped
 * CI), the run is skipped and the reason printed, and what can be checked without Electron is:
 * the start-up check itself (./smoke-sequence.test.ts), how the app would be started, and
 * that `npm run smoke` says why it did not run.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../security/source-files';

type Found = { found: true; binary: string } | { found: false; reason: string };
type Command = { command: string; args: string[]; error?: undefined } | { error: string };

const { findElectronBinary } = (await import(pathToFileURL(join(REPO_ROOT, 'scripts', 'start.mjs')).href)) as { findElectronBinary(): Found };
const { smokeCommand } = (await import(pathToFileURL(join(REPO_ROOT, 'scripts', 'smoke.mjs')).href)) as {
  smokeCommand(o: { platform: string; electronBinary: string; appRoot: string; hasXvfbRun: boolean; display: string | undefined }): Command;
};
const SCRIPT = join(REPO_ROOT, 'scripts', 'smoke.mjs');
const electron = findElectronBinary();
if (!electron.found) console.info(`tests/smoke: the smoke run of the real app is skipped: ${electron.reason}`);

describe('npm run smoke', () => {
  it('starts the app headless under xvfb-run on Linux, directly elsewhere', () => {
    const base = { electronBinary: '/e/electron', appRoot: '/src/briefbook', display: undefined };
    expect(smokeCommand({ ...base, platform: 'linux', hasXvfbRun: true })).toEqual({
      command: 'xvfb-run',
      args: ['--auto-servernum', '--server-args=-screen 0 1440x900x24', '/e/electron', '/src/briefbook', '--smoke'],
    });
    expect(smokeCommand({ ...base, platform: 'linux', hasXvfbRun: false, display: ':0' })).toEqual({ command: '/e/electron', args: ['/src/briefbook', '--smoke'] });
    expect(smokeCommand({ ...base, platform: 'win32', hasXvfbRun: false })).toEqual({ command: '/e/electron', args: ['/src/briefbook', '--smoke'] });
    expect(smokeCommand({ ...base, platform: 'linux', hasXvfbRun: false })).toEqual({ error: expect.stringContaining('xvfb') });
  });

  // Runs only where there is no Electron binary: it checks the explanation a maintainer gets.
  it.runIf(!electron.found)('without the Electron binary, says why it did not run and exits 1', () => {
    const run = spawnSync(process.execPath, [SCRIPT, '--skip-build'], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^smoke: not run: .+\. The smoke check needs the Electron binary \(docs\/air-gapped-install\.md\)\.$/m);
  });

  // Skipped where there is no Electron binary (the reason is printed above): it starts the real app.
  it.skipIf(!electron.found)(
    'the built app opens its window, loads the sample, saves and reads back an item, writes a PDF, and exits 0',
    () => {
      const run = spawnSync(process.execPath, [SCRIPT], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 600_000 });
      const output = `${run.stdout}\n${run.stderr}`;
      expect(run.status, output).toBe(0);
      expect(run.stdout).toMatch(/^smoke: passed: item .+ saved and read back; .+\.pdf \(\d+ pages, SHA-256 [0-9a-f]{64}\)$/m);
    },
    600_000,
  );
});
