import { describe, expect, it } from 'vitest';
import { appResponseHeaders, CONTENT_SECURITY_POLICY, cspMetaTag } from './csp';
import { OFFLINE_SWITCHES, SPELLCHECK_DICTIONARY_URL } from './offline';
import { decideRequest } from './request-filter';
import { resolveAppRequest } from './app-protocol';

describe('Content-Security-Policy (docs/security.md SEC-5)', () => {
  it('is exactly the policy of docs/security.md', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; " +
        "connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-src 'none'",
    );
  });

  it('allows no inline code, no eval and no remote source', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-|https?:|\*|wss?:/);
  });

  it('is sent with every app:// response, with nosniff', () => {
    const headers = appResponseHeaders('text/html; charset=utf-8');
    expect(headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
    expect(headers['Content-Type']).toBe('text/html; charset=utf-8');
  });

  it('has a meta tag carrying the same policy', () => {
    expect(cspMetaTag()).toBe(`<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`);
  });
});

describe('offline switches (docs/security.md NET-1, NET-2)', () => {
  it('maps every host to nothing and looks up no proxy', () => {
    expect(OFFLINE_SWITCHES).toContainEqual(['host-resolver-rules', 'MAP * ~NOTFOUND']);
    expect(OFFLINE_SWITCHES).toContainEqual(['no-proxy-server']);
  });

  it('points the spellchecker dictionary URL at the app origin, where nothing is served', () => {
    expect(SPELLCHECK_DICTIONARY_URL).toMatch(/^app:\/\/bundle\/.+\/$/);
    expect(decideRequest(`${SPELLCHECK_DICTIONARY_URL}en-US-10-1.bdic`, { packaged: true })).toBe('allow');
    expect(resolveAppRequest('/nonexistent-renderer-root', `${SPELLCHECK_DICTIONARY_URL}en-US-10-1.bdic`).ok).toBe(false);
  });
});
