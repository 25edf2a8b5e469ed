/**
 * IPC sender check (docs/security.md IPC-1, Electron checklist item 17): a call is answered only when
 * it comes from the main frame of one of our windows and that frame is on the app origin.
 * electron/main reads these facts off the ipc event; the decision is made here.
 */
import { APP_ORIGIN, isAppUrl } from './app-origin';

export interface SenderFacts {
  /** `event.sender.id`: the webContents the message came from */
  webContentsId: unknown;
  /** whether `event.senderFrame` is that webContents' main frame (same process and routing id) */
  isMainFrame: unknown;
  /** `event.senderFrame.url`, null when the frame is gone */
  frameUrl: unknown;
  /** `event.senderFrame.origin` */
  frameOrigin: unknown;
}

export function isTrustedSender(facts: SenderFacts, trustedWebContentsIds: ReadonlySet<number>): boolean {
  if (facts === null || typeof facts !== 'object') return false;
  const { webContentsId, isMainFrame, frameUrl, frameOrigin } = facts;
  return (
    typeof webContentsId === 'number' &&
    trustedWebContentsIds.has(webContentsId) &&
    isMainFrame === true &&
    frameOrigin === APP_ORIGIN &&
    isAppUrl(frameUrl)
  );
}
