/**
 * The main process's lifecycle with Electron mocked: what happens before `ready`, the single
 * instance lock, one window with the SEC-1 preferences, every contract method bound through
 * the one binding, and a call from the window answered by a real library in a temp user-data
 * folder — while a forged sender is refused.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiContract } from '../../src/shared/contract';
import type { IpcOutcome } from '../../src/shared/api-methods';
import { webPreferencesFor } from './policy/web-preferences';

type Listener = (...args: unknown[]) => unknown;

const state = vi.hoisted(() => ({
  userData: '',
  lock: true,
  log: [] as string[],
  appHooks: {} as Record<string, Listener>,
  ipc: new Map<string, Listener>(),
  windows: [] as { options: Record<string, unknown>; focused: number; restored: number; loaded: string[] }[],
  readyResolve: null as null | (() => void),
  menus: 0,
  packaged: false,
  /** the button the person presses in a native message box (0: Cancel) */
  answer: 0,
  boxes: [] as string[],
}));

vi.mock('electron', () => {
  const mainFrame = { processId: 3, routingId: 1, parent: null, url: 'app://bundle/index.html', origin: 'app://bundle' };
  const fakeSession = {
    setPermissionRequestHandler: () => state.log.push('session: permissions'),
    setPermissionCheckHandler: () => undefined,
    setDevicePermissionHandler: () => undefined,
    setSpellCheckerDictionaryDownloadURL: () => undefined,
    setSpellCheckerEnabled: () => undefined,
    webRequest: { onBeforeRequest: () => state.log.push('session: request filter') },
    on: () => undefined,
  };
  class BrowserWindow {
    readonly record: { options: Record<string, unknown>; focused: number; restored: number; loaded: string[] };
    readonly webContents = { id: 11, mainFrame, reload: () => undefined, sendInputEvent: () => undefined };
    constructor(options: Record<string, unknown>) {
      this.record = { options, focused: 0, restored: 0, loaded: [] };
      state.windows.push(this.record);
      state.log.push('window');
    }
    once() {
      return this;
    }
    on() {
      return this;
    }
    loadURL(url: string) {
      this.record.loaded.push(url);
      return Promise.resolve();
    }
    isMinimized() {
      return true;
    }
    restore() {
      this.record.restored += 1;
    }
    focus() {
      this.record.focused += 1;
    }
    setTitle() {}
  }
  return {
    app: {
      get isPackaged() {
        return state.packaged;
      },
      getAppPath: () => process.cwd(),
      getPath: (name: string) => (name === 'userData' ? state.userData : join(state.userData, name)),
      getVersion: () => '0.1.0',
      enableSandbox: () => state.log.push('enableSandbox'),
      commandLine: { appendSwitch: (name: string) => state.log.push(`switch ${name}`) },
      requestSingleInstanceLock: () => state.lock,
      on: (event: string, listener: Listener) => {
        state.appHooks[event] = listener;
      },
      whenReady: () =>
        new Promise<void>((resolve) => {
          state.readyResolve = () => {
            state.log.push('ready');
            resolve();
          };
        }),
      isReady: () => true,
      quit: () => state.log.push('quit'),
      exit: (code: number) => state.log.push(`exit ${code}`),
    },
    BrowserWindow,
    dialog: {
      showSaveDialog: async () => ({ canceled: true }),
      showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
      showMessageBox: async (...args: unknown[]) => {
        const options = args[args.length - 1] as { message?: string };
        state.boxes.push(options.message ?? '');
        return { response: state.answer };
      },
      showErrorBox: (title: string, message: string) => state.log.push(`error box ${title}: ${message}`),
    },
    ipcMain: {
      handle: (channel: string, listener: Listener) => state.ipc.set(channel, listener),
      removeHandler: (channel: string) => state.ipc.delete(channel),
    },
    Menu: {
      buildFromTemplate: (template: unknown) => template,
      setApplicationMenu: () => {
        state.menus += 1;
      },
    },
    protocol: {
      registerSchemesAsPrivileged: () => state.log.push('registerSchemesAsPrivileged'),
      handle: (scheme: string) => state.log.push(`protocol ${scheme}`),
    },
    session: { defaultSession: fakeSession },
  };
});

const mainFrame = { processId: 3, routingId: 1, parent: null, url: 'app://bundle/index.html', origin: 'app://bundle' };
const fromWindow = { sender: { id: 11, mainFrame }, senderFrame: mainFrame };

async function flush(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

beforeEach(() => {
  vi.resetModules();
  state.userData = mkdtempSync(join(tmpdir(), 'briefbook-main-'));
  state.lock = true;
  state.log.length = 0;
  state.appHooks = {};
  state.ipc.clear();
  state.windows.length = 0;
  state.menus = 0;
  state.readyResolve = null;
  state.packaged = false;
  state.answer = 0;
  state.boxes.length = 0;
});

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

describe('the main process', () => {
  it('hardens the process before ready, then opens the library, binds the contract and shows one window', async () => {
    folders.push(state.userData);
    await import('./index');
    expect(state.log).toEqual(['enableSandbox', 'switch host-resolver-rules', 'switch no-proxy-server', 'registerSchemesAsPrivileged']);
    expect(state.ipc.size).toBe(0);
    state.readyResolve!();
    await flush();
    expect(state.log.slice(4)).toEqual(['ready', 'session: permissions', 'session: request filter', 'protocol app', 'window']);
    expect([...state.ipc.keys()].sort()).toEqual(Object.keys(apiContract).map((m) => `bb:${m}`).sort());
    expect(state.windows).toHaveLength(1);
    expect(state.windows[0].options.webPreferences).toEqual(webPreferencesFor({ preload: join(process.cwd(), 'out', 'preload', 'index.cjs'), packaged: false }));
    expect(state.windows[0].loaded).toEqual(['app://bundle/index.html']);
    expect(state.menus).toBeGreaterThanOrEqual(1);
    expect(existsSync(join(state.userData, 'library.briefbook'))).toBe(true);
    expect(existsSync(join(state.userData, 'recent-libraries.json'))).toBe(true);
    for (const hook of ['second-instance', 'session-created', 'web-contents-created', 'window-all-closed', 'will-quit']) expect(state.appHooks).toHaveProperty(hook);

    // a call from our window reaches the real library
    const info = (await state.ipc.get('bb:library.info')!(fromWindow, {})) as IpcOutcome;
    expect(info.ok).toBe(true);
    if (info.ok) expect(info.value).toMatchObject({ fileName: 'library.briefbook', offerSample: true });
    const status = (await state.ipc.get('bb:vault.status')!(fromWindow, {})) as IpcOutcome;
    expect(status).toMatchObject({ ok: true, value: { state: 'open', encrypted: false } });
    const about = (await state.ipc.get('bb:app.info')!(fromWindow, {})) as IpcOutcome;
    expect(about).toMatchObject({ ok: true, value: { name: 'Briefbook', version: '0.1.0', packaged: false } });

    // a forged sender and a bad payload are refused
    const forged = { sender: { id: 12, mainFrame }, senderFrame: mainFrame };
    expect(await state.ipc.get('bb:library.loadSample')!(forged, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await state.ipc.get('bb:items.get')!(fromWindow, { id: 7 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    // a second launch focuses the first window
    state.appHooks['second-instance']();
    expect(state.windows[0]).toMatchObject({ focused: 1, restored: 1 });

    state.appHooks['will-quit']();
  });

  it('a second instance hands over and quits without binding anything', async () => {
    folders.push(state.userData);
    state.lock = false;
    await import('./index');
    expect(state.log).toContain('quit');
    expect(state.appHooks).not.toHaveProperty('second-instance');
    // it never waits for ready: nothing to open, nothing to show
    expect(state.readyResolve).toBeNull();
    expect(state.ipc.size).toBe(0);
  });

  it('a packaged app started with a debugging or sandbox-disabling switch says why and exits before anything else', async () => {
    folders.push(state.userData);
    state.packaged = true;
    const argv = process.argv;
    process.argv = [...argv.slice(0, 1), '--No-Sandbox'];
    const exit = vi.spyOn(process, 'exit').mockImplementation(((code?: number) => {
      throw new Error(`process.exit ${String(code)}`);
    }) as never);
    try {
      await expect(import('./index')).rejects.toThrow('process.exit 1');
    } finally {
      exit.mockRestore();
      process.argv = argv;
    }
    expect(state.log).toEqual([
      'error box Briefbook will not start: Briefbook does not start with --no-sandbox (turns off the sandbox). Start it without this switch.',
      'exit 1',
    ]);
    expect(state.ipc.size).toBe(0);
  });

  it('a book is deleted only after the person confirms in a native dialog; Cancel leaves it', async () => {
    folders.push(state.userData);
    await import('./index');
    state.readyResolve!();
    await flush();
    const call = async (method: string, input: unknown) => (await state.ipc.get(`bb:${method}`)!(fromWindow, input)) as IpcOutcome;
    const created = await call('books.create', { title: 'Seoul summit' });
    expect(created.ok).toBe(true);
    const id = created.ok ? (created.value as { book: { id: string } }).book.id : '';
    const cancelled = await call('books.delete', { id });
    expect(cancelled).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(state.boxes).toEqual(['Delete the book “Seoul summit”?']);
    expect(await call('books.get', { id })).toMatchObject({ ok: true });
    // the window's own request to encrypt is asked too
    expect(await call('vault.encrypt', { passphrase: 'a passphrase the window chose' })).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(await call('vault.status', {})).toMatchObject({ ok: true, value: { encrypted: false } });
    state.answer = 1;
    expect(await call('books.delete', { id })).toMatchObject({ ok: true });
    expect(await call('books.get', { id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    state.appHooks['will-quit']();
  });
});
