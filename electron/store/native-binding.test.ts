import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NativeBindingMissing, nativeBinding, sqliteNativeBinding, useNativeBinding, type NativeBindingPlace } from './native-binding';
import { openDatabase } from './open';
import { openForReading } from './vault/library-file';

const ROOT = '/home/dev/briefbook';
const everyFileExists = () => true;

function place(overrides: Partial<NativeBindingPlace>): NativeBindingPlace {
  return { electronVersion: '45.5.0', platform: 'linux', arch: 'x64', appRoot: ROOT, resourcesPath: undefined, packaged: false, ...overrides };
}

describe('which SQLite build a process loads', () => {
  it.each([
    ['linux', 'x64'],
    ['win32', 'x64'],
    ['darwin', 'arm64'],
    ['darwin', 'x64'],
  ])('Electron from a checkout on %s-%s: the build beside Node’s, under node_modules/.briefbook-electron', (platform, arch) => {
    expect(sqliteNativeBinding(place({ platform, arch }), everyFileExists)).toBe(
      join(ROOT, 'node_modules', '.briefbook-electron', '45.5.0', `${platform}-${arch}`, 'better_sqlite3.node'),
    );
  });

  it.each([
    ['linux', 'x64', '/opt/Briefbook/resources'],
    ['win32', 'x64', 'C:\\Program Files\\Briefbook\\resources'],
    ['darwin', 'arm64', '/Applications/Briefbook.app/Contents/Resources'],
    ['darwin', 'x64', '/Applications/Briefbook.app/Contents/Resources'],
  ])('a packaged app on %s-%s: beside app.asar, never inside it', (platform, arch, resourcesPath) => {
    const file = sqliteNativeBinding(place({ platform, arch, packaged: true, resourcesPath, appRoot: join(resourcesPath, 'app.asar') }), everyFileExists);
    expect(file).toBe(join(resourcesPath, 'briefbook-electron', '45.5.0', `${platform}-${arch}`, 'better_sqlite3.node'));
    expect(file).not.toContain('app.asar');
  });

  it('Node (no Electron version) keeps better-sqlite3’s default build', () => {
    expect(sqliteNativeBinding(place({ electronVersion: undefined }), everyFileExists)).toBeUndefined();
    expect(nativeBinding({ node: process.versions.node } as unknown as NodeJS.ProcessVersions)).toBeUndefined();
  });

  it('a missing Electron build is an error naming the file and the command that fetches it', () => {
    const expected = join(ROOT, 'node_modules', '.briefbook-electron', '45.5.0', 'linux-x64', 'better_sqlite3.node');
    const attempt = () => sqliteNativeBinding(place({}), () => false);
    expect(attempt).toThrow(NativeBindingMissing);
    expect(attempt).toThrow(expected);
    expect(attempt).toThrow('npm run electron-native');
  });

  it('a package missing its build says to reinstall, naming the file', () => {
    const attempt = () => sqliteNativeBinding(place({ packaged: true, resourcesPath: '/opt/Briefbook/resources' }), () => false);
    expect(attempt).toThrow(join('/opt/Briefbook/resources', 'briefbook-electron', '45.5.0', 'linux-x64', 'better_sqlite3.node'));
    expect(attempt).toThrow(/Reinstall Briefbook/);
  });

  it('an Electron process that never chose a build refuses to open SQLite', () => {
    expect(() => nativeBinding({ ...process.versions, electron: '45.5.0' } as NodeJS.ProcessVersions)).toThrow(/not chosen/);
  });
});

describe('every connection loads the chosen build', () => {
  const work = mkdtempSync(join(tmpdir(), 'briefbook-binding-'));
  afterAll(() => {
    useNativeBinding(undefined);
    rmSync(work, { recursive: true, force: true });
  });

  it('openDatabase and the vault’s whole-file operations pass the choice to better-sqlite3', () => {
    const library = join(work, 'library.briefbook');
    openDatabase(library).close();
    // a copy of Node's own build in a folder of its own stands in for the Electron build
    const moduleDir = dirname(createRequire(import.meta.url).resolve('better-sqlite3-multiple-ciphers/package.json'));
    const elsewhere = join(work, 'electron-build', 'better_sqlite3.node');
    mkdirSync(dirname(elsewhere));
    copyFileSync(join(moduleDir, 'build', 'Release', 'better_sqlite3.node'), elsewhere);
    useNativeBinding(elsewhere);
    openDatabase(library).close();
    openForReading(library, null).close();

    const absent = join(work, 'no-such-build', 'better_sqlite3.node');
    useNativeBinding(absent);
    expect(() => openDatabase(library)).toThrow(absent);
    expect(() => openForReading(library, null)).toThrow(absent);
  });
});
