/**
 * Wires the policies of ./policy onto Electron (docs/security.md "Window and process" and
 * "Offline"). Every decision is made in ./policy; this file only attaches it.
 */
import { readFile } from 'node:fs/promises';
import { app, protocol, type IpcMainInvokeEvent, type Session, type WebContents } from 'electron';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES } from './policy/app-origin';
import { refusalHeaders, resolveAppRequest } from './policy/app-protocol';
import { appResponseHeaders } from './policy/csp';
import { allowWebviewAttach, decideNavigation, decideWindowOpen } from './policy/navigation';
import { OFFLINE_SWITCHES, SPELLCHECK_DICTIONARY_URL } from './policy/offline';
import { decidePermission } from './policy/permissions';
import { decideRequest } from './policy/request-filter';
import { isTrustedSender, type SenderFacts } from './policy/sender';

/** Before `ready`: sandbox every renderer, keep Chromium off the network, register app://. */
export function hardenProcess(): void {
  app.enableSandbox();
  for (const [name, value] of OFFLINE_SWITCHES) {
    if (value === undefined) app.commandLine.appendSwitch(name);
    else app.commandLine.appendSwitch(name, value);
  }
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);
}

const hardenedSessions = new WeakSet<Session>();

/** Permissions denied, non-app requests cancelled, no dictionary downloads, no downloads. */
export function hardenSession(ses: Session, packaged: boolean): void {
  if (hardenedSessions.has(ses)) return;
  hardenedSessions.add(ses);
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(decidePermission(permission, details.requestingUrl));
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) => decidePermission(permission, requestingOrigin));
  ses.setDevicePermissionHandler(() => false);
  // NET-1: point the dictionary URL at the app origin first, then switch the checker off
  ses.setSpellCheckerDictionaryDownloadURL(SPELLCHECK_DICTIONARY_URL);
  ses.setSpellCheckerEnabled(false);
  // NET-2: no filter means every request, of every scheme (a superset of `<all_urls>`)
  ses.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: decideRequest(details.url, { packaged }) === 'cancel' });
  });
  ses.on('will-download', (event) => event.preventDefault());
}

/** Navigation only within the app origin; no new windows; no webviews (SEC-6). */
export function hardenWebContents(contents: WebContents): void {
  const refuseUnlessApp = (event: { url: string; preventDefault(): void }) => {
    if (decideNavigation(event.url) === 'deny') event.preventDefault();
  };
  contents.on('will-navigate', refuseUnlessApp);
  contents.on('will-frame-navigate', refuseUnlessApp);
  contents.on('will-redirect', refuseUnlessApp);
  contents.setWindowOpenHandler((details) => decideWindowOpen(details.url));
  contents.on('will-attach-webview', (event, webPreferences, params) => {
    if (!allowWebviewAttach({ webPreferences, params })) event.preventDefault();
  });
}

/** Serves the renderer build over app:// with the CSP header (SEC-4, SEC-5). */
export function serveRenderer(rendererRoot: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response(null, { status: 405, headers: refusalHeaders() });
    }
    const resolution = resolveAppRequest(rendererRoot, request.url);
    if (!resolution.ok) return new Response(null, { status: resolution.status, headers: refusalHeaders() });
    const body = request.method === 'HEAD' ? null : await readFile(resolution.file);
    return new Response(body, { status: 200, headers: appResponseHeaders(resolution.contentType) });
  });
}

/** The facts the sender policy needs, read off an ipc event (any of them may be gone). */
export function senderFacts(event: IpcMainInvokeEvent): SenderFacts {
  const frame = event.senderFrame;
  const main = event.sender.mainFrame;
  const isMainFrame =
    frame !== null && frame.parent === null && frame.processId === main.processId && frame.routingId === main.routingId;
  return { webContentsId: event.sender.id, isMainFrame, frameUrl: frame?.url ?? null, frameOrigin: frame?.origin ?? null };
}

export function trustedSenderCheck(trustedWebContentsIds: ReadonlySet<number>): (event: IpcMainInvokeEvent) => boolean {
  return (event) => isTrustedSender(senderFacts(event), trustedWebContentsIds);
}
