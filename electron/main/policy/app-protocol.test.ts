import fc from 'fast-check';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentTypeOf, requestedSegments, resolveAppRequest } from './app-protocol';

const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);

let base: string;
let root: string;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'briefbook-protocol-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  mkdirSync(join(root, 'fonts'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Briefbook</title>');
  writeFileSync(join(root, 'assets', 'index-m_r4W5ky.js'), 'export {};');
  writeFileSync(join(root, 'assets', 'index-Ab12.css'), 'body{}');
  writeFileSync(join(root, 'fonts', 'Pretendard-Regular.ttf'), 'ttf');
  writeFileSync(join(root, '.env'), 'SECRET=1');
  // what a traversal would be after: the library and a key next to the build
  writeFileSync(join(base, 'library.briefbook'), 'SQLite format 3');
  mkdirSync(join(base, 'renderer-evil'));
  writeFileSync(join(base, 'renderer-evil', 'index.html'), 'evil');
  symlinkSync(join(base, 'library.briefbook'), join(root, 'assets', 'library.js'));
  symlinkSync(base, join(root, 'up'));
  symlinkSync('/etc', join(root, 'etc'));
  symlinkSync(join(root, 'index.html'), join(root, 'assets', 'same.html'));
});

afterAll(() => {
  rmSync(base, { recursive: true, force: true });
});

describe('resolveAppRequest (docs/security.md SEC-4)', () => {
  it.each([
    ['app://bundle/', 'index.html'],
    ['app://bundle/index.html', 'index.html'],
    ['app://bundle/index.html#/books/summit', 'index.html'],
    ['app://bundle/index.html?view=library', 'index.html'],
    ['app://bundle/assets/index-m_r4W5ky.js', join('assets', 'index-m_r4W5ky.js')],
    ['app://bundle/fonts/Pretendard-Regular.ttf', join('fonts', 'Pretendard-Regular.ttf')],
    // a link that stays inside the build is fine
    ['app://bundle/assets/same.html', 'index.html'],
  ])('serves %j', (url, file) => {
    const resolution = resolveAppRequest(root, url);
    expect(resolution.ok).toBe(true);
    if (resolution.ok) expect(resolution.file.endsWith(`${sep}${file}`)).toBe(true);
  });

  const refused = [
    // traversal, plain and encoded
    'app://bundle/../library.briefbook',
    'app://bundle/assets/../../library.briefbook',
    'app://bundle/%2e%2e/library.briefbook',
    'app://bundle/%2E%2E/library.briefbook',
    'app://bundle/.%2e/library.briefbook',
    'app://bundle/%2e./library.briefbook',
    'app://bundle/assets/%2e%2e/%2e%2e/library.briefbook',
    'app://bundle/%252e%252e/library.briefbook',
    'app://bundle/..%2flibrary.briefbook',
    'app://bundle/..%2Flibrary.briefbook',
    'app://bundle/assets%2f..%2f..%2flibrary.briefbook',
    'app://bundle/..%5clibrary.briefbook',
    'app://bundle/..%5Clibrary.briefbook',
    'app://bundle/..\\library.briefbook',
    'app://bundle/assets\\..\\..\\library.briefbook',
    'app://bundle/./index.html',
    'app://bundle/assets/./index-m_r4W5ky.js',
    'app://bundle/%2e/index.html',
    // sibling folder whose name starts like the root
    'app://bundle/../renderer-evil/index.html',
    // NUL and control characters
    'app://bundle/index.html%00.js',
    'app://bundle/index.html\u0000',
    'app://bundle/%00',
    'app://bundle/index%0a.html',
    'app://bundle/index.html%0d%0aX: y',
    'app://bundle/%7f',
    // absolute paths and drives
    'app:///etc/passwd',
    'app://bundle//etc/passwd',
    'app://bundle/%2fetc%2fpasswd',
    'app://bundle/C:/Windows/win.ini',
    'app://bundle/C:%5cWindows%5cwin.ini',
    'app://bundle/%5c%5cserver%5cshare',
    'app://bundle/file:%2f%2f%2fetc%2fpasswd',
    // symlinks that lead out
    'app://bundle/assets/library.js',
    'app://bundle/up/library.briefbook',
    'app://bundle/etc/passwd',
    // hidden files, folders, missing files
    'app://bundle/.env',
    'app://bundle/assets/',
    'app://bundle/assets',
    'app://bundle/missing.js',
    // other origins and malformed URLs
    'app://evil/index.html',
    'app://bundle.evil/index.html',
    'app://bundle@evil/index.html',
    'app://bundle:1/index.html',
    'file:///etc/passwd',
    'https://evil.example/index.html',
    'app://bundle/%E0%A4%A',
    'app://bundle/%',
    'app://bundle/ index.html',
    `app://bundle/${'a/'.repeat(40)}x.js`,
    `app://bundle/${'a'.repeat(3000)}`,
  ];

  it.each(refused)('refuses %j', (url) => {
    expect(resolveAppRequest(root, url).ok).toBe(false);
  });

  it('refuses everything when the build folder is missing', () => {
    expect(resolveAppRequest(join(base, 'nope'), 'app://bundle/index.html')).toEqual({ ok: false, status: 404 });
  });

  it.each([null, undefined, 42, {}, ['app://bundle/index.html']])('refuses the non-string %j', (url) => {
    expect(resolveAppRequest(root, url).ok).toBe(false);
  });

  const inside = (file: string) => file.startsWith(`${root}${sep}`) || file.startsWith(`${resolveRealRoot()}${sep}`);
  let realRoot: string | null = null;
  function resolveRealRoot(): string {
    if (realRoot === null) {
      const r = resolveAppRequest(root, 'app://bundle/index.html');
      realRoot = r.ok ? r.file.slice(0, -`${sep}index.html`.length) : root;
    }
    return realRoot;
  }

  it('never serves a file outside the build, whatever the path (fuzz)', () => {
    const segment = fc.oneof(
      fc.constantFrom('..', '.', '%2e%2e', '%2E%2e', '.%2e', '%2e', '..%2f', '..%5c', '%5c', '%2f', '%00', '\\', 'up', 'etc', 'assets', 'index.html', 'library.briefbook', 'passwd', '', '%252e%252e', 'C:', '~'),
      fc.string({ maxLength: 12 }),
      fc.string({ unit: 'binary', maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 8 }), fc.constantFrom('', '?x=1', '#/a'), (segments, tail) => {
        const url = `app://bundle/${segments.join('/')}${tail}`;
        const resolution = resolveAppRequest(root, url);
        if (resolution.ok) {
          expect(inside(resolution.file)).toBe(true);
          expect(resolution.file).not.toContain('library.briefbook');
          expect(resolution.file).not.toContain(`${sep}etc${sep}`);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('never accepts a decoded segment that could move up or across (fuzz)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-composite', maxLength: 60 }), (path) => {
        const segments = requestedSegments(`app://bundle/${path}`);
        if (segments !== null) {
          for (const segment of segments) {
            expect(segment === '..' || segment === '.' || segment.includes('/') || segment.includes('\\') || segment.includes('\0')).toBe(false);
          }
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe('contentTypeOf', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['a.js', 'text/javascript; charset=utf-8'],
    ['a.mjs', 'text/javascript; charset=utf-8'],
    ['a.css', 'text/css; charset=utf-8'],
    ['a.ttf', 'font/ttf'],
    ['a.wasm', 'application/wasm'],
    ['a.exe', 'application/octet-stream'],
    ['noext', 'application/octet-stream'],
  ])('%s is %s', (file, type) => {
    expect(contentTypeOf(file)).toBe(type);
  });
});
