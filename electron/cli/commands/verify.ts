/** `briefbook verify FILE.pdf`: was this PDF exported by this library, and is it still current? */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { EXIT_BAD_INPUT, EXIT_OK, InputError, parseFlags, UsageError, type CliCommand } from '../command';
import type { ExportRecord } from '../../../src/shared/contract';
import { withLibrary, type CliService } from '../library';

/** The title the item had in the version printed (null: purged since). */
function printedTitle(service: CliService, id: string, version: number | undefined): string | null {
  try {
    const history = service['items.history']({ id });
    return (history.find((v) => v.version === version) ?? history[0]).item.title;
  } catch {
    return null;
  }
}

/** Whether each item of a PDF was cleared on the text it printed, as the export log recorded it. */
export function clearanceLines(record: ExportRecord, title: (id: string) => string | null): string[] {
  if (record.kind !== 'pdf') return [];
  if (record.clearance === null) return ['  clearance   not recorded (exported before this library kept it)'];
  const entries = Object.entries(record.clearance).sort(([a], [b]) => a.localeCompare(b));
  const not = entries.filter(([, c]) => !c.cleared);
  const items = (n: number) => `${n} item${n === 1 ? '' : 's'}`;
  if (not.length === 0) return [`  clearance   all ${items(entries.length)} cleared as printed`];
  return [
    `  clearance   ${not.length} of ${items(entries.length)} not cleared as printed:`,
    ...not.map(([id]) => {
      const name = title(id);
      return `    ${id}${name === null ? '' : ` "${name}"`}`;
    }),
  ];
}

export const verifyCommand: CliCommand = {
  help: `usage: briefbook verify FILE.pdf [--db PATH]

Looks the file's SHA-256 up in the library's export log. If this library exported exactly
these bytes, says which book, when, with which options and item versions, whether every item
in a PDF was cleared as printed (naming those that were not), and which of those items have
changed (or been deleted) since. Exit 0 when found; 1 when the file is not one this
library exported, or was changed after export.

  --db PATH   the library file (default: $BRIEFBOOK_DB)`,
  async run(args, io) {
    const flags = parseFlags(args, { values: ['db'] });
    if (flags.positionals.length !== 1) throw new UsageError('verify takes exactly one FILE');
    const file = resolve(flags.positionals[0]);
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new InputError(`${flags.positionals[0]}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : (error as Error).message}`);
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    return withLibrary(flags.values, io, ({ service }) => {
      const records = service.exportsBySha(sha256);
      const name = basename(file);
      if (records.length === 0) {
        io.err(`${name}: not exported by this library (SHA-256 ${sha256}), or changed since it was exported`);
        return EXIT_BAD_INPUT;
      }
      for (const record of records) {
        io.out(`${name}: exported by this library`);
        io.out(record.bookId === null ? '  contents    the whole library (exchange file)' : `  book        ${record.bookTitle} (${record.bookId})`);
        io.out(`  exported    ${record.exportedAt} as ${record.fileName}${record.pageCount === null ? '' : `, ${record.pageCount} pages`}`);
        io.out(`  options     ${JSON.stringify(record.options)}`);
        io.out(`  sha-256     ${record.sha256}`);
        const versions = Object.entries(record.itemVersions).sort(([a], [b]) => a.localeCompare(b));
        io.out(`  items       ${versions.length}: ${versions.map(([id, v]) => `${id} v${v}`).join(', ')}`);
        for (const line of clearanceLines(record, (id) => printedTitle(service, id, record.itemVersions[id]))) io.out(line);
        if (record.changedSince.length === 0) {
          io.out('  changed     none of its items changed since');
        } else {
          io.out(`  changed     ${record.changedSince.length} item${record.changedSince.length === 1 ? '' : 's'} since:`);
          for (const c of record.changedSince) {
            io.out(`    ${c.id} "${c.title}": printed v${c.exportedVersion}, now ${c.currentVersion === null ? 'deleted' : `v${c.currentVersion}`}`);
          }
        }
      }
      return EXIT_OK;
    }, { readOnly: true });
  },
};
