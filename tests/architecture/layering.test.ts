/**
 * The folder says where code may run and what it may lean on (docs/architecture.md). These cases prove the
 * lint rule bites: a forbidden import in the wrong folder is an error, the same import where it
 * belongs is not.
 */
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, test } from 'vitest';

const eslint = new ESLint({ cwd: resolve(__dirname, '../..') });

async function restrictedImports(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: resolve(__dirname, '../..', file) });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const cases: [file: string, source: string, allowed: boolean][] = [
  ['src/shared/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;", false],
  ['src/shared/x.ts', "import path from 'path';\nexport const a = path;", false],
  ['src/pdf/x.ts', "import Database from 'better-sqlite3-multiple-ciphers';\nexport const a = Database;", false],
  ['src/pdf/x.ts', "import { app } from 'electron';\nexport const a = app;", false],
  ['src/pdf/x.ts', "import React from 'react';\nexport const a = React;", false],
  ['src/renderer/x.ts', "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;", false],
  ['src/renderer/x.ts', "import { createHash } from 'node:crypto';\nexport const a = createHash;", false],
  ['src/renderer/x.ts', "import { openLibrary } from '../../electron/store';\nexport const a = openLibrary;", false],
  ['electron/store/x.ts', "import { app } from 'electron';\nexport const a = app;", false],
  ['electron/store/x.ts', "import https from 'node:https';\nexport const a = https;", false],
  ['electron/cli/x.ts', "import { BrowserWindow } from 'electron';\nexport const a = BrowserWindow;", false],
  ['electron/main/x.ts', "import http from 'node:http';\nexport const a = http;", false],
  ['electron/main/x.ts', "import { autoUpdater } from 'electron';\nexport const a = autoUpdater;", false],
  ['electron/main/x.ts', "import { net } from 'electron';\nexport const a = net;", false],
  // the store is the floor main and the CLI stand on; the CLI runs without the app
  ['electron/store/x.ts', "import { createWindow } from '../main/window';\nexport const a = createWindow;", false],
  ['electron/store/repositories/x.ts', "import { registerIpc } from '../../main/ipc';\nexport const a = registerIpc;", false],
  ['electron/store/x.ts', "import { run } from '../cli/run';\nexport const a = run;", false],
  ['electron/cli/x.ts', "import { appInfo } from '../main/app-info';\nexport const a = appInfo;", false],
  ['electron/cli/commands/x.ts', "import { appInfo } from '../../main/app-info';\nexport const a = appInfo;", false],
  // the preload is a thin bridge to src/shared
  ['electron/preload/x.ts', "import { createWindow } from '../main/window';\nexport const a = createWindow;", false],
  ['electron/preload/x.ts', "import { openLibrary } from '../store';\nexport const a = openLibrary;", false],
  ['electron/preload/x.ts', "import { renderPdf } from '../../src/pdf';\nexport const a = renderPdf;", false],
  ['electron/preload/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;", false],
  // src/shared stands below src/pdf
  ['src/shared/x.ts', "import { renderPdf } from '../pdf';\nexport const a = renderPdf;", false],
  ['src/shared/x.ts', "import { num } from '../pdf/pdf-syntax';\nexport const a = num;", false],
  // a renderer feature is reached only through its index
  ['src/renderer/features/book/x.tsx', "import { ExportLog } from '../export/ExportLog';\nexport const a = ExportLog;", false],
  ['src/renderer/features/settings/x.tsx', "import { useVault } from '../vault/vault-context';\nexport const a = useVault;", false],
  ['src/renderer/app/x.tsx', "import { BookView } from '../features/book/BookView';\nexport const a = BookView;", false],
  ['src/renderer/x.tsx', "import { prefetchLibraryTable } from './features/library/LibraryTable';\nexport const a = prefetchLibraryTable;", false],
  // where they belong
  ['electron/main/x.ts', "import { app } from 'electron';\nexport const a = app;", true],
  ['electron/store/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;", true],
  ['src/renderer/x.ts', "import React from 'react';\nexport const a = React;", true],
  ['src/pdf/x.ts', "import { PDFDocument } from 'pdf-lib';\nexport const a = PDFDocument;", true],
  ['electron/main/x.ts', "import { openLibrarySession } from '../store/session';\nexport const a = openLibrarySession;", true],
  ['electron/main/x.ts', "import { run } from '../cli/run';\nexport const a = run;", true],
  ['electron/cli/x.ts', "import { openLibrary } from '../store';\nexport const a = openLibrary;", true],
  ['electron/store/x.ts', "import { ITEM_KINDS } from '../../src/shared/domain';\nexport const a = ITEM_KINDS;", true],
  ['electron/preload/x.ts', "import type { BriefbookApi } from '../../src/shared/contract';\nexport type A = BriefbookApi;", true],
  ['electron/preload/x.ts', "import { contextBridge } from 'electron';\nexport const a = contextBridge;", true],
  ['electron/preload/x.ts', "import { createBriefbookApi } from './api';\nexport const a = createBriefbookApi;", true],
  ['src/pdf/x.ts', "import { overallMarking } from '../shared/markings';\nexport const a = overallMarking;", true],
  ['src/renderer/features/book/x.tsx', "import { ExportLog } from '../export';\nexport const a = ExportLog;", true],
  ['src/renderer/features/book/x.tsx', "import { ExportLog } from '../export/index';\nexport const a = ExportLog;", true],
  ['src/renderer/features/book/x.tsx', "import { BookView } from './BookView';\nexport const a = BookView;", true],
  ['src/renderer/features/book/x.tsx', "import { call } from '../../lib/api';\nexport const a = call;", true],
  ['src/renderer/app/x.tsx', "import { BookView } from '../features/book';\nexport const a = BookView;", true],
];

describe('layering', () => {
  test.each(cases)('%s: %s → allowed %s', async (file, source, allowed) => {
    const messages = await restrictedImports(file, source);
    if (allowed) expect(messages).toEqual([]);
    else expect(messages.length).toBeGreaterThan(0);
  });
});
