/**
 * Request filter (docs/security.md NET-2): `webRequest.onBeforeRequest` on `<all_urls>` cancels every
 * request that is not for the app origin. `data:` and `blob:` URLs never touch the network and
 * the CSP already bounds where they may be used; DevTools' own scheme is allowed only in an
 * unpackaged (development) run, where DevTools exist.
 */
import { isAppUrl } from './app-origin';

export type RequestDecision = 'allow' | 'cancel';

const LOCAL_ONLY = /^(data:|blob:app:\/\/bundle\/)/;

export function decideRequest(url: unknown, options: { packaged: boolean }): RequestDecision {
  if (typeof url !== 'string') return 'cancel';
  if (isAppUrl(url)) return 'allow';
  if (LOCAL_ONLY.test(url)) return 'allow';
  if (!options.packaged && url.startsWith('devtools://devtools/')) return 'allow';
  return 'cancel';
}
