/**
 * Packaging and start-up for secured sites, tested without the Electron binary: the
 * electron-builder configuration as electron-builder itself reads and validates it (fuses of
 * SECURITY.md SEC-9, targets, asar, native rebuild, no update feed), and `npm start` where
 * Electron is missing (a clear message, no download, no stack trace) or supplied locally.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './source-files';

const require = createRequire(import.meta.url);

interface TargetEntry {
  target: string;
  arch?: string[];
}

interface BuilderConfig {
  appId?: string;
  productName?: string;
  files?: { filter?: string[] }[];
  asar?: boolean;
  asarUnpack?: string[];
  npmRebuild?: boolean;
  buildDependenciesFromSource?: boolean;
  electronFuses?: Record<string, boolean>;
  publish?: unknown;
  electronDist?: unknown;
  linux?: { target?: TargetEntry[] };
  win?: { target?: TargetEntry[] };
  mac?: { target?: TargetEntry[]; hardenedRuntime?: boolean };
  nsis?: { deleteAppDataOnUninstall?: boolean; oneClick?: boolean };
}

let config: BuilderConfig;

beforeAll(async () => {
  // electron-builder's own loader and schema check, on the file it would use
  const { getConfig, validateConfiguration } = require(join(REPO_ROOT, 'node_modules', 'app-builder-lib', 'out', 'util', 'config', 'config.js'));
  const { DebugLogger } = require(join(REPO_ROOT, 'node_modules', 'builder-util'));
  config = await getConfig(REPO_ROOT, null, null);
  await validateConfiguration(config, new DebugLogger(false));
}, 60_000);

describe('electron-builder configuration', () => {
  it('sets every SEC-9 fuse', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      grantFileProtocolExtraPrivileges: false,
      enableCookieEncryption: true,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      loadBrowserProcessSpecificV8Snapshot: false,
    });
  });

  it('packs the app into an asar archive, unpacking only the native module', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(['node_modules/better-sqlite3-multiple-ciphers/**/*.node']);
  });

  it('rebuilds better-sqlite3-multiple-ciphers for Electron, from source', () => {
    expect(config.npmRebuild).toBe(true);
    expect(config.buildDependenciesFromSource).toBe(true);
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(pkg.dependencies).toHaveProperty('better-sqlite3-multiple-ciphers');
  });

  it('builds AppImage and .deb for Linux, NSIS for Windows, dmg for macOS', () => {
    expect(config.linux?.target?.map((t) => t.target)).toEqual(['AppImage', 'deb']);
    expect(config.win?.target?.map((t) => t.target)).toEqual(['nsis']);
    expect(config.mac?.target?.map((t) => t.target)).toEqual(['dmg']);
    expect(config.mac?.hardenedRuntime).toBe(true);
    expect(config.nsis?.deleteAppDataOnUninstall).toBe(false);
  });

  it('publishes nowhere and adds no update feed', () => {
    expect(config.publish).toBeNull();
  });

  it('ships the build and resources, not the sources', () => {
    const filter = config.files?.flatMap((f) => f.filter ?? []) ?? [];
    expect(filter).toEqual(expect.arrayContaining(['package.json', 'out/**/*', 'resources/**/*', '!**/*.map']));
    expect(filter.some((pattern) => /^(src|electron|tests)\//.test(pattern))).toBe(false);
    expect(config.electronDist).toBeUndefined();
  });

  it('the package.json main entry is the built main process', () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { main: string; scripts: Record<string, string> };
    expect(pkg.main).toBe('out/main/index.js');
    expect(pkg.scripts.package).toMatch(/^electron-vite build && electron-builder --config electron-builder\.yml/);
    expect(pkg.scripts.start).toBe('node scripts/start.mjs');
    // packaging needs the Electron binary: never part of the test run
    expect(pkg.scripts.test).not.toMatch(/electron-builder|npm run package/);
  });
});

describe('npm start', () => {
  let work: string;
  const script = join(REPO_ROOT, 'scripts', 'start.mjs');
  const distFolder = join(REPO_ROOT, 'node_modules', 'electron', 'dist');
  const hadDist = existsSync(distFolder);

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'briefbook-start-'));
  });

  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
  });

  it.skipIf(hadDist)('without the Electron binary, explains what to do and exits 1, without downloading', () => {
    const env: Record<string, string | undefined> = { ...process.env, electron_config_cache: join(work, 'electron-cache') };
    delete env.ELECTRON_OVERRIDE_DIST_PATH;
    const run = spawnSync(process.execPath, [script], { cwd: REPO_ROOT, env, encoding: 'utf8', timeout: 30_000 });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('docs/air-gapped-install.md');
    expect(run.stderr).toContain('npm run demo');
    expect(run.stderr).toContain('ELECTRON_OVERRIDE_DIST_PATH');
    expect(run.stderr).not.toMatch(/\n\s+at \S+ \(|Downloading Electron|RequestError|ENOTFOUND/);
    expect(existsSync(distFolder)).toBe(false);
    expect(existsSync(join(work, 'electron-cache'))).toBe(false);
  });

  it('says where it looked when ELECTRON_OVERRIDE_DIST_PATH points at nothing', () => {
    const run = spawnSync(process.execPath, [script], {
      cwd: REPO_ROOT,
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: join(work, 'no-electron-here') },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('ELECTRON_OVERRIDE_DIST_PATH is set, but there is no Electron executable');
    expect(run.stderr).toContain('docs/air-gapped-install.md');
  });

  it.runIf(process.platform === 'linux')('with a local Electron (ELECTRON_OVERRIDE_DIST_PATH), starts it on the app folder', () => {
    const dist = join(work, 'electron-dist');
    mkdirSync(dist);
    const record = join(work, 'launched.json');
    // a stand-in for the Electron executable: records how it was started
    writeFileSync(
      join(dist, 'electron'),
      `#!${process.execPath}\nrequire('fs').writeFileSync(${JSON.stringify(record)}, JSON.stringify({ args: process.argv.slice(2), runAsNode: process.env.ELECTRON_RUN_AS_NODE ?? null }));\n`,
    );
    chmodSync(join(dist, 'electron'), 0o755);
    execFileSync(process.execPath, [script, '--skip-build', '--', '--lang=ko'], {
      cwd: REPO_ROOT,
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: dist, ELECTRON_RUN_AS_NODE: '1' },
      stdio: 'pipe',
      timeout: 30_000,
    });
    const launched = JSON.parse(readFileSync(record, 'utf8')) as { args: string[]; runAsNode: string | null };
    expect(launched.args).toEqual([REPO_ROOT.replace(/\/$/, ''), '--lang=ko']);
    expect(launched.runAsNode).toBeNull();
  });
});
