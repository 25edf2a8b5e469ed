/** `briefbook changes --book ID [--since EXPORT|last] [--json]`: what changed in a book since an edition. */
import type { ChangeSet, ChangesSince, FieldDiff, ItemPlace } from '../../../src/shared/changes';
import { ApiError } from '../../../src/shared/contract';
import { EXIT_OK, InputError, UsageError, parseFlags, type CliCommand } from '../command';
import { withLibrary } from '../library';

const HELP = `usage: briefbook changes --book ID [--since EXPORT|last] [--json] [--db PATH]

Lists what changed in a book since one of its editions (an export in the export log): items
added, edited (a word diff of the title, body and translations, and the marking change),
moved (to another section, or out of order in their own) and removed. Words taken out are
printed [-like this-], words put in {+like this+}. Exit 0; 1 when the book or the export is
unknown, the export is of another book, or the book has no PDF export yet.

  --book ID        the book
  --since EXPORT   the export id to compare with (briefbook verify FILE.pdf, or the app's
                   export log, shows it); last (default): the book's latest PDF
  --json           the change set as JSON, for tools
  --db PATH        the library file (default: $BRIEFBOOK_DB)`;

/** `last`, or an export id (a positive whole number). */
export function parseSince(value: string | undefined, flag: string): ChangesSince {
  if (value === undefined || value === 'last') return 'last';
  if (!/^[1-9]\d{0,15}$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw new UsageError(`${flag} takes an export id (a whole number, as verify or the export log shows it) or "last", not "${value.slice(0, 40)}"`);
  }
  return Number(value);
}

/** A field's diff on one line per line of text: deletions [-…-], insertions {+…+}. */
function diffText(diff: FieldDiff): string {
  const text = diff.parts.map((p) => (p.op === 'same' ? p.text : p.op === 'deleted' ? `[-${p.text}-]` : `{+${p.text}+}`)).join('');
  return `${diff.field}: ${text.split('\n').join('\n        ')}`;
}

function where(place: ItemPlace): string {
  return `${place.sectionTitle}, item ${place.position + 1}`;
}

function head(item: { id: string; title: string; mark: string }): string {
  return `${item.mark === '' ? '' : `${item.mark} `}${item.title} [${item.id}]`;
}

/** The change set in words, as `briefbook changes` prints it. */
export function changesText(changes: ChangeSet, bookTitle: string): string[] {
  const lines = [`Changes in "${bookTitle}" (${changes.bookId}) since the edition of ${changes.since.exportedAt} (export ${changes.since.exportId}, ${changes.since.fileName})`];
  const count = (n: number) => ` (${n})`;
  lines.push(`Added${count(changes.added.length)}`);
  for (const item of changes.added) lines.push(`  + ${head(item)}: ${where(item.place)}`);
  lines.push(`Edited${count(changes.edited.length)}`);
  for (const item of changes.edited) {
    lines.push(`  ~ ${head(item)}: version ${item.fromVersion} to ${item.toVersion}`);
    if (item.marking !== null) lines.push(`      marking ${item.marking.from} -> ${item.marking.to}`);
    for (const diff of item.diffs) lines.push(`      ${diffText(diff)}`);
    if (item.marking === null && item.diffs.length === 0) lines.push('      other printed details (kind, sources or pocket-card line)');
  }
  if (changes.movesKnown) {
    lines.push(`Moved${count(changes.moved.length)}`);
    for (const item of changes.moved) lines.push(`  > ${head(item)}: ${where(item.from)} -> ${where(item.to)}`);
  } else {
    lines.push('Moved: unknown (this edition was logged before the export log kept the book\'s sections)');
  }
  lines.push(`Removed${count(changes.removed.length)}`);
  for (const item of changes.removed) lines.push(`  - ${head(item)}${item.from === null ? '' : `: was ${where(item.from)}`}`);
  return lines;
}

export const changesCommand: CliCommand = {
  help: HELP,
  async run(args, io) {
    const flags = parseFlags(args, { values: ['db', 'book', 'since'], booleans: ['json'] });
    if (flags.positionals.length > 0) throw new UsageError(`unexpected argument "${flags.positionals[0].slice(0, 40)}"`);
    const bookId = flags.values.book;
    if (bookId === undefined) throw new UsageError('missing --book ID');
    const since = parseSince(flags.values.since, '--since');
    return withLibrary(flags.values, io, ({ service }) => {
      let changes: ChangeSet;
      try {
        changes = service['books.changesSince']({ bookId, since });
      } catch (error) {
        // an unknown book or export, another book's export, no export yet: one line in words
        if (error instanceof ApiError) throw new InputError(error.message);
        throw error;
      }
      if (flags.booleans.has('json')) io.out(JSON.stringify(changes, null, 2));
      else for (const line of changesText(changes, service['books.get']({ id: bookId }).book.title)) io.out(line);
      return EXIT_OK;
    }, { readOnly: true });
  },
};
