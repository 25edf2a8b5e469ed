/**
 * The main process: lifecycle only. Security decisions live in ./policy (plain modules, tested
 * with hostile input); ./security attaches them; ./ipc binds the contract; ./shell-service
 * implements the shell methods; the store implements the rest.
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, session } from 'electron';
import { apiContract, ApiError, type ApiMethod, type StoreMethod, type VaultMethod } from '../../src/shared/contract';
import { aboutText, appInfo } from './app-info';
import { bindContract } from './ipc/bind';
import { toErrorShape, type HandlersFor } from './ipc/dispatch';
import { sqliteNativeBinding, useNativeBinding } from '../store/native-binding';
import { openLibrarySession } from '../store/session';
import type { ShellLibrary } from './library-session';
import { buildMenuTemplate, shortcutSheet, type MenuActions } from './menu';
import { withConfirmation, type Confirmation, type ConfirmationFacts } from './policy/confirmation';
import { launchSwitchProblem } from './policy/launch-switches';
import { RecentLibraries } from './recent-libraries';
import { hardenProcess, hardenSession, hardenWebContents, serveRenderer, trustedSenderCheck } from './security';
import { createShellService, LIBRARY_EXTENSION, type FileDialogs } from './shell-service';
import type { FontFiles } from '../../src/pdf';
import { createSmokeRun, makeSmokeFolders, SMOKE_DEADLINE_MS, smokeDialogs, smokeRequested, type SmokeFolders } from './smoke';
import { createMainWindow } from './window';

refuseUnsafeLaunch();
hardenProcess();

// --smoke (npm run smoke): a library, recent list and save folder of its own, in a temp folder,
// set before anything reads the user-data folder
const smokeFolders: SmokeFolders | null = smokeRequested(process.argv) ? makeSmokeFolders() : null;
if (smokeFolders !== null) app.setPath('userData', smokeFolders.userData);

const packaged = app.isPackaged;
const isMac = process.platform === 'darwin';
const appRoot = app.getAppPath();
const rendererRoot = join(appRoot, 'out', 'renderer');
const preloadPath = join(appRoot, 'out', 'preload', 'index.cjs');
const sampleText = () => readFileSync(join(appRoot, 'resources', 'summit-2025-08-25.briefbook.json'), 'utf8');

/** A packaged app started with a debugging or protection-disabling switch says so and quits. */
function refuseUnsafeLaunch(): void {
  const problem = launchSwitchProblem([...process.argv.slice(1), ...process.execArgv], { packaged: app.isPackaged });
  if (problem === null) return;
  console.error(`[briefbook] ${problem}`);
  dialog.showErrorBox('Briefbook will not start', problem);
  app.exit(1);
  process.exit(1);
}

let mainWindow: BrowserWindow | null = null;
let library: ShellLibrary | null = null;
let libraryPath = '';
const trustedWebContents = new Set<number>();

function log(method: string, error: unknown): void {
  // the main process's own stderr: never sent to the renderer
  console.error(`[briefbook] ${method} failed:`, error);
}

function currentLibrary(): ShellLibrary {
  if (library === null) throw new ApiError('no_library', 'No library is open.');
  return library;
}

function windowTitle(): string {
  const name = libraryPath.split(/[\\/]/).pop() ?? '';
  return name === '' ? 'Briefbook' : `${name} — Briefbook`;
}

async function switchLibrary(path: string, options: { create: boolean }): Promise<void> {
  // open the new library before closing the old one (a file that does not open is shown in
  // recovery, as at start-up)
  const next = openLibrarySession(path, { sampleText, create: options.create });
  const previous = library;
  library = next;
  libraryPath = path;
  previous?.close();
  if (mainWindow !== null) {
    mainWindow.setTitle(windowTitle());
    mainWindow.webContents.reload();
  }
}

const systemDialogs: FileDialogs = {
  async chooseSavePath(options) {
    const result = mainWindow
      ? await dialog.showSaveDialog(mainWindow, { ...options, properties: ['createDirectory', 'showOverwriteConfirmation'] })
      : await dialog.showSaveDialog({ ...options, properties: ['createDirectory', 'showOverwriteConfirmation'] });
    return result.canceled || !result.filePath ? null : result.filePath;
  },
  async chooseOpenPath(options) {
    const settings = { ...options, properties: ['openFile' as const] };
    const result = mainWindow ? await dialog.showOpenDialog(mainWindow, settings) : await dialog.showOpenDialog(settings);
    return result.canceled || result.filePaths.length === 0 ? null : result.filePaths[0];
  },
};

const dialogs: FileDialogs = smokeFolders === null ? systemDialogs : smokeDialogs(smokeFolders.saved);

const recent = new RecentLibraries(join(app.getPath('userData'), 'recent-libraries.json'), undefined, () => {
  if (app.isReady()) rebuildMenu();
});

const info = () =>
  appInfo({ version: app.getVersion(), platform: `${process.platform} ${process.arch}`, electron: process.versions.electron ?? null, packaged, smoke: smokeFolders !== null });

/** the bundled fonts, read on the first pocket card saved and kept */
let fontFiles: FontFiles | undefined;

const shell = createShellService({
  dialogs,
  session: currentLibrary,
  switchLibrary,
  recent,
  appInfo: info,
  defaultFolder: () => app.getPath('documents'),
  // loaded with the first pocket card saved, as the PDF engine is (shell-service.ts)
  fonts: async () => (fontFiles ??= (await import('../cli/fonts')).loadFontFiles(join(appRoot, 'resources', 'fonts'))),
});

/** A native dialog over the window: Cancel is the default; true only for the action button. */
async function confirmInWindow(question: Confirmation): Promise<boolean> {
  const options = {
    type: 'warning' as const,
    title: question.title,
    message: question.message,
    detail: question.detail,
    buttons: ['Cancel', question.action],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  };
  const result = mainWindow ? await dialog.showMessageBox(mainWindow, options) : await dialog.showMessageBox(options);
  return result.response === 1;
}

/** What the confirmation dialogs name, read from the store (not from the window's message). */
const confirmationFacts: ConfirmationFacts = {
  fileName: () => basename(libraryPath),
  bookTitle: (id) => {
    try {
      return currentLibrary()['books.get']({ id }).book.title;
    } catch {
      return null;
    }
  },
  itemTitle: (id) => {
    try {
      return currentLibrary()['items.get']({ id }).title;
    } catch {
      return null;
    }
  },
};

/**
 * Store and vault methods go to whichever library is open now; shell methods to the shell.
 * Destructive ones ask the person first, in a native dialog (policy/confirmation).
 */
function contractHandlers(): HandlersFor<typeof apiContract> {
  const handlers: Record<string, (input: never) => unknown> = {};
  for (const method of Object.keys(apiContract) as ApiMethod[]) {
    if (Object.hasOwn(shell, method)) {
      handlers[method] = (input: never) => (shell as Record<string, (input: never) => unknown>)[method](input);
    } else {
      handlers[method] = (input: never) => currentLibrary()[method as StoreMethod | VaultMethod](input);
    }
  }
  return withConfirmation(handlers, confirmInWindow, confirmationFacts) as HandlersFor<typeof apiContract>;
}

async function report(title: string, run: () => Promise<string | null>): Promise<void> {
  try {
    const message = await run();
    if (message !== null && mainWindow) await dialog.showMessageBox(mainWindow, { type: 'info', title, message });
  } catch (error) {
    // the same words the renderer would get for this error (IPC-2): no stack, no path
    const { message } = toErrorShape(error, title, log);
    if (mainWindow) await dialog.showMessageBox(mainWindow, { type: 'error', title, message });
  }
}

const menuActions: MenuActions = {
  newLibrary: () => void report('New library', async () => {
    await shell['files.newLibrary']({});
    return null;
  }),
  openLibrary: () => void report('Open library', async () => {
    await shell['files.openLibrary']({});
    return null;
  }),
  openRecent: (path) => void report('Open library', async () => {
    await shell['files.openLibrary']({ path });
    return null;
  }),
  exportExchange: () =>
    void report('Export', async () => {
      const result = await shell['files.saveExchange']({});
      return result.saved ? `Saved ${result.fileName}\nSHA-256 ${result.sha256}` : null;
    }),
  sendShortcut: (shortcut) => {
    const contents = mainWindow?.webContents;
    if (!contents) return;
    const modifiers: ('control' | 'meta' | 'shift')[] = [isMac ? 'meta' : 'control'];
    if (shortcut.shift) modifiers.push('shift');
    contents.sendInputEvent({ type: 'keyDown', keyCode: shortcut.key, modifiers });
    contents.sendInputEvent({ type: 'keyUp', keyCode: shortcut.key, modifiers });
  },
  showShortcuts: () => {
    if (mainWindow) void dialog.showMessageBox(mainWindow, { type: 'info', title: 'Keyboard shortcuts', message: 'Keyboard shortcuts', detail: shortcutSheet(isMac) });
  },
  showAbout: () => {
    if (mainWindow) {
      void dialog.showMessageBox(mainWindow, {
        type: 'info',
        title: 'About Briefbook',
        message: 'Briefbook',
        detail: aboutText(info(), { chrome: process.versions.chrome, node: process.versions.node }),
      });
    }
  },
};

function rebuildMenu(): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(menuActions, { isMac, packaged, recent: recent.list() })));
}

function showWindow(): void {
  mainWindow = createMainWindow({ preload: preloadPath, packaged, title: windowTitle() });
  const id = mainWindow.webContents.id;
  trustedWebContents.add(id);
  mainWindow.on('closed', () => {
    trustedWebContents.delete(id);
    mainWindow = null;
  });
}

/** Reads the renderer's smoke report off the window's console, with a deadline (./smoke). */
function watchSmoke(window: BrowserWindow, folders: SmokeFolders): void {
  const run = createSmokeRun({
    folders,
    closeLibrary: () => {
      library?.close();
      library = null;
    },
    exit: (code) => app.exit(code),
    write: (line) => process.stdout.write(`${line}\n`),
  });
  setTimeout(() => run.deadline(), SMOKE_DEADLINE_MS).unref();
  window.webContents.on('console-message', (details) => run.consoleLine(details.message));
  window.webContents.on('render-process-gone', (_event, details) => run.fail(`the renderer stopped (${details.reason})`));
  window.webContents.on('did-fail-load', (_event, _code, description) => run.fail(`the window could not load the app (${description})`));
}

function start(): void {
  // Electron's ABI is not Node's: load SQLite from the build for this Electron, or stop here
  // with the file it lacks (docs/air-gapped-install.md)
  useNativeBinding(
    sqliteNativeBinding({
      electronVersion: process.versions.electron,
      platform: process.platform,
      arch: process.arch,
      appRoot,
      resourcesPath: process.resourcesPath,
      packaged,
    }),
  );
  hardenSession(session.defaultSession, packaged);
  serveRenderer(rendererRoot);
  const last = recent.list()[0]?.path;
  libraryPath = last ?? join(app.getPath('userData'), `library.${LIBRARY_EXTENSION}`);
  // a library that does not open lands in recovery, never deleted or recreated (DATA-3): the
  // renderer reads vault.status and shows the problem
  library = openLibrarySession(libraryPath, { sampleText, create: last === undefined });
  try {
    recent.touch(libraryPath);
  } catch (error) {
    // a read-only or full profile folder costs the recent list, not the session
    log('recent libraries', error);
  }
  bindContract({ ipcMain, contract: apiContract, handlers: contractHandlers(), isTrustedSender: trustedSenderCheck(trustedWebContents), log });
  rebuildMenu();
  showWindow();
  if (smokeFolders !== null && mainWindow !== null) watchSmoke(mainWindow, smokeFolders);
}

if (!app.requestSingleInstanceLock()) {
  // a second launch hands over to the first (which focuses its window) and leaves
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow === null) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('session-created', (created) => hardenSession(created, packaged));
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => app.quit());
  app.on('activate', () => {
    if (mainWindow === null && app.isReady()) showWindow();
  });
  app.on('will-quit', () => {
    library?.close();
    library = null;
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      log('startup', error);
      if (smokeFolders !== null) {
        process.stdout.write(`smoke: FAILED: ${error instanceof Error ? error.message : String(error)}\n`);
        app.exit(1);
        return;
      }
      dialog.showErrorBox('Briefbook could not start', error instanceof ApiError ? error.message : 'The library could not be opened. See the log for details.');
      app.exit(1);
    });
}
