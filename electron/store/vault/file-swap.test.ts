import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { finishInterruptedSwap, swapIntentPath } from './file-swap';

let dir: string;
let library: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'briefbook-swap-'));
  library = join(dir, 'library.briefbook.db');
  writeFileSync(library, 'old library');
  writeFileSync(join(dir, 'new.tmp'), 'new library');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('an intent file that does not hold a swap is left for a person, and nothing is moved', () => {
  const marker = swapIntentPath(library);
  const broken = { format: 'briefbook-swap', version: 1, swaps: [{ from: 42, to: 'library.briefbook.db', database: true }] };
  writeFileSync(marker, JSON.stringify(broken));
  expect(finishInterruptedSwap(library)).toBe(false);
  expect(readFileSync(library, 'utf8')).toBe('old library');
  expect(existsSync(join(dir, 'new.tmp'))).toBe(true);
  expect(JSON.parse(readFileSync(marker, 'utf8'))).toEqual(broken);
});

test('a whole intent file is finished: the new file in place, the marker gone', () => {
  const marker = swapIntentPath(library);
  writeFileSync(marker, JSON.stringify({ format: 'briefbook-swap', version: 1, swaps: [{ from: 'new.tmp', to: 'library.briefbook.db', database: true }], removes: [] }));
  expect(finishInterruptedSwap(library)).toBe(true);
  expect(readFileSync(library, 'utf8')).toBe('new library');
  expect(existsSync(marker)).toBe(false);
});
