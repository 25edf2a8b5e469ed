import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allowWebviewAttach, decideNavigation, decideWindowOpen } from './navigation';

const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);

/** URLs the window may navigate to: its own pages. */
const allowed = [
  'app://bundle/',
  'app://bundle/index.html',
  'app://bundle/index.html#/books/summit-2025-08-25',
  'app://bundle/index.html?view=library',
  'app://bundle/assets/index-m_r4W5ky.js',
];

/** Hostile or foreign URLs, every one refused (docs/security.md SEC-6). */
const hostile = [
  // look-alike hosts and user info
  'app://bundle.evil/',
  'app://bundle.evil.com/index.html',
  'app://bundle@evil/',
  'app://bundle@evil.com/index.html',
  'app://user:pass@bundle/index.html',
  'app://bundle:80/index.html',
  'app://bundle:443/',
  'app://evil/index.html',
  'app://bundlex/',
  'app://xbundle/',
  'app://bundle./index.html',
  'app://BUNDLE/index.html',
  'APP://bundle/index.html',
  'app:bundle/index.html',
  'app:/bundle/index.html',
  'app:///bundle/index.html',
  'app://bundle',
  'app://bundle?x=1',
  'app://bundle#/x',
  'app://%62undle/index.html',
  'app://bundle%2eevil/',
  'app://bundle\\evil/',
  'app://bundle\\@evil.com/',
  // homoglyphs and IDN
  'app://bundIe/index.html',
  'app://bundle\u0430/',
  'app://bu\u0578dle/index.html',
  'app://\u0431undle/',
  'app://xn--bundle-9za/',
  'app://bundle\u2024evil/',
  'app://bundle\uff0eevil/',
  'app://bundle/\u202e/lmth.xedni',
  // script, data, files
  'javascript:alert(1)',
  'JavaScript:alert(document.domain)',
  'javascript://bundle/%0Aalert(1)',
  'jav\tascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'file:///etc/passwd',
  'file://C:/Windows/win.ini',
  'file:///C:/Users/desk/Documents/library.briefbook',
  'about:blank',
  'blob:app://bundle/3f1c2d4e-1111-2222-3333-444455556666',
  'view-source:app://bundle/index.html',
  'chrome://settings',
  'devtools://devtools/bundled/inspector.html',
  'filesystem:app://bundle/temporary/x',
  // the network
  'http://localhost:5173/',
  'https://evil.example/',
  'http://bundle/',
  'https://bundle/index.html',
  'ws://127.0.0.1:9222/devtools/browser',
  'ftp://evil.example/file',
  '//evil.example/',
  'mailto:desk@example.org',
  'smb://fileserver/share',
  // control characters, whitespace, CRLF prefixes
  '\r\napp://bundle/index.html',
  '\napp://bundle/',
  ' app://bundle/',
  '\tapp://bundle/',
  '\u0000app://bundle/',
  'app://bundle/\r\nSet-Cookie: x=1',
  'app://bundle/index.html\u0000.evil',
  'app://bundle/ index.html',
  'app://bun\ndle/',
  'app://bundle/\u00a0',
  '\ufeffapp://bundle/',
  // not strings
  '',
];

describe('decideNavigation', () => {
  it.each(allowed)('allows %j', (url) => {
    expect(decideNavigation(url)).toBe('allow');
  });

  it('has a table of 40+ hostile URLs', () => {
    expect(hostile.length).toBeGreaterThanOrEqual(40);
  });

  it.each(hostile)('refuses %j', (url) => {
    expect(decideNavigation(url)).toBe('deny');
  });

  it.each([null, undefined, 42, {}, [], { toString: () => 'app://bundle/' }, Symbol('x')])('refuses the non-string %s', (value) => {
    expect(decideNavigation(value)).toBe('deny');
  });

  it('refuses anything not starting with the app origin and a slash (fuzz)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-composite', maxLength: 200 }), (url) => {
        if (!url.startsWith('app://bundle/')) expect(decideNavigation(url)).toBe('deny');
      }),
      { numRuns: RUNS },
    );
  });

  it('refuses the app origin behind any prefix, and any other host (fuzz)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 20 }), fc.webPath(), (prefix, path) => {
        expect(decideNavigation(`${prefix}app://bundle/${path}`)).toBe('deny');
      }),
      { numRuns: RUNS },
    );
    fc.assert(
      fc.property(fc.webAuthority({ withUserInfo: true, withPort: true }), fc.webPath(), (authority, path) => {
        fc.pre(authority !== 'bundle');
        expect(decideNavigation(`app://${authority}${path.startsWith('/') ? path : `/${path}`}`)).toBe('deny');
      }),
      { numRuns: RUNS },
    );
  });

  it('any allowed URL parses to the app origin exactly (fuzz)', () => {
    fc.assert(
      fc.property(fc.webUrl({ validSchemes: ['app', 'http', 'https', 'file'], withQueryParameters: true, withFragments: true }), (url) => {
        if (decideNavigation(url) === 'allow') {
          const parsed = new URL(url);
          expect(parsed.protocol).toBe('app:');
          expect(parsed.host).toBe('bundle');
          expect(parsed.username + parsed.password + parsed.port).toBe('');
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe('new windows and webviews', () => {
  it.each([...allowed, ...hostile])('never opens a window for %j', (url) => {
    expect(decideWindowOpen(url)).toEqual({ action: 'deny' });
  });

  it('never attaches a webview', () => {
    expect(allowWebviewAttach({ src: 'app://bundle/index.html' })).toBe(false);
  });
});
