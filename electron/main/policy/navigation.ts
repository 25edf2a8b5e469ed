/**
 * Navigation policy (docs/security.md SEC-6): the window may only move within the app origin.
 * `will-navigate`, `will-frame-navigate` and `will-redirect` ask {@link decideNavigation};
 * new windows and webviews are always refused.
 */
import { isAppUrl } from './app-origin';

export type NavigationDecision = 'allow' | 'deny';

export function decideNavigation(url: unknown): NavigationDecision {
  return isAppUrl(url) ? 'allow' : 'deny';
}

/** `setWindowOpenHandler`: no window is ever opened, whatever the URL (SEC-6, SEC-8). */
export function decideWindowOpen(_url: unknown): { action: 'deny' } {
  return { action: 'deny' };
}

/** `will-attach-webview`: always prevented (SEC-6). */
export function allowWebviewAttach(_details: unknown): false {
  return false;
}
