/**
 * Issue 11: fuzzed variants of a small valid exchange file, each broken one way — a lone
 * surrogate or non-character in a random string, a "__proto__" key in a random object, an
 * extension property nested past the bound, invalid UTF-8 bytes inside a random string — go
 * through the CLI (`validate`, `import`) and through the store (the app's import: the shell
 * reads the file, the session imports it, and the IPC dispatch for the text itself). Every one
 * is refused with the place named (JSON path or byte offset), nothing crashes, and the library
 * holds exactly what it held. FUZZ_RUNS sets the runs per kind (default 30 here).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, apiContract } from '../../src/shared/contract';
import { dispatch, type HandlersFor } from '../../electron/main/ipc/dispatch';
import { RecentLibraries } from '../../electron/main/recent-libraries';
import { createShellService } from '../../electron/main/shell-service';
import { openLibrarySession, type LibrarySession } from '../../electron/store/session';
import { sampleText } from '../../electron/store/testing';
import { runCliCaptured } from '../support/cli-run';
import { loadFontFiles } from '../../electron/cli/fonts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 30);

const CLEAN = {
  format: 'briefbook/v1',
  items: [
    {
      id: 'rl-sma',
      kind: 'red_line',
      title: 'No increase in the cost-sharing share',
      body: 'Do not concede a higher share.',
      topic: 'Alliance',
      tags: ['cost sharing', 'SMA'],
      classification: 'C',
      status: 'cleared',
      translations: { ko: { title: '분담금 인상 불가', body: '더 높은 분담금을 양보하지 않는다.' } },
      sources: [{ title: 'Special Measures Agreement', note: 'Signed 2024' }],
      x_extension: { reviewer: 'desk officer', notes: ['one', 'two'] },
    },
  ],
  books: [{ id: 'summit', title: 'Summit', distribution: ['President'], sections: [{ id: 's-red-lines', title: 'Red lines', items: ['rl-sma'] }] }],
};

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Where in CLEAN a value can be changed: every string, and every object. */
function places(root: Json, path: (string | number)[] = []): { path: (string | number)[]; value: Json }[] {
  const out = [{ path, value: root }];
  if (Array.isArray(root)) root.forEach((child, i) => out.push(...places(child, [...path, i])));
  else if (root !== null && typeof root === 'object') for (const [key, child] of Object.entries(root)) out.push(...places(child, [...path, key]));
  return out;
}

const ALL = places(CLEAN as unknown as Json);
const STRINGS = ALL.filter((p) => typeof p.value === 'string' && p.path.at(-1) !== 'format');
const OBJECTS = ALL.filter((p) => p.value !== null && typeof p.value === 'object' && !Array.isArray(p.value) && p.path.length > 0);

function setAt(root: Json, path: (string | number)[], value: Json): Json {
  const copy = structuredClone(root);
  let node = copy as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, Json>;
  node[path.at(-1) as string | number] = value;
  return copy;
}

interface Variant {
  kind: string;
  bytes: Buffer;
  /** what the refusal must name */
  expected: RegExp;
}

const BAD_CHARS = ['\ud800', '\udbff', '\udc00', '\udfff', '\ufffe', '\uffff'];

const loneSurrogate = fc.record({ at: fc.constantFrom(...STRINGS), bad: fc.constantFrom(...BAD_CHARS), offset: fc.nat() }).map(({ at, bad, offset }): Variant => {
  const text = at.value as string;
  const cut = offset % (text.length + 1);
  const broken = setAt(CLEAN as unknown as Json, at.path, `${text.slice(0, cut)}${bad}${text.slice(cut)}`);
  return { kind: 'bad character', bytes: Buffer.from(JSON.stringify(broken), 'utf8'), expected: /(a lone surrogate \(U\+D[89A-F][0-9A-F]{2}\)|the non-character U\+FFF[EF]) at character \d+/ };
});

const protoKey = fc.record({ at: fc.constantFrom(...OBJECTS), payload: fc.constantFrom('{"polluted":"yes"}', '"x"', '[]', 'null') }).map(({ at, payload }): Variant => {
  const marker = 'PROTO_MARKER_KEY';
  const broken = setAt(CLEAN as unknown as Json, [...at.path, marker], 0);
  const text = JSON.stringify(broken).replace(`"${marker}":0`, `"__proto__":${payload}`);
  return { kind: '__proto__', bytes: Buffer.from(text, 'utf8'), expected: /the key "__proto__" is not allowed/ };
});

const deepNesting = fc.record({ depth: fc.integer({ min: 64, max: 20_000 }), object: fc.boolean() }).map(({ depth, object }): Variant => {
  const open = object ? '{"a":'.repeat(depth) : '['.repeat(depth);
  const close = object ? '}'.repeat(depth) : ']'.repeat(depth);
  const text = JSON.stringify(CLEAN).replace('"x_extension":', `"x_deep":${open}1${close},"x_extension":`);
  return { kind: 'deep', bytes: Buffer.from(text, 'utf8'), expected: /nested too deeply: more than 64 levels/ };
});

const INVALID_UTF8 = [[0xff], [0xfe], [0xc0, 0xaf], [0xe0, 0x80, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0x80], [0xc3], [0xe2, 0x82]];

const invalidUtf8 = fc.record({ at: fc.constantFrom(...STRINGS), bad: fc.constantFrom(...INVALID_UTF8), offset: fc.nat() }).map(({ at, bad, offset }): Variant => {
  const marker = '\u0007MARK\u0007';
  const text = at.value as string;
  const cut = offset % (text.length + 1);
  const broken = JSON.stringify(setAt(CLEAN as unknown as Json, at.path, `${text.slice(0, cut)}${marker}${text.slice(cut)}`));
  const encoded = Buffer.from(broken, 'utf8');
  const markerBytes = Buffer.from(JSON.stringify(marker).slice(1, -1), 'utf8');
  const where = encoded.indexOf(markerBytes);
  const bytes = Buffer.concat([encoded.subarray(0, where), Buffer.from(bad), encoded.subarray(where + markerBytes.length)]);
  return { kind: 'utf-8', bytes, expected: new RegExp(`not valid UTF-8 at byte offset ${where} `) };
});

const variants = fc.oneof(loneSurrogate, protoKey, deepNesting, invalidUtf8);

let dir: string;
let cliDb: string;
let cliBefore: string;
let session: LibrarySession;
let storeBefore: string;
let importFile: string;
let handlers: HandlersFor<typeof apiContract>;
const counts = new Map<string, number>();

const cli = (args: string[]) => runCliCaptured(args);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'briefbook-exchange-fuzz-'));
  const clean = join(dir, 'clean.briefbook.json');
  writeFileSync(clean, JSON.stringify(CLEAN));
  cliDb = join(dir, 'cli.db');
  expect((await cli(['import', clean, '--db', cliDb])).code).toBe(0);
  cliBefore = (await cli(['export', '-', '--db', cliDb])).out;

  session = openLibrarySession(join(dir, 'app.db'), { sampleText, create: true, backupOnOpen: false, backupEveryMinutes: 0, idleLockMinutes: 0 });
  session['library.import']({ text: readFileSync(clean, 'utf8') });
  storeBefore = session['library.export']({}).text;
  importFile = join(dir, 'chosen.briefbook.json');
  const shell = createShellService({
    dialogs: { chooseSavePath: async () => null, chooseOpenPath: async () => importFile },
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
  for (const method of Object.keys(apiContract)) {
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

describe('malformed exchange files, fuzzed', () => {
  it('the CLI refuses every variant naming the place; the library is unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(variants, async (variant) => {
        counts.set(variant.kind, (counts.get(variant.kind) ?? 0) + 1);
        const file = join(dir, 'variant.briefbook.json');
        writeFileSync(file, variant.bytes);
        const validated = await cli(['validate', file]);
        expect(validated.code).toBe(1);
        expect(validated.err).toMatch(variant.expected);
        expect(validated.err).toContain('variant.briefbook.json');
        const imported = await cli(['import', file, '--db', cliDb]);
        expect(imported.code).toBe(1);
        expect(imported.err).toMatch(variant.expected);
        expect(imported.err).not.toMatch(/call stack|\n\s+at /);
      }),
      { numRuns: RUNS * 4 },
    );
    expect((await cli(['export', '-', '--db', cliDb])).out).toBe(cliBefore);
    expect([...counts.keys()].sort()).toEqual(['__proto__', 'bad character', 'deep', 'utf-8']);
  }, 300_000);

  it('the app refuses every variant (file import, store, IPC); the library is unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(variants, async (variant) => {
        writeFileSync(importFile, variant.bytes);
        const viaShell = await dispatch(apiContract, handlers, 'files.chooseExchange', {});
        expect(viaShell.ok).toBe(false);
        if (!viaShell.ok) expect(viaShell.error.message).toMatch(variant.expected);
        if (variant.kind === 'utf-8') return;
        const text = variant.bytes.toString('utf8');
        let thrown: unknown = null;
        try {
          session['library.import']({ text });
        } catch (error) {
          thrown = error;
        }
        expect(thrown).toBeInstanceOf(ApiError);
        expect((thrown as ApiError).code).toBe('invalid_file');
        expect((thrown as ApiError).message).toMatch(variant.expected);
        const viaIpc = await dispatch(apiContract, handlers, 'library.import', { text });
        expect(viaIpc.ok).toBe(false);
      }),
      { numRuns: RUNS * 4 },
    );
    expect(session['library.export']({}).text).toBe(storeBefore);
  }, 300_000);
});
