// Where the SQLite module built for Electron's ABI lives, beside (never instead of) the Node
// build that `npm ci` puts in node_modules/better-sqlite3-multiple-ciphers. One list for two
// readers: scripts/electron-native.mjs puts the file there, ./native-binding.ts loads it. Plain
// JavaScript so that the script runs under plain Node (docs/air-gapped-install.md, "The SQLite module for Electron").
import { join } from 'node:path';

/** The file better-sqlite3 builds (`build/Release/better_sqlite3.node` in its own tree). */
export const BINDING_FILE = 'better_sqlite3.node';

/** From a checkout: under node_modules, so `npm ci` clears it with everything else. */
export const SOURCE_FOLDER = join('node_modules', '.briefbook-electron');

/** In a package: electron-builder copies it beside app.asar (extraResources), never inside. */
export const PACKAGED_FOLDER = 'briefbook-electron';

/** What a developer types to fetch or build it. */
export const FETCH_COMMAND = 'npm run electron-native';

/** `<electron version>/<platform>-<arch>/better_sqlite3.node`, relative to either folder. */
export function bindingRelativePath(electronVersion, platform, arch) {
  return join(electronVersion, `${platform}-${arch}`, BINDING_FILE);
}

/** The Electron build of a checkout at `root`. */
export function sourceBindingPath(root, electronVersion, platform, arch) {
  return join(root, SOURCE_FOLDER, bindingRelativePath(electronVersion, platform, arch));
}
