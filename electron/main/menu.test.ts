import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi, type Mock } from 'vitest';
import { buildMenuTemplate, shortcutSheet, type MenuActions } from './menu';

function actions(): { [K in keyof MenuActions]: Mock<MenuActions[K]> } {
  return {
    newLibrary: vi.fn<MenuActions['newLibrary']>(),
    openLibrary: vi.fn<MenuActions['openLibrary']>(),
    openRecent: vi.fn<MenuActions['openRecent']>(),
    exportExchange: vi.fn<MenuActions['exportExchange']>(),
    sendShortcut: vi.fn<MenuActions['sendShortcut']>(),
    showShortcuts: vi.fn<MenuActions['showShortcuts']>(),
    showAbout: vi.fn<MenuActions['showAbout']>(),
  };
}

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

function find(items: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions {
  const item = flatten(items).find((i) => i.label === label);
  if (!item) throw new Error(`no menu item ${label}`);
  return item;
}

const click = (item: MenuItemConstructorOptions) => (item.click as unknown as () => void)();

describe('the native menu (docs/ux.md)', () => {
  const recent = [{ path: '/home/desk/summit.briefbook', fileName: 'summit.briefbook' }];

  it('has File, Edit, View and Help on Windows and Linux', () => {
    const template = buildMenuTemplate(actions(), { isMac: false, packaged: true, recent });
    expect(template.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
  });

  it('has the app menu first on macOS', () => {
    const template = buildMenuTemplate(actions(), { isMac: true, packaged: true, recent });
    expect(template.map((m) => m.label)).toEqual(['Briefbook', '&File', '&Edit', '&View', '&Help']);
    expect(find(template, 'About Briefbook')).toBeDefined();
  });

  it('File: new, open, recent, import, export, export PDF', () => {
    const a = actions();
    const template = buildMenuTemplate(a, { isMac: false, packaged: true, recent });
    click(find(template, 'New Library…'));
    click(find(template, 'Open Library…'));
    click(find(template, 'summit.briefbook'));
    click(find(template, 'Export Library…'));
    expect(a.newLibrary).toHaveBeenCalledOnce();
    expect(a.openLibrary).toHaveBeenCalledOnce();
    expect(a.openRecent).toHaveBeenCalledWith('/home/desk/summit.briefbook');
    expect(a.exportExchange).toHaveBeenCalledOnce();
  });

  it('hands the page its own shortcuts: Export PDF, Lock, Undo, Redo, Search, Import', () => {
    const a = actions();
    const template = buildMenuTemplate(a, { isMac: false, packaged: true, recent: [] });
    for (const [label, accelerator, shortcut] of [
      ['Export PDF…', 'CmdOrCtrl+E', { key: 'E' }],
      ['Lock Library', 'CmdOrCtrl+L', { key: 'L' }],
      ['Undo', 'CmdOrCtrl+Z', { key: 'Z' }],
      ['Redo', 'CmdOrCtrl+Shift+Z', { key: 'Z', shift: true }],
      ['Search…', 'CmdOrCtrl+K', { key: 'K' }],
      ['Import Exchange File…', 'CmdOrCtrl+Shift+O', { key: 'O', shift: true }],
    ] as const) {
      const item = find(template, label);
      expect(item.accelerator).toBe(accelerator);
      // not registered: the keystroke itself reaches the page
      expect(item.registerAccelerator).toBe(false);
      click(item);
      expect(a.sendShortcut).toHaveBeenLastCalledWith(shortcut);
    }
    expect(find(template, 'No recent libraries').enabled).toBe(false);
  });

  it('offers reload and DevTools only in an unpackaged run', () => {
    const roles = (packaged: boolean) => flatten(buildMenuTemplate(actions(), { isMac: false, packaged, recent: [] })).map((i) => i.role);
    expect(roles(true)).not.toContain('toggleDevTools');
    expect(roles(true)).not.toContain('reload');
    expect(roles(false)).toContain('toggleDevTools');
  });

  it('Help: the shortcut sheet and About', () => {
    const a = actions();
    const template = buildMenuTemplate(a, { isMac: false, packaged: true, recent: [] });
    click(find(template, 'Keyboard Shortcuts'));
    click(find(template, 'About Briefbook'));
    expect(a.showShortcuts).toHaveBeenCalledOnce();
    expect(a.showAbout).toHaveBeenCalledOnce();
    expect(shortcutSheet(false)).toContain('Ctrl+Shift+N\tNew book');
    expect(shortcutSheet(true)).toContain('Cmd+E\tExport PDF');
  });
});
