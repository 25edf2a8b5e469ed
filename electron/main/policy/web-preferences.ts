/**
 * The one set of webPreferences every window gets (docs/security.md SEC-1, Electron's security
 * checklist items 2–4, 6, 9, 10, 12). Nothing here may be loosened per window.
 */
export const SECURE_WEB_PREFERENCES = Object.freeze({
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
  safeDialogs: true,
  // middle-click opens links in a new window: refused anyway, and off at the source
  disableBlinkFeatures: 'Auxclick',
} as const);

export type SecureWebPreferences = typeof SECURE_WEB_PREFERENCES & {
  preload: string;
  devTools: boolean;
};

/** The webPreferences of the main window: DevTools only in an unpackaged (development) run. */
export function webPreferencesFor(options: { preload: string; packaged: boolean }): SecureWebPreferences {
  return { ...SECURE_WEB_PREFERENCES, preload: options.preload, devTools: !options.packaged };
}
