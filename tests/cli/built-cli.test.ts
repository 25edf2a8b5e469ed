/**
 * The compiled command line (scripts/cli-build.mjs, docs/cli.md): `npm run -s briefbook` runs
 * the esbuild bundle in out/cli/, and must answer exactly as the TypeScript run in-process does
 * (same output, same exit codes), and must never run stale code after a source changed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CliIo } from '../../electron/cli/command';
import { runCli } from '../../electron/cli/run';
import { SAMPLE_BOOK_PATH } from '../../electron/store';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const LAUNCHER = 'scripts/briefbook.mjs';

interface Run {
  code: number;
  out: string;
  err: string;
}

function built(args: string[], root = ROOT, env: Record<string, string> = {}): Run {
  const run = spawnSync(process.execPath, [join(root, LAUNCHER), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  return { code: run.status ?? -1, out: run.stdout, err: run.stderr };
}

async function inProcess(args: string[], env: Record<string, string> = {}): Promise<Run> {
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`), env, prompt: async () => null };
  const code = await runCli(args, io);
  return { code, out, err };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'briefbook-built-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the built command line', () => {
  test('answers every command as the in-process run does: same output, same exit code', async () => {
    // one library per side, same file name, so the outputs can be compared after naming the folder
    const sides = { built: join(dir, 'built'), inProcess: join(dir, 'in-process') };
    for (const side of Object.values(sides)) mkdirSync(side);
    const bad = join(dir, 'bad.briefbook.json');
    writeFileSync(bad, JSON.stringify({ format: 'briefbook/v1', items: [{ id: 'x' }], books: [] }));
    const script = (folder: string): string[][] => [
      ['--help'],
      [],
      ['help', 'pdf'],
      ['frobnicate'],
      ['list', '--help'],
      ['list', 'books'],
      ['import', SAMPLE_BOOK_PATH, '--db', join(folder, 'library.db')],
      ['import', SAMPLE_BOOK_PATH, '--db', join(folder, 'library.db')],
      ['list', 'books', '--db', join(folder, 'library.db')],
      ['list', 'items', '--kind', 'red_line', '--db', join(folder, 'library.db')],
      ['list', 'widgets', '--db', join(folder, 'library.db')],
      ['search', '반도체', '--db', join(folder, 'library.db')],
      ['validate', bad],
      ['pdf', '--book', 'no-such-book', '--out', join(folder, 'b.pdf'), '--db', join(folder, 'library.db')],
      ['pdf', '--book', 'summit-2025-08-25', '--out', join(folder, 'b.pdf'), '--db', join(folder, 'library.db')],
      ['verify', join(folder, 'b.pdf'), '--db', join(folder, 'library.db')],
    ];
    const builtScript = script(sides.built);
    const inProcessScript = script(sides.inProcess);
    const name = (run: Run, folder: string): Run => ({ code: run.code, out: run.out.replaceAll(folder, '<dir>'), err: run.err.replaceAll(folder, '<dir>') });
    // a fixed date in the PDFs: the two sides must write the same bytes (verify prints their hash)
    const env = { SOURCE_DATE_EPOCH: '1756080000' };
    for (let i = 0; i < builtScript.length; i += 1) {
      const fromBundle = name(built(builtScript[i], ROOT, env), sides.built);
      const fromSource = name(await inProcess(inProcessScript[i], env), sides.inProcess);
      // verify prints when the file was exported: the two sides exported at different moments
      const label = builtScript[i].join(' ').replaceAll(sides.built, '<dir>');
      if (builtScript[i][0] === 'verify') {
        expect(fromBundle.code, label).toBe(0);
        expect(fromBundle.out.replace(/exported {4}\S+/, ''), label).toBe(fromSource.out.replace(/exported {4}\S+/, ''));
      } else {
        expect(fromBundle, label).toEqual(fromSource);
      }
    }
    // and the run really did its work: the PDF is there and the library knows it
    expect(readFileSync(join(sides.built, 'b.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  });

  test("leaves brotli (fontkit's WOFF2 decoder and its 0.75 MB dictionary) out of the bundle, loaded on its first call", async () => {
    expect(built(['--help']).code).toBe(0);
    const current = join(ROOT, 'out/cli', (JSON.parse(readFileSync(join(ROOT, 'out/cli/current.json'), 'utf8')) as { build: string }).build);
    for (const file of readdirSync(current)) expect(readFileSync(join(current, file), 'utf8'), file).not.toContain('BrotliDecompressBuffer');
    // the stand-in decompresses as brotli does, from node_modules, in a bundle made the same way
    const { build } = await import('esbuild');
    const { lazyPackagesPlugin } = await import('../../scripts/lazy-packages.mjs');
    const entry = join(dir, 'lazy-entry.mjs');
    writeFileSync(entry, "import decompress from 'brotli/decompress.js'; import { brotliCompressSync } from 'node:zlib'; process.stdout.write(Buffer.from(decompress(brotliCompressSync(Buffer.from('briefing book')))).toString());");
    const bundle = join(ROOT, 'node_modules/.cache/briefbook-lazy-test.mjs');
    await build({
      entryPoints: [entry],
      outfile: bundle,
      bundle: true,
      format: 'esm',
      platform: 'node',
      absWorkingDir: ROOT,
      logLevel: 'silent',
      plugins: [lazyPackagesPlugin()],
      banner: { js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);" },
    });
    try {
      expect(readFileSync(bundle, 'utf8')).not.toContain('BrotliDecompressBuffer');
      const run = spawnSync(process.execPath, [bundle], { encoding: 'utf8' });
      expect(run.stderr).toBe('');
      expect(run.stdout).toBe('briefing book');
    } finally {
      rmSync(bundle, { force: true });
    }
  });

  test('a reader that closes the pipe early ends the built command quietly', () => {
    const db = join(dir, 'pipe.db');
    expect(built(['import', SAMPLE_BOOK_PATH, '--db', db]).code).toBe(0);
    const run = spawnSync('bash', ['-c', `set -o pipefail; node ${LAUNCHER} list items --db '${db}' | head -1`], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout.split('\n').filter(Boolean)).toHaveLength(1);
    expect(run.stderr).toBe('');
  });
});

describe('the bundle is never stale', () => {
  let copy: string;
  beforeAll(() => {
    // a copy of the sources the command line is built from, with this checkout's packages
    copy = mkdtempSync(join(tmpdir(), 'briefbook-tree-'));
    const keep = (source: string) => !source.endsWith('.test.ts') && !source.includes(`${join('src', 'renderer')}`);
    for (const part of ['electron', 'src', 'scripts', 'package.json', 'tsconfig.json']) {
      cpSync(join(ROOT, part), join(copy, part), { recursive: true, preserveTimestamps: true, filter: keep });
    }
    // this checkout's packages, each linked, and npm's record of the installed tree copied
    mkdirSync(join(copy, 'node_modules'));
    for (const entry of readdirSync(join(ROOT, 'node_modules'))) {
      if (entry === '.package-lock.json') cpSync(join(ROOT, 'node_modules', entry), join(copy, 'node_modules', entry), { preserveTimestamps: true });
      else symlinkSync(join(ROOT, 'node_modules', entry), join(copy, 'node_modules', entry));
    }
  });
  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  const build = () => (JSON.parse(readFileSync(join(copy, 'out/cli/current.json'), 'utf8')) as { build: string }).build;

  test('a changed help text is what the next run prints; unchanged sources are not rebuilt', () => {
    const first = built(['verify', '--help'], copy);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/^usage: briefbook verify FILE.pdf/);
    const firstBuild = build();
    expect(built(['--help'], copy).code).toBe(0);
    expect(build()).toBe(firstBuild);

    const verify = join(copy, 'electron/cli/commands/verify.ts');
    writeFileSync(verify, readFileSync(verify, 'utf8').replace('usage: briefbook verify FILE.pdf', 'usage: briefbook verify THE-FILE.pdf'));
    const changed = built(['verify', '--help'], copy);
    expect(changed.code).toBe(0);
    expect(changed.out).toMatch(/^usage: briefbook verify THE-FILE.pdf/);
    expect(build()).not.toBe(firstBuild);

    const registry = join(copy, 'electron/cli/commands/index.ts');
    writeFileSync(registry, readFileSync(registry, 'utf8').replace("summary: 'list books or items'", "summary: 'list the books or the items'"));
    expect(built(['--help'], copy).out).toMatch(/ list +list the books or the items\n/);
  });

  test('installing packages again (npm ci, npm install) rebuilds: the bundle holds them', () => {
    expect(built(['--help'], copy).code).toBe(0);
    const before = build();
    expect(built(['--help'], copy).code).toBe(0);
    expect(build()).toBe(before);
    // npm rewrites node_modules/.package-lock.json on every install
    const record = join(copy, 'node_modules/.package-lock.json');
    utimesSync(record, new Date(), new Date(Date.UTC(2001, 0, 1)));
    expect(built(['--help'], copy).code).toBe(0);
    expect(build()).not.toBe(before);
  });

  test('runs that all find the bundle out of date all answer (more at once than the builds kept)', async () => {
    const verify = join(copy, 'electron/cli/commands/verify.ts');
    writeFileSync(verify, readFileSync(verify, 'utf8').replace(/usage: briefbook verify \S+/, 'usage: briefbook verify PDF-FILE'));
    const launch = () =>
      new Promise<Run>((resolveRun) => {
        const child = spawn(process.execPath, [join(copy, LAUNCHER), 'verify', '--help'], { cwd: copy });
        let out = '';
        let err = '';
        child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
        child.on('close', (code) => resolveRun({ code: code ?? -1, out, err }));
      });
    const runs = await Promise.all(Array.from({ length: 5 }, launch));
    for (const run of runs) {
      expect(run).toMatchObject({ code: 0, err: '' });
      expect(run.out).toMatch(/^usage: briefbook verify PDF-FILE/);
    }
    expect(built(['verify', '--help'], copy).out).toMatch(/^usage: briefbook verify PDF-FILE/);
  });

  test('a source that does not compile is named, exit 1, and nothing runs', () => {
    const shared = join(copy, 'electron/cli/command.ts');
    const before = readFileSync(shared, 'utf8');
    writeFileSync(shared, `${before}\nexport const broken = ;\n`);
    const run = built(['--help'], copy);
    expect(run.code).toBe(1);
    expect(run.out).toBe('');
    expect(run.err).toMatch(/could not be built from its sources:\nelectron\/cli\/command\.ts:\d+:\d+: /);
    writeFileSync(shared, before);
    expect(built(['--help'], copy).code).toBe(0);
  });
});
