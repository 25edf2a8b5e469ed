#!/usr/bin/env node
// `npm run smoke`: the release check that the built app really starts (docs/release.md). It
// makes sure the SQLite module for Electron is there (scripts/electron-native.mjs), builds the
// app, and starts it in Electron with --smoke, headless on Linux (xvfb-run): the window opens
// on a temporary library, loads the sample, draws its first screen, saves and reads back an
// item through IPC and writes a PDF through the worker (electron/main/smoke.ts). Exit 0 when
// all of that worked; 1 with the reason otherwise, or when there is no Electron binary here.
//
//   node scripts/smoke.mjs [--skip-build]

/* global process -- a Node script; the lint config gives Node globals to tests and configs only */
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureElectronNative, parseArgs } from './electron-native.mjs';
import { findElectronBinary } from './start.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * How to start the app headless here: under xvfb-run on Linux (or on the display there is),
 * directly elsewhere. `{ error }` when Linux has neither.
 */
export function smokeCommand({ platform, electronBinary, appRoot, hasXvfbRun, display }) {
  const app = [appRoot, '--smoke'];
  if (platform !== 'linux') return { command: electronBinary, args: app };
  if (hasXvfbRun) return { command: 'xvfb-run', args: ['--auto-servernum', '--server-args=-screen 0 1440x900x24', electronBinary, ...app] };
  if (display) return { command: electronBinary, args: app };
  return { error: 'there is no display and no xvfb-run to make one (install the xvfb package, or run it in a desktop session)' };
}

function onPath(command) {
  return spawnSync(command, ['--help'], { stdio: 'ignore' }).error === undefined;
}

async function main(argv) {
  const electron = findElectronBinary();
  if (!electron.found) {
    process.stderr.write(`smoke: not run: ${electron.reason}. The smoke check needs the Electron binary (docs/air-gapped-install.md).\n`);
    return 1;
  }
  const native = await ensureElectronNative(parseArgs([]));
  if (!native.ok) {
    process.stderr.write(`\n${native.message}\n`);
    return 1;
  }
  if (!argv.includes('--skip-build')) {
    const build = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) {
      process.stderr.write('smoke: the build failed (see above)\n');
      return 1;
    }
  }
  const how = smokeCommand({ platform: process.platform, electronBinary: electron.binary, appRoot: root, hasXvfbRun: process.platform === 'linux' && onPath('xvfb-run'), display: process.env.DISPLAY });
  if (how.error) {
    process.stderr.write(`smoke: not run: ${how.error}\n`);
    return 1;
  }
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  process.stderr.write(`smoke: ${how.command} ${how.args.join(' ')}\n`);
  return new Promise((resolve) => {
    const child = spawn(how.command, how.args, { cwd: root, env, stdio: 'inherit' });
    child.on('error', (error) => {
      process.stderr.write(`smoke: FAILED: ${how.command} could not be started (${error.code ?? error.message})\n`);
      resolve(1);
    });
    child.on('exit', (code, signal) => {
      if (code !== 0) process.stderr.write(`smoke: FAILED: the app exited with ${code ?? signal}\n`);
      resolve(code ?? 1);
    });
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
