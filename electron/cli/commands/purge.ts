/**
 * `briefbook purge ITEM-ID --yes`: erases an item for good (an item entered at too high a level):
 * every version, its places in books, its search-index entries, its mentions in the logs; the
 * freed space is overwritten and the file rebuilt. Irreversible, so it needs --yes.
 */
import { basename } from 'node:path';
import { ApiError } from '../../../src/shared/contract';
import { openLibrarySession } from '../../store/session';
import { libraryFormat } from '../../store/vault/library-file';
import { EXIT_OK, InputError, parseFlags, UsageError, type CliCommand } from '../command';
import { libraryPath, readPassphrase } from '../library';

export const purgeCommand: CliCommand = {
  name: 'purge',
  summary: 'erase an item and every version of it, for good',
  help: `usage: briefbook purge ITEM-ID --yes [--by NAME] [--db PATH]

Erases an item from the library for good — for an item entered at too high a level: every
version of it, its places in books, its search-index entries, and its mentions in the audit and
export logs. SQLite's secure_delete is on for this, the search indexes are merged and the file
is rebuilt, so no page of the file or its WAL keeps the text. The audit log keeps only that an
item was purged, by whom and when. Every backup that holds the item is rewritten without it
(copies of a damaged library are kept as they were, and named). It cannot be undone.

  --yes        required: confirms that the item is to be erased for good
  --by NAME    who purges it, for the audit log (default: $USER)
  --db PATH    the library file (default: $BRIEFBOOK_DB)`,
  async run(args, io) {
    const flags = parseFlags(args, { values: ['db', 'by'], booleans: ['yes'] });
    if (flags.positionals.length !== 1) throw new UsageError('purge takes exactly one ITEM-ID');
    const id = flags.positionals[0];
    if (!flags.booleans.has('yes')) {
      throw new InputError(`purging erases ${id} and every version of it for good; nothing was changed. Run again with --yes to go ahead`);
    }
    const by = flags.values.by ?? io.env.USER ?? io.env.USERNAME ?? '';
    if (by.trim() === '') throw new InputError('say who purges it: --by NAME');
    const path = libraryPath(flags.values, io);
    if (libraryFormat(path) === 'missing') throw new InputError(`no library at ${path}`);
    const session = openLibrarySession(path, { backupOnOpen: false });
    try {
      if (session['vault.status']({}).state === 'locked') session['vault.unlock']({ passphrase: await readPassphrase(io) });
      const status = session['vault.status']({});
      if (status.state !== 'open') throw new InputError(status.problem?.message ?? `${basename(path)} cannot be opened for writing`);
      const title = session['items.get']({ id }).title;
      const result = session['items.purge']({ id, by });
      io.out(`purged ${id} (“${title}”) from ${basename(path)}: every version, its places in books, its search entries and its mentions in the logs`);
      io.out(`rewrote ${result.backupsPurged} backup(s) that held it`);
      for (const left of result.backupsLeft) io.out(`may still hold it: ${left.name} (${left.why})`);
      return EXIT_OK;
    } catch (error) {
      if (error instanceof ApiError) throw new InputError(error.message);
      throw error;
    } finally {
      session.close();
    }
  },
};
