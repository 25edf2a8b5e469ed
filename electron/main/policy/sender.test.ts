import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTrustedSender, type SenderFacts } from './sender';

const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);
const ours = new Set([7]);
const genuine: SenderFacts = { webContentsId: 7, isMainFrame: true, frameUrl: 'app://bundle/index.html#/books', frameOrigin: 'app://bundle' };

describe('isTrustedSender (docs/security.md IPC-1)', () => {
  it('answers our window main frame on the app origin', () => {
    expect(isTrustedSender(genuine, ours)).toBe(true);
  });

  const forged: [string, Partial<SenderFacts>][] = [
    ['another webContents', { webContentsId: 8 }],
    ['a webContents id given as a string', { webContentsId: '7' }],
    ['a subframe', { isMainFrame: false }],
    ['a frame whose main-frame flag is truthy but not true', { isMainFrame: 1 }],
    ['a destroyed frame', { frameUrl: null, frameOrigin: null }],
    ['a frame on the network', { frameUrl: 'https://evil.example/', frameOrigin: 'https://evil.example' }],
    ['a file:// page', { frameUrl: 'file:///tmp/x.html', frameOrigin: 'file://' }],
    ['a data: page', { frameUrl: 'data:text/html,x', frameOrigin: 'null' }],
    ['about:blank', { frameUrl: 'about:blank', frameOrigin: 'app://bundle' }],
    ['an opaque origin', { frameOrigin: 'null' }],
    ['a look-alike host', { frameUrl: 'app://bundle.evil/index.html', frameOrigin: 'app://bundle.evil' }],
    ['user info in the URL', { frameUrl: 'app://bundle@evil/index.html' }],
    ['a port', { frameUrl: 'app://bundle:1/index.html', frameOrigin: 'app://bundle:1' }],
    ['an origin with a trailing slash', { frameOrigin: 'app://bundle/' }],
    ['an upper-case origin', { frameOrigin: 'APP://BUNDLE' }],
    ['the dev server', { frameUrl: 'http://localhost:5173/', frameOrigin: 'http://localhost:5173' }],
    ['a URL with a CRLF prefix', { frameUrl: '\r\napp://bundle/index.html' }],
    ['a blob: frame', { frameUrl: 'blob:app://bundle/uuid' }],
  ];

  it.each(forged)('refuses %s', (_name, change) => {
    expect(isTrustedSender({ ...genuine, ...change }, ours)).toBe(false);
  });

  it('refuses everything when no window is trusted', () => {
    expect(isTrustedSender(genuine, new Set())).toBe(false);
  });

  it.each([null, undefined, 'app://bundle', 7, []])('refuses malformed facts %j', (facts) => {
    expect(isTrustedSender(facts as unknown as SenderFacts, ours)).toBe(false);
  });

  it('refuses any generated sender that differs from ours (fuzz)', () => {
    fc.assert(
      fc.property(
        fc.record({
          webContentsId: fc.oneof(fc.integer(), fc.constant(7), fc.anything()),
          isMainFrame: fc.oneof(fc.boolean(), fc.anything()),
          frameUrl: fc.oneof(fc.webUrl(), fc.constant('app://bundle/index.html'), fc.string(), fc.anything()),
          frameOrigin: fc.oneof(fc.constant('app://bundle'), fc.webUrl().map((u) => new URL(u).origin), fc.string(), fc.anything()),
        }),
        (facts) => {
          const trusted = isTrustedSender(facts, ours);
          const matches = facts.webContentsId === 7 && facts.isMainFrame === true && facts.frameOrigin === 'app://bundle' &&
            typeof facts.frameUrl === 'string' && facts.frameUrl.startsWith('app://bundle/');
          if (trusted) expect(matches).toBe(true);
          if (!matches) expect(trusted).toBe(false);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
