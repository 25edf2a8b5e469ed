/**
 * One way to open a library: the product (electron/, src/) opens a library file only through the
 * session of electron/store/session.ts, whose parts in electron/store/vault/ are the only callers
 * of `openDatabase` and `createService`. The bare opener of electron/store/testing.ts is for tests:
 * no product source imports it.
 */
import { expect, test } from 'vitest';
import { productSources } from '../security/source-files';

const OPENS = /(?<!function )\b(openDatabase|createService)\(/;
const OPENERS = /^electron\/store\/vault\//;
const TESTING_IMPORT = /from '[^']*store\/testing'|from '\.\/testing'/;

function openingsOutsideTheSession(files: readonly { path: string; text: string }[]): string[] {
  const found: string[] = [];
  for (const { path, text } of files) {
    if (path === 'electron/store/testing.ts') continue;
    text.split('\n').forEach((line, index) => {
      if ((OPENS.test(line) && !OPENERS.test(path)) || TESTING_IMPORT.test(line)) found.push(`${path}:${index + 1}: ${line.trim()}`);
    });
  }
  return found;
}

test('the product opens a library only through the session', () => {
  expect(openingsOutsideTheSession([...productSources('electron'), ...productSources('src')])).toEqual([]);
});

test('the check finds a library opened around the session, and the test opener imported by the product', () => {
  expect(openingsOutsideTheSession([{ path: 'electron/cli/x.ts', text: 'const db = openDatabase(path);' }])).toHaveLength(1);
  expect(openingsOutsideTheSession([{ path: 'electron/main/x.ts', text: "import { tempLibrary } from '../store/testing';" }])).toHaveLength(1);
  expect(openingsOutsideTheSession([{ path: 'electron/store/vault/lifecycle.ts', text: 'const db = openDatabase(path);' }])).toEqual([]);
  expect(openingsOutsideTheSession([{ path: 'electron/store/open.ts', text: 'export function openDatabase(path: string): Db {' }])).toEqual([]);
});
