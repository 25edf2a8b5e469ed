/**
 * The start-up check of `npm run smoke` (`briefbook --smoke`, docs/release.md): what a release
 * must do before it ships, in the order a user meets it. The sample is loaded, the first screen is drawn, one
 * item is saved and read back through the API, one PDF is made by the PDF engine and saved
 * through the API, and the export log holds that file's SHA-256.
 *
 * It takes the surface it works through as a parameter: in the app (--smoke) that is
 * `window.briefbook` over IPC, the page itself and the PDF worker; in the tests, the real store
 * service and the same PDF engine without Electron. Every failure names the step.
 */
import type { ApiContract, ApiMethod, BookContent, ItemDraft, MethodInput, MethodOutput, PdfOptions } from './contract';

export interface SmokeSurface {
  /** one API method, as the renderer calls it */
  call<M extends ApiMethod>(method: M, input: MethodInput<ApiContract, M>): Promise<MethodOutput<ApiContract, M>>;
  /** the text of the first screen, once it is drawn (rejects when it never is) */
  firstScreen(): Promise<string>;
  /** the PDF engine as the export dialog runs it */
  buildPdf(content: BookContent, options: PdfOptions): Promise<{ bytes: Uint8Array; fileName: string; pageCount: number }>;
}

export class SmokeFailed extends Error {
  constructor(
    readonly step: string,
    cause: unknown,
  ) {
    super(`${step}: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'SmokeFailed';
  }
}

/** The mark saved into an item and read back. */
export const SMOKE_MARK = ' [smoke check]';

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

function check(condition: unknown, what: string): asserts condition {
  if (!condition) throw new Error(what);
}

export async function runSmokeSequence(surface: SmokeSurface): Promise<SmokeReportLine> {
  const steps: string[] = [];
  async function step<T>(name: string, run: () => Promise<T>): Promise<T> {
    try {
      const result = await run();
      steps.push(name);
      return result;
    } catch (error) {
      throw new SmokeFailed(name, error);
    }
  }

  const book = await step('load the sample', async () => {
    let books = await surface.call('books.list', {});
    if (books.length === 0) {
      await surface.call('library.loadSample', {});
      books = await surface.call('books.list', {});
    }
    check(books.length > 0, 'the library has no book after loading the sample');
    return books[0];
  });

  await step('draw the first screen', async () => {
    const text = await surface.firstScreen();
    check(text.trim() !== '', 'the first screen is empty');
  });

  const itemId = await step('save an item and read it back', async () => {
    const list = await surface.call('items.list', { limit: 1 });
    check(list.rows.length > 0, 'the sample has no items');
    const before = await surface.call('items.get', { id: list.rows[0].id });
    const title = `${before.title.slice(0, 200)}${SMOKE_MARK}`;
    const { id, kind, body, topic, tags, classification, caveats, status, owner, lang, translations, sources } = before;
    const item: ItemDraft = { id, kind, title, body, topic, tags, classification, caveats, status, owner, lang, translations, sources };
    const saved = await surface.call('items.save', { item, baseVersion: before.version });
    check(saved.version === before.version + 1, `items.save answered version ${saved.version}, expected ${before.version + 1}`);
    const after = await surface.call('items.get', { id: before.id });
    check(after.title === title, `read back "${after.title}", saved "${title}"`);
    check(after.version === saved.version, `read back version ${after.version}, saved ${saved.version}`);
    return before.id;
  });

  const pdf = await step('make a PDF and save it', async () => {
    const options: PdfOptions = { mode: 'working', watermark: 'SMOKE CHECK' };
    const content = await surface.call('books.content', { id: book.id });
    const built = await surface.buildPdf(content, options);
    check(new TextDecoder().decode(built.bytes.subarray(0, 5)) === '%PDF-', 'the engine did not return a PDF');
    check(built.pageCount > 0, 'the PDF has no pages');
    const saved = await surface.call('files.savePdf', {
      bookId: book.id,
      suggestedName: built.fileName,
      bytes: built.bytes as Uint8Array<ArrayBuffer>,
      options,
      pageCount: built.pageCount,
    });
    check(saved.saved, 'the save was cancelled');
    const sha256 = await sha256Hex(built.bytes);
    check(saved.sha256 === sha256, `saved with SHA-256 ${saved.sha256}, made ${sha256}`);
    const log = await surface.call('exports.list', { bookId: book.id });
    check(
      log.some((entry) => entry.sha256 === sha256 && entry.kind === 'pdf'),
      'the export log has no entry for the PDF',
    );
    return { fileName: saved.fileName, sha256, pages: built.pageCount, bytes: built.bytes.byteLength };
  });

  return { steps, bookId: book.id, itemId, pdf };
}

/**
 * How the renderer reports the check to the main process: one console line, this prefix and
 * JSON. The main process reads the window's console only in smoke mode, and checks the report
 * against the files before it exits (electron/main/smoke.ts).
 */
export const SMOKE_REPORT_PREFIX = '[briefbook-smoke] ';

export interface SmokeReportLine {
  steps: string[];
  bookId: string;
  itemId: string;
  pdf: { fileName: string; sha256: string; pages: number; bytes: number };
}

export type SmokeOutcome = { ok: true; report: SmokeReportLine } | { ok: false; message: string };

/** The outcome in a console line, or null when the line is something else. */
export function parseSmokeLine(line: string): SmokeOutcome | null {
  if (!line.startsWith(SMOKE_REPORT_PREFIX)) return null;
  let value: unknown;
  try {
    value = JSON.parse(line.slice(SMOKE_REPORT_PREFIX.length));
  } catch {
    return { ok: false, message: 'the renderer wrote a smoke report that is not JSON' };
  }
  const outcome = value as { ok?: unknown; message?: unknown; report?: { steps?: unknown; bookId?: unknown; itemId?: unknown; pdf?: Record<string, unknown> } };
  if (outcome.ok === false) return { ok: false, message: typeof outcome.message === 'string' ? outcome.message : 'the renderer reported a failure without a message' };
  const report = outcome.report;
  const pdf = report?.pdf;
  if (
    outcome.ok === true &&
    Array.isArray(report?.steps) &&
    report.steps.every((s) => typeof s === 'string') &&
    typeof report.bookId === 'string' &&
    typeof report.itemId === 'string' &&
    typeof pdf?.fileName === 'string' &&
    typeof pdf.sha256 === 'string' &&
    typeof pdf.pages === 'number' &&
    typeof pdf.bytes === 'number'
  ) {
    return { ok: true, report: report as SmokeReportLine };
  }
  return { ok: false, message: 'the renderer wrote a smoke report of the wrong shape' };
}
