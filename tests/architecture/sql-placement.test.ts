/**
 * SQL lives in electron/store/repositories (and the migrations that build the schema): no other
 * product source prepares or executes a statement. A statement is recognised as a call of
 * `.prepare(` / `.prepare<`, or of `.exec(` with a literal string (a RegExp's `.exec(text)` is
 * not SQL).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { expect, test } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const STATEMENT = /\.prepare\s*[<(]|\.exec\(\s*[`'"]/;
const ALLOWED = [/^electron\/store\/repositories\//, /^electron\/store\/migrate\.ts$/];

function statementsOutsideRepositories(files: readonly { path: string; text: string }[]): string[] {
  const found: string[] = [];
  for (const { path, text } of files) {
    if (ALLOWED.some((allowed) => allowed.test(path))) continue;
    text.split('\n').forEach((line, index) => {
      if (STATEMENT.test(line)) found.push(`${path}:${index + 1}: ${line.trim()}`);
    });
  }
  return found;
}

function sources(folder: string): { path: string; text: string }[] {
  return readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.(ts|tsx|mts)$/.test(name) && !/\.test\.tsx?$/.test(name))
    .map((name) => {
      const path = join(ROOT, folder, name);
      return { path: relative(ROOT, path).split('\\').join('/'), text: readFileSync(path, 'utf8') };
    });
}

test('no product source outside the repositories and the migrations runs SQL', () => {
  expect(statementsOutsideRepositories([...sources('electron'), ...sources('src')])).toEqual([]);
});

test('the check finds a statement where it does not belong, and leaves a RegExp alone', () => {
  const service = "const n = db.prepare('SELECT count(*) FROM items').get();\nconst m = /x/.exec(name);";
  expect(statementsOutsideRepositories([{ path: 'electron/store/service/items.ts', text: service }])).toEqual([
    "electron/store/service/items.ts:1: const n = db.prepare('SELECT count(*) FROM items').get();",
  ]);
  expect(statementsOutsideRepositories([{ path: 'electron/store/repositories/items.ts', text: service }])).toEqual([]);
  expect(statementsOutsideRepositories([{ path: 'electron/main/x.ts', text: 'db.exec(`DELETE FROM items`);' }])).toHaveLength(1);
});
