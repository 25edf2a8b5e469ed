/**
 * The harness opens a library the way the app does, through a session, and refuses in words one
 * that does not open: a test never runs against a library the app would not have opened.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { openAppLibrary } from './harness';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'briefbook-harness-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('a library the session cannot open is refused with the reason, and left as it was', () => {
  const path = join(dir, 'cut-short.briefbook');
  writeFileSync(path, '');
  expect(() => openAppLibrary(path)).toThrow(/did not open \(recovery\): The library file cut-short\.briefbook is empty \(0 bytes\)/);
  expect(statSync(path).size).toBe(0);
});

test('a missing library is created, and opens with the sample on offer', () => {
  const library = openAppLibrary(join(dir, 'new.briefbook'));
  try {
    expect(library.service['vault.status']({}).state).toBe('open');
    expect(library.service['library.info']({}).offerSample).toBe(true);
  } finally {
    library.close();
  }
});
