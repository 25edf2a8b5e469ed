/**
 * The wiring of ./security onto Electron, with Electron mocked: each policy reaches the hook it
 * is meant for, and the hooks answer as the policies decide.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from './policy/csp';
import { KNOWN_PERMISSIONS } from './policy/permissions';

const calls: unknown[][] = [];
let protocolHandler: ((request: Request) => Promise<Response>) | null = null;

vi.mock('electron', () => ({
  app: {
    enableSandbox: () => calls.push(['enableSandbox']),
    commandLine: { appendSwitch: (...args: unknown[]) => calls.push(['appendSwitch', ...args]) },
  },
  protocol: {
    registerSchemesAsPrivileged: (schemes: unknown) => calls.push(['registerSchemesAsPrivileged', schemes]),
    handle: (scheme: string, handler: (request: Request) => Promise<Response>) => {
      calls.push(['protocol.handle', scheme]);
      protocolHandler = handler;
    },
  },
}));

const security = await import('./security');

beforeEach(() => {
  calls.length = 0;
});

describe('hardenProcess', () => {
  it('sandboxes every renderer, keeps Chromium offline and registers app:// before ready', () => {
    security.hardenProcess();
    expect(calls).toEqual([
      ['enableSandbox'],
      ['appendSwitch', 'host-resolver-rules', 'MAP * ~NOTFOUND'],
      ['appendSwitch', 'no-proxy-server'],
      [
        'registerSchemesAsPrivileged',
        [{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, bypassCSP: false, allowServiceWorkers: false, corsEnabled: false, stream: false, codeCache: false } }],
      ],
    ]);
  });
});

type Listener = (...args: unknown[]) => unknown;

function fakeSession() {
  const hooks: Record<string, Listener> = {};
  const order: string[] = [];
  const session = {
    setPermissionRequestHandler: (h: Listener) => (hooks.request = h),
    setPermissionCheckHandler: (h: Listener) => (hooks.check = h),
    setDevicePermissionHandler: (h: Listener) => (hooks.device = h),
    setSpellCheckerDictionaryDownloadURL: (url: string) => order.push(`dictionary ${url}`),
    setSpellCheckerEnabled: (on: boolean) => order.push(`spellcheck ${on}`),
    webRequest: { onBeforeRequest: (...args: unknown[]) => (hooks.beforeRequest = args[args.length - 1] as Listener) },
    on: (event: string, h: Listener) => (hooks[event] = h),
  };
  return { session, hooks, order };
}

describe('hardenSession', () => {
  const { session, hooks, order } = fakeSession();
  security.hardenSession(session as never, true);

  it.each([...KNOWN_PERMISSIONS])('denies the %s request and check', (permission) => {
    let granted: boolean | null = null;
    hooks.request({}, permission, (answer: boolean) => (granted = answer), { requestingUrl: 'app://bundle/index.html' });
    expect(granted).toBe(false);
    expect(hooks.check({}, permission, 'app://bundle', {})).toBe(false);
  });

  it('denies device access', () => {
    expect(hooks.device({ deviceType: 'usb', origin: 'app://bundle' })).toBe(false);
  });

  it('points the dictionary URL at the app origin, then turns spellcheck off', () => {
    expect(order).toEqual(['dictionary app://bundle/no-spellcheck-dictionaries/', 'spellcheck false']);
  });

  it.each([
    ['https://redirector.gvt1.com/edgedl/chrome/dict/en-us-10-1.bdic', true],
    ['http://127.0.0.1:9222/json', true],
    ['file:///etc/passwd', true],
    ['app://bundle/index.html', false],
  ])('onBeforeRequest %s: cancel %s', (url, cancel) => {
    let answer: unknown = null;
    hooks.beforeRequest({ url }, (response: unknown) => (answer = response));
    expect(answer).toEqual({ cancel });
  });

  it('prevents downloads', () => {
    const event = { preventDefault: vi.fn() };
    hooks['will-download'](event);
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('hardens a session once', () => {
    const again = fakeSession();
    security.hardenSession(again.session as never, true);
    const first = again.order.length;
    security.hardenSession(again.session as never, true);
    expect(again.order.length).toBe(first);
  });
});

describe('hardenWebContents', () => {
  const hooks: Record<string, Listener> = {};
  let windowOpen: Listener = () => null;
  const contents = {
    on: (event: string, h: Listener) => (hooks[event] = h),
    setWindowOpenHandler: (h: Listener) => (windowOpen = h),
  };
  security.hardenWebContents(contents as never);

  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('%s: refuses other origins, allows the app', (event) => {
    for (const [url, refused] of [
      ['https://evil.example/', true],
      ['app://bundle.evil/', true],
      ['javascript:alert(1)', true],
      ['app://bundle/index.html#/books', false],
    ] as const) {
      const details = { url, preventDefault: vi.fn() };
      hooks[event](details);
      expect(details.preventDefault.mock.calls.length > 0, `${event} ${url}`).toBe(refused);
    }
  });

  it('never opens a window and never attaches a webview', () => {
    expect(windowOpen({ url: 'app://bundle/index.html' })).toEqual({ action: 'deny' });
    const event = { preventDefault: vi.fn() };
    hooks['will-attach-webview'](event, {}, { src: 'app://bundle/index.html' });
    expect(event.preventDefault).toHaveBeenCalled();
  });
});

describe('serveRenderer', () => {
  const root = mkdtempSync(join(tmpdir(), 'briefbook-serve-'));
  mkdirSync(join(root, 'renderer', 'assets'), { recursive: true });
  writeFileSync(join(root, 'renderer', 'index.html'), '<!doctype html><title>Briefbook</title>');
  writeFileSync(join(root, 'renderer', 'assets', 'app.js'), 'export {};');
  writeFileSync(join(root, 'library.briefbook'), 'SQLite format 3');
  security.serveRenderer(join(root, 'renderer'));

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const request = (url: string, method = 'GET') => ({ url, method }) as Request;

  it('serves the build with the CSP header', async () => {
    const response = await protocolHandler!(request('app://bundle/'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>Briefbook</title>');
    const script = await protocolHandler!(request('app://bundle/assets/app.js'));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it.each([
    ['app://bundle/../library.briefbook', 400],
    ['app://bundle/%2e%2e/library.briefbook', 400],
    ['app://bundle/missing.js', 404],
  ])('refuses %s with %i, still with the CSP', async (url, status) => {
    const response = await protocolHandler!(request(url));
    expect(response.status).toBe(status);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.text()).toBe('');
  });

  it('answers only GET and HEAD', async () => {
    expect((await protocolHandler!(request('app://bundle/index.html', 'POST'))).status).toBe(405);
    const head = await protocolHandler!(request('app://bundle/index.html', 'HEAD'));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});

describe('trustedSenderCheck', () => {
  const mainFrame = { processId: 4, routingId: 1, parent: null, url: 'app://bundle/index.html', origin: 'app://bundle' };
  const check = security.trustedSenderCheck(new Set([7]));
  const event = (senderFrame: unknown, id = 7) => ({ sender: { id, mainFrame }, senderFrame }) as never;

  it('trusts our main frame on the app origin', () => {
    expect(check(event(mainFrame))).toBe(true);
  });

  it.each([
    ['a subframe', { ...mainFrame, routingId: 2, parent: mainFrame }],
    ['a frame that is gone', null],
    ['a main frame that navigated away', { ...mainFrame, url: 'https://evil.example/', origin: 'https://evil.example' }],
  ])('refuses %s', (_name, frame) => {
    expect(check(event(frame))).toBe(false);
  });

  it('refuses another webContents', () => {
    expect(check(event(mainFrame, 8))).toBe(false);
  });
});
