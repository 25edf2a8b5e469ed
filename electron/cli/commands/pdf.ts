/**
 * `briefbook pdf`: prints a book to PDF from the library (--db) or straight from an exchange file
 * (--from). Every file is built in memory first, so a refusal (a final copy with uncleared items,
 * a pocket card that does not fit) writes nothing; then all files are written together, all or
 * none (EXP-1), and logged.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, resolve } from 'node:path';
import { ApiError, pdfOptionsSchema, type PdfOptions } from '../../../src/shared/contract';
import type { BookContent } from '../../../src/shared/domain';
import { BookNotFoundError, bookContentFromExchange, parseExchangeText } from '../../../src/shared/exchange';
import { buildBookPdf, buildPocketCard, PdfExportError, type BuildExtras, type PdfProblem, type PdfResult } from '../../../src/pdf';
import { writeFilesAtomic, WriteFailedError } from '../../store';
import { contentHashOf } from '../../store/hashes';
import { EXIT_OK, InputError, parseFlags, UsageError, type CliCommand, type CliIo } from '../command';
import { loadFontFiles } from '../fonts';
import { DeflateThread } from '../pdf-deflate';
import { withLibrary, type CliService } from '../library';
import { readUtf8File } from '../read-text';
import { shorten } from '../../../src/shared/exchange-scan';
import { parseSince } from './changes';

const HELP = `usage: briefbook pdf --book ID --out FILE.pdf [--db PATH] [options]
       briefbook pdf --from FILE.briefbook.json --book ID --out FILE.pdf [options]

Prints a briefing book: cover, contents, one section per tab, marking banners on every page.
Reads the library (--db PATH, default $BRIEFBOOK_DB) or, with --from, an exchange file.

options:
  --book ID          the book to print
  --out FILE.pdf     where to write it (written atomically)
  --db PATH          the library file (default: $BRIEFBOOK_DB)
  --from FILE        read the book from an exchange file instead of a library
  --final            a final copy: refuses, writing nothing, if any item is not cleared
  --watermark TEXT   print TEXT across every page (e.g. DRAFT)
  --pocket-card      also write the principal's pocket card as FILE.pocket-card.pdf
  --card-size SIZE   the pocket card's size: a6 (default) or 4x6 (inches)
  --copies           one numbered copy per recipient of the book's distribution list:
                     FILE-copy-01.pdf, FILE-copy-02.pdf...
  --max-level CODE   releasable edition: items above level CODE (e.g. C) are withheld;
                     every section and item number stays as in the full book
  --hyphenate        hyphenate English body text at line ends
  --no-at-a-glance   leave out the "At a glance" page (red lines, asks, objectives)
  --no-thumb-tabs    leave out the section tabs on the pages' outer edge
  --dividers         a divider page before each section
  --sources MODE     endnotes (default: each section's sources after its last item)
                     or omit
  --bilingual LANG   each item beside its translation in LANG (e.g. ko), paragraph by
                     paragraph; the cover and contents in both languages
  --translation-below  with --bilingual: the translation under the text, not beside it
  --include-empty-sections
                     also print sections with no items (left out by default)
  --clearance-page   a clearance page after the contents: each paper's portion mark,
                     title, drafter, and clearing offices with their dates
  --changes-since EXPORT|last
                     a change bar beside every item added or edited since that export
                     (last: the book's latest PDF) and a "Changes since the edition of
                     DATE" page after the contents (from a library only, not --from)

With SOURCE_DATE_EPOCH set, the same input gives a byte-identical file.
Exit status: 0 written, 1 bad input or refused (nothing written), 2 wrong usage.`;

function producerVersion(): string | undefined {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : undefined;
  } catch {
    return undefined;
  }
}

/** SOURCE_DATE_EPOCH (seconds since 1970, reproducible-builds.org) or now. */
export function creationDate(env: NodeJS.ProcessEnv): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch === '') return new Date();
  if (!/^\d{1,12}$/.test(epoch.trim())) throw new UsageError(`SOURCE_DATE_EPOCH must be whole seconds since 1970, not "${shorten(epoch)}"`);
  return new Date(Number(epoch.trim()) * 1000);
}

export { deflateForNode } from '../pdf-deflate';

function readExchangeBook(file: string, bookId: string): BookContent {
  const path = resolve(file);
  const { text } = readUtf8File(file);
  const parsed = parseExchangeText(text);
  if (parsed.file === null) {
    const shown = parsed.problems.slice(0, 20).map((p) => `  ${basename(path)} ${p.path}: ${p.message}`);
    const more = parsed.problems.length > 20 ? [`  ... and ${parsed.problems.length - 20} more`] : [];
    throw new InputError(`${basename(path)} is not a valid exchange file:\n${[...shown, ...more].join('\n')}`);
  }
  try {
    const content = bookContentFromExchange(parsed.file, bookId);
    // a final copy from a file refuses what its clearance does not cover, as from a library
    const contentHashes = Object.fromEntries(content.items.map((item) => [item.id, contentHashOf(item, content.markings)]));
    return { ...content, contentHashes };
  } catch (error) {
    if (error instanceof BookNotFoundError) throw new InputError(`${basename(path)}: ${error.message}`);
    throw new InputError(`${basename(path)}: ${(error as Error).message}`);
  }
}

/** FILE.pdf → FILE-copy-01.pdf, FILE.pocket-card.pdf... beside it. */
export function siblingPath(out: string, suffix: string): string {
  const ext = extname(out);
  const stem = ext.toLowerCase() === '.pdf' ? out.slice(0, -ext.length) : out;
  return `${stem}${suffix}.pdf`;
}

function copyTag(n: number, of: number): string {
  return String(n).padStart(Math.max(2, String(of).length), '0');
}

interface Planned {
  path: string;
  result: PdfResult;
  kind: 'book' | 'pocket card';
}

async function build(content: BookContent, options: PdfOptions, out: string, extras: BuildExtras): Promise<Planned[]> {
  const fonts = loadFontFiles();
  const planned: Planned[] = [];
  const distribution = content.book.distribution ?? [];
  if (options.numberedCopies === true && distribution.length === 0) {
    throw new InputError(`book "${content.book.id}" has no distribution list, so there are no numbered copies to print`);
  }
  const copies = options.numberedCopies === true ? distribution.map((recipient, i) => ({ number: i + 1, of: distribution.length, recipient })) : [undefined];
  for (const copy of copies) {
    const suffix = copy === undefined ? '' : `-copy-${copyTag(copy.number, copy.of)}`;
    const path = copy === undefined ? out : siblingPath(out, suffix);
    planned.push({ path, kind: 'book', result: await buildBookPdf(content, fonts, options, { ...extras, copy }) });
    if (options.pocketCard === true) {
      planned.push({ path: siblingPath(out, `${suffix}.pocket-card`), kind: 'pocket card', result: await buildPocketCard(content, fonts, options, { ...extras, copy }) });
    }
  }
  return planned;
}

/** One export, one log transaction: every file written is in the log, or none is. */
function record(service: CliService, bookId: string, options: PdfOptions, done: Planned[]): void {
  service.recordExports(
    done.map(({ path, result, kind }) => ({
      bookId,
      kind: 'pdf' as const,
      fileName: basename(path),
      options: { ...options },
      pageCount: result.pageCount,
      sha256: createHash('sha256').update(result.bytes).digest('hex'),
      itemVersions: result.itemVersions,
      document: kind === 'book' ? ('book' as const) : ('pocketCard' as const),
    })),
  );
}

export const pdfCommand: CliCommand = {
  help: HELP,
  async run(args: string[], io: CliIo): Promise<number> {
    const flags = parseFlags(args, {
      values: ['db', 'book', 'out', 'from', 'watermark', 'max-level', 'sources', 'card-size', 'bilingual', 'changes-since'],
      booleans: ['final', 'pocket-card', 'copies', 'hyphenate', 'no-at-a-glance', 'no-thumb-tabs', 'dividers', 'translation-below', 'include-empty-sections', 'clearance-page'],
    });
    if (flags.positionals.length > 0) throw new UsageError(`unexpected argument "${shorten(flags.positionals[0])}"`);
    const bookId = flags.values.book;
    const outFlag = flags.values.out;
    if (bookId === undefined) throw new UsageError('missing --book ID');
    if (outFlag === undefined) throw new UsageError('missing --out FILE.pdf');
    if (flags.values.from !== undefined && flags.values.db !== undefined) throw new UsageError('use either --from FILE or --db PATH, not both');
    const changesFlag = flags.values['changes-since'];
    if (changesFlag !== undefined && flags.values.from !== undefined) {
      throw new UsageError('--changes-since compares with an edition in the library\'s export log: use --db PATH, not --from FILE');
    }
    const parsedOptions = pdfOptionsSchema.safeParse({
      mode: flags.booleans.has('final') ? 'final' : 'working',
      watermark: flags.values.watermark,
      pocketCard: flags.booleans.has('pocket-card') || undefined,
      numberedCopies: flags.booleans.has('copies') || undefined,
      maxLevel: flags.values['max-level'],
      hyphenate: flags.booleans.has('hyphenate') || undefined,
      atAGlance: flags.booleans.has('no-at-a-glance') ? false : undefined,
      thumbTabs: flags.booleans.has('no-thumb-tabs') ? false : undefined,
      sectionDividers: flags.booleans.has('dividers') || undefined,
      sources: flags.values.sources,
      pocketCardSize: flags.values['card-size'],
      bilingual: flags.values.bilingual,
      bilingualLayout: flags.booleans.has('translation-below') ? 'below' : undefined,
      includeEmptySections: flags.booleans.has('include-empty-sections') || undefined,
      clearancePage: flags.booleans.has('clearance-page') || undefined,
      changesSince: changesFlag === undefined ? undefined : parseSince(changesFlag, '--changes-since'),
    });
    if (!parsedOptions.success) {
      throw new UsageError(parsedOptions.error.issues.map((issue) => `${issue.path.join('.') || 'options'}: ${issue.message}`).join('; '));
    }
    let options = parsedOptions.data;
    const out = resolve(outFlag);
    const produce = async (content: BookContent): Promise<Planned[]> => {
      // the streams are compressed on a thread of their own while the book is written
      // (pdf-deflate.ts); started here, it is ready by the time the first page is
      const thread = new DeflateThread();
      const extras: BuildExtras = { creationDate: creationDate(io.env), producerVersion: producerVersion(), deflate: thread.deflate };
      try {
        return await build(content, options, out, extras);
      } catch (error) {
        if (error instanceof PdfExportError) {
          throw new InputError(`${error.message}\nNothing was written.`);
        }
        throw error;
      } finally {
        await thread.close();
      }
    };
    const write = (planned: Planned[]) => {
      // a folder Briefbook makes is its owner's only, like the files in it
      mkdirSync(dirname(out), { recursive: true, mode: 0o700 });
      for (const { path } of planned) {
        if (resolve(path) === resolve(flags.values.from ?? '\0')) throw new InputError(`refusing to overwrite the input file ${path}`);
      }
      // all files of one export or none: a card that cannot be written leaves no unlogged book
      try {
        writeFilesAtomic(planned.map(({ path, result }) => ({ path, data: result.bytes })));
      } catch (error) {
        if (error instanceof WriteFailedError) throw new InputError(`${error.message}. Nothing was written.`);
        throw error;
      }
    };
    // the marking check's words (unknown caveats, a REL TO that fell back to NOFORN) and the
    // other problems are said before anything is written, as the app's export dialog says them
    const warn = (planned: Planned[]) => {
      const warnings = new Map<string, PdfProblem>();
      for (const { result } of planned) for (const p of result.problems) warnings.set(`${p.code}|${p.message}`, p);
      for (const p of warnings.values()) io.err(`warning: ${p.message}`);
    };
    const report = (planned: Planned[]) => {
      for (const { path, result, kind } of planned) {
        io.out(`wrote ${path} (${kind}, ${result.pageCount} page${result.pageCount === 1 ? '' : 's'}, ${result.overallMarking})`);
      }
    };

    if (flags.values.from !== undefined) {
      const planned = await produce(readExchangeBook(flags.values.from, bookId));
      warn(planned);
      write(planned);
      report(planned);
      return EXIT_OK;
    }
    return withLibrary(flags.values, io, async ({ service, readOnly }) => {
      let content: BookContent;
      try {
        content = service['books.content']({ id: bookId });
        if (options.changesSince !== undefined) {
          const changes = service['books.changesSince']({ bookId, since: options.changesSince });
          content = { ...content, changes };
          // the log names the edition compared with, not "last"
          options = { ...options, changesSince: changes.since.exportId };
        }
      } catch (error) {
        if (error instanceof ApiError) throw new InputError(`book "${shorten(bookId)}": ${error.message}`);
        throw error;
      }
      const planned = await produce(content);
      warn(planned);
      write(planned);
      if (readOnly === null) {
        try {
          record(service, bookId, options, planned);
        } catch (error) {
          // the files are on disk: say so, and that the log does not know (all of) them
          report(planned);
          throw new InputError(`the files were written, but the export log could not record them: ${error instanceof Error ? error.message : String(error)}`);
        }
      } else io.err(`note: the PDF files are not in the export log (verify will not know them): ${readOnly}`);
      report(planned);
      return EXIT_OK;
    }, { readOnly: true });
  },
};
