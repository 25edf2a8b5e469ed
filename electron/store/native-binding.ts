/**
 * Which compiled SQLite module a process loads. Node (the CLI, the tests, the tools) keeps
 * better-sqlite3's default, the build `npm ci` made for Node's ABI. Electron's main process
 * has a different ABI and loads the build of its own version, kept beside it
 * (./native-layout.mjs): from a checkout under node_modules/.briefbook-electron, in a package
 * beside app.asar. The main process decides once at start-up ({@link useNativeBinding}) and
 * every connection passes the choice to better-sqlite3 ({@link nativeBinding}).
 * Plain Node: no 'electron'.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError } from '../../src/shared/contract';
import { bindingRelativePath, FETCH_COMMAND, PACKAGED_FOLDER, sourceBindingPath } from './native-layout.mjs';

export interface NativeBindingPlace {
  /** `process.versions.electron`: undefined under Node */
  electronVersion: string | undefined;
  platform: string;
  arch: string;
  /** the app folder (`app.getAppPath()`): the checkout when run from source */
  appRoot: string;
  /** `process.resourcesPath`: the folder holding app.asar in a package */
  resourcesPath: string | undefined;
  /** `app.isPackaged` */
  packaged: boolean;
}

/** The Electron build is not where it must be: says which file, and how to get it. */
export class NativeBindingMissing extends ApiError {
  constructor(readonly file: string, packaged: boolean) {
    super(
      'native_module_missing',
      packaged
        ? `Briefbook's SQLite module for this version of Electron is missing from the installation (${file}). Reinstall Briefbook from a complete package.`
        : `The SQLite module built for Electron is missing: ${file}. Run \`${FETCH_COMMAND}\` (npm start does it first) to fetch or build it.`,
    );
    this.name = 'NativeBindingMissing';
  }
}

/**
 * The path for better-sqlite3's `nativeBinding` option: undefined under Node (the default
 * build), the Electron build's file under Electron. Throws {@link NativeBindingMissing} when
 * that file is not there, before anything tries to load the wrong ABI.
 */
export function sqliteNativeBinding(place: NativeBindingPlace, exists: (path: string) => boolean = existsSync): string | undefined {
  if (place.electronVersion === undefined) return undefined;
  let file: string;
  if (place.packaged) {
    if (place.resourcesPath === undefined) throw new Error('a packaged app has a resources folder');
    file = join(place.resourcesPath, PACKAGED_FOLDER, bindingRelativePath(place.electronVersion, place.platform, place.arch));
  } else {
    file = sourceBindingPath(place.appRoot, place.electronVersion, place.platform, place.arch);
  }
  if (!exists(file)) throw new NativeBindingMissing(file, place.packaged);
  return file;
}

let chosen: { path: string | undefined } | null = null;

/** The main process's choice, made once before the first library opens. */
export function useNativeBinding(path: string | undefined): void {
  chosen = { path };
}

/**
 * What each `new Database(…)` passes as `nativeBinding`. Under Electron without a choice it
 * refuses, rather than let better-sqlite3 load Node's build and fail with an ABI error.
 */
export function nativeBinding(versions: NodeJS.ProcessVersions = process.versions): string | undefined {
  if (chosen !== null) return chosen.path;
  if (versions.electron !== undefined) {
    throw new Error('The SQLite module for Electron was not chosen before a library was opened (useNativeBinding in the main process).');
  }
  return undefined;
}
