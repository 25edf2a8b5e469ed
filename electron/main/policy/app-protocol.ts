/**
 * The app:// resolver (docs/security.md SEC-4): maps a request URL to a file inside the renderer
 * build, or refuses. Refused: anything not on the app origin, `..` and `.` segments (plain or
 * percent-encoded), encoded slashes and backslashes, backslashes, NUL and other control
 * characters, drive letters and absolute paths, hidden files, and any path whose real location
 * (symlinks followed) is outside the build folder. Plain Node, no 'electron'.
 */
import { realpathSync, statSync } from 'node:fs';
import { extname, isAbsolute, join, relative, sep } from 'node:path';
import { isAppUrl } from './app-origin';
import { appResponseHeaders } from './csp';

export type Resolution =
  | { ok: true; file: string; contentType: string }
  | { ok: false; status: 400 | 403 | 404 };

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.bcmap': 'application/octet-stream',
  '.pfb': 'application/octet-stream',
};

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Characters refused in a decoded path segment: separators, controls, Windows specials. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are refused
const BAD_SEGMENT_CHARS = /[\\/\x00-\x1f\x7f:*?"<>|]/;
/** Percent-encodings that would smuggle a separator, a dot or a control character. */
const BAD_ENCODINGS = /%(2f|5c|2e|00|0[1-9a-f]|1[0-9a-f]|7f|25)/i;
const MAX_URL = 2048;
const MAX_SEGMENTS = 32;

/**
 * The path segments a URL asks for, or null when the URL is refused. `app://bundle/` asks for
 * `index.html`. Query and fragment are ignored (the renderer routes with the hash).
 */
export function requestedSegments(url: unknown): string[] | null {
  if (typeof url !== 'string' || url.length > MAX_URL || !isAppUrl(url)) return null;
  const pathname = new URL(url).pathname;
  // the parser may already have resolved dot segments; compare against the raw path
  const rawPath = url.slice('app://bundle'.length).split(/[?#]/, 1)[0];
  if (rawPath !== pathname) return null;
  if (BAD_ENCODINGS.test(pathname)) return null;
  const parts = pathname.split('/').slice(1);
  if (parts.length > MAX_SEGMENTS) return null;
  if (parts.length === 1 && parts[0] === '') return ['index.html'];
  const segments: string[] = [];
  for (const part of parts) {
    let segment: string;
    try {
      segment = decodeURIComponent(part);
    } catch {
      return null;
    }
    if (segment === '' || segment === '.' || segment === '..' || segment.startsWith('.')) return null;
    if (BAD_SEGMENT_CHARS.test(segment) || segment.trim() !== segment) return null;
    segments.push(segment);
  }
  return segments;
}

function isInside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}

/**
 * Resolves a request against the renderer build folder. `root` should be absolute; it is
 * resolved through realpath once per call, so a moved build still works.
 */
export function resolveAppRequest(root: string, url: unknown): Resolution {
  const segments = requestedSegments(url);
  if (segments === null) return { ok: false, status: 400 };
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    return { ok: false, status: 404 };
  }
  const candidate = join(realRoot, ...segments);
  if (!isInside(realRoot, candidate)) return { ok: false, status: 403 };
  let realFile: string;
  try {
    realFile = realpathSync(candidate);
  } catch {
    return { ok: false, status: 404 };
  }
  // a symlink (or a hard-to-see junction) that leads out of the build is refused
  if (!isInside(realRoot, realFile)) return { ok: false, status: 403 };
  try {
    if (!statSync(realFile).isFile()) return { ok: false, status: 404 };
  } catch {
    return { ok: false, status: 404 };
  }
  return { ok: true, file: realFile, contentType: contentTypeOf(realFile) };
}

/** Headers of a refused request: the CSP still applies to whatever the error body is. */
export function refusalHeaders(): Record<string, string> {
  return appResponseHeaders('text/plain; charset=utf-8');
}
