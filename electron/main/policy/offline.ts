/**
 * What keeps Chromium itself off the network (docs/security.md NET-1, NET-2).
 */
import { APP_ORIGIN } from './app-origin';

/**
 * Command-line switches appended before ready: every host name resolves to nothing, and no
 * proxy is looked up (a PAC script or WPAD probe would be a request of its own).
 */
export const OFFLINE_SWITCHES: readonly (readonly [name: string, value?: string])[] = [
  ['host-resolver-rules', 'MAP * ~NOTFOUND'],
  ['no-proxy-server'],
];

/**
 * Where Chromium would fetch Hunspell dictionaries: a path on the app origin that the app://
 * handler never serves (it is outside the renderer build), so no dictionary is ever fetched
 * even if spellcheck were switched on (electron/electron#22995).
 */
export const SPELLCHECK_DICTIONARY_URL = `${APP_ORIGIN}/no-spellcheck-dictionaries/`;
