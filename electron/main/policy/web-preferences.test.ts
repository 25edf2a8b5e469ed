import { describe, expect, it } from 'vitest';
import { SECURE_WEB_PREFERENCES, webPreferencesFor } from './web-preferences';

describe('webPreferences (docs/security.md SEC-1)', () => {
  it('locks the window down', () => {
    expect(SECURE_WEB_PREFERENCES).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
    });
  });

  it('enables no Blink feature and cannot be changed at run time', () => {
    expect(Object.keys(SECURE_WEB_PREFERENCES).filter((key) => /^enable/i.test(key))).toEqual([]);
    expect(Object.isFrozen(SECURE_WEB_PREFERENCES)).toBe(true);
  });

  it('gives DevTools only to an unpackaged run', () => {
    expect(webPreferencesFor({ preload: '/app/out/preload/index.cjs', packaged: true }).devTools).toBe(false);
    expect(webPreferencesFor({ preload: '/app/out/preload/index.cjs', packaged: false }).devTools).toBe(true);
  });

  it('keeps every locked value whatever the options', () => {
    for (const packaged of [true, false]) {
      const prefs = webPreferencesFor({ preload: '/app/out/preload/index.cjs', packaged });
      expect(prefs).toMatchObject(SECURE_WEB_PREFERENCES);
      expect(prefs.preload).toBe('/app/out/preload/index.cjs');
    }
  });
});
