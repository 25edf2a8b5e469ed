import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideRequest } from './request-filter';

const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);
const packaged = { packaged: true };
const development = { packaged: false };

describe('decideRequest (docs/security.md NET-2)', () => {
  it.each([
    'app://bundle/index.html',
    'app://bundle/assets/index-m_r4W5ky.js',
    'app://bundle/fonts/Pretendard-Regular.ttf',
    'app://bundle/no-spellcheck-dictionaries/en-US-10-1.bdic',
    'data:image/png;base64,iVBORw0KGgo=',
    'blob:app://bundle/3f1c2d4e-1111-2222-3333-444455556666',
  ])('lets the app load %j', (url) => {
    expect(decideRequest(url, packaged)).toBe('allow');
  });

  it.each([
    'https://redirector.gvt1.com/edgedl/chrome/dict/en-us-10-1.bdic',
    'https://clients2.google.com/service/update2/crx',
    'https://update.electronjs.org/briefbook/linux/0.1.0',
    'https://fonts.googleapis.com/css2?family=Noto+Sans+KR',
    'http://localhost:5173/src/main.tsx',
    'http://127.0.0.1/',
    'http://[::1]/',
    'http://169.254.169.254/latest/meta-data/',
    'ws://127.0.0.1:9222/devtools/browser',
    'wss://evil.example/socket',
    'ftp://evil.example/x',
    'file:///etc/passwd',
    'file:///C:/Users/desk/library.briefbook',
    'app://evil/index.html',
    'app://bundle.evil/index.html',
    'app://bundle@evil/index.html',
    'app://bundle:8080/index.html',
    'blob:https://evil.example/uuid',
    'blob:null/uuid',
    'filesystem:https://evil.example/temporary/x',
    'chrome-extension://abc/x.js',
    'chrome://gpu',
    'devtools://devtools/bundled/inspector.html',
    ' data:text/plain,x',
    '\r\napp://bundle/index.html',
    'DATA:text/html,x',
    '',
  ])('cancels %j in a packaged app', (url) => {
    expect(decideRequest(url, packaged)).toBe('cancel');
  });

  it('allows DevTools only in an unpackaged run', () => {
    expect(decideRequest('devtools://devtools/bundled/inspector.html', development)).toBe('allow');
    expect(decideRequest('devtools://devtools/bundled/inspector.html', packaged)).toBe('cancel');
    expect(decideRequest('https://chrome-devtools-frontend.appspot.com/x', development)).toBe('cancel');
  });

  it.each([null, undefined, 1, {}, []])('cancels the non-string %s', (url) => {
    expect(decideRequest(url, development)).toBe('cancel');
  });

  it('cancels every generated web URL (fuzz)', () => {
    fc.assert(
      fc.property(fc.webUrl({ validSchemes: ['http', 'https', 'ws', 'wss', 'ftp', 'file'], withQueryParameters: true, withFragments: true }), (url) => {
        expect(decideRequest(url, development)).toBe('cancel');
      }),
      { numRuns: RUNS },
    );
  });

  it('allows only the app origin, data: and app blobs, whatever the string (fuzz)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), fc.constantFrom('', 'app://bundle/', 'app://', 'data:', 'blob:', 'https://'), (tail, head) => {
        const url = head + tail;
        if (decideRequest(url, packaged) === 'allow') {
          expect(url.startsWith('app://bundle/') || url.startsWith('data:') || url.startsWith('blob:app://bundle/')).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
