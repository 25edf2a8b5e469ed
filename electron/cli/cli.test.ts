import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { SAMPLE_BOOK_PATH } from '../store';
import { COMMANDS } from './commands';
import { runCliCaptured } from '../../tests/support/cli-run';

let dir: string;
let db: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'briefbook-cli-'));
  db = join(dir, 'library.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const cli = (args: string[], env: Record<string, string> = {}) => runCliCaptured(args, env);

describe('briefbook command line', () => {
  test('every command has --help, exit 0', async () => {
    for (const command of COMMANDS) {
      const result = await cli([command.name, '--help']);
      expect(result.code, command.name).toBe(0);
      expect(result.out).toMatch(/^usage: briefbook /);
    }
    const main = await cli(['--help']);
    expect(main.code).toBe(0);
    for (const command of COMMANDS) expect(main.out).toContain(command.name);
  });

  test('wrong usage exits 2 with the usage', async () => {
    expect((await cli([])).code).toBe(2);
    expect((await cli(['frobnicate'])).code).toBe(2);
    const noDb = await cli(['list', 'books']);
    expect(noDb.code).toBe(2);
    expect(noDb.err).toMatch(/--db PATH or set BRIEFBOOK_DB/);
    expect((await cli(['list', 'widgets', '--db', db])).code).toBe(2);
    expect((await cli(['list', 'items', '--kind', 'wish', '--db', db])).code).toBe(2);
    expect((await cli(['import', '--db', db])).code).toBe(2);
    expect((await cli(['search', '--db', db, '--limit', 'ten', 'x'])).code).toBe(2);
    expect((await cli(['import', SAMPLE_BOOK_PATH, '--nope'])).code).toBe(2);
  });

  test('import, list, search, export: the sample book end to end', async () => {
    const imported = await cli(['import', SAMPLE_BOOK_PATH, '--db', db]);
    expect(imported.code).toBe(0);
    expect(imported.out).toMatch(/items 41 new, 0 updated, 0 unchanged; books 1 new/);
    const again = await cli(['import', SAMPLE_BOOK_PATH], { BRIEFBOOK_DB: db });
    expect(again.out).toMatch(/items 0 new, 0 updated, 41 unchanged/);

    const books = await cli(['list', 'books', '--db', db]);
    expect(books.out).toMatch(/summit-2025-08-25 .*2025-08-25 .*CONFIDENTIAL\/\/NOFORN .*40\/41 cleared/);
    const redLines = await cli(['list', 'items', '--kind', 'red_line', '--db', db]);
    expect(redLines.out.split('\n')).toHaveLength(5);
    expect(redLines.out).toContain('No leader-level deal on the details of strategic flexibility');

    const korean = await cli(['search', '전략적', '유연성', '--db', db]);
    expect(korean.code).toBe(0);
    expect(korean.out).toContain('rl-flexibility-details');
    expect(korean.out).toContain('[전략적]');

    const file = join(dir, 'out.briefbook.json');
    const exported = await cli(['export', file, '--book', 'summit-2025-08-25', '--db', db]);
    expect(exported.code).toBe(0);
    const written = JSON.parse(readFileSync(file, 'utf8')) as { format: string; items: unknown[] };
    expect(written.format).toBe('briefbook/v1');
    expect(written.items).toHaveLength(41);
    expect((await cli(['validate', file])).out).toMatch(/valid briefbook\/v1 file with 41 items and 1 books/);

    // the export is in the log, and verify finds the file by its bytes
    const whole = join(dir, 'library.briefbook.json');
    expect((await cli(['export', whole, '--db', db])).code).toBe(0);
    const verified = await cli(['verify', whole, '--db', db]);
    expect(verified.code).toBe(0);
    expect(verified.out).toMatch(/the whole library \(exchange file\)/);
    expect((await cli(['verify', file, '--db', db])).out).toMatch(/book +Summit with President Trump \(summit-2025-08-25\)/);
  });

  test('bad input exits 1 naming the file, the path and the problem; nothing is imported', async () => {
    const bad = JSON.parse(readFileSync(SAMPLE_BOOK_PATH, 'utf8')) as { items: { kind: string }[] };
    bad.items[3].kind = 'wish';
    const file = join(dir, 'bad.briefbook.json');
    writeFileSync(file, JSON.stringify(bad));
    const validated = await cli(['validate', file]);
    expect(validated.code).toBe(1);
    expect(validated.err).toMatch(/bad\.briefbook\.json \$\.items\[3\]\.kind: item "tp-gratitude": must be one of/);
    const imported = await cli(['import', file, '--db', db]);
    expect(imported.code).toBe(1);
    expect(imported.err).toMatch(/nothing was imported/);
    expect((await cli(['list', 'items', '--db', db])).out).toBe('no items');

    const missing = await cli(['validate', join(dir, 'nope.json')]);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/nope\.json: no such file/);
  });

  test('markings: list and search show portion marks; a bad scheme or country code fails validate and imports nothing', async () => {
    expect((await cli(['import', SAMPLE_BOOK_PATH, '--db', db])).code).toBe(0);
    const items = (await cli(['list', 'items', '--db', db])).out.split('\n');
    expect(items.find((line) => line.startsWith('rl-flexibility-details'))).toMatch(/ \(C\/\/NF\) +Cleared +No leader-level deal/);
    expect(items.find((line) => line.startsWith('obj-principles'))).toMatch(/ \(U\) +/);
    expect((await cli(['search', 'strategic', 'flexibility', '--db', db])).out).toMatch(/rl-flexibility-details {2}Red line {2}\(C\/\/NF\) /);

    const bad = JSON.parse(readFileSync(SAMPLE_BOOK_PATH, 'utf8')) as { markings: Record<string, unknown>; items: { id: string; caveats?: string[] }[] };
    bad.markings.caveats = [{ code: 'NOFORN', supersedes: ['RELTO'] }, { code: 'REL TO', countries: true }, { code: 'REL TO' }];
    bad.items[0].caveats = ['REL TO USA, KR'];
    const file = join(dir, 'markings.briefbook.json');
    writeFileSync(file, JSON.stringify(bad));
    const validated = await cli(['validate', file]);
    expect(validated.code).toBe(1);
    expect(validated.err).toMatch(/^markings\.briefbook\.json: 3 problems/);
    expect(validated.err).toContain('markings.briefbook.json $.markings.caveats[2].code: duplicate caveat code "REL TO" (first at caveats[1])');
    expect(validated.err).toContain('markings.briefbook.json $.markings.caveats[0].supersedes[0]: caveat "NOFORN" supersedes "RELTO", which is not a caveat of this scheme');
    expect(validated.err).toContain(`markings.briefbook.json $.items[0].caveats[0]: item "${bad.items[0].id}": caveat "REL TO USA, KR" lists "KR"`);
    const fresh = join(dir, 'fresh.db');
    const imported = await cli(['import', file, '--db', fresh]);
    expect(imported.code).toBe(1);
    expect(imported.err).toMatch(/nothing was imported/);
  });

  test('a missing library is an error, not a new empty file', async () => {
    const result = await cli(['list', 'books', '--db', join(dir, 'absent.db')]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/no library at/);
    expect(existsSync(join(dir, 'absent.db'))).toBe(false);
  });

  test('export of an unknown book exits 1 and writes nothing', async () => {
    await cli(['import', SAMPLE_BOOK_PATH, '--db', db]);
    const target = join(dir, 'x.json');
    const result = await cli(['export', target, '--book', 'no-such-book', '--db', db]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/no book "no-such-book"/);
    expect(existsSync(target)).toBe(false);
  });
});

describe('as a process', () => {
  test('`npm run -s briefbook` runs the CLI and passes its exit code', async () => {
    const { spawnSync } = await import('node:child_process');
    const run = (args: string[]) =>
      spawnSync('npm', ['run', '-s', 'briefbook', '--', ...args], { encoding: 'utf8', env: { ...process.env, BRIEFBOOK_DB: db } });
    const imported = run(['import', SAMPLE_BOOK_PATH]);
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/items 41 new/);
    const usage = run(['list']);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/usage: briefbook list/);
  });
});
