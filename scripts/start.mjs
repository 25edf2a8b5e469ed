#!/usr/bin/env node
// `npm start`: builds Briefbook and opens it in Electron. The first time, it also fetches (or
// builds) the SQLite module for Electron's ABI beside Node's (scripts/electron-native.mjs).
// Where the Electron binary is missing
// (an air-gapped machine, a CI box, `npm ci` with ELECTRON_SKIP_BINARY_DOWNLOAD=1) it says so
// and points to the offline install guide and the demo, instead of letting `require('electron')`
// try a download and fail with a stack trace.
//
//   node scripts/start.mjs [--skip-build] [--skip-native] [-- <arguments for Electron>]
//   (--skip-native: do not check the Electron build of SQLite, for a launcher that brings its own)

/* global process -- a Node script; the lint config gives Node globals to tests and configs only */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureElectronNative, parseArgs } from './electron-native.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Where the electron package expects its binary, without ever starting a download. */
export function findElectronBinary(env = process.env, platform = process.platform) {
  const packageDir = join(root, 'node_modules', 'electron');
  if (!existsSync(join(packageDir, 'package.json'))) return { found: false, reason: 'the electron package is not installed (run npm ci)' };
  const pathFile = join(packageDir, 'path.txt');
  const fallback = platform === 'win32' ? 'electron.exe' : platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron';
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : fallback;
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override ? join(override, relative) : join(packageDir, 'dist', relative);
  if (existsSync(binary)) return { found: true, binary };
  return {
    found: false,
    reason: override
      ? `ELECTRON_OVERRIDE_DIST_PATH is set, but there is no Electron executable at ${binary}`
      : `the Electron binary was never downloaded (${join('node_modules', 'electron', 'dist')} is missing)`,
  };
}

function explain(reason) {
  process.stderr.write(
    [
      'Briefbook cannot open its window here: the Electron binary is not available.',
      `  Why: ${reason}.`,
      '',
      'On an air-gapped or secured machine this is expected. To install Briefbook there, build the',
      'package on a connected machine and copy it over; to run from source with a local Electron,',
      'set ELECTRON_OVERRIDE_DIST_PATH or pre-fill the Electron cache. Both are described in',
      '  docs/air-gapped-install.md',
      '',
      'Without Electron you can still try Briefbook:',
      '  npm run demo        exports the sample book and its pocket card to PDF (out/demo/)',
      '  npm run briefbook   the command line (import, export, pdf, validate)',
      '',
    ].join('\n'),
  );
}

async function main(argv) {
  const separator = argv.indexOf('--');
  const ownArgs = separator < 0 ? argv : argv.slice(0, separator);
  const skipBuild = ownArgs.includes('--skip-build');
  const skipNative = ownArgs.includes('--skip-native');
  const electronArgs = separator < 0 ? [] : argv.slice(separator + 1);

  const electron = findElectronBinary();
  if (!electron.found) {
    explain(electron.reason);
    return 1;
  }
  if (!skipNative) {
    const native = await ensureElectronNative(parseArgs([]));
    if (!native.ok) {
      process.stderr.write(`\n${native.message}\n`);
      return 1;
    }
  }
  if (!skipBuild) {
    const build = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
      cwd: root,
      stdio: 'inherit',
    });
    if (build.status !== 0) {
      process.stderr.write('The build failed (see above); Briefbook was not started.\n');
      return build.status ?? 1;
    }
  }
  // ELECTRON_RUN_AS_NODE would turn the app into a plain Node process: never inherit it
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(electron.binary, [root, ...electronArgs], { cwd: root, stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('error', (error) => {
    explain(`Electron could not be started (${error.code ?? error.message})`);
    process.exitCode = 1;
  });
  child.on('exit', (code, signal) => {
    process.exitCode = code ?? (signal ? 1 : 0);
  });
  return null;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).then((code) => {
    if (code !== null) process.exitCode = code;
  });
}
