/**
 * docs/security.md IPC-3 with the real store behind the binding: arbitrary payloads for every method
 * of the contract go through the same dispatch the ipc binding uses, to a real library session
 * on a temp file (and the shell service with dialogs that cancel). 0 crashes, every answer
 * well-formed, and invalid payloads leave the database file byte-identical. Valid but hostile
 * inputs to the read methods (FTS syntax, odd ids, huge filters) neither crash the store nor
 * change the file. FUZZ_RUNS sets the number of payloads per method (default 150 here).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiContract, type ApiMethod } from '../../src/shared/contract';
import { ITEM_KINDS, ITEM_STATUSES } from '../../src/shared/domain';
import { SETTING_KEYS } from '../../src/shared/settings';
import type { IpcOutcome } from '../../src/shared/api-methods';
import { dispatch, type HandlersFor } from '../../electron/main/ipc/dispatch';
import { overIpc, payloads, specialPayloads } from '../../electron/main/ipc/ipc-fuzz';
import { RecentLibraries } from '../../electron/main/recent-libraries';
import { createShellService } from '../../electron/main/shell-service';
import { openLibrarySession, type LibrarySession } from '../../electron/store/session';
import { sampleText } from '../../electron/store/testing';
import { loadFontFiles } from '../../electron/cli/fonts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const methods = Object.keys(apiContract) as ApiMethod[];

let dir: string;
let libraryPath: string;
let session: LibrarySession;
let handlers: HandlersFor<typeof apiContract>;
const failures: { method: string; error: unknown }[] = [];

function fileState(): string {
  const hash = createHash('sha256');
  for (const suffix of ['', '-wal']) {
    const path = libraryPath + suffix;
    hash.update(`${suffix}:${existsSync(path) ? createHash('sha256').update(readFileSync(path)).digest('hex') : 'absent'};`);
  }
  return hash.digest('hex');
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'briefbook-ipc-fuzz-'));
  libraryPath = join(dir, 'library.briefbook');
  session = openLibrarySession(libraryPath, { sampleText, create: true, backupOnOpen: false, backupEveryMinutes: 0, idleLockMinutes: 0 });
  session['library.loadSample']({});
  const shell = createShellService({
    dialogs: { chooseSavePath: async () => null, chooseOpenPath: async () => null },
    session: () => session,
    switchLibrary: async () => {
      throw new Error('the fuzz run never switches libraries');
    },
    recent: new RecentLibraries(join(dir, 'recent-libraries.json')),
    appInfo: () => ({ name: 'Briefbook', version: '0.1.0', platform: 'linux x64', electron: null, packaged: false, licences: [] }),
    defaultFolder: () => dir,
    fonts: async () => loadFontFiles(),
  });
  const all: Record<string, (input: never) => unknown> = {};
  for (const method of methods) {
    all[method] = Object.hasOwn(shell, method)
      ? (input: never) => (shell as Record<string, (input: never) => unknown>)[method](input)
      : (input: never) => (session as unknown as Record<string, (input: never) => unknown>)[method](input);
  }
  handlers = all as HandlersFor<typeof apiContract>;
});

afterAll(() => {
  session?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function expectWellFormed(outcome: IpcOutcome): void {
  if (!outcome.ok) {
    expect(Object.keys(outcome.error).sort()).toEqual(['code', 'message']);
    expect(outcome.error.code).toMatch(/^[a-z][a-z0-9_]*$/);
    expect(outcome.error.message).not.toMatch(/\n\s+at |node_modules|\.ts:\d/);
    expect(outcome.error.message).not.toContain(dir);
  }
}

const log = (method: string, error: unknown) => failures.push({ method, error });

describe('IPC-3 against the real store', () => {
  it.each(methods)('%s: invalid payloads leave the library file byte-identical', async (method) => {
    const schema = apiContract[method].input;
    const before = fileState();
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(payloads(schema), async (raw) => {
        const delivered = overIpc(raw);
        fc.pre(delivered !== null && !schema.safeParse(delivered.value).success);
        const outcome = await dispatch(apiContract, handlers, method, delivered!.value, log);
        sent += 1;
        expect(outcome.ok).toBe(false);
        expectWellFormed(outcome);
      }),
      { numRuns: RUNS },
    );
    for (const special of specialPayloads(schema)) {
      const delivered = overIpc(special);
      if (delivered === null || schema.safeParse(delivered.value).success) continue;
      expectWellFormed(await dispatch(apiContract, handlers, method, delivered.value, log));
      sent += 1;
    }
    expect(sent).toBeGreaterThan(0);
    expect(fileState()).toBe(before);
    expect(failures).toEqual([]);
  });

  const hostileText = fc.oneof(
    fc.constantFrom('"', '""', '*', 'NEAR(', 'a OR', 'AND', '-', '^', '(', ')', ':', 'title:', '"unterminated', 'NOT NOT', '\u0000', '\ud800', '🇰🇷', '한미 동맹', '石破茂', "'; DROP TABLE items; --", '%', '_', '\\'),
    fc.string({ maxLength: 60 }),
    fc.string({ unit: 'binary', maxLength: 30 }),
  );
  const anyId = fc.oneof(fc.constantFrom('rl-flex', '', ' ', '..', '\u0000', 'x'.repeat(64)), fc.string({ minLength: 1, maxLength: 64 }));

  /** Valid inputs, hostile contents, for the methods that only read. */
  const readCalls: [ApiMethod, fc.Arbitrary<unknown>][] = [
    ['search.query', fc.record({ q: hostileText, limit: fc.option(fc.integer({ min: 1, max: 500 }), { nil: undefined }) }, { requiredKeys: ['q'] })],
    ['items.get', fc.record({ id: anyId })],
    ['items.history', fc.record({ id: anyId })],
    ['items.usedIn', fc.record({ id: anyId })],
    ['books.get', fc.record({ id: anyId })],
    ['books.content', fc.record({ id: anyId })],
    ['exports.list', fc.record({ bookId: fc.option(anyId, { nil: undefined }) }, { requiredKeys: [] })],
    ['settings.get', fc.record({ key: fc.oneof(fc.constantFrom(...SETTING_KEYS), anyId) })],
    ['library.export', fc.record({ bookId: fc.option(anyId, { nil: undefined }) }, { requiredKeys: [] })],
    ['library.validate', fc.record({ text: fc.oneof(hostileText, fc.json(), fc.constant('{"format":"briefbook","version":1,"items":[{}]}')) })],
    [
      'items.list',
      fc.record(
        {
          kinds: fc.subarray([...ITEM_KINDS]),
          statuses: fc.subarray([...ITEM_STATUSES]),
          classifications: fc.array(hostileText, { maxLength: 5 }),
          topics: fc.array(hostileText, { maxLength: 5 }),
          tags: fc.array(hostileText, { maxLength: 5 }),
          sort: fc.record({ by: fc.constantFrom('title', 'kind', 'topic', 'status', 'classification', 'updatedAt', 'usedIn' as const), dir: fc.constantFrom('asc', 'desc' as const) }),
          offset: fc.integer({ min: 0, max: 10_000_000 }),
          limit: fc.integer({ min: 1, max: 100_000 }),
        },
        { requiredKeys: [] },
      ),
    ],
  ];

  it.each(readCalls)('%s: valid but hostile inputs never crash the store nor change the file', async (method, input) => {
    const before = fileState();
    await fc.assert(
      fc.asyncProperty(input, async (raw) => {
        const delivered = overIpc(raw);
        fc.pre(delivered !== null);
        const outcome = await dispatch(apiContract, handlers, method, delivered!.value, log);
        expectWellFormed(outcome);
        if (!outcome.ok) expect(outcome.error.code).not.toBe('internal');
      }),
      { numRuns: Math.max(50, Math.floor(RUNS / 2)) },
    );
    expect(fileState()).toBe(before);
    expect(failures).toEqual([]);
  });

  it("refuses the audit's payloads (unknown keys deep inside, 5 000 translations, 20 MB smuggled values), and the library still exports a file its own validator accepts", async () => {
    const before = fileState();
    const item = { kind: 'red_line', title: 'Strict', body: 'b', classification: 'S', status: 'draft' };
    const twenty = 'x'.repeat(20 * 1024 * 1024);
    const refused: [ApiMethod, unknown, string][] = [
      ['items.save', { item: { ...item, sources: [{ title: 's', smuggled: twenty }] } }, 'too_large'],
      ['items.save', { item: { ...item, sources: [{ title: 's', smuggled: 'x' }] } }, 'invalid_input'],
      ['items.save', { item: { ...item, translations: Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`l${i}`, { title: 't' }])) } }, 'invalid_input'],
      ['markings.set', { scheme: { scheme: 's', levels: [{ code: 'U', banner: 'U', portion: 'U', a: twenty }], b: twenty } }, 'too_large'],
      ['markings.set', { scheme: { scheme: 's', levels: [{ code: 'U', banner: 'U', portion: 'U', smuggled: 1 }] } }, 'invalid_input'],
      ['books.save', { book: { id: 'x', title: 'x', classificationAuthority: { reason: 'r', smuggled: 'x' } } }, 'invalid_input'],
    ];
    for (const [method, payload, code] of refused) {
      const outcome = await dispatch(apiContract, handlers, method, overIpc(payload)?.value, log);
      expect(outcome, method).toMatchObject({ ok: false, error: { code } });
    }
    expect(fileState()).toBe(before);
    // a large exchange file is not held to the cap of ordinary messages
    const big = await dispatch(apiContract, handlers, 'library.validate', { text: twenty }, log);
    expect(big.ok).toBe(true);
    expect(failures).toEqual([]);
  });

  it('after all of it, the library exports a file its own validator accepts', async () => {
    const exported = await dispatch(apiContract, handlers, 'library.export', {}, log);
    expect(exported.ok).toBe(true);
    const text = exported.ok ? (exported.value as { text: string }).text : '';
    const report = await dispatch(apiContract, handlers, 'library.validate', { text }, log);
    expect(report).toMatchObject({ ok: true, value: { ok: true } });
    expect(failures).toEqual([]);
  });
});
