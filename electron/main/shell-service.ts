/**
 * The shell methods of the contract (files, dialogs, app info), with Electron's dialogs and the
 * open library passed in, so the whole flow — dialog, atomic write, SHA-256, export log — runs
 * in tests without Electron. Files are written with writeFileAtomic (docs/security.md EXP-1).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { ApiError, type AppInfo, type ShellService } from '../../src/shared/contract';
import type { ExportFacts, FontFiles } from '../../src/pdf';
import { checkWritableTarget, writeFileAtomic } from '../store/atomic-write';
import { docxItems, DocxError, readDocxItems } from '../store/docx-items';
import type { ShellLibrary } from './library-session';
import type { RecentLibraries } from './recent-libraries';
import { decodeUtf8 } from '../../src/shared/utf8';
import { packageOffice } from '../../src/shared/tasking';

export interface FileFilter {
  name: string;
  extensions: string[];
}

/** Native dialogs; each answers null when the user cancels. */
export interface FileDialogs {
  chooseSavePath(options: { title: string; defaultPath: string; filters: FileFilter[] }): Promise<string | null>;
  chooseOpenPath(options: { title: string; defaultPath?: string; filters: FileFilter[] }): Promise<string | null>;
}

export interface ShellDeps {
  dialogs: FileDialogs;
  /** the library open now */
  session: () => ShellLibrary;
  /** closes the open library, opens `path` (creating it when `create`), reloads the window */
  switchLibrary: (path: string, options: { create: boolean }) => Promise<void>;
  recent: RecentLibraries;
  appInfo: () => AppInfo;
  /** where save dialogs start when nothing was saved yet (the documents folder) */
  defaultFolder: () => string;
  /**
   * the bundled fonts, read when first needed: which items a pocket card prints (and so which
   * the export log names) depends on what fits, which only laying it out can tell
   */
  fonts: () => Promise<FontFiles>;
}

export const LIBRARY_EXTENSION = 'briefbook';
export const LIBRARY_FILTER: FileFilter = { name: 'Briefbook library', extensions: [LIBRARY_EXTENSION] };
const PDF_FILTER: FileFilter = { name: 'PDF', extensions: ['pdf'] };
const EXCHANGE_FILTER: FileFilter = { name: 'Briefbook exchange file', extensions: ['json'] };
const DOCX_FILTER: FileFilter = { name: 'Word document', extensions: ['docx'] };
/** the exchange schema's own bound on file size (contract: exchangeText) */
const MAX_EXCHANGE_BYTES = 512 * 1024 * 1024;

/**
 * A file name suggested by the renderer, made safe for a save dialog: no folders, no control
 * or reserved characters, no leading dots, bounded, with the expected extension.
 */
export function safeFileName(suggested: string, extension: string, fallback: string): string {
  let name = basename(suggested.replace(/\\/g, '/'))
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- control characters are what this removes
    .replace(/[\x00-\x1f\x7f<>:"/\\|?*]/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  if (name.toLowerCase().endsWith(`.${extension}`)) name = name.slice(0, -(extension.length + 1)).trim();
  if (name === '' || /^(con|prn|aux|nul|com\d|lpt\d)$/i.test(name)) name = fallback;
  return `${name.slice(0, 180)}.${extension}`;
}

function withExtension(path: string, extension: string): string {
  return extname(path).toLowerCase() === `.${extension}` ? path : `${path}.${extension}`;
}

function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function looksLikePdf(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024)).toString('latin1');
  return head.startsWith('%PDF-');
}

export function createShellService(deps: ShellDeps): ShellService {
  let lastFolder: string | null = null;
  /** the exchange file chosen for import, until another is chosen (the redo of an undone import takes it again) */
  let pendingImport: { fileName: string; text: string } | null = null;
  /** where the last PDF went, and of which book: the rest of the same export follows it */
  let lastPdf: { folder: string; bookId: string } | null = null;
  const folder = () => lastFolder ?? deps.defaultFolder();
  const remember = (path: string) => {
    lastFolder = resolve(path, '..');
  };

  return {
    'app.info': async () => deps.appInfo(),

    'files.savePdf': async (input) => {
      if (!looksLikePdf(input.bytes)) throw new ApiError('invalid_input', 'bytes: not a PDF file');
      const follows = input.sameFolderAsLast === true ? lastPdf : null;
      if (input.sameFolderAsLast === true && (follows === null || follows.bookId !== input.bookId)) {
        throw new ApiError('no_folder', 'Save the first PDF of this export with the save dialog before the others.');
      }
      // the export log entry names a book and its item versions as stored: an unknown book, or
      // options this book cannot be printed with (a final copy of uncleared items), fail here,
      // before any file is written
      const content = deps.session()['books.content']({ id: input.bookId });
      // the PDF engine (and fontkit, a tenth of a second to load) is loaded on the first save,
      // not with the app
      const { exportFacts, NoSuchCopyError, PdfExportError } = await import('../../src/pdf');
      let facts: ExportFacts;
      try {
        const document = input.document ?? 'book';
        facts = exportFacts(content, input.options, document, input.copy, document === 'pocketCard' ? await deps.fonts() : undefined);
      } catch (error) {
        if (error instanceof PdfExportError || error instanceof NoSuchCopyError) throw new ApiError('invalid_input', `options: ${error.message.split('\n')[0]}`);
        throw error;
      }
      const suggested = safeFileName(input.suggestedName, 'pdf', 'Briefing book');
      const ask = (defaultPath: string) => deps.dialogs.chooseSavePath({ title: 'Save the briefing book as PDF', defaultPath, filters: [PDF_FILTER] });
      let chosen: string | null;
      if (follows !== null) {
        // the main process names the rest of an export, as the builders name it
        const beside = join(follows.folder, facts.fileName);
        // never replaces a file without the person's consent: the save dialog asks
        chosen = existsSync(beside) ? await ask(beside) : beside;
      } else {
        chosen = await ask(join(folder(), suggested));
      }
      if (chosen === null) return { saved: false };
      const path = withExtension(chosen, 'pdf');
      const digest = sha256(input.bytes);
      // a read-only file (chmod 444) is refused in words: renaming over it would replace it
      checkWritableTarget(path);
      writeFileAtomic(path, input.bytes);
      remember(path);
      lastPdf = { folder: dirname(path), bookId: input.bookId };
      const fileName = basename(path);
      deps.session().recordExport({
        bookId: input.bookId,
        kind: 'pdf',
        fileName,
        options: { ...input.options },
        pageCount: input.pageCount,
        sha256: digest,
        itemVersions: facts.itemVersions,
        document: input.document ?? 'book',
      });
      return { saved: true, fileName, sha256: digest };
    },

    'files.saveExchange': async (input) => {
      const session = deps.session();
      // the package is made before the dialog: an office that owns nothing is said before asking where
      const exported = session['library.export']({ bookId: input.bookId, owner: input.owner });
      const title = input.bookId === undefined ? 'Briefing library' : session['books.get']({ id: input.bookId }).book.title;
      // the office as the book's items spell it (the package's book says it), whatever case was asked
      const office = input.owner === undefined ? undefined : packageOffice(exported.text) ?? input.owner.trim();
      const chosen = await deps.dialogs.chooseSavePath({
        title: input.bookId === undefined ? 'Export the library' : office === undefined ? 'Export the book' : `Send for drafting: the papers for ${office}`,
        defaultPath: join(folder(), safeFileName(`${title}${office === undefined ? '' : ` - for ${office}`}.briefbook`, 'json', 'Briefing library.briefbook')),
        filters: [EXCHANGE_FILTER],
      });
      if (chosen === null) return { saved: false };
      const path = withExtension(chosen, 'json');
      const digest = sha256(exported.text);
      checkWritableTarget(path);
      writeFileAtomic(path, exported.text);
      remember(path);
      const fileName = basename(path);
      session.recordExport({
        bookId: input.bookId ?? null,
        kind: 'exchange',
        fileName,
        options: office === undefined ? {} : { owner: office },
        pageCount: null,
        sha256: digest,
        itemVersions: exported.itemVersions,
      });
      return { saved: true, fileName, sha256: digest };
    },

    'files.chooseExchange': async () => {
      const chosen = await deps.dialogs.chooseOpenPath({ title: 'Import an exchange file', defaultPath: folder(), filters: [EXCHANGE_FILTER] });
      if (chosen === null) return { cancelled: true };
      let size: number;
      try {
        size = statSync(chosen).size;
      } catch {
        throw new ApiError('not_found', `${basename(chosen)} could not be read`);
      }
      if (size > MAX_EXCHANGE_BYTES) throw new ApiError('too_large', `${basename(chosen)} is larger than 512 MB`);
      const decoded = decodeUtf8(readFileSync(chosen));
      if (!decoded.ok) throw new ApiError('invalid_file', `${basename(chosen)}: ${decoded.message}; nothing was imported. Save the file as UTF-8 and try again.`);
      remember(chosen);
      const fileName = basename(chosen);
      const plan = deps.session()['library.importPlan']({ text: decoded.text, fileName });
      // kept here, not sent back by the window: the import is of the file the person chose
      pendingImport = { fileName, text: decoded.text };
      return { cancelled: false, fileName, plan };
    },

    'files.importExchange': async (input) => {
      if (pendingImport === null) throw new ApiError('not_found', 'No exchange file was chosen to import: choose one first (File → Import Exchange File…).');
      const { fileName, text } = pendingImport;
      const result = deps.session()['library.import']({ text, fileName, ...input });
      return { fileName, ...result };
    },

    'files.previewDocx': async (input) => {
      let fileName: string;
      let read: () => ReturnType<typeof docxItems>;
      if (input.file !== undefined) {
        const { name, bytes } = input.file;
        // the renderer's word for the name is only a label: no folders in it
        fileName = basename(name.replace(/\\/g, '/'));
        read = () => docxItems(bytes, fileName, { kind: input.kind });
      } else {
        const chosen = await deps.dialogs.chooseOpenPath({ title: 'Import a Word file', defaultPath: folder(), filters: [DOCX_FILTER] });
        if (chosen === null) return { cancelled: true };
        remember(chosen);
        fileName = basename(chosen);
        read = () => readDocxItems(chosen, { kind: input.kind });
      }
      try {
        return { cancelled: false, fileName, items: await read() };
      } catch (error) {
        if (error instanceof DocxError) throw new ApiError('invalid_file', `${error.message} Nothing was imported.`);
        throw error;
      }
    },

    'files.openLibrary': async (input) => {
      let path: string | null;
      if (input.path !== undefined) {
        // the renderer may reopen a recent library by path, never name an arbitrary file
        if (!deps.recent.has(input.path) || !existsSync(input.path)) {
          throw new ApiError('not_found', 'That library is not in the recent list any more; open it with File → Open Library.');
        }
        path = resolve(input.path);
      } else {
        path = await deps.dialogs.chooseOpenPath({ title: 'Open a library', defaultPath: folder(), filters: [LIBRARY_FILTER] });
      }
      if (path === null) return { cancelled: true };
      await deps.switchLibrary(path, { create: false });
      deps.recent.touch(path);
      return { cancelled: false };
    },

    'files.newLibrary': async () => {
      const chosen = await deps.dialogs.chooseSavePath({
        title: 'Create a new library',
        defaultPath: join(folder(), `Briefing library.${LIBRARY_EXTENSION}`),
        filters: [LIBRARY_FILTER],
      });
      if (chosen === null) return { cancelled: true };
      const path = withExtension(chosen, LIBRARY_EXTENSION);
      // never replace a library (docs/security.md DATA-3): a new library needs a new file
      if (existsSync(path)) {
        throw new ApiError('file_exists', `${basename(path)} already exists; open it with File → Open Library, or choose another name.`);
      }
      await deps.switchLibrary(path, { create: true });
      deps.recent.touch(path);
      return { cancelled: false };
    },

    'files.recentLibraries': async () => deps.recent.list(),
  };
}
