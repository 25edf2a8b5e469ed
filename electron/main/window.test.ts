import { beforeEach, describe, expect, it, vi } from 'vitest';
import { webPreferencesFor } from './policy/web-preferences';

const created: { options: Record<string, unknown>; loaded: string[] }[] = [];

vi.mock('electron', () => ({
  BrowserWindow: class {
    readonly record: { options: Record<string, unknown>; loaded: string[] };
    constructor(options: Record<string, unknown>) {
      this.record = { options, loaded: [] };
      created.push(this.record);
    }
    once() {
      return this;
    }
    loadURL(url: string) {
      this.record.loaded.push(url);
      return Promise.resolve();
    }
  },
}));

describe('createMainWindow (docs/security.md SEC-1)', () => {
  beforeEach(() => {
    created.length = 0;
  });

  it.each([true, false])('gives the window exactly the SEC-1 webPreferences (packaged: %s)', async (packaged) => {
    const { createMainWindow } = await import('./window');
    createMainWindow({ preload: '/opt/Briefbook/resources/app.asar/out/preload/index.cjs', packaged, title: 'Briefbook' });
    expect(created).toHaveLength(1);
    expect(created[0].options.webPreferences).toEqual(webPreferencesFor({ preload: '/opt/Briefbook/resources/app.asar/out/preload/index.cjs', packaged }));
  });

  it('loads the app origin entry page, nothing else', async () => {
    const { createMainWindow } = await import('./window');
    createMainWindow({ preload: '/p.cjs', packaged: true, title: 'Briefbook' });
    expect(created[0].loaded).toEqual(['app://bundle/index.html']);
  });
});
