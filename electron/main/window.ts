/**
 * The one window factory (SECURITY.md SEC-1): every window Briefbook opens is made here, with
 * the fixed webPreferences of ./policy/web-preferences and the app:// entry page.
 */
import { BrowserWindow } from 'electron';
import { APP_ENTRY_URL } from './policy/app-origin';
import { webPreferencesFor } from './policy/web-preferences';

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
    webPreferences: webPreferencesFor({ preload: options.preload, packaged: options.packaged }),
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}
