#!/usr/bin/env node
// The compiled command line (docs/cli.md): `npm run -s briefbook` and `npm run demo` run
// JavaScript bundled by esbuild into out/cli/, never the TypeScript through tsx. The bundle is
// never stale: next to it, out/cli/current.json lists every source file that went into it with
// its size and modification time; the launcher stats those files (about a hundred, a few ms)
// and rebuilds before running when any differs or is gone. `npm ci` builds it through the
// `prepare` script; `node scripts/cli-build.mjs` builds it by hand.
//
// npm packages are bundled too (read as one file instead of hundreds of modules), except the
// SQLite native module, which loads from node_modules; each command's code is its own chunk,
// imported when that command runs. Code that finds files beside its source through
// `import.meta.url` (the fonts, the migrations, the sample book) is given its source file's
// place, relative to the bundle, so it finds them from out/cli/ as well.

/* global process -- a Node script; the lint config gives Node globals to tests and configs only */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { lazyPackagesPlugin } from './lazy-packages.mjs';

/** The repository this script belongs to; tests point the functions below at a copy. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The programs in the bundle: name → source, relative to the root. */
export const CLI_ENTRIES = { index: 'electron/cli/index.ts', demo: 'electron/cli/demo.ts' };

const MANIFEST = 'current.json';
/** packages that stay in node_modules and load from there (native code) */
const NATIVE_PACKAGES = ['better-sqlite3-multiple-ciphers'];
/**
 * Builds kept in out/cli: the newest three, and any younger than ten minutes (one being written
 * by a concurrent launcher, or one a command still running loads its chunks from).
 */
const KEEP_BUILDS = 3;
const KEEP_YOUNGER_MS = 10 * 60 * 1000;

export function cliOutDir(root = ROOT) {
  return join(root, 'out', 'cli');
}

/** This script is part of every build's input: a change to how the bundle is made rebuilds it. */
const SELF = relative(ROOT, fileURLToPath(import.meta.url)).split(sep).join('/');
/** and so is the plugin that keeps some packages out of the start (lazy-packages.mjs) */
const LAZY_PACKAGES = 'scripts/lazy-packages.mjs';

function readManifest(root) {
  try {
    return JSON.parse(readFileSync(join(cliOutDir(root), MANIFEST), 'utf8'));
  } catch {
    return null;
  }
}

/** The folder of the current build when every one of its sources is as it was; else null. */
export function currentBuild(root = ROOT) {
  const manifest = readManifest(root);
  if (manifest === null || typeof manifest.build !== 'string' || typeof manifest.inputs !== 'object' || manifest.inputs === null) return null;
  for (const [file, recorded] of Object.entries(manifest.inputs)) {
    const stat = statSync(join(root, file), { throwIfNoEntry: false });
    if (stat === undefined || !Array.isArray(recorded) || stat.size !== recorded[0] || stat.mtimeMs !== recorded[1]) return null;
  }
  return join(cliOutDir(root), manifest.build);
}

/** Gives code that uses `import.meta.url` its source file's location instead of the bundle's. */
function sourceLocationPlugin(buildDir) {
  return {
    name: 'source-location',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, (args) => {
        const text = readFileSync(args.path, 'utf8');
        if (!text.includes('import.meta.url')) return { contents: text, loader: 'ts' };
        const fromBundle = relative(buildDir, args.path).split(sep).join('/');
        return { contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`), loader: 'ts' };
      });
    },
  };
}

/**
 * Bundles the command line into a new folder of out/cli and makes it the current build (the
 * manifest is replaced in one rename, so a concurrent launcher sees the old build or the new).
 * Returns the new build's folder.
 */
export async function buildCli(root = ROOT) {
  const { build } = await import('esbuild');
  const outDir = cliOutDir(root);
  mkdirSync(outDir, { recursive: true });
  const name = `build-${Date.now().toString(36)}-${process.pid}`;
  const buildDir = join(outDir, name);
  const started = Date.now();
  const result = await build({
    absWorkingDir: root,
    entryPoints: Object.fromEntries(Object.entries(CLI_ENTRIES).map(([entry, source]) => [entry, join(root, source)])),
    outdir: buildDir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // the SQLite native module finds its compiled binding beside its own files: it stays in
    // node_modules; every other package is bundled (one file to read instead of hundreds)
    external: NATIVE_PACKAGES,
    mainFields: ['module', 'main'],
    // a bundled CommonJS package that requires a Node module ('fs', 'zlib') needs `require` here
    banner: { js: "import { createRequire as __briefbookRequire } from 'node:module'; const require = __briefbookRequire(import.meta.url);" },
    entryNames: '[name]',
    chunkNames: 'chunk-[hash]',
    metafile: true,
    logLevel: 'silent',
    plugins: [sourceLocationPlugin(buildDir), lazyPackagesPlugin()],
  });
  const inputs = {};
  for (const file of watchedFiles(root, Object.keys(result.metafile.inputs))) {
    const stat = statSync(join(root, file));
    // a file changed while it was being bundled may not be in the bundle as it is now: record it
    // so that the next run rebuilds
    inputs[file] = [stat.size, stat.mtimeMs >= started - 50 && stat.mtimeMs <= Date.now() + 50 ? -1 : stat.mtimeMs];
  }
  const manifestPath = join(outDir, MANIFEST);
  const temporary = `${manifestPath}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify({ build: name, inputs }, null, 1)}\n`);
  renameSync(temporary, manifestPath);
  pruneBuilds(outDir, name);
  return buildDir;
}

/**
 * The files whose change makes the bundle stale: every source file of ours that went into it,
 * this script, and for the bundled packages their package.json files and npm's record of the
 * installed tree (node_modules/.package-lock.json, rewritten by every `npm ci` or `npm install`):
 * a few files for a package instead of each of its hundreds of modules.
 */
function watchedFiles(root, bundled) {
  const files = new Set([SELF, LAZY_PACKAGES]);
  for (const file of bundled) {
    // a module the lazy-packages plugin made (its namespace before the colon) is no file
    if (file.startsWith('lazy-package:')) continue;
    const inPackage = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(file);
    if (inPackage === null) files.add(file);
    else files.add(`${inPackage[1]}/package.json`);
  }
  if (statSync(join(root, 'node_modules/.package-lock.json'), { throwIfNoEntry: false }) !== undefined) files.add('node_modules/.package-lock.json');
  return [...files].sort();
}

function pruneBuilds(outDir, current) {
  const builds = readdirSync(outDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name.startsWith('build-') && entry.name !== current)
    .map((entry) => ({ path: join(outDir, entry.name), mtimeMs: statSync(join(outDir, entry.name)).mtimeMs }))
    .sort((a, b) => b.mtimeMs - a.mtimeMs);
  const now = Date.now();
  for (const old of builds.slice(KEEP_BUILDS - 1)) {
    if (now - old.mtimeMs > KEEP_YOUNGER_MS) rmSync(old.path, { recursive: true, force: true });
  }
}

/** The current build's folder, built first when there is none or a source changed. */
export async function ensureCliBuilt(root = ROOT) {
  return currentBuild(root) ?? (await buildCli(root));
}

/** Builds when needed, then runs program `entry` of the bundle (its own argv and exit code). */
export async function runBuiltCli(entry, root = ROOT) {
  let dir;
  try {
    dir = await ensureCliBuilt(root);
  } catch (error) {
    const messages = Array.isArray(error?.errors) && error.errors.length > 0
      ? error.errors.map((e) => `${e.location ? `${e.location.file}:${e.location.line}:${e.location.column}: ` : ''}${e.text}`).join('\n')
      : String(error?.message ?? error);
    process.stderr.write(`briefbook: the command line could not be built from its sources:\n${messages}\n`);
    process.exitCode = 1;
    return;
  }
  await import(pathToFileURL(join(dir, `${entry}.js`)).href);
}

if (process.argv[1] !== undefined && pathToFileURL(process.argv[1]).href === import.meta.url) {
  const dir = await ensureCliBuilt();
  process.stdout.write(`briefbook command line: ${relative(process.cwd(), dir) || dir}\n`);
}
