/**
 * Where the renderer lives: a privileged custom scheme with one fixed host (docs/security.md SEC-4).
 * Every other policy compares against these constants.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'bundle';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The page the window loads. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * The privileges the scheme is registered with (`protocol.registerSchemesAsPrivileged`):
 * standard and secure so it has a real origin and counts as a secure context; fetch for the
 * renderer's own assets and the PDF worker; no CSP bypass, no service workers, no CORS.
 */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  bypassCSP: false,
  allowServiceWorkers: false,
  corsEnabled: false,
  stream: false,
  codeCache: false,
} as const;

/** Printable ASCII without space or backslash: anything else is refused before parsing. */
const PLAIN_URL = /^[\x21-\x5b\x5d-\x7e]+$/;

/**
 * Whether a URL is exactly on the app origin, compared as a string before and after parsing:
 * `app://bundle/` followed by a path, no user info, no port, no control characters, no
 * whitespace, no backslashes and nothing outside ASCII (homoglyphs, IDN).
 */
export function isAppUrl(url: unknown): boolean {
  if (typeof url !== 'string' || url.length > 8192) return false;
  if (!PLAIN_URL.test(url)) return false;
  if (!url.startsWith(`${APP_ORIGIN}/`)) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === APP_HOST &&
    parsed.host === APP_HOST &&
    parsed.username === '' &&
    parsed.password === '' &&
    parsed.port === ''
  );
}
