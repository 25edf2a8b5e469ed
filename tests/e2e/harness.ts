/// <reference lib="dom" />
/**
 * The renderer in real Chromium against the real store, without Electron (docs/toolchain.md,
 * "Electron here"): the built renderer is served over http with the SEC-5 CSP header, and
 * `window.briefbook` is an init script whose methods call the store service in this process
 * through `page.exposeBinding`, each input parsed with the contract's schema by the same
 * `dispatch` the ipc binding uses. Shell methods run the real shell service with dialogs that
 * answer a temp folder. The renderer cannot tell the difference.
 *
 * `startApp` serves a library opened through a session, as the app opens it, with store and
 * shell methods only (no vault methods, so the app shows no lock screen); `startSessionApp` serves a library session of electron/store/session.ts with
 * the vault methods too (lock, unlock, recovery, backups), as electron/main does.
 *
 * A walk-through sets up with `openWalkthrough(name)` (or `openSessionWalkthrough`) in its
 * `beforeAll` and calls `dispose` in its `afterAll`: one temp folder, one renderer build and
 * one app each, and nothing left behind.
 */
import { createServer, type Server } from 'node:http';
import { createReadStream, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import react from '@vitejs/plugin-react';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { apiContract, storeContract, shellContract, vaultContract } from '../../src/shared/contract';
import { dispatch, type HandlersFor } from '../../electron/main/ipc/dispatch';
import { createShellService } from '../../electron/main/shell-service';
import type { ShellLibrary } from '../../electron/main/library-session';
import { openLibrarySession, type LibrarySession as StoreSession } from '../../electron/store/session';
import { loadFontFiles } from '../../electron/cli/fonts';

/** A library as a test reads it: the session the page talks to, as the store service. */
export interface Library {
  path: string;
  service: StoreSession;
  close(): void;
}

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const ARTIFACTS = join(ROOT, 'tests/e2e/.artifacts');
const BUILD_DIR = join(ARTIFACTS, 'renderer');

export const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-src 'none'";

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Builds the renderer alone (as electron-vite's renderer config does) into the artifacts folder. */
export async function buildRenderer(outDir = BUILD_DIR): Promise<string> {
  await build({
    root: join(ROOT, 'src/renderer'),
    base: './',
    plugins: [react()],
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, rollupOptions: { input: join(ROOT, 'src/renderer/index.html') } },
  });
  return outDir;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
};

/** A tiny static server for the build, with the CSP as a header (SEC-5). */
export function serve(dir: string): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = normalize(join(dir, path === '/' ? 'index.html' : path));
    if (!file.startsWith(dir + sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if (!statSync(file).isFile()) throw new Error('not a file');
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Security-Policy': CSP, 'Cache-Control': 'no-cache' });
      createReadStream(file).pipe(res);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    ok({ server, origin: `http://127.0.0.1:${port}` });
  }));
}

/** window.briefbook in the page: one method per implemented contract method, bytes as base64. */
function initScript(methods: string[]): string {
  return `(() => {
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI + ' at ' + e.sourceFile + ':' + e.lineNumber + ':' + e.columnNumber));
  const toBase64 = (bytes) => {
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    return btoa(binary);
  };
  const encode = (value) => {
    if (value instanceof Uint8Array) return { __bytes: toBase64(value) };
    if (Array.isArray(value)) return value.map(encode);
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encode(v)]));
    return value;
  };
  const api = {};
  for (const method of ${JSON.stringify(methods)}) {
    api[method] = async (input) => {
      // JSON text both ways: Playwright's own value serialisation is slow for large answers
      const outcome = JSON.parse(await window.__bb(method, JSON.stringify(encode(input === undefined ? {} : input))));
      if (!outcome.ok) {
        const error = new Error('[' + outcome.error.code + '] ' + outcome.error.message);
        error.code = outcome.error.code;
        throw error;
      }
      return outcome.value;
    };
  }
  Object.defineProperty(window, 'briefbook', { value: Object.freeze(api), writable: false });
})();`;
}

function decode(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decode);
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.__bytes === 'string' && Object.keys(record).length === 1) return new Uint8Array(Buffer.from(record.__bytes, 'base64'));
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, decode(v)]));
  }
  return value;
}

export interface Stats {
  requests: number;
  outside: string[];
  consoleErrors: string[];
  failed: string[];
  calls: Map<string, number>;
}

export interface App {
  page: Page;
  browser: Browser;
  library: Library;
  origin: string;
  stats: Stats;
  savedDir: string;
  cspViolations(): Promise<string[]>;
  close(): Promise<void>;
}

export interface StartOptions {
  libraryPath: string;
  buildDir: string;
  savedDir: string;
  viewport?: { width: number; height: number };
  /** app.info says the app was started with --smoke (the renderer runs the start-up check) */
  smoke?: boolean;
  /** what the open dialog answers, one path a call, in order (a test pushes more); none: Cancel */
  openAnswers?: (string | null)[];
}

/**
 * Opens the library at `path` as the app does, through a session (created when missing; no
 * rolling backups and no idle lock, as the CLI), and refuses in words one that does not open.
 */
export function openAppLibrary(path: string): Library {
  const session = openLibrarySession(path, { create: true, backupOnOpen: false, backupEveryMinutes: 0, idleLockMinutes: 0 });
  const status = session['vault.status']({});
  if (status.state !== 'open') {
    session.close();
    throw new Error(`The test library ${path} did not open (${status.state}): ${status.problem?.message ?? 'no reason given'}`);
  }
  return { path, service: session, close: () => session.close() };
}

export async function startApp(options: StartOptions): Promise<App> {
  const library = openAppLibrary(options.libraryPath);
  const handlers: Record<string, (input: unknown) => unknown> = {};
  for (const method of Object.keys(storeContract)) handlers[method] = (input) => (library.service as unknown as Record<string, (i: unknown) => unknown>)[method](input);
  const launched = await launch(options, handlers, () => library.service, { has: () => false, touch: () => undefined, list: () => [] });
  return {
    ...launched,
    library,
    async close() {
      await launched.close();
      library.close();
    },
  };
}

export interface SessionStartOptions {
  /** an encrypted-library session (electron/store/session.ts), as the main process opens it */
  session: StoreSession;
  buildDir: string;
  savedDir: string;
  viewport?: { width: number; height: number };
}

export interface SessionApp extends Omit<App, 'library'> {
  /** the session the page talks to now */
  session(): StoreSession;
  /** points the page at another session (as File → Open Library does before it reloads) */
  useSession(next: StoreSession): void;
}

/**
 * The renderer against a library session: store and vault methods (lock, unlock, backups) go to
 * the session of the moment, as electron/main routes them. The sessions stay the test's to close.
 */
export async function startSessionApp(options: SessionStartOptions): Promise<SessionApp> {
  let current = options.session;
  const handlers: Record<string, (input: unknown) => unknown> = {};
  for (const method of [...Object.keys(storeContract), ...Object.keys(vaultContract)]) {
    handlers[method] = (input) => (current as unknown as Record<string, (i: unknown) => unknown>)[method](input);
  }
  const recent = {
    has: (path: string) => path === current.path,
    touch: () => undefined,
    list: () => [{ path: current.path, fileName: basename(current.path), openedAt: new Date(0).toISOString() }],
  };
  const launched = await launch(options, handlers, () => current, recent);
  return {
    ...launched,
    session: () => current,
    useSession(next) {
      current = next;
    },
  };
}

interface RecentList {
  has(path: string): boolean;
  touch(path: string): void;
  list(): { path: string; fileName: string; openedAt: string }[];
}

/** The page, its server and its bridge: `handlers` answer the store (and vault) methods. */
async function launch(
  options: { buildDir: string; savedDir: string; viewport?: { width: number; height: number }; smoke?: boolean; openAnswers?: (string | null)[] },
  handlers: Record<string, (input: unknown) => unknown>,
  session: () => ShellLibrary,
  recent: RecentList,
): Promise<Omit<App, 'library'>> {
  const { server, origin } = await serve(options.buildDir);
  mkdirSync(options.savedDir, { recursive: true });
  const shell = createShellService({
    dialogs: {
      // no dialogs in tests: saving lands in the temp folder under the suggested name
      chooseSavePath: async ({ defaultPath }) => join(options.savedDir, basename(defaultPath)),
      chooseOpenPath: async () => options.openAnswers?.shift() ?? null,
    },
    session,
    switchLibrary: async () => undefined,
    recent: recent as never,
    appInfo: () => ({ name: 'Briefbook', version: '0.1.0', platform: process.platform, electron: null, packaged: false, smoke: options.smoke === true, licences: [] }),
    defaultFolder: () => options.savedDir,
    fonts: async () => loadFontFiles(),
  });
  for (const method of Object.keys(shellContract)) handlers[method] = (input) => (shell as unknown as Record<string, (i: unknown) => unknown>)[method](input);
  const methods = Object.keys(handlers);

  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const stats: Stats = { requests: 0, outside: [], consoleErrors: [], failed: [], calls: new Map() };
  const inside = (url: string) => url.startsWith(`${origin}/`) || url === origin || url.startsWith('data:') || url.startsWith('blob:');
  context.on('request', (request) => {
    stats.requests += 1;
    if (!inside(request.url())) stats.outside.push(request.url());
  });
  page.on('requestfailed', (request) => stats.failed.push(`${request.url()} ${request.failure()?.errorText ?? ''}`));
  page.on('console', (message) => {
    if (message.type() === 'error') stats.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => stats.consoleErrors.push(`pageerror: ${error.message}`));
  // block anything outside the origin (as the app's session does), after counting it
  await context.route((url) => !inside(url.toString()), (route) => route.abort('blockedbyclient'));
  await page.exposeBinding('__bb', async (_source, method: string, inputJson: string) => {
    stats.calls.set(method, (stats.calls.get(method) ?? 0) + 1);
    return JSON.stringify(await dispatch(apiContract as never, handlers as HandlersFor<never>, method, decode(JSON.parse(inputJson))));
  });
  await page.addInitScript({ content: initScript(methods) });
  return {
    page,
    browser,
    origin,
    stats,
    savedDir: options.savedDir,
    cspViolations: () => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations ?? []),
    async close() {
      await browser.close();
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}

/** A walk-through's app as it stands: the page, the temp folder it works in, its renderer build. */
export interface Walkthrough<A extends Omit<App, 'library'> = App> {
  app: A;
  page: Page;
  /** the walk-through's own temp folder: the library, `saved/` and whatever the test writes */
  dir: string;
  /** the walk-through's own renderer build (ARTIFACTS/renderer-NAME) */
  buildDir: string;
  /** closes the app, then anything `closeAlso` names, then removes the temp folder */
  dispose(): Promise<void>;
}

export interface WalkthroughOptions {
  viewport?: StartOptions['viewport'];
  smoke?: boolean;
  openAnswers?: StartOptions['openAnswers'];
  /** the library file inside the temp folder (its folder made first); default `library.briefbook` */
  libraryFile?: string;
  /** closed on dispose after the app and before the folder goes (sessions the test opened) */
  closeAlso?: () => void;
}

/**
 * The set-up every walk-through shares: a temp folder of its own (`briefbook-e2e-NAME-…`), a
 * renderer build of its own (other e2e files may build theirs at the same time), and the app
 * started by `start` on what lies in that folder. Nothing is left behind when the start fails.
 */
async function walkthrough<A extends Omit<App, 'library'>>(
  name: string,
  start: (dir: string, buildDir: string) => Promise<A>,
  closeAlso: () => void = () => undefined,
): Promise<Walkthrough<A>> {
  const dir = mkdtempSync(join(tmpdir(), `briefbook-e2e-${name}-`));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  let app: A;
  let buildDir: string;
  try {
    buildDir = await buildRenderer(join(ARTIFACTS, `renderer-${name}`));
    app = await start(dir, buildDir);
  } catch (error) {
    closeAlso();
    remove();
    throw error;
  }
  return {
    app,
    page: app.page,
    dir,
    buildDir,
    async dispose() {
      try {
        await app.close();
      } finally {
        closeAlso();
        remove();
      }
    },
  };
}

/** The sample book's title, as its heading shows it. */
export const SAMPLE_TITLE = 'Summit with President Trump';

/** A first run: the welcome dialog's "Open the sample book", then the book's page, open. */
export async function openSampleBook(app: Pick<App, 'page' | 'origin'>): Promise<void> {
  await app.page.goto(`${app.origin}/`);
  await app.page.getByRole('dialog', { name: 'Welcome to Briefbook' }).getByRole('button', { name: 'Open the sample book' }).click();
  await app.page.locator('main.main').getByRole('heading', { name: SAMPLE_TITLE }).waitFor();
}

/** The open book's "Whole book" view: its button pressed, its region shown and returned. */
export async function openWholeBook(page: Page): Promise<Locator> {
  await page.locator('main.main').getByRole('button', { name: 'Whole book' }).click();
  const whole = page.locator('main.main').getByRole('region', { name: 'The whole book' });
  await whole.waitFor();
  return whole;
}

/**
 * A walk-through against a library in its temp folder, opened as the app opens it (`startApp`);
 * saved files land in `saved/` there. Use it from `beforeAll`, and `dispose` from `afterAll`.
 */
export function openWalkthrough(name: string, options: WalkthroughOptions = {}): Promise<Walkthrough> {
  return walkthrough(
    name,
    (dir, buildDir) => {
      const libraryPath = join(dir, options.libraryFile ?? 'library.briefbook');
      mkdirSync(dirname(libraryPath), { recursive: true });
      return startApp({ libraryPath, buildDir, savedDir: join(dir, 'saved'), viewport: options.viewport, smoke: options.smoke, openAnswers: options.openAnswers });
    },
    options.closeAlso,
  );
}

/**
 * A walk-through against a library session the test opens in the temp folder (`startSessionApp`,
 * with the vault methods: lock, unlock, backups). The sessions stay the test's: `closeAlso` closes them.
 */
export function openSessionWalkthrough(
  name: string,
  session: (dir: string) => StoreSession,
  options: Pick<WalkthroughOptions, 'viewport' | 'closeAlso'> = {},
): Promise<Walkthrough<SessionApp>> {
  return walkthrough(name, (dir, buildDir) => startSessionApp({ session: session(dir), buildDir, savedDir: join(dir, 'saved'), viewport: options.viewport }), options.closeAlso);
}
