/** validate, import, export, list, search: the library commands of `briefbook`. */
import { createHash } from 'node:crypto';
import { basename, resolve } from 'node:path';
import { ApiError } from '../../../src/shared/contract';
import { ITEM_KINDS, KIND_LABELS, type ItemKind, type ItemStatus, type MarkingScheme } from '../../../src/shared/domain';
import { isMissing, localToday, packageOffice } from '../../../src/shared/tasking';
import { printTasking } from './tasking-list';
import { CLEARANCE_STATE_LABELS } from '../../../src/shared/clearance';
import { parseExchangeText } from '../../../src/shared/exchange';
import { MarkingError, portionMark } from '../../../src/shared/markings';
import { writeFilesAtomic, WriteFailedError } from '../../store';
import { EXIT_OK, InputError, parseFlags, UsageError, type CliCommand, type CliIo } from '../command';
import { withLibrary } from '../library';
import { readUtf8File } from '../read-text';
import { shorten } from '../../../src/shared/exchange-scan';
import { DOCX_IMPORT_HELP, importDocx } from './import-docx';
import { conflictLine, OUTCOME_LABELS, planLines } from '../../../src/shared/import-report';

const DB_HELP = '  --db PATH        the library file (default: $BRIEFBOOK_DB)';

function readInput(file: string | undefined): { name: string; text: string } {
  if (file === undefined) throw new UsageError('missing FILE');
  return readUtf8File(file);
}

function printProblems(io: CliIo, name: string, problems: { path: string; message: string }[]): void {
  io.err(`${name}: ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was imported`);
  for (const problem of problems) io.err(`  ${name} ${problem.path}: ${problem.message}`);
}

/** The file is on disk: a log that cannot record it is said as that, not as a failed export. */
function recordOrSay(target: string, record: () => unknown): void {
  try {
    record();
  } catch (error) {
    throw new InputError(`wrote ${target}, but the export log could not record it: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function asInput(error: unknown): never {
  if (error instanceof ApiError) throw new InputError(error.message);
  throw error;
}

export const validateCommand: CliCommand = {
  help: `usage: briefbook validate FILE [--db PATH]

Checks FILE against the briefbook/v1 exchange format and lists every problem with its JSON path.
With --db (or BRIEFBOOK_DB), sections may also name items already in that library.

${DB_HELP}`,
  async run(args, io) {
    const flags = parseFlags(args, { values: ['db'] });
    if (flags.positionals.length !== 1) throw new UsageError('validate takes exactly one FILE');
    const input = readInput(flags.positionals[0]);
    const report = (problems: { path: string; message: string }[], items: number, books: number) => {
      if (problems.length > 0) {
        io.err(`${input.name}: ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
        for (const problem of problems) io.err(`  ${input.name} ${problem.path}: ${problem.message}`);
        return 1;
      }
      io.out(`${input.name}: valid briefbook/v1 file with ${items} items and ${books} books`);
      return EXIT_OK;
    };
    if (flags.values.db !== undefined || (io.env.BRIEFBOOK_DB ?? '') !== '') {
      return withLibrary(flags.values, io, ({ service }) => {
        const result = service['library.validate']({ text: input.text });
        return report(result.problems, result.items, result.books);
      }, { readOnly: true });
    }
    const parsed = parseExchangeText(input.text);
    return report(parsed.problems, parsed.file?.items.length ?? 0, parsed.file?.books.length ?? 0);
  },
};

const RESOLUTION_FLAGS = { ours: 'ours', theirs: 'theirs', 'keep-both': 'both' } as const;

export const importCommand: CliCommand = {
  help: `usage: briefbook import FILE [--dry-run] [--ours | --theirs | --keep-both] [--accept-markings] [--db PATH]
${DOCX_IMPORT_HELP}

Imports FILE into the library. Where no file is at PATH, a new library is created there; an
existing file that is not a whole library (0 bytes, damaged, no library at all) is refused and
left as it is. Items and books are matched by id and compared by revision (docs/cli.md):
new ones are created; a copy with a rev this library already had is older and changes nothing;
a copy whose history has our current rev is taken (fast-forward); a copy of something deleted
here stays deleted; a copy changed both here and in the file since they parted is a conflict.
A file without revs replaces what differs, and says so; the previous version stays in the
item's history. With any conflict nothing is imported and each conflict is listed (exit 1),
unless a resolution is given. Importing the same file twice changes nothing. If the file has any
problem, nothing is imported and every problem is listed. Each import is logged and can be
undone as a whole: briefbook undo-import LOG-ID.

  --dry-run          print what the import would do (created, updated, older, conflicts,
                     replaced, deleted here) and change nothing
  --ours             settle every conflict by keeping this library's copy
  --theirs           settle every conflict by taking the file's copy
  --keep-both        keep ours and add theirs as a new item (or book) titled "... (from FILE)",
                     placed beside ours in every book that has ours
  --accept-markings  take the file's marking scheme when it differs from the library's
                     (without it such a file is refused)
${DB_HELP}`,
  async run(args, io) {
    const flags = parseFlags(args, {
      values: ['db', 'book', 'section', 'kind', 'classification'],
      booleans: ['dry-run', 'ours', 'theirs', 'keep-both', 'accept-markings'],
    });
    if (flags.positionals.length !== 1) throw new UsageError('import takes exactly one FILE');
    const dryRun = flags.booleans.has('dry-run');
    const chosen = (Object.keys(RESOLUTION_FLAGS) as (keyof typeof RESOLUTION_FLAGS)[]).filter((flag) => flags.booleans.has(flag));
    if (/\.docx$/i.test(flags.positionals[0])) {
      const exchangeOnly = [...chosen, ...(flags.booleans.has('accept-markings') ? ['accept-markings'] : [])][0];
      if (exchangeOnly !== undefined) throw new UsageError(`--${exchangeOnly} is for importing an exchange file`);
      return importDocx(flags.positionals[0], flags.values, dryRun, io);
    }
    const docxOnly = ['book', 'section', 'kind', 'classification'].find((flag) => flags.values[flag] !== undefined);
    if (docxOnly !== undefined) throw new UsageError(`--${docxOnly} is for importing a .docx paper`);
    if (chosen.length > 1) throw new UsageError(`choose one of --ours, --theirs and --keep-both (got --${chosen.join(' and --')})`);
    const resolution = chosen.length === 1 ? RESOLUTION_FLAGS[chosen[0]] : undefined;
    const acceptMarkings = flags.booleans.has('accept-markings');
    const input = readInput(flags.positionals[0]);
    return withLibrary(
      flags.values,
      io,
      ({ service, path }) => {
        const check = service['library.validate']({ text: input.text });
        if (!check.ok) {
          printProblems(io, input.name, check.problems);
          return 1;
        }
        let plan;
        try {
          plan = service['library.importPlan']({ text: input.text, fileName: input.name });
        } catch (error) {
          return asInput(error);
        }
        if (dryRun) {
          io.out(`dry run of ${input.name} into ${basename(path)} (sha256 ${plan.sha256}): nothing was imported`);
          for (const line of planLines(plan)) io.out(line);
          return EXIT_OK;
        }
        if (plan.markingDifferences.length > 0 && !acceptMarkings) {
          io.err(`${input.name}: its marking scheme differs from the library's; nothing was imported`);
          for (const difference of plan.markingDifferences) io.err(`  ${difference}`);
          io.err('  import it with --accept-markings to take the file\'s scheme');
          return 1;
        }
        const conflicts = plan.entries.filter((entry) => entry.outcome === 'conflict');
        if (conflicts.length > 0 && resolution === undefined) {
          io.err(`${input.name}: ${conflicts.length} conflict${conflicts.length === 1 ? '' : 's'} (changed here and in the file since they parted); nothing was imported`);
          for (const entry of conflicts) io.err(conflictLine(entry));
          io.err('  settle them with --ours, --theirs or --keep-both (see what each would do with --dry-run)');
          return 1;
        }
        let result;
        try {
          result = service['library.import']({
            text: input.text,
            fileName: input.name,
            basis: plan.basis,
            acceptMarkings,
            ...(resolution === undefined ? {} : { resolutions: [{ resolution }] }),
          });
        } catch (error) {
          return asInput(error);
        }
        const { items, books } = result;
        io.out(
          `imported ${input.name} into ${basename(path)}: ` +
            `items ${items.created} new, ${items.updated} updated, ${items.unchanged} unchanged; ` +
            `books ${books.created} new, ${books.updated} updated, ${books.unchanged} unchanged` +
            (result.markingsChanged ? '; marking scheme replaced' : ''),
        );
        for (const entry of plan.entries) {
          if (entry.outcome === 'unchanged' || entry.outcome === 'created' || entry.outcome === 'fast-forward') continue;
          const what = entry.outcome === 'conflict' ? `conflict settled: ${resolution === 'both' ? 'kept both' : `kept ${resolution ?? ''}`}` : OUTCOME_LABELS[entry.outcome];
          io.out(`  ${entry.entity} "${shorten(entry.id)}" "${shorten(entry.title)}": ${what}`);
        }
        if (result.logId !== null) io.out(`logged as import ${result.logId}; undo it with: briefbook undo-import ${result.logId}`);
        return EXIT_OK;
      },
      dryRun ? { readOnly: true } : { create: true },
    );
  },
};

export const undoImportCommand: CliCommand = {
  help: `usage: briefbook undo-import [LOG-ID] [--db PATH]

Without LOG-ID, lists the import log: each import that changed something, with its file, the
file's SHA-256 and what it changed. With LOG-ID, undoes that import as a whole: what it changed
goes back to how it was, what it created goes. Refused, changing nothing, when anything the
import changed has changed since.

${DB_HELP}`,
  async run(args, io) {
    const flags = parseFlags(args, { values: ['db'] });
    if (flags.positionals.length > 1) throw new UsageError('undo-import takes at most one LOG-ID');
    const raw = flags.positionals[0];
    if (raw !== undefined && !/^[1-9][0-9]{0,15}$/.test(raw)) throw new UsageError(`LOG-ID must be a number from the import log, not "${shorten(raw)}"`);
    return withLibrary(flags.values, io, ({ service }) => {
      if (raw === undefined) {
        const entries = service['imports.list']({});
        if (entries.length === 0) io.out('the import log is empty');
        for (const entry of entries) {
          io.out(`${entry.id}  ${entry.at}  ${entry.fileName}  sha256 ${entry.sha256}${entry.undoneAt === null ? '' : `  (undone ${entry.undoneAt})`}`);
          io.out(`    ${entry.summary}`);
        }
        return EXIT_OK;
      }
      try {
        const done = service['imports.undo']({ id: Number(raw) });
        io.out(`undid import ${raw}: ${done.restored} restored, ${done.removed} removed`);
        return EXIT_OK;
      } catch (error) {
        return asInput(error);
      }
    });
  },
};

export const exportCommand: CliCommand = {
  help: `usage: briefbook export FILE [--book ID [--owner NAME]] [--db PATH]

Writes the whole library, or one book and the items it uses, as a briefbook/v1 exchange file.
The file is written atomically: a crash leaves the old file or the new one, and the export is
recorded in the library's export log (briefbook verify FILE finds it). Use - for stdout.

  --book ID        export only this book and its items
  --owner NAME     a tasker package: only the items of the book that office owns (placeholders
                   included), in the office's copy of the book, every section kept. Owners
                   match trimmed and case-insensitive. The office sends its work back with the
                   same command from its own library.
${DB_HELP}`,
  async run(args, io) {
    const flags = parseFlags(args, { values: ['db', 'book', 'owner'] });
    if (flags.positionals.length !== 1) throw new UsageError('export takes exactly one FILE (or - for stdout)');
    if (flags.values.owner !== undefined && flags.values.book === undefined) throw new UsageError('--owner needs --book: a tasker package is of one book');
    if (flags.values.owner !== undefined && flags.values.owner.trim() === '') throw new UsageError('--owner needs the name of an office');
    const target = flags.positionals[0];
    return withLibrary(flags.values, io, ({ service, readOnly }) => {
      let exported;
      try {
        exported = service['library.export']({ bookId: flags.values.book, owner: flags.values.owner });
      } catch (error) {
        return asInput(error);
      }
      if (target === '-') {
        io.out(exported.text.trimEnd());
        return EXIT_OK;
      }
      try {
        writeFilesAtomic([{ path: resolve(target), data: exported.text }]);
      } catch (error) {
        if (error instanceof WriteFailedError) throw new InputError(error.message);
        throw error;
      }
      if (readOnly === null) {
        recordOrSay(target, () => service.recordExport({
          bookId: flags.values.book ?? null,
          kind: 'exchange',
          fileName: basename(target),
          options: flags.values.owner === undefined ? {} : { owner: packageOffice(exported.text) ?? flags.values.owner.trim() },
          pageCount: null,
          sha256: createHash('sha256').update(exported.text, 'utf8').digest('hex'),
          itemVersions: exported.itemVersions,
        }));
      } else io.err(`note: ${target} is not in the export log (verify will not know it): ${readOnly}`);
      io.out(
        flags.values.owner === undefined
          ? `wrote ${target}: ${exported.items} items, ${exported.books} books`
          : packageSummary(target, flags.values.owner.trim(), exported.text),
      );
      return EXIT_OK;
    }, { readOnly: true });
  },
};

/** "wrote FILE: 3 papers for Policy (1 still to write) in book "summit--for-policy-…"". */
function packageSummary(target: string, office: string, text: string): string {
  const file = JSON.parse(text) as { items: { status: string; body: string }[]; books: { id: string }[] };
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  const missing = file.items.filter((item) => isMissing({ status: item.status as ItemStatus, excerpt: item.body })).length;
  return `wrote ${target}: ${count(file.items.length, 'paper')} for ${packageOffice(text) ?? office} (${missing} still to write) in book "${file.books[0]?.id ?? ''}"`;
}

/** `(S//NF)`; an item whose level the scheme lacks shows its code with a question mark. */
function markOf(item: { id: string; classification: string; caveats?: readonly string[] }, scheme: MarkingScheme): string {
  try {
    return portionMark(item, scheme);
  } catch (error) {
    if (error instanceof MarkingError) return `(${item.classification}?)`;
    throw error;
  }
}

function pad(text: string, width: number): string {
  const chars = [...text];
  return chars.length > width ? `${chars.slice(0, width - 1).join('')}…` : text + ' '.repeat(width - chars.length);
}

export const listCommand: CliCommand = {
  help: `usage: briefbook list books|items [--kind KIND] [--json] [--db PATH]
       briefbook list items --book ID --by-owner|--by-due [--json] [--db PATH]

  books            every book: id, meeting date, overall marking, clearance
  items            every item: id, kind, portion mark, status ("Changed since cleared" when
                   cleared on a text it no longer prints), title
  --kind KIND      only items of this kind (${ITEM_KINDS.join(', ')})
  --book ID        with --by-owner or --by-due: the papers of this book, what each office owes
  --by-owner       grouped by owner (office): due date, status, missing or overdue, last change
  --by-due         the same papers in one list, earliest due first
  --json           print JSON instead of a table
${DB_HELP}`,
  async run(args, io) {
    const flags = parseFlags(args, { values: ['db', 'kind', 'book'], booleans: ['json', 'by-owner', 'by-due'] });
    const what = flags.positionals[0];
    if (flags.positionals.length !== 1 || (what !== 'books' && what !== 'items')) {
      throw new UsageError('list takes books or items');
    }
    const kind = flags.values.kind;
    if (kind !== undefined && !(ITEM_KINDS as readonly string[]).includes(kind)) {
      throw new UsageError(`unknown kind "${shorten(kind)}"; kinds are ${ITEM_KINDS.join(', ')}`);
    }
    if (kind !== undefined && what === 'books') throw new UsageError('--kind applies to items');
    const tasking = flags.booleans.has('by-owner') ? 'owner' : flags.booleans.has('by-due') ? 'due' : null;
    if (flags.booleans.has('by-owner') && flags.booleans.has('by-due')) throw new UsageError('--by-owner and --by-due: choose one');
    if ((tasking !== null || flags.values.book !== undefined) && (what !== 'items' || flags.values.book === undefined || tasking === null || kind !== undefined)) {
      throw new UsageError('list items --book ID takes --by-owner or --by-due (and no --kind)');
    }
    if (tasking !== null && flags.values.book !== undefined) {
      const bookId = flags.values.book;
      return withLibrary(flags.values, io, ({ service }) => {
        try {
          printTasking(io, service['books.get']({ id: bookId }), tasking, flags.booleans.has('json'), localToday());
        } catch (error) {
          return asInput(error);
        }
        return EXIT_OK;
      }, { readOnly: true });
    }
    return withLibrary(flags.values, io, ({ service }) => {
      if (what === 'books') {
        const books = service['books.list']({});
        if (flags.booleans.has('json')) io.out(JSON.stringify(books, null, 2));
        else if (books.length === 0) io.out('no books');
        else {
          for (const book of books) {
            io.out(
              `${pad(book.id, 28)} ${pad(book.meetingDate ?? '', 10)} ${pad(book.overallMarking ?? '?', 32)} ` +
                `${book.clearedCount}/${book.itemCount} cleared  ${book.title}`,
            );
          }
        }
        return EXIT_OK;
      }
      const { rows, total } = service['items.list']({
        kinds: kind === undefined ? undefined : [kind as ItemKind],
        sort: { by: 'kind', dir: 'asc' },
      });
      if (flags.booleans.has('json')) io.out(JSON.stringify(rows, null, 2));
      else if (total === 0) io.out(kind === undefined ? 'no items' : `no items of kind ${kind}`);
      else {
        const scheme = service['markings.get']({});
        const marks = rows.map((row) => markOf(row, scheme));
        const width = marks.reduce((widest, mark) => Math.max(widest, [...mark].length), 0);
        const states = rows.map((row) => CLEARANCE_STATE_LABELS[row.clearanceState]);
        const stateWidth = states.reduce((widest, label) => Math.max(widest, label.length), 10);
        rows.forEach((row, index) => {
          io.out(`${pad(row.id, 28)} ${pad(KIND_LABELS[row.kind], 16)} ${pad(marks[index], width)} ${pad(states[index], stateWidth)} ${row.title}`);
        });
      }
      return EXIT_OK;
    }, { readOnly: true });
  },
};

export const searchCommand: CliCommand = {
  help: `usage: briefbook search QUERY [--limit N] [--json] [--db PATH]

Searches titles, bodies, tags and translations. Matches are shown between [ and ].

  --limit N        at most N results (default 20)
  --json           print JSON instead of text
${DB_HELP}`,
  async run(args, io) {
    const flags = parseFlags(args, { values: ['db', 'limit'], booleans: ['json'] });
    const query = flags.positionals.join(' ').trim();
    if (query === '') throw new UsageError('search needs a QUERY');
    const limit = flags.values.limit === undefined ? 20 : Number(flags.values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new UsageError('--limit takes a whole number from 1 to 500');
    return withLibrary(flags.values, io, ({ service }) => {
      const hits = service['search.query']({ q: query, limit });
      if (flags.booleans.has('json')) {
        io.out(JSON.stringify(hits, null, 2));
        return EXIT_OK;
      }
      if (hits.length === 0) {
        io.out(`no items match "${shorten(query)}"`);
        return EXIT_OK;
      }
      const marked = (segments: { text: string; hit: boolean }[]) => segments.map((s) => (s.hit ? `[${s.text}]` : s.text)).join('');
      const scheme = service['markings.get']({});
      for (const hit of hits) {
        io.out(`${hit.id}  ${KIND_LABELS[hit.kind]}  ${markOf(hit, scheme)} ${marked(hit.titleSegments)}`);
        io.out(`    ${marked(hit.snippet).replace(/\s+/g, ' ')}`);
      }
      return EXIT_OK;
    }, { readOnly: true });
  },
};
