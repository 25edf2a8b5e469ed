#!/usr/bin/env node
// `npm run electron-native` (and the first step of `npm start` and `npm run package`): puts the
// SQLite module built for Electron's ABI beside the one `npm ci` built for Node's, never over it
// (electron/store/native-layout.mjs says where). Node's build keeps serving `npm test`, the CLI
// and the demo; Electron's main process loads the other one (electron/store/native-binding.ts).
//
// It is obtained the way better-sqlite3-multiple-ciphers' own install script does
// (`prebuild-install || node-gyp rebuild`), but for runtime electron and in a scratch folder:
//   1. the module's prebuilt tarball for Electron, by prebuild-install (from the npm cache when
//      it is there, else from the module's GitHub release), or from a tarball carried in by hand
//      (--tarball FILE --sha256 HEX: the SHA-256 is checked before anything is unpacked);
//   2. failing that, a source build with node-gyp against Electron's headers (downloaded from
//      electronjs.org and checked by node-gyp against the release's SHASUMS256.txt, or carried in:
//      --node-dir DIR).
// The result is copied into place with a record (build-info.json) of where it came from and its
// SHA-256. When neither way works, one paragraph says why and what to do; exit code 1.
//
//   node scripts/electron-native.mjs [--package] [--arch x64|arm64]... [--tarball FILE --sha256 HEX]
//                                    [--node-dir DIR] [--no-source-build] [--force]

/* global process, console -- a Node script; the lint config gives Node globals to tests and configs only */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BINDING_FILE, FETCH_COMMAND, sourceBindingPath } from '../electron/store/native-layout.mjs';

export const MODULE_NAME = 'better-sqlite3-multiple-ciphers';
export const GUIDE = 'docs/air-gapped-install.md';
/** Electron's header archives, as @electron/rebuild and electron-builder use them. */
export const ELECTRON_HEADERS_URL = 'https://electronjs.org/headers';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// ---------------------------------------------------------------------------------------------
// decisions (pure)

/**
 * The command line. Unknown switches are an error, so a typo never silently downloads.
 * @returns {{ forPackage: boolean, arches: string[], tarball: string | null, sha256: string | null, nodeDir: string | null, sourceBuild: boolean, force: boolean }}
 */
export function parseArgs(argv) {
  const options = { forPackage: false, arches: [], tarball: null, sha256: null, nodeDir: null, sourceBuild: true, force: false };
  const valueOf = (index, flag) => {
    const value = argv[index + 1];
    if (value === undefined || value.startsWith('--')) throw new Error(`${flag} needs a value`);
    return value;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--package') options.forPackage = true;
    else if (arg === '--no-source-build') options.sourceBuild = false;
    else if (arg === '--force') options.force = true;
    else if (arg === '--arch') options.arches.push(valueOf(i++, arg));
    else if (arg === '--tarball') options.tarball = valueOf(i++, arg);
    else if (arg === '--sha256') options.sha256 = valueOf(i++, arg).toLowerCase();
    else if (arg === '--node-dir') options.nodeDir = valueOf(i++, arg);
    else throw new Error(`unknown option ${arg}`);
  }
  if (options.tarball !== null && options.sha256 === null) {
    throw new Error('--tarball needs --sha256 <the SHA-256 you carried in separately>: a tarball is never unpacked unchecked');
  }
  if (options.sha256 !== null && !/^[0-9a-f]{64}$/.test(options.sha256)) throw new Error('--sha256 takes 64 hexadecimal digits');
  if (options.tarball !== null && options.arches.length > 1) throw new Error('--tarball is for one architecture: give at most one --arch');
  for (const arch of options.arches) {
    if (!['x64', 'arm64', 'ia32', 'arm'].includes(arch)) throw new Error(`--arch ${arch} is not an architecture Electron ships for`);
  }
  return options;
}

/**
 * Which architectures to provide: those asked for; else, for a package, every one
 * electron-builder.yml builds on this platform (both Mac architectures); else this machine's.
 */
export function archesToFetch(platform, hostArch, forPackage, asked = []) {
  if (asked.length > 0) return [...new Set(asked)];
  if (forPackage && platform === 'darwin') return ['x64', 'arm64'];
  return [hostArch];
}

/**
 * Whether the build in place can be used as it is: there, recorded, for this module version
 * and Electron, and still the bytes that were recorded.
 * @param {null | { module?: string, moduleVersion?: string, electron?: string, platform?: string, arch?: string, sha256?: string }} record
 * @param {{ moduleVersion: string, electron: string, platform: string, arch: string }} wanted
 * @param {string | null} actualSha256 the SHA-256 of the file in place, null when it is absent
 */
export function buildIsCurrent(record, wanted, actualSha256) {
  if (record === null || actualSha256 === null) return false;
  return (
    record.module === MODULE_NAME &&
    record.moduleVersion === wanted.moduleVersion &&
    record.electron === wanted.electron &&
    record.platform === wanted.platform &&
    record.arch === wanted.arch &&
    record.sha256 === actualSha256
  );
}

/** The arguments node-gyp needs for a build against Electron's headers (what @electron/rebuild passes). */
export function nodeGypArgs({ electron, arch, nodeDir }) {
  const args = ['rebuild', '--release', `--target=${electron}`, `--arch=${arch}`, '--runtime=electron', `--dist-url=${ELECTRON_HEADERS_URL}`];
  if (nodeDir) args.push(`--nodedir=${nodeDir}`);
  return args;
}

/**
 * The one paragraph shown when the module cannot be had. `failures` says what was tried and why
 * each attempt failed, in the words of the tool that failed.
 */
export function unavailableMessage({ electron, platform, arch, tarballName, headersName, failures }) {
  const tried = failures.map((f) => `${f.what} failed (${f.why})`).join('; ');
  return [
    `Briefbook cannot open its window yet: the SQLite module built for Electron ${electron} (${platform}-${arch}) is not here and could not be had: ${tried}.`,
    `Nothing was changed: Node's own build in node_modules still serves npm test, npm run briefbook and npm run demo.`,
    `On a machine without internet, carry in the prebuilt ${tarballName} with its SHA-256 and run`,
    `\`${FETCH_COMMAND} -- --tarball <file> --sha256 <hex>\`, or Electron's headers (${headersName}) and run \`${FETCH_COMMAND} -- --node-dir <folder>\`;`,
    `${GUIDE} ("The SQLite module for Electron") lists the files and how to verify them.`,
  ].join(' ');
}

// ---------------------------------------------------------------------------------------------
// facts of this checkout

const requireHere = createRequire(import.meta.url);

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

export function electronVersion(at = root) {
  const installed = join(at, 'node_modules', 'electron', 'package.json');
  if (existsSync(installed)) return readJson(installed).version;
  const declared = readJson(join(at, 'package.json')).devDependencies?.electron;
  if (typeof declared !== 'string' || !/^\d+\.\d+\.\d+$/.test(declared)) throw new Error('package.json does not pin an Electron version');
  return declared;
}

function moduleDir() {
  return dirname(requireHere.resolve(`${MODULE_NAME}/package.json`));
}

function prebuildInstallDir() {
  return dirname(createRequire(join(moduleDir(), 'package.json')).resolve('prebuild-install/package.json'));
}

/** The name and URL prebuild-install itself computes for this module, runtime electron. */
export function prebuiltFor(electron, platform, arch) {
  const fromPrebuild = createRequire(join(prebuildInstallDir(), 'package.json'));
  const { getAbi } = fromPrebuild('node-abi');
  const detectLibc = fromPrebuild('detect-libc');
  const util = fromPrebuild('./util.js');
  const pkg = readJson(join(moduleDir(), 'package.json'));
  const libc = platform === 'linux' && detectLibc.isNonGlibcLinuxSync() ? detectLibc.familySync() : '';
  const url = util.getDownloadUrl({ pkg, runtime: 'electron', target: electron, abi: getAbi(electron, 'electron'), platform, arch, libc, 'tag-prefix': 'v' });
  return { url, name: url.split('/').pop(), cached: util.cachedPrebuild(url) };
}

export function sha256Of(path) {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function recordPath(bindingPath) {
  return join(dirname(bindingPath), 'build-info.json');
}

function readRecord(bindingPath) {
  try {
    return readJson(recordPath(bindingPath));
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// doing

const say = (line) => process.stderr.write(`[electron-native] ${line}\n`);

/** Node's environment for a child, without npm's per-package settings (they name this app, not the module). */
function childEnv() {
  const env = { ...process.env };
  for (const name of Object.keys(env)) {
    if (/^npm_(package_|config_(runtime|target|arch|platform|build_from_source|disturl|dist_url)$)/i.test(name)) delete env[name];
  }
  return env;
}

/** Runs a command, its output passed through; resolves to the exit code and the last lines it wrote. */
function run(command, args, cwd) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    const tail = [];
    const pass = (stream, target) =>
      stream.on('data', (chunk) => {
        target.write(chunk);
        tail.push(...String(chunk).split('\n').filter((line) => line.trim() !== ''));
        tail.splice(0, Math.max(0, tail.length - 20));
      });
    pass(child.stdout, process.stderr);
    pass(child.stderr, process.stderr);
    child.on('error', (error) => resolve({ code: 1, tail: [error.message] }));
    child.on('close', (code) => resolve({ code: code ?? 1, tail }));
  });
}

/** A scratch copy of the module's package.json (and, for a source build, its sources). */
function scratchModule(withSources) {
  const scratch = mkdtempSync(join(tmpdir(), 'briefbook-electron-native-'));
  const from = moduleDir();
  copyFileSync(join(from, 'package.json'), join(scratch, 'package.json'));
  if (withSources) {
    for (const part of ['binding.gyp', 'src', 'deps']) cpSync(join(from, part), join(scratch, part), { recursive: true });
  }
  return scratch;
}

/** The line of a tool's output that says why it failed, in its own words. */
export function reasonFrom(tail, fallback) {
  const download = tail.find((line) => /^gyp http GET /.test(line));
  if (download && tail.some((line) => /network connectivity|ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN/.test(line))) {
    return `no network: ${download.replace(/^gyp http GET /, '')} could not be downloaded`;
  }
  const warned = [...tail].reverse().find((line) => /^prebuild-install (warn|error) /.test(line) || /^gyp ERR! (stack )?\w*Error:/.test(line));
  return (warned ?? tail[tail.length - 1] ?? fallback)
    .replace(/^prebuild-install (warn|error) (install )?/, '')
    .replace(/^gyp ERR! (stack )?/, '')
    .trim();
}

async function fromPrebuilt(wanted, options, prebuilt) {
  const scratch = scratchModule(false);
  let kept = false;
  try {
    if (options.tarball !== null) {
      const actual = sha256Of(options.tarball);
      if (actual !== options.sha256) {
        return { ok: false, why: `${options.tarball} has SHA-256 ${actual}, not the ${options.sha256} given` };
      }
      say(`${options.tarball}: SHA-256 ${actual} matches`);
      // prebuild-install looks in ./prebuilds for a local copy of exactly this name before any download
      mkdirSync(join(scratch, 'prebuilds'));
      copyFileSync(options.tarball, join(scratch, 'prebuilds', prebuilt.name));
    } else {
      say(`fetching ${prebuilt.name} with prebuild-install (the module's own installer)`);
    }
    const bin = join(prebuildInstallDir(), 'bin.js');
    const args = [bin, '--runtime', 'electron', '--target', wanted.electron, '--arch', wanted.arch, '--platform', wanted.platform, '--verbose'];
    if (options.tarball === null) args.push('--nolocal');
    const result = await run(process.execPath, args, scratch);
    const built = join(scratch, 'build', 'Release', BINDING_FILE);
    if (result.code !== 0 || !existsSync(built)) return { ok: false, why: reasonFrom(result.tail, 'no .node file in the tarball') };
    const tarballSha256 = options.tarball !== null ? options.sha256 : existsSync(prebuilt.cached) ? sha256Of(prebuilt.cached) : null;
    kept = true;
    return { ok: true, file: built, scratch, source: { kind: 'prebuilt', tarball: prebuilt.name, url: options.tarball === null ? prebuilt.url : null, tarballSha256 } };
  } finally {
    // on success the scratch folder goes once the file is copied into place (see install)
    if (!kept) rmSync(scratch, { recursive: true, force: true });
  }
}

async function fromSource(wanted, options) {
  say(`building ${MODULE_NAME} from source against Electron ${wanted.electron}'s headers (${options.nodeDir ?? ELECTRON_HEADERS_URL}); this takes a few minutes`);
  const scratch = scratchModule(true);
  const nodeGyp = join(dirname(requireHere.resolve('node-gyp/package.json')), 'bin', 'node-gyp.js');
  const result = await run(process.execPath, [nodeGyp, ...nodeGypArgs({ electron: wanted.electron, arch: wanted.arch, nodeDir: options.nodeDir })], scratch);
  const built = join(scratch, 'build', 'Release', BINDING_FILE);
  if (result.code !== 0 || !existsSync(built)) {
    rmSync(scratch, { recursive: true, force: true });
    return { ok: false, why: reasonFrom(result.tail, `node-gyp exited with ${result.code}`) };
  }
  return { ok: true, file: built, scratch, source: { kind: 'source', headers: options.nodeDir ?? `${ELECTRON_HEADERS_URL}/v${wanted.electron}` } };
}

/** Copies the new build into place beside a temp name first, so a half-copied file is never used. */
function install(target, obtained, wanted) {
  mkdirSync(dirname(target), { recursive: true });
  const partial = `${target}.partial`;
  copyFileSync(obtained.file, partial);
  renameSync(partial, target);
  const record = { module: MODULE_NAME, ...wanted, sha256: sha256Of(target), source: obtained.source };
  writeFileSync(`${recordPath(target)}.partial`, `${JSON.stringify(record, null, 2)}\n`);
  renameSync(`${recordPath(target)}.partial`, recordPath(target));
  rmSync(obtained.scratch, { recursive: true, force: true });
  return record;
}

/**
 * Makes sure the Electron build is in place for each architecture asked for.
 * @returns {Promise<{ ok: true } | { ok: false, message: string }>}
 */
export async function ensureElectronNative(options, { at = root, platform = process.platform, hostArch = process.arch } = {}) {
  const electron = electronVersion(at);
  const moduleVersion = readJson(join(moduleDir(), 'package.json')).version;
  for (const arch of archesToFetch(platform, hostArch, options.forPackage, options.arches)) {
    const wanted = { moduleVersion, electron, platform, arch };
    const target = sourceBindingPath(at, electron, platform, arch);
    const shown = relative(at, target);
    if (!options.force && buildIsCurrent(readRecord(target), wanted, existsSync(target) ? sha256Of(target) : null)) {
      say(`${shown} is ready (${MODULE_NAME} ${moduleVersion}, Electron ${electron})`);
      continue;
    }
    say(`${MODULE_NAME} ${moduleVersion} for Electron ${electron} (${platform}-${arch}) goes to ${shown}`);
    const prebuilt = prebuiltFor(electron, platform, arch);
    const failures = [];
    let obtained = await fromPrebuilt(wanted, options, prebuilt);
    if (!obtained.ok) {
      failures.push({ what: options.tarball === null ? `the prebuilt download (${prebuilt.name})` : `the carried tarball`, why: obtained.why });
      if (options.sourceBuild && options.tarball === null) {
        obtained = await fromSource(wanted, options);
        if (!obtained.ok) failures.push({ what: 'the source build', why: obtained.why });
      }
    }
    if (!obtained.ok) {
      return { ok: false, message: unavailableMessage({ electron, platform, arch, tarballName: prebuilt.name, headersName: `node-v${electron}-headers.tar.gz`, failures }) };
    }
    const record = install(target, obtained, wanted);
    say(`${shown} is in place: SHA-256 ${record.sha256} (${record.source.kind})`);
  }
  return { ok: true };
}

async function main(argv) {
  let options;
  try {
    options = parseArgs(argv);
  } catch (error) {
    process.stderr.write(`electron-native: ${error.message}\n`);
    return 2;
  }
  const outcome = await ensureElectronNative(options);
  if (outcome.ok) return 0;
  process.stderr.write(`\n${outcome.message}\n`);
  return 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      console.error(`electron-native: ${error.message}`);
      process.exitCode = 1;
    },
  );
}
