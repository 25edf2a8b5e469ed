/**
 * Static checks over the sources (docs/security.md SEC-2, SEC-8, NET-3, IPC-1): the forbidden
 * settings and calls appear nowhere in electron/ or src/, nothing under electron/ imports a
 * networking, update or crash-upload module, and only the ipc binding calls ipcMain.
 * The same checks over the build output are in build-output.test.ts.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OFFLINE_SWITCHES } from '../../electron/main/policy/offline';
import { electronImports, importedModules, isNetworkModule, listFiles, REPO_ROOT, SEC2_PATTERNS, withoutComments } from './source-files';

const CODE = /\.(ts|tsx|mts|cts|js|mjs|cjs|html|css|json)$/;
const electronFiles = listFiles(join(REPO_ROOT, 'electron'), CODE);
const srcFiles = listFiles(join(REPO_ROOT, 'src'), CODE);

describe('SEC-2: forbidden settings and calls', () => {
  it('finds the source folders', () => {
    expect(electronFiles.some((f) => f.path === 'electron/main/index.ts')).toBe(true);
    expect(electronFiles.some((f) => f.path === 'electron/preload/index.ts')).toBe(true);
    expect(srcFiles.some((f) => f.path === 'src/shared/contract/index.ts')).toBe(true);
  });

  it.each(SEC2_PATTERNS)('$name appears nowhere in electron/ or src/', ({ pattern }) => {
    const hits = [...electronFiles, ...srcFiles].filter((file) => pattern.test(file.text)).map((file) => file.path);
    expect(hits).toEqual([]);
  });

  it('the scan patterns catch what they are meant to catch', () => {
    const samples: Record<string, string> = {
      'nodeIntegration: true': 'webPreferences: { "nodeIntegration": !0 }',
      'contextIsolation: false': 'contextIsolation:false',
      'sandbox: false': 'sandbox : !1',
      'webSecurity: false': "'webSecurity': false",
      'eval(': 'window.eval (code)',
      'new Function(': 'new  Function ("return 1")',
      'remote-debugging-port': "appendSwitch('Remote-Debugging-Port', '9222')",
    };
    for (const { name, pattern } of SEC2_PATTERNS) {
      if (samples[name]) expect(pattern.test(samples[name]), name).toBe(true);
    }
    expect(SEC2_PATTERNS.find((p) => p.name === 'eval(')!.pattern.test('retrieval(x)')).toBe(false);
  });

  it('the offline switches include none of them', () => {
    const switches = OFFLINE_SWITCHES.map(([name, value]) => `--${name}${value === undefined ? '' : `=${value}`}`).join(' ');
    for (const { pattern } of SEC2_PATTERNS) expect(pattern.test(switches)).toBe(false);
    expect(switches).not.toMatch(/no-sandbox|disable-web-security|proxy-server=|inspect/);
  });
});

describe('SEC-8: no shell.openExternal', () => {
  it('no code opens external URLs', () => {
    const hits = [...electronFiles, ...srcFiles].filter((file) => /\bopenExternal\s*\(|shell\s*\.\s*openPath\s*\(/.test(file.text));
    expect(hits.map((f) => f.path)).toEqual([]);
  });
});

describe('NET-3: no networking module under electron/', () => {
  it('recognises the imports it checks', () => {
    expect(importedModules(`import https from 'node:https';\nconst n = require("net");\nawait import('undici');\nexport { x } from 'axios';`)).toEqual([
      'node:https',
      'axios',
      'net',
      'undici',
    ]);
    expect(isNetworkModule('node:dns')).toBe(true);
    expect(isNetworkModule('dns/promises')).toBe(true);
    expect(isNetworkModule('node:fs')).toBe(false);
  });

  it.each(electronFiles.map((f) => [f.path, f] as const))('%s imports no networking module', (_path, file) => {
    expect(importedModules(file.text).filter(isNetworkModule)).toEqual([]);
  });

  it('nothing imports autoUpdater, crashReporter, net or netLog from electron', () => {
    const hits = electronFiles.flatMap((file) =>
      electronImports(file.text).filter((name) => ['autoUpdater', 'crashReporter', 'net', 'netLog'].includes(name)).map((name) => `${file.path}: ${name}`),
    );
    expect(hits).toEqual([]);
  });

  it('no fetch, XMLHttpRequest or WebSocket in the main process or preload', () => {
    const hits = electronFiles
      .filter((file) => /^electron\/(main|preload)\//.test(file.path) && !file.path.endsWith('.test.ts'))
      .filter((file) => /\bfetch\s*\(|\bXMLHttpRequest\b|\bWebSocket\b|\bEventSource\b/.test(file.text));
    expect(hits.map((f) => f.path)).toEqual([]);
  });
});

describe('IPC-1: one binding, one bridge', () => {
  const runtime = electronFiles.filter((file) => !file.path.endsWith('.test.ts')).map((file) => ({ ...file, text: withoutComments(file.text) }));

  it('only electron/main/ipc/bind.ts calls ipcMain', () => {
    const callers = runtime.filter((file) => /\bipcMain\s*\.\s*\w+/.test(file.text)).map((file) => file.path);
    expect(callers).toEqual(['electron/main/ipc/bind.ts']);
  });

  it('only the preload touches ipcRenderer, and only to invoke', () => {
    const users = runtime.filter((file) => /\bipcRenderer\b/.test(file.text)).map((file) => file.path);
    expect(users).toEqual(['electron/preload/index.ts']);
    const preload = runtime.find((file) => file.path === 'electron/preload/index.ts')!.text;
    expect([...preload.matchAll(/\bipcRenderer\s*\.\s*(\w+)/g)].map((m) => m[1])).toEqual(['invoke']);
    expect(preload.match(/exposeInMainWorld\s*\(/g)).toHaveLength(1);
  });

  it('the security policies do not import electron, so tests drive them directly', () => {
    const policies = runtime.filter((file) => /^electron\/main\/(policy|ipc)\//.test(file.path));
    expect(policies.length).toBeGreaterThanOrEqual(10);
    for (const file of policies) expect(importedModules(file.text).filter((m) => m === 'electron' || m.startsWith('electron/')), file.path).toEqual([]);
  });

  it('only electron/main and electron/preload import electron', () => {
    const importers = [...runtime, ...srcFiles]
      .filter((file) => importedModules(file.text).some((m) => m === 'electron'))
      .map((file) => file.path)
      .filter((path) => !/^electron\/(main|preload)\//.test(path));
    expect(importers).toEqual([]);
  });
});
