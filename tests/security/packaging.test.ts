/**
 * Packaging and start-up for secured sites, tested without the Electron binary: the
 * electron-builder configuration as electron-builder itself reads and validates it (fuses of
 * docs/security.md SEC-9, targets, asar, the SQLite build for Electron shipped beside the archive
 * without rebuilding node_modules in place, no update feed), and `npm start` where Electron is
 * missing (a clear message, no download, no stack trace) or supplied locally.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindingRelativePath, PACKAGED_FOLDER, SOURCE_FOLDER } from '../../electron/store/native-layout.mjs';
import { sqliteNativeBinding } from '../../electron/store/native-binding';
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
  extraResources?: { from: string; to: string; filter?: string[] }[];
  npmRebuild?: boolean;
  buildDependenciesFromSource?: boolean;
  nativeRebuilder?: unknown;
  beforeBuild?: unknown;
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

  it('packs the app into an asar archive, with nothing native loaded from inside it', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toBeUndefined();
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
    // out/ also holds the command line's bundle and the demo's PDFs: neither is the app
    expect(filter).toEqual(expect.arrayContaining(['!out/cli/**', '!out/demo/**']));
    expect(filter.some((pattern) => /^(src|electron|tests)\//.test(pattern))).toBe(false);
    expect(config.electronDist).toBeUndefined();
  });

  it('the package.json main entry is the built main process', () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { main: string; scripts: Record<string, string> };
    expect(pkg.main).toBe('out/main/index.js');
    expect(pkg.scripts.package).toMatch(/^node scripts\/electron-native\.mjs --package && electron-vite build && electron-builder --config electron-builder\.yml/);
    expect(pkg.scripts.start).toBe('node scripts/start.mjs');
    // packaging needs the Electron binary: never part of the test run
    expect(pkg.scripts.test).not.toMatch(/electron-builder|npm run package/);
  });
});

describe('the SQLite module for Electron, beside the Node build', () => {
  const pkg = () => JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string>; dependencies: Record<string, string> };

  it('packaging never rebuilds node_modules in place', () => {
    expect(pkg().dependencies).toHaveProperty('better-sqlite3-multiple-ciphers');
    expect(config.npmRebuild).toBe(false);
    expect(config.buildDependenciesFromSource).toBeUndefined();
    expect(config.nativeRebuilder).toBeUndefined();
    expect(config.beforeBuild).toBeUndefined();
    for (const [name, command] of Object.entries(pkg().scripts)) {
      expect(command, `npm script ${name}`).not.toMatch(/electron-rebuild|@electron\/rebuild|install-app-deps|npm rebuild|node-gyp rebuild/);
    }
  });

  it('ships neither the SQLite module’s sources nor its build for Node’s ABI, only the Electron build', () => {
    const filter = config.files?.flatMap((f) => f.filter ?? []) ?? [];
    expect(filter).toEqual(
      expect.arrayContaining(['!**/node_modules/better-sqlite3-multiple-ciphers/{build,deps,src}/**', '!**/node_modules/better-sqlite3-multiple-ciphers/binding.gyp']),
    );
  });

  it('npm run package fetches the Electron build before electron-builder runs', () => {
    const steps = pkg().scripts.package.split('&&').map((step) => step.trim());
    expect(steps.indexOf('node scripts/electron-native.mjs --package')).toBe(0);
    expect(steps.findIndex((step) => step.startsWith('electron-builder'))).toBeGreaterThan(0);
    expect(pkg().scripts['electron-native']).toBe('node scripts/electron-native.mjs');
  });

  it('ships the Electron build beside app.asar, where the packaged main process looks for it', async () => {
    expect(config.extraResources).toEqual([{ from: SOURCE_FOLDER.split('\\').join('/'), to: PACKAGED_FOLDER, filter: ['*/${platform}-${arch}/better_sqlite3.node'] }]);
    // electron-builder's own matcher over a folder laid out as scripts/electron-native.mjs leaves it
    const { FileMatcher } = require(join(REPO_ROOT, 'node_modules', 'app-builder-lib', 'out', 'fileMatcher.js'));
    const folder = mkdtempSync(join(tmpdir(), 'briefbook-extra-'));
    try {
      const built = ['linux-x64', 'darwin-x64', 'darwin-arm64', 'win32-x64'];
      for (const target of built) {
        const [platform, arch] = target.split('-');
        const file = join(folder, bindingRelativePath('45.5.0', platform, arch));
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, 'stand-in');
        writeFileSync(join(dirname(file), 'build-info.json'), '{}');
      }
      const shipped = (arch: string) => {
        const entry = config.extraResources![0];
        const expand = (pattern: string) => pattern.replace('${platform}', process.platform).replace('${arch}', arch);
        const filter = new FileMatcher(folder, entry.to, expand, entry.filter).createFilter();
        const files: string[] = [];
        const walk = (dir: string) => {
          for (const name of readdirSync(dir)) {
            const full = join(dir, name);
            const stat = statSync(full);
            if (!filter(full, stat)) continue;
            if (stat.isDirectory()) walk(full);
            else files.push(relative(folder, full));
          }
        };
        walk(folder);
        return files;
      };
      expect(shipped('x64')).toEqual([bindingRelativePath('45.5.0', process.platform, 'x64')]);
      if (process.platform === 'darwin') expect(shipped('arm64')).toEqual([bindingRelativePath('45.5.0', 'darwin', 'arm64')]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
    // and the packaged app's main process resolves exactly that place under its resources folder
    const resources = join(tmpdir(), 'Briefbook', 'resources');
    expect(
      sqliteNativeBinding({ electronVersion: '45.5.0', platform: process.platform, arch: 'x64', appRoot: join(resources, 'app.asar'), resourcesPath: resources, packaged: true }, () => true),
    ).toBe(join(resources, config.extraResources![0].to, bindingRelativePath('45.5.0', process.platform, 'x64')));
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
    execFileSync(process.execPath, [script, '--skip-build', '--skip-native', '--', '--lang=ko'], {
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
