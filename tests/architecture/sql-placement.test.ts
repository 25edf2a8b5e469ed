/**
 * SQL lives in electron/store/repositories (and the migrations that build the schema): no other
 * product source prepares or executes a statement. A statement is recognised as a call of
 * `.prepare(` / `.prepare<`, or of `.exec(` with a literal string (a RegExp's `.exec(text)` is
 * not SQL).
 */
import { expect, test } from 'vitest';
import { productSources } from '../security/source-files';

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

test('no product source outside the repositories and the migrations runs SQL', () => {
  expect(statementsOutsideRepositories([...productSources('electron'), ...productSources('src')])).toEqual([]);
});

test('the check finds a statement where it does not belong, and leaves a RegExp alone', () => {
  const service = "const n = db.prepare('SELECT count(*) FROM items').get();\nconst m = /x/.exec(name);";
  expect(statementsOutsideRepositories([{ path: 'electron/store/service/items.ts', text: service }])).toEqual([
    "electron/store/service/items.ts:1: const n = db.prepare('SELECT count(*) FROM items').get();",
  ]);
  expect(statementsOutsideRepositories([{ path: 'electron/store/repositories/items.ts', text: service }])).toEqual([]);
  expect(statementsOutsideRepositories([{ path: 'electron/main/x.ts', text: 'db.exec(`DELETE FROM items`);' }])).toHaveLength(1);
});
