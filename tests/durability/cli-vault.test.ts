/**
 * The command line on encrypted libraries: encrypt, decrypt, passphrase, backup, verify, and
 * every other command asking for the passphrase. A wrong passphrase exits 1 and touches nothing.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openLibrarySession } from '../../electron/store/session';
import { sampleText } from '../../electron/store/testing';
import { keyFilePath, readKeyFile } from '../../electron/store/vault/key-file';
import { libraryFormat } from '../../electron/store/vault/library-file';
import { runCliCaptured } from '../support/cli-run';

const CHEAP = { N: 2 ** 10, r: 8, p: 1 };
const PASS = 'cli-summit-passphrase';
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'briefbook-cli-vault-'));
  dirs.push(dir);
  return join(dir, 'summit.briefbook.db');
}

const cli = (args: string[], env: Record<string, string> = {}, answers: (string | null)[] = []) => runCliCaptured(args, env, answers);

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** An encrypted library with the sample book (cheap scrypt, so the test stays quick). */
function encryptedLibrary(): string {
  const path = tempPath();
  const session = openLibrarySession(path, { sampleText, create: true, scrypt: CHEAP });
  session['library.loadSample']({});
  session['vault.encrypt']({ passphrase: PASS });
  session.close();
  return path;
}

describe('encrypt', () => {
  it('encrypts a plain library with the passphrase from the environment; list then asks for it', async () => {
    const path = tempPath();
    const session = openLibrarySession(path, { sampleText, create: true });
    session['library.loadSample']({});
    session.close();
    const run = await cli(['encrypt', '--db', path], { BRIEFBOOK_PASSPHRASE: PASS });
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/encrypted summit\.briefbook\.db/);
    expect(libraryFormat(path)).toBe('encrypted');
    expect(readKeyFile(keyFilePath(path)).kdf.N).toBe(2 ** 17);
    // a passphrase typed at the prompt works too
    const listed = await cli(['list', 'books', '--db', path], {}, [PASS]);
    expect(listed.prompts).toEqual(['Passphrase: ']);
    expect(listed.code).toBe(0);
    expect(listed.out).toMatch(/summit/i);
  });

  it('refuses a short passphrase, two different ones, and an already encrypted library', async () => {
    const path = tempPath();
    openLibrarySession(path, { sampleText, create: true }).close();
    const before = sha(path);
    expect((await cli(['encrypt', '--db', path], { BRIEFBOOK_PASSPHRASE: 'short' })).code).toBe(1);
    const differ = await cli(['encrypt', '--db', path], {}, ['first passphrase', 'second passphrase']);
    expect(differ.code).toBe(1);
    expect(differ.err).toMatch(/differ; nothing was changed/);
    expect(sha(path)).toBe(before);
    expect(existsSync(keyFilePath(path))).toBe(false);
    const encrypted = encryptedLibrary();
    expect((await cli(['encrypt', '--db', encrypted], { BRIEFBOOK_PASSPHRASE: PASS })).err).toMatch(/already encrypted/);
  });
});

describe('every command on an encrypted library', () => {
  it('a wrong passphrase exits 1 with a clear message and leaves library and key file as they were', async () => {
    const path = encryptedLibrary();
    const before = [sha(path), sha(keyFilePath(path))];
    const backupsBefore = readdirSync(`${path}.backups`).sort();
    for (const args of [
      ['list', 'items'],
      ['export', join(path, '..', 'out.briefbook.json')],
      ['pdf', '--book', 'summit-2025-08-25', '--out', join(path, '..', 'out.pdf')],
      ['decrypt'],
      ['backup', 'create'],
      ['search', 'tariff'],
    ]) {
      const run = await cli([...args, '--db', path], { BRIEFBOOK_PASSPHRASE: 'not the passphrase' });
      expect(run.code, args.join(' ')).toBe(1);
      expect(run.err, args.join(' ')).toMatch(/does not unlock this library/);
    }
    expect([sha(path), sha(keyFilePath(path))]).toEqual(before);
    expect(readdirSync(`${path}.backups`).sort()).toEqual(backupsBefore);
    expect(existsSync(join(path, '..', 'out.pdf'))).toBe(false);
  });

  it('without a terminal or BRIEFBOOK_PASSPHRASE it says how to give one', async () => {
    const path = encryptedLibrary();
    const run = await cli(['list', 'items', '--db', path]);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/set BRIEFBOOK_PASSPHRASE/);
  });
});

describe('passphrase and decrypt', () => {
  it('changes the passphrase: library file byte-identical, the old one refused', async () => {
    const path = encryptedLibrary();
    const before = sha(path);
    const wrong = await cli(['passphrase', '--db', path], { BRIEFBOOK_PASSPHRASE: 'nope nope', BRIEFBOOK_NEW_PASSPHRASE: 'next-summit-passphrase' });
    expect(wrong.code).toBe(1);
    const run = await cli(['passphrase', '--db', path], { BRIEFBOOK_PASSPHRASE: PASS, BRIEFBOOK_NEW_PASSPHRASE: 'next-summit-passphrase' });
    expect(run.code).toBe(0);
    expect(sha(path)).toBe(before);
    // the cheap test parameters were raised to the default on rewrap
    expect(readKeyFile(keyFilePath(path)).kdf.N).toBe(2 ** 17);
    expect((await cli(['list', 'items', '--db', path], { BRIEFBOOK_PASSPHRASE: PASS })).code).toBe(1);
    expect((await cli(['list', 'items', '--db', path], { BRIEFBOOK_PASSPHRASE: 'next-summit-passphrase' })).code).toBe(0);
  });

  it("the issue's attack: after a passphrase change, a backup's key file with the old passphrase no longer opens the library", async () => {
    const path = encryptedLibrary();
    expect((await cli(['backup', 'create', '--db', path], { BRIEFBOOK_PASSPHRASE: PASS })).code).toBe(0);
    const run = await cli(['passphrase', '--db', path], { BRIEFBOOK_PASSPHRASE: PASS, BRIEFBOOK_NEW_PASSPHRASE: 'next-summit-passphrase' });
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/and of [1-9]\d* backup\(s\)/);
    const backup = readdirSync(`${path}.backups`).find((n) => n.endsWith('.backup'));
    if (backup === undefined) throw new Error('no backup');
    const copy = join(tempPath(), '..', 'stolen.briefbook.db');
    copyFileSync(path, copy);
    copyFileSync(join(`${path}.backups`, `${backup}.key`), keyFilePath(copy));
    const old = await cli(['list', 'books', '--db', copy], { BRIEFBOOK_PASSPHRASE: PASS });
    expect(old.code).toBe(1);
    expect((await cli(['list', 'books', '--db', copy], { BRIEFBOOK_PASSPHRASE: 'next-summit-passphrase' })).code).toBe(0);
  });

  it('--rotate-key re-encrypts library and backups under a new data key: no earlier key file opens anything', async () => {
    const path = encryptedLibrary();
    expect((await cli(['backup', 'create', '--db', path], { BRIEFBOOK_PASSPHRASE: PASS })).code).toBe(0);
    const backup = readdirSync(`${path}.backups`).find((n) => n.endsWith('.backup'));
    if (backup === undefined) throw new Error('no backup');
    const stolenKey = readFileSync(keyFilePath(path));
    const before = sha(path);
    const run = await cli(['passphrase', '--rotate-key', '--db', path], { BRIEFBOOK_PASSPHRASE: PASS, BRIEFBOOK_NEW_PASSPHRASE: PASS });
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/re-encrypted summit.briefbook.db and [1-9]\d* backup\(s\) under a new data key/);
    expect(sha(path)).not.toBe(before);
    // the key file of before, with the passphrase that is still current, opens neither the library nor the backup
    for (const target of [path, join(`${path}.backups`, backup)]) {
      const copy = join(tempPath(), '..', 'stolen.briefbook.db');
      copyFileSync(target, copy);
      writeFileSync(keyFilePath(copy), stolenKey);
      expect((await cli(['list', 'books', '--db', copy], { BRIEFBOOK_PASSPHRASE: PASS })).code, target).toBe(1);
    }
    expect((await cli(['list', 'books', '--db', path], { BRIEFBOOK_PASSPHRASE: PASS })).code).toBe(0);
  });

  it('decrypts back to a plain library that needs no passphrase', async () => {
    const path = encryptedLibrary();
    const run = await cli(['decrypt', '--db', path], { BRIEFBOOK_PASSPHRASE: PASS });
    expect(run.code).toBe(0);
    expect(libraryFormat(path)).toBe('plain');
    const listed = await cli(['list', 'items', '--db', path]);
    expect(listed.code).toBe(0);
    expect(listed.prompts).toEqual([]);
  });
});

describe('backup', () => {
  it('creates, lists and restores backups of an encrypted library', async () => {
    const path = encryptedLibrary();
    const env = { BRIEFBOOK_PASSPHRASE: PASS };
    const created = await cli(['backup', 'create', '--db', path], env);
    expect(created.code).toBe(0);
    const listed = await cli(['backup', 'list', '--db', path]);
    expect(listed.code).toBe(0);
    const name = listed.out.split('\n')[0].split(' ')[0];
    expect(listed.out).toMatch(/encrypted/);
    // change the library, then restore the backup
    const session = openLibrarySession(path, { sampleText });
    session['vault.unlock']({ passphrase: PASS });
    const before = session['items.list']({}).total;
    session['items.save']({ item: { kind: 'ask', title: 'Added after the backup', body: 'x', classification: 'U', status: 'draft' } });
    session.close();
    const restored = await cli(['backup', 'restore', name, '--db', path], env);
    expect(restored.err).toBe('');
    expect(restored.code).toBe(0);
    const after = openLibrarySession(path, { sampleText });
    after['vault.unlock']({ passphrase: PASS });
    expect(after['items.list']({}).total).toBe(before);
    after.close();
    expect((await cli(['backup', 'restore', 'no-such.backup', '--db', path], env)).code).toBe(1);
    expect((await cli(['backup', 'explode', '--db', path], env)).code).toBe(2);
  });

  it('restores with the passphrase when the key file is lost', async () => {
    const path = encryptedLibrary();
    await cli(['backup', 'create', '--db', path], { BRIEFBOOK_PASSPHRASE: PASS });
    const name = (await cli(['backup', 'list', '--db', path])).out.split(' ')[0];
    rmSync(keyFilePath(path));
    const run = await cli(['backup', 'restore', name, '--db', path], {}, [PASS]);
    expect(run.code).toBe(0);
    expect(run.err).toMatch(/recovery: .*key file .* is missing/);
    expect(existsSync(keyFilePath(path))).toBe(true);
    expect((await cli(['list', 'items', '--db', path], { BRIEFBOOK_PASSPHRASE: PASS })).code).toBe(0);
  });
});

describe('verify', () => {
  it('names the book, time and item versions of an exported PDF, and what changed since', async () => {
    const path = encryptedLibrary();
    const pdf = join(path, '..', 'book.pdf');
    const bytes = Buffer.from('%PDF-1.7\n% a book this library exported\n%%EOF\n');
    writeFileSync(pdf, bytes);
    const session = openLibrarySession(path, { sampleText });
    session['vault.unlock']({ passphrase: PASS });
    const book = session['books.list']({})[0];
    const content = session['books.get']({ id: book.id });
    const item = content.sections.flatMap((s) => s.items)[0];
    session.recordExport({
      bookId: book.id,
      kind: 'pdf',
      fileName: 'book.pdf',
      options: { mode: 'working' },
      pageCount: 12,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      itemVersions: { [item.id]: item.version },
    });
    session.close();
    const env = { BRIEFBOOK_PASSPHRASE: PASS };
    const run = await cli(['verify', pdf, '--db', path], env);
    expect(run.code).toBe(0);
    expect(run.out).toContain(book.title);
    expect(run.out).toContain(`${item.id} v${item.version}`);
    expect(run.out).toMatch(/none of its items changed since/);

    const edit = openLibrarySession(path, { sampleText });
    edit['vault.unlock']({ passphrase: PASS });
    const record = edit['items.get']({ id: item.id });
    edit['items.save']({ item: { id: record.id, kind: record.kind, title: record.title, body: `${record.body} (revised)`, classification: record.classification, status: record.status } });
    edit.close();
    const changed = await cli(['verify', pdf, '--db', path], env);
    expect(changed.out).toMatch(new RegExp(`${item.id} ".*": printed v${item.version}, now v${item.version + 1}`));

    writeFileSync(pdf, Buffer.concat([bytes, Buffer.from(' ')]));
    const other = await cli(['verify', pdf, '--db', path], env);
    expect(other.code).toBe(1);
    expect(other.err).toMatch(/not exported by this library/);
  });
});

describe('purge', () => {
  it('refuses without --yes and changes nothing; with --yes erases the item from the encrypted library, and says so', async () => {
    const path = encryptedLibrary();
    const session = openLibrarySession(path, { sampleText, scrypt: CHEAP, backupOnOpen: false });
    session['vault.unlock']({ passphrase: PASS });
    const item = session['items.save']({ item: { kind: 'ask', title: 'Too high a level', body: 'b', classification: 'S', status: 'draft' } });
    session.close();
    const before = sha(path);
    const refused = await cli(['purge', item.id, '--db', path], { BRIEFBOOK_PASSPHRASE: PASS, USER: 'desk' });
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/Run again with --yes/);
    expect(sha(path)).toBe(before);
    const run = await cli(['purge', item.id, '--yes', '--by', 'security officer', '--db', path], { BRIEFBOOK_PASSPHRASE: PASS });
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain(`purged ${item.id} (“Too high a level”)`);
    const list = await cli(['search', 'Too high', '--db', path], { BRIEFBOOK_PASSPHRASE: PASS });
    expect(list.out).not.toContain('Too high a level');
    const again = await cli(['purge', item.id, '--yes', '--db', path], { BRIEFBOOK_PASSPHRASE: PASS, USER: 'desk' });
    expect(again.code).toBe(1);
  });
});

