/**
 * The native menu (docs/ux.md): File, Edit, View, Help. Built as plain data from the actions passed
 * in, so tests read it without Electron. Shortcuts the renderer owns (export PDF, undo, redo,
 * search) are shown in the menu but not registered by it: clicking the item sends the same
 * keystroke to the page, so the keyboard and the menu take one path. Import Exchange File is one
 * of them: the page previews the import and settles its conflicts before anything is written.
 */
import type { MenuItemConstructorOptions } from 'electron';

/** A keystroke for the page: key plus "mod" (Ctrl, or Cmd on macOS) and shift. */
export interface PageShortcut {
  key: string;
  shift?: boolean;
}

export interface MenuActions {
  newLibrary(): void;
  openLibrary(): void;
  openRecent(path: string): void;
  exportExchange(): void;
  /** sends a shortcut to the page as if typed */
  sendShortcut(shortcut: PageShortcut): void;
  showShortcuts(): void;
  showAbout(): void;
}

export interface MenuOptions {
  isMac: boolean;
  packaged: boolean;
  recent: { path: string; fileName: string }[];
}

/** The renderer's shortcuts (docs/ux.md "Always"), as the Help sheet lists them. */
export const SHORTCUTS: { keys: string; action: string }[] = [
  { keys: 'Mod+N', action: 'New item' },
  { keys: 'Mod+Shift+N', action: 'New book' },
  { keys: 'Mod+E', action: 'Export PDF' },
  { keys: 'Mod+Shift+O', action: 'Import an exchange file' },
  { keys: 'Mod+L', action: 'Lock the library' },
  { keys: 'Mod+K', action: 'Search (also Mod+F)' },
  { keys: 'Mod+Z', action: 'Undo' },
  { keys: 'Mod+Shift+Z', action: 'Redo' },
  { keys: 'Mod+B / Mod+I', action: 'Bold / italic' },
  { keys: 'Mod+Shift+8 / Mod+Shift+7', action: 'Bulleted / numbered list' },
  { keys: 'Alt+Up / Alt+Down', action: 'Move a section' },
];

export function shortcutSheet(isMac: boolean): string {
  const mod = isMac ? 'Cmd' : 'Ctrl';
  return SHORTCUTS.map((entry) => `${entry.keys.replace(/Mod/g, mod)}\t${entry.action}`).join('\n');
}

function pageItem(label: string, shortcut: PageShortcut, actions: MenuActions): MenuItemConstructorOptions {
  return {
    label,
    accelerator: `CmdOrCtrl+${shortcut.shift ? 'Shift+' : ''}${shortcut.key}`,
    // the page handles the real keystroke; registering it here would swallow it
    registerAccelerator: false,
    click: () => actions.sendShortcut(shortcut),
  };
}

export function buildMenuTemplate(actions: MenuActions, options: MenuOptions): MenuItemConstructorOptions[] {
  const recent: MenuItemConstructorOptions[] = options.recent.length
    ? options.recent.map((entry) => ({ label: entry.fileName, toolTip: entry.path, click: () => actions.openRecent(entry.path) }))
    : [{ label: 'No recent libraries', enabled: false }];

  const template: MenuItemConstructorOptions[] = [];
  if (options.isMac) {
    template.push({
      label: 'Briefbook',
      submenu: [
        { label: 'About Briefbook', click: () => actions.showAbout() },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
  }
  template.push(
    {
      label: '&File',
      submenu: [
        { label: 'New Library…', click: () => actions.newLibrary() },
        { label: 'Open Library…', accelerator: 'CmdOrCtrl+O', click: () => actions.openLibrary() },
        { label: 'Open Recent', submenu: recent },
        { type: 'separator' },
        // the page shows what the import would do before anything is written
        pageItem('Import Exchange File…', { key: 'O', shift: true }, actions),
        { label: 'Export Library…', click: () => actions.exportExchange() },
        pageItem('Export PDF…', { key: 'E' }, actions),
        pageItem('Lock Library', { key: 'L' }, actions),
        ...(options.isMac ? [] : [{ type: 'separator' } as const, { role: 'quit' } as const]),
      ],
    },
    {
      label: '&Edit',
      submenu: [
        pageItem('Undo', { key: 'Z' }, actions),
        pageItem('Redo', { key: 'Z', shift: true }, actions),
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
        { type: 'separator' },
        pageItem('Search…', { key: 'K' }, actions),
      ],
    },
    {
      label: '&View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(options.packaged ? [] : [{ type: 'separator' } as const, { role: 'reload' } as const, { role: 'toggleDevTools' } as const]),
      ],
    },
    {
      label: '&Help',
      submenu: [
        { label: 'Keyboard Shortcuts', click: () => actions.showShortcuts() },
        ...(options.isMac ? [] : [{ type: 'separator' } as const, { label: 'About Briefbook', click: () => actions.showAbout() }]),
      ],
    },
  );
  return template;
}
