/**
 * scripts/electron-native.mjs: the SQLite module for Electron's ABI beside Node's. Its decisions
 * (pure), the carried-tarball path end to end through prebuild-install (no network needed), and
 * the offline failure: one paragraph, exit 1, nothing written, Node's build untouched.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourceBindingPath } from '../../electron/store/native-layout.mjs';
import { REPO_ROOT } from '../security/source-files';

interface Options {
  forPackage: boolean;
  arches: string[];
  tarball: string | null;
  sha256: string | null;
  nodeDir: string | null;
  sourceBuild: boolean;
  force: boolean;
}
interface Wanted {
  moduleVersion: string;
  electron: string;
  platform: string;
  arch: string;
}
interface Script {
  parseArgs(argv: string[]): Options;
  archesToFetch(platform: string, hostArch: string, forPackage: boolean, asked?: string[]): string[];
  buildIsCurrent(record: (Wanted & { module: string; sha256: string }) | null, wanted: Wanted, actual: string | null): boolean;
  nodeGypArgs(o: { electron: string; arch: string; nodeDir: string | null }): string[];
  prebuiltFor(electron: string, platform: string, arch: string): { url: string; name: string };
  reasonFrom(tail: string[], fallback: string): string;
  unavailableMessage(o: { electron: string; platform: string; arch: string; tarballName: string; headersName: string; failures: { what: string; why: string }[] }): string;
  ensureElectronNative(options: Options, where: { at: string; platform?: string; hostArch?: string }): Promise<{ ok: true } | { ok: false; message: string }>;
}

const SCRIPT = join(REPO_ROOT, 'scripts', 'electron-native.mjs');
let script: Script;
const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');
const MODULE_VERSION = (createRequire(import.meta.url)('better-sqlite3-multiple-ciphers/package.json') as { version: string }).version;
const NODE_BUILD = join(dirname(createRequire(import.meta.url).resolve('better-sqlite3-multiple-ciphers/package.json')), 'build', 'Release', 'better_sqlite3.node');

beforeAll(async () => {
  script = (await import(pathToFileURL(SCRIPT).href)) as Script;
});

describe('decisions', () => {
  it('reads its command line, refusing an unchecked tarball and unknown switches', () => {
    expect(script.parseArgs([])).toEqual({ forPackage: false, arches: [], tarball: null, sha256: null, nodeDir: null, sourceBuild: true, force: false });
    const digest = 'AB'.repeat(32);
    expect(script.parseArgs(['--tarball', 't.tar.gz', '--sha256', digest, '--arch', 'arm64'])).toMatchObject({ tarball: 't.tar.gz', sha256: digest.toLowerCase(), arches: ['arm64'] });
    expect(() => script.parseArgs(['--tarball', 't.tar.gz'])).toThrow(/--sha256/);
    expect(() => script.parseArgs(['--tarball', 't.tar.gz', '--sha256', 'abc'])).toThrow(/64 hexadecimal/);
    expect(() => script.parseArgs(['--arch', 'sparc'])).toThrow(/sparc/);
    expect(() => script.parseArgs(['--arch'])).toThrow(/--arch needs a value/);
    expect(() => script.parseArgs(['--fetch-everything'])).toThrow(/unknown option --fetch-everything/);
  });

  it('provides this machine’s architecture, both Mac ones for a Mac package, or those asked for', () => {
    expect(script.archesToFetch('linux', 'x64', false)).toEqual(['x64']);
    expect(script.archesToFetch('linux', 'x64', true)).toEqual(['x64']);
    expect(script.archesToFetch('win32', 'x64', true)).toEqual(['x64']);
    expect(script.archesToFetch('darwin', 'arm64', false)).toEqual(['arm64']);
    expect(script.archesToFetch('darwin', 'arm64', true)).toEqual(['x64', 'arm64']);
    expect(script.archesToFetch('darwin', 'arm64', true, ['arm64', 'arm64'])).toEqual(['arm64']);
  });

  it('uses a build in place only when it is recorded for this module, this Electron, and unchanged', () => {
    const wanted = { moduleVersion: '12.11.1', electron: '45.5.0', platform: 'linux', arch: 'x64' };
    const record = { module: 'better-sqlite3-multiple-ciphers', ...wanted, sha256: 'f'.repeat(64) };
    expect(script.buildIsCurrent(record, wanted, 'f'.repeat(64))).toBe(true);
    expect(script.buildIsCurrent(record, wanted, null)).toBe(false);
    expect(script.buildIsCurrent(null, wanted, 'f'.repeat(64))).toBe(false);
    expect(script.buildIsCurrent(record, wanted, 'e'.repeat(64))).toBe(false);
    expect(script.buildIsCurrent(record, { ...wanted, moduleVersion: '12.12.0' }, 'f'.repeat(64))).toBe(false);
    expect(script.buildIsCurrent(record, { ...wanted, electron: '46.0.0' }, 'f'.repeat(64))).toBe(false);
    expect(script.buildIsCurrent(record, { ...wanted, arch: 'arm64' }, 'f'.repeat(64))).toBe(false);
  });

  it('names the prebuilt tarball as prebuild-install does, for runtime electron, per platform', () => {
    const v = MODULE_VERSION;
    const linux = script.prebuiltFor('45.5.0', 'linux', 'x64');
    expect(linux.name).toMatch(new RegExp(`^better-sqlite3-multiple-ciphers-v${v.replace(/\./g, '\\.')}-electron-v\\d+-linux-x64\\.tar\\.gz$`));
    expect(linux.url).toBe(`https://github.com/m4heshd/better-sqlite3-multiple-ciphers/releases/download/v${v}/${linux.name}`);
    expect(script.prebuiltFor('45.5.0', 'win32', 'x64').name).toBe(linux.name.replace('linux-x64', 'win32-x64'));
    expect(script.prebuiltFor('45.5.0', 'darwin', 'arm64').name).toBe(linux.name.replace('linux-x64', 'darwin-arm64'));
  });

  it('builds from source against Electron’s headers, from a carried folder when given', () => {
    expect(script.nodeGypArgs({ electron: '45.5.0', arch: 'x64', nodeDir: null })).toEqual([
      'rebuild',
      '--release',
      '--target=45.5.0',
      '--arch=x64',
      '--runtime=electron',
      '--dist-url=https://electronjs.org/headers',
    ]);
    expect(script.nodeGypArgs({ electron: '45.5.0', arch: 'arm64', nodeDir: '/media/headers' })).toContain('--nodedir=/media/headers');
  });

  it('says why a tool failed in its own words', () => {
    expect(script.reasonFrom(['prebuild-install info begin', 'prebuild-install warn install getaddrinfo ENOTFOUND github.com'], 'x')).toBe('getaddrinfo ENOTFOUND github.com');
    expect(
      script.reasonFrom(['gyp http GET https://electronjs.org/headers/v45.5.0/node-v45.5.0-headers.tar.gz', 'gyp ERR! stack is related to network connectivity. In most cases'], 'x'),
    ).toBe('no network: https://electronjs.org/headers/v45.5.0/node-v45.5.0-headers.tar.gz could not be downloaded');
    expect(script.reasonFrom([], 'node-gyp exited with 1')).toBe('node-gyp exited with 1');
  });

  it('explains a failure in one paragraph that names the files, the command and the guide', () => {
    const message = script.unavailableMessage({
      electron: '45.5.0',
      platform: 'linux',
      arch: 'x64',
      tarballName: 'better-sqlite3-multiple-ciphers-v12.11.1-electron-v150-linux-x64.tar.gz',
      headersName: 'node-v45.5.0-headers.tar.gz',
      failures: [{ what: 'the prebuilt download', why: 'getaddrinfo ENOTFOUND github.com' }],
    });
    expect(message).not.toContain('\n');
    expect(message).toContain('Electron 45.5.0 (linux-x64)');
    expect(message).toContain('the prebuilt download failed (getaddrinfo ENOTFOUND github.com)');
    expect(message).toContain('better-sqlite3-multiple-ciphers-v12.11.1-electron-v150-linux-x64.tar.gz');
    expect(message).toContain('npm run electron-native -- --tarball <file> --sha256 <hex>');
    expect(message).toContain('node-v45.5.0-headers.tar.gz');
    expect(message).toContain('docs/air-gapped-install.md');
  });
});

describe('getting the module', () => {
  let work: string;
  let root: string;
  let nodeBuildBefore: string;

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'briefbook-native-'));
    // a checkout with Electron 45.5.0 declared (the electron package itself is not needed)
    root = join(work, 'checkout');
    mkdirSync(root);
    writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'checkout', devDependencies: { electron: '45.5.0' } }));
    nodeBuildBefore = sha256(readFileSync(NODE_BUILD));
  });

  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
  });

  function carriedTarball(content: string): { file: string; digest: string } {
    // laid out as the module's prebuilt tarballs are: build/Release/better_sqlite3.node
    const staging = join(work, `staging-${sha256(content).slice(0, 8)}`);
    mkdirSync(join(staging, 'build', 'Release'), { recursive: true });
    writeFileSync(join(staging, 'build', 'Release', 'better_sqlite3.node'), content);
    const file = join(work, `carried-${sha256(content).slice(0, 8)}.tar.gz`);
    execFileSync('tar', ['-czf', file, '-C', staging, 'build']);
    return { file, digest: sha256(readFileSync(file)) };
  }

  it.runIf(process.platform !== 'win32')('a carried tarball with the right SHA-256 is unpacked into its own folder, recorded, then reused', async () => {
    const tarball = carriedTarball('electron abi stand-in');
    const options = { ...script.parseArgs(['--tarball', tarball.file, '--sha256', tarball.digest]) };
    const outcome = await script.ensureElectronNative(options, { at: root, platform: 'linux', hostArch: 'x64' });
    expect(outcome).toEqual({ ok: true });
    const placed = sourceBindingPath(root, '45.5.0', 'linux', 'x64');
    expect(readFileSync(placed, 'utf8')).toBe('electron abi stand-in');
    const record = JSON.parse(readFileSync(join(dirname(placed), 'build-info.json'), 'utf8')) as Record<string, unknown>;
    expect(record).toMatchObject({
      module: 'better-sqlite3-multiple-ciphers',
      moduleVersion: MODULE_VERSION,
      electron: '45.5.0',
      platform: 'linux',
      arch: 'x64',
      sha256: sha256('electron abi stand-in'),
      source: { kind: 'prebuilt', tarballSha256: tarball.digest, url: null },
    });
    // a second run finds it in place and fetches nothing (no tarball given, no network used)
    const again = await script.ensureElectronNative(script.parseArgs(['--no-source-build']), { at: root, platform: 'linux', hostArch: 'x64' });
    expect(again).toEqual({ ok: true });
    expect(sha256(readFileSync(NODE_BUILD))).toBe(nodeBuildBefore);
  });

  it.runIf(process.platform !== 'win32')('a carried tarball with another SHA-256 is refused and nothing is written', async () => {
    const tarball = carriedTarball('tampered');
    const at = join(work, 'other-checkout');
    mkdirSync(at);
    writeFileSync(join(at, 'package.json'), JSON.stringify({ name: 'checkout', devDependencies: { electron: '45.5.0' } }));
    const outcome = await script.ensureElectronNative(script.parseArgs(['--tarball', tarball.file, '--sha256', 'a'.repeat(64)]), { at, platform: 'linux', hostArch: 'x64' });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.message).toContain(`has SHA-256 ${tarball.digest}, not the ${'a'.repeat(64)} given`);
    expect(existsSync(join(at, 'node_modules'))).toBe(false);
  });

  it('offline: one paragraph on stderr, exit 1, nothing written, Node’s build untouched', () => {
    const at = join(work, 'offline-checkout');
    // a copy of the script in a checkout of its own, so the repository's node_modules is never written
    mkdirSync(join(at, 'scripts'), { recursive: true });
    mkdirSync(join(at, 'electron', 'store'), { recursive: true });
    writeFileSync(join(at, 'package.json'), JSON.stringify({ name: 'checkout', devDependencies: { electron: '45.5.0' } }));
    writeFileSync(join(at, 'scripts', 'electron-native.mjs'), readFileSync(SCRIPT));
    writeFileSync(join(at, 'electron', 'store', 'native-layout.mjs'), readFileSync(join(REPO_ROOT, 'electron', 'store', 'native-layout.mjs')));
    // the module resolves from the repository; its download goes to a port nobody listens on
    const env = {
      ...process.env,
      NODE_PATH: join(REPO_ROOT, 'node_modules'),
      npm_config_cache: join(work, 'empty-npm-cache'),
      npm_config_better_sqlite3_multiple_ciphers_binary_host: 'http://127.0.0.1:9',
    };
    const run = spawnSync(process.execPath, [join(at, 'scripts', 'electron-native.mjs'), '--no-source-build'], { cwd: at, env, encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(1);
    const paragraph = run.stderr.trim().split('\n').pop() ?? '';
    expect(paragraph).toMatch(/^Briefbook cannot open its window yet: the SQLite module built for Electron 45\.5\.0/);
    expect(paragraph).toMatch(/the prebuilt download \(better-sqlite3-multiple-ciphers-v[\d.]+-electron-v\d+-[a-z0-9]+-[a-z0-9]+\.tar\.gz\) failed \(.*ECONNREFUSED.*\)/);
    expect(paragraph).toContain('docs/air-gapped-install.md');
    expect(run.stderr).not.toMatch(/\n\s+at \S+ \(/);
    expect(existsSync(join(at, 'node_modules'))).toBe(false);
    expect(sha256(readFileSync(NODE_BUILD))).toBe(nodeBuildBefore);
  });
});
