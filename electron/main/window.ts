/**
 * The one window factory (docs/security.md SEC-1): every window Briefbook opens is made here, with
 * the fixed webPreferences of ./policy/web-preferences and the app:// entry page.
 */
import { BrowserWindow } from 'electron';
import { APP_ENTRY_URL } from './policy/app-origin';

export interface WindowOptions {
  preload: string;
  packaged: boolean;
  title: string;
}

export function createMainWindow(options: WindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 680,
    show: false,
    title: options.title,
    backgroundColor: '#ffffff',
    // Written out (not spread from ./policy/web-preferences) so static analysers such as
    // Electronegativity see every value; window.test.ts proves it equals webPreferencesFor().
    webPreferences: {
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
      disableBlinkFeatures: 'Auxclick',
      preload: options.preload,
      devTools: !options.packaged,
    },
  });
  window.once('ready-to-show', () => window.show());
  window.loadURL(APP_ENTRY_URL).catch((error: unknown) => {
    // the main process's own log: a missing or broken renderer build shows up here
    console.error('[briefbook] the window could not load the app:', error);
  });
  return window;
}
