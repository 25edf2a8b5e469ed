/**
 * The folder says where code may run (STYLE.md). These cases prove the lint rule bites: a
 * forbidden import in the wrong folder is an error, the same import where it belongs is not.
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
  // where they belong
  ['electron/main/x.ts', "import { app } from 'electron';\nexport const a = app;", true],
  ['electron/store/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;", true],
  ['src/renderer/x.ts', "import React from 'react';\nexport const a = React;", true],
  ['src/pdf/x.ts', "import { PDFDocument } from 'pdf-lib';\nexport const a = PDFDocument;", true],
];

describe('layering', () => {
  test.each(cases)('%s: %s → allowed %s', async (file, source, allowed) => {
    const messages = await restrictedImports(file, source);
    if (allowed) expect(messages).toEqual([]);
    else expect(messages.length).toBeGreaterThan(0);
  });
});
