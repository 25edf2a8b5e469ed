import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiContract, type ShellService } from '../../src/shared/contract';
import { openLibrarySession, type LibrarySession } from '../store/session';
import { sampleText } from '../store/testing';
import { RecentLibraries } from './recent-libraries';
import { createShellService, safeFileName, type FileDialogs } from './shell-service';
import { loadFontFiles } from '../cli/fonts';

let dir: string;
let session: LibrarySession;
let shell: ShellService;
let saveAnswers: (string | null)[];
let openAnswers: (string | null)[];
let dialogCalls: { kind: 'save' | 'open'; title: string; defaultPath?: string }[];
let switched: { path: string; create: boolean }[];
let recent: RecentLibraries;

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');

function openSession(path: string): LibrarySession {
  return openLibrarySession(path, { sampleText, create: true, backupOnOpen: false, backupEveryMinutes: 0, idleLockMinutes: 0 });
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'briefbook-shell-'));
  session = openSession(join(dir, 'library.briefbook'));
  session['library.loadSample']({});
  saveAnswers = [];
  openAnswers = [];
  dialogCalls = [];
  switched = [];
  recent = new RecentLibraries(join(dir, 'recent-libraries.json'));
  const dialogs: FileDialogs = {
    chooseSavePath: async (options) => {
      dialogCalls.push({ kind: 'save', title: options.title, defaultPath: options.defaultPath });
      return saveAnswers.shift() ?? null;
    },
    chooseOpenPath: async (options) => {
      dialogCalls.push({ kind: 'open', title: options.title, defaultPath: options.defaultPath });
      return openAnswers.shift() ?? null;
    },
  };
  shell = createShellService({
    dialogs,
    session: () => session,
    switchLibrary: async (path, options) => {
      switched.push({ path, create: options.create });
    },
    recent,
    appInfo: () => ({ name: 'Briefbook', version: '0.1.0', platform: 'linux x64', electron: '45.5.0', packaged: true, licences: [] }),
    defaultFolder: () => join(dir, 'Documents'),
    fonts: async () => loadFontFiles(),
  });
});

afterEach(() => {
  session.close();
  rmSync(dir, { recursive: true, force: true });
});

function firstBook(): { id: string; title: string } {
  const [book] = session['books.list']({});
  return { id: book.id, title: book.title };
}

describe('files.savePdf', () => {
  it('writes the bytes atomically, returns the SHA-256 and logs the export', async () => {
    const book = firstBook();
    const target = join(dir, 'Lee-Trump summit');
    saveAnswers.push(target);
    const result = await shell['files.savePdf']({
      bookId: book.id,
      suggestedName: 'Lee–Trump summit.pdf',
      bytes: new Uint8Array(PDF),
      options: { mode: 'working', watermark: 'DRAFT' },
      pageCount: 12,
    });
    expect(result).toEqual({ saved: true, fileName: 'Lee-Trump summit.pdf', sha256: sha256(PDF) });
    expect(readFileSync(`${target}.pdf`)).toEqual(PDF);
    if (process.platform !== 'win32') expect(statSync(`${target}.pdf`).mode & 0o777).toBe(0o600);
    const [entry] = session['exports.list']({ bookId: book.id });
    expect(entry).toMatchObject({ bookId: book.id, kind: 'pdf', fileName: 'Lee-Trump summit.pdf', pageCount: 12, sha256: sha256(PDF) });
    expect(entry.options).toEqual({ mode: 'working', watermark: 'DRAFT' });
    // the versions of the book's items as stored
    expect(entry.itemVersions).toEqual(session['books.content']({ id: book.id }).itemVersions);
    expect(dialogCalls[0]).toEqual({ kind: 'save', title: 'Save the briefing book as PDF', defaultPath: join(dir, 'Documents', 'Lee–Trump summit.pdf') });
  });

  it('refuses a read-only target (chmod 444) in words and leaves it as it was, unlogged (issue 11)', async () => {
    const book = firstBook();
    const target = join(dir, 'signed.pdf');
    writeFileSync(target, 'the signed copy');
    chmodSync(target, 0o444);
    saveAnswers.push(target);
    const input = { bookId: book.id, suggestedName: 'signed.pdf', bytes: new Uint8Array(PDF), options: { mode: 'working' as const }, pageCount: 1 };
    await expect(shell['files.savePdf'](input)).rejects.toThrow(/could not write signed\.pdf: it is read-only/);
    expect(readFileSync(target, 'utf8')).toBe('the signed copy');
    expect(statSync(target).mode & 0o777).toBe(0o444);
    expect(session['exports.list']({ bookId: book.id })).toEqual([]);
  });

  it('saves the rest of one export beside the first file without asking again, under the names the main process gives them', async () => {
    const book = firstBook();
    mkdirSync(join(dir, 'copies'));
    const input = { bookId: book.id, bytes: new Uint8Array(PDF), options: { mode: 'working' as const, numberedCopies: true }, pageCount: 3 };
    await expect(shell['files.savePdf']({ ...input, suggestedName: 'early.pdf', copy: 2, sameFolderAsLast: true })).rejects.toMatchObject({ code: 'no_folder' });
    saveAnswers.push(join(dir, 'copies', 'summit-copy-1.pdf'));
    await shell['files.savePdf']({ ...input, suggestedName: 'summit-copy-1.pdf', copy: 1 });
    // the window's suggested name (with a folder in it) is not what the file is called
    const second = await shell['files.savePdf']({ ...input, suggestedName: '../elsewhere.pdf', copy: 2, sameFolderAsLast: true });
    expect(second).toEqual({ saved: true, fileName: `${book.id}-copy-02.pdf`, sha256: sha256(PDF) });
    expect(readFileSync(join(dir, 'copies', `${book.id}-copy-02.pdf`))).toEqual(PDF);
    const card = await shell['files.savePdf']({ ...input, suggestedName: 'x.pdf', document: 'pocketCard', sameFolderAsLast: true });
    expect(card).toMatchObject({ saved: true, fileName: `${book.id}.pocket-card.pdf` });
    expect(existsSync(join(dir, 'elsewhere.pdf'))).toBe(false);
    expect(dialogCalls.filter((c) => c.kind === 'save')).toHaveLength(1);
    expect(session['exports.list']({ bookId: book.id }).map((e) => e.fileName)).toEqual([`${book.id}.pocket-card.pdf`, `${book.id}-copy-02.pdf`, 'summit-copy-1.pdf']);
    // the pocket card is logged as the card: the book's last edition is still the last copy of the book
    expect(session['books.changesSince']({ bookId: book.id, since: 'last' }).editions.map((e) => e.fileName)).toEqual([`${book.id}-copy-02.pdf`, 'summit-copy-1.pdf']);
    // a copy the distribution list does not have is refused before anything is written
    await expect(shell['files.savePdf']({ ...input, suggestedName: 'x.pdf', copy: 99, sameFolderAsLast: true })).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('starts the next save dialog where the last file went', async () => {
    const book = firstBook();
    mkdirSync(join(dir, 'exports'));
    saveAnswers.push(join(dir, 'exports', 'a.pdf'));
    const input = { bookId: book.id, suggestedName: 'b', bytes: new Uint8Array(PDF), options: { mode: 'working' as const }, pageCount: 1 };
    await shell['files.savePdf'](input);
    await shell['files.savePdf'](input);
    expect(dialogCalls[1].defaultPath).toBe(join(dir, 'exports', 'b.pdf'));
  });

  it('never replaces a file beside the first without the save dialog: the person decides, Cancel keeps the old file', async () => {
    const book = firstBook();
    mkdirSync(join(dir, 'copies'));
    // a file of the same name as the next part of the export is already there
    const precious = join(dir, 'copies', `${book.id}.pocket-card.pdf`);
    writeFileSync(precious, 'the only copy of the minutes');
    const input = { bookId: book.id, bytes: new Uint8Array(PDF), options: { mode: 'working' as const }, pageCount: 1 };
    saveAnswers.push(join(dir, 'copies', 'summit.pdf'));
    await shell['files.savePdf']({ ...input, suggestedName: 'summit.pdf' });
    // the dialog asks, the person cancels
    saveAnswers.push(null);
    expect(await shell['files.savePdf']({ ...input, suggestedName: 'card.pdf', document: 'pocketCard', sameFolderAsLast: true })).toEqual({ saved: false });
    expect(dialogCalls.filter((c) => c.kind === 'save').map((c) => c.defaultPath)).toEqual([join(dir, 'Documents', 'summit.pdf'), precious]);
    expect(readFileSync(precious, 'utf8')).toBe('the only copy of the minutes');
    expect(session['exports.list']({ bookId: book.id })).toHaveLength(1);
  });

  it('follows the last folder only for the same book', async () => {
    const [first, second] = session['books.list']({});
    if (second === undefined) session['books.create']({ title: 'Another book' });
    const other = second ?? session['books.list']({}).find((b) => b.id !== first.id);
    const input = { bytes: new Uint8Array(PDF), options: { mode: 'working' as const }, pageCount: 1 };
    saveAnswers.push(join(dir, 'first.pdf'));
    await shell['files.savePdf']({ ...input, bookId: first.id, suggestedName: 'first.pdf' });
    await expect(shell['files.savePdf']({ ...input, bookId: other?.id ?? '', suggestedName: 'other.pdf', sameFolderAsLast: true })).rejects.toMatchObject({ code: 'no_folder' });
    expect(existsSync(join(dir, 'other.pdf'))).toBe(false);
  });

  it('logs the item versions the store holds for the document, not what the window claims, and refuses impossible options', async () => {
    const book = firstBook();
    const content = session['books.content']({ id: book.id });
    // the contract no longer carries the window's list of versions at all
    const withClaim = { bookId: book.id, suggestedName: 'x', bytes: new Uint8Array(PDF), options: { mode: 'working' }, pageCount: 1, itemVersions: { 'rl-flex': 99 } };
    expect(apiContract['files.savePdf'].input.safeParse(withClaim).success).toBe(false);
    saveAnswers.push(join(dir, 'card.pdf'));
    await shell['files.savePdf']({ bookId: book.id, suggestedName: 'card', bytes: new Uint8Array(PDF), options: { mode: 'working' }, pageCount: 1, document: 'pocketCard' });
    const [card] = session['exports.list']({ bookId: book.id });
    // the pocket card carries only its kinds: a subset of the book's items, at their stored versions
    expect(Object.keys(card.itemVersions).length).toBeGreaterThan(0);
    expect(Object.keys(card.itemVersions).length).toBeLessThan(Object.keys(content.itemVersions).length);
    for (const [id, version] of Object.entries(card.itemVersions)) expect(content.itemVersions[id]).toBe(version);
    // and only what fits on it: the sample's last talking point is left off the card, and out of its log
    expect(content.itemVersions).toHaveProperty('tp-draft-trade');
    expect(card.itemVersions).not.toHaveProperty('tp-draft-trade');
    // a "final" copy of a book with uncleared items is not what the store holds: refused before any dialog
    const uncleared = content.items.some((i) => i.status !== 'cleared');
    if (uncleared) {
      const asked = dialogCalls.length;
      await expect(
        shell['files.savePdf']({ bookId: book.id, suggestedName: 'final', bytes: new Uint8Array(PDF), options: { mode: 'final' }, pageCount: 1 }),
      ).rejects.toMatchObject({ code: 'invalid_input' });
      expect(dialogCalls.length).toBe(asked);
    }
    expect(uncleared).toBe(true);
  });

  it('writes and logs nothing when the dialog is cancelled', async () => {
    const book = firstBook();
    const result = await shell['files.savePdf']({ bookId: book.id, suggestedName: 'x', bytes: new Uint8Array(PDF), options: { mode: 'working' }, pageCount: 1 });
    expect(result).toEqual({ saved: false });
    expect(session['exports.list']({ bookId: book.id })).toEqual([]);
  });

  it('refuses bytes that are not a PDF before asking where to save', async () => {
    const book = firstBook();
    await expect(
      shell['files.savePdf']({ bookId: book.id, suggestedName: 'x', bytes: new TextEncoder().encode('<html>'), options: { mode: 'working' }, pageCount: 1 }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    expect(dialogCalls).toEqual([]);
  });

  it('refuses a book that is not in the library before asking where to save', async () => {
    await expect(
      shell['files.savePdf']({ bookId: 'no-such-book', suggestedName: 'x', bytes: new Uint8Array(PDF), options: { mode: 'working' }, pageCount: 1 }),
    ).rejects.toMatchObject({ code: 'not_found' });
    expect(dialogCalls).toEqual([]);
  });

  it('logs nothing when the file cannot be written', async () => {
    const book = firstBook();
    saveAnswers.push(join(dir, 'no-such-folder', 'book.pdf'));
    await expect(
      shell['files.savePdf']({ bookId: book.id, suggestedName: 'x', bytes: new Uint8Array(PDF), options: { mode: 'working' }, pageCount: 1 }),
    ).rejects.toMatchObject({ name: 'WriteFailedError' });
    expect(session['exports.list']({ bookId: book.id })).toEqual([]);
  });
});

describe('safeFileName', () => {
  it.each([
    ['Lee–Trump summit', 'Lee–Trump summit.pdf'],
    ['Lee–Trump summit.PDF', 'Lee–Trump summit.pdf'],
    ['../../etc/passwd', 'passwd.pdf'],
    ['..\\..\\Windows\\win.ini', 'win.ini.pdf'],
    ['a\u0000b\r\nc', 'a b c.pdf'],
    ['what: why? <who> | "how" *', 'what why who how.pdf'],
    ['.hidden', 'hidden.pdf'],
    ['...', 'Briefing book.pdf'],
    ['CON', 'Briefing book.pdf'],
    ['x'.repeat(300), `${'x'.repeat(180)}.pdf`],
  ])('%j becomes %j', (suggested, expected) => {
    expect(safeFileName(suggested, 'pdf', 'Briefing book')).toBe(expected);
  });
});

describe('files.saveExchange and files.importExchange', () => {
  it('exports the library as the store writes it, and imports it into another library', async () => {
    const target = join(dir, 'library-export.briefbook.json');
    saveAnswers.push(target);
    const saved = await shell['files.saveExchange']({});
    const text = readFileSync(target, 'utf8');
    expect(saved).toEqual({ saved: true, fileName: 'library-export.briefbook.json', sha256: sha256(text) });
    expect(JSON.parse(text)).toEqual(JSON.parse(session['library.export']({}).text));
    // a whole-library export is logged too, with the version of every item it carried
    const [logged] = session['exports.list']({});
    expect(logged).toMatchObject({ bookId: null, bookTitle: 'Whole library', kind: 'exchange', sha256: sha256(text) });
    expect(Object.keys(logged.itemVersions)).toHaveLength((JSON.parse(text) as { items: unknown[] }).items.length);

    const other = openSession(join(dir, 'other.briefbook'));
    const original = session;
    session = other;
    try {
      openAnswers.push(target);
      const chosen = await shell['files.chooseExchange']({});
      expect(chosen).toMatchObject({ cancelled: false, fileName: 'library-export.briefbook.json' });
      // the plan first: nothing is written until the import
      if (chosen.cancelled) throw new Error('the file was chosen');
      expect(chosen.plan.counts.created).toBeGreaterThan(0);
      expect(other['books.list']({})).toEqual([]);
      const imported = await shell['files.importExchange']({ basis: chosen.plan.basis });
      expect(imported).toMatchObject({ fileName: 'library-export.briefbook.json' });
      expect(imported.items.created).toBe(chosen.plan.entries.filter((e) => e.entity === 'item').length);
      expect(imported.logId).not.toBeNull();
      expect(other['books.list']({}).map((b) => b.id)).toEqual(original['books.list']({}).map((b) => b.id));
    } finally {
      session = original;
      other.close();
    }
  });

  it('logs the export of one book', async () => {
    const book = firstBook();
    saveAnswers.push(join(dir, 'book.json'));
    const saved = await shell['files.saveExchange']({ bookId: book.id });
    expect(saved.saved).toBe(true);
    expect(session['exports.list']({ bookId: book.id })[0]).toMatchObject({ kind: 'exchange', fileName: 'book.json', pageCount: null });
  });

  it("saves one office's tasker package, names it after the office, logs it; an office that owns nothing is refused before the dialog", async () => {
    const book = firstBook();
    const placed = session['sections.requestPaper']({ bookId: book.id, sectionId: session['books.get']({ id: book.id }).sections[0].id, title: 'SOFA note', kind: 'background', owner: 'Legal Office', due: '2026-12-01' });
    const target = join(dir, 'legal.json');
    saveAnswers.push(target);
    const saved = await shell['files.saveExchange']({ bookId: book.id, owner: ' legal office ' });
    expect(saved.saved).toBe(true);
    // named as the book's items spell the office, whatever case it was asked in
    expect(dialogCalls.at(-1)).toMatchObject({ title: 'Send for drafting: the papers for Legal Office' });
    expect(dialogCalls.at(-1)?.defaultPath).toMatch(/ - for Legal Office\.briefbook\.json$/);
    const file = JSON.parse(readFileSync(target, 'utf8')) as { items: { id: string }[]; books: { id: string }[] };
    expect(file.items.map((i) => i.id)).toEqual([placed.itemId]);
    expect(file.books[0].id).not.toBe(book.id);
    expect(session['exports.list']({ bookId: book.id })[0]).toMatchObject({ kind: 'exchange', fileName: 'legal.json', options: { owner: 'Legal Office' } });

    const asked = dialogCalls.length;
    await expect(shell['files.saveExchange']({ bookId: book.id, owner: 'Treasury' })).rejects.toMatchObject({ code: 'not_found', message: expect.stringMatching(/owned by "Treasury"/) });
    expect(dialogCalls).toHaveLength(asked);
  });

  it('answers cancelled when no file is picked, and not_found for a vanished one or for an import with none chosen', async () => {
    await expect(shell['files.importExchange']({})).rejects.toMatchObject({ code: 'not_found' });
    expect(await shell['files.chooseExchange']({})).toEqual({ cancelled: true });
    openAnswers.push(join(dir, 'gone.json'));
    await expect(shell['files.chooseExchange']({})).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('files.previewDocx', () => {
  const fixtures = join(__dirname, '../../tests/fixtures/docx');

  it('lists a dropped paper’s items from its bytes, writing nothing', async () => {
    const itemCount = session['library.info']({}).itemCount;
    const bytes = new Uint8Array(readFileSync(join(fixtures, 'paper.docx')));
    const preview = await shell['files.previewDocx']({ file: { name: '../../elsewhere/paper.docx', bytes }, kind: 'ask' });
    expect(preview.cancelled).toBe(false);
    if (preview.cancelled) return;
    expect(preview.fileName).toBe('paper.docx');
    expect(preview.items.map((i) => [i.title, i.kind])).toEqual([
      ['paper', 'ask'],
      ['Alliance modernisation', 'ask'],
      ['한미 동맹 비용 분담', 'ask'],
    ]);
    expect(preview.items[1].body).toContain('- Modernise the command structure');
    expect(session['library.info']({}).itemCount).toBe(itemCount);
    expect(dialogCalls).toEqual([]);
  });

  it('without a file, asks for one in an open dialog; Cancel answers cancelled', async () => {
    openAnswers.push(join(fixtures, 'paper.docx'));
    const preview = await shell['files.previewDocx']({});
    expect(preview).toMatchObject({ cancelled: false, fileName: 'paper.docx' });
    expect(dialogCalls).toEqual([{ kind: 'open', title: 'Import a Word file', defaultPath: join(dir, 'Documents') }]);
    expect(await shell['files.previewDocx']({})).toEqual({ cancelled: true });
  });

  it('refuses a bad paper with one line in words (invalid_file), dropped or chosen', async () => {
    const notZip = new Uint8Array(readFileSync(join(fixtures, 'not-a-zip.docx')));
    await expect(shell['files.previewDocx']({ file: { name: 'not-a-zip.docx', bytes: notZip } })).rejects.toMatchObject({
      code: 'invalid_file',
      message: 'not-a-zip.docx is not a Word document (.docx): it is not a zip archive. Nothing was imported.',
    });
    for (const name of ['encrypted.docx', 'macros.docx', 'no-headings.docx']) {
      openAnswers.push(join(fixtures, name));
      const error = await shell['files.previewDocx']({}).then(() => null, (e: unknown) => e as { code: string; message: string });
      expect(error?.code).toBe('invalid_file');
      expect(error?.message.startsWith(name)).toBe(true);
      expect(error?.message.split('\n')).toHaveLength(1);
    }
  });

  it('the contract refuses bytes over 50 MB before any reading', () => {
    const parsed = apiContract['files.previewDocx'].input.safeParse({ file: { name: 'big.docx', bytes: new Uint8Array(50 * 1024 * 1024 + 1) } });
    expect(parsed.success).toBe(false);
  });
});

describe('libraries', () => {
  it('opens a library picked in the dialog and remembers it', async () => {
    const path = join(dir, 'picked.briefbook');
    writeFileSync(path, '');
    openAnswers.push(path);
    expect(await shell['files.openLibrary']({})).toEqual({ cancelled: false });
    expect(switched).toEqual([{ path, create: false }]);
    expect((await shell['files.recentLibraries']({})).map((r) => r.path)).toEqual([path]);
  });

  it('reopens a recent library by path, but never an arbitrary path from the renderer', async () => {
    const known = join(dir, 'known.briefbook');
    writeFileSync(known, '');
    recent.touch(known);
    expect(await shell['files.openLibrary']({ path: known })).toEqual({ cancelled: false });
    await expect(shell['files.openLibrary']({ path: '/etc/passwd' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(shell['files.openLibrary']({ path: join(dir, 'library.briefbook') })).rejects.toMatchObject({ code: 'not_found' });
    expect(switched).toEqual([{ path: known, create: false }]);
    expect(dialogCalls).toEqual([]);
  });

  it('creates a new library file, adding the extension, and never over an existing file', async () => {
    saveAnswers.push(join(dir, 'G20 Johannesburg'));
    expect(await shell['files.newLibrary']({})).toEqual({ cancelled: false });
    expect(switched).toEqual([{ path: join(dir, 'G20 Johannesburg.briefbook'), create: true }]);

    saveAnswers.push(join(dir, 'library.briefbook'));
    await expect(shell['files.newLibrary']({})).rejects.toMatchObject({ code: 'file_exists' });
    expect(existsSync(join(dir, 'library.briefbook'))).toBe(true);
    expect(switched).toHaveLength(1);
    expect(await shell['files.newLibrary']({})).toEqual({ cancelled: true });
  });
});

describe('app.info', () => {
  it('answers what the main process knows', async () => {
    expect(await shell['app.info']({})).toMatchObject({ name: 'Briefbook', version: '0.1.0', packaged: true });
  });
});
