/** `briefbook backup list|create|restore`: the library's rolling backups from the command line. */
import { basename, join, resolve } from 'node:path';
import { ApiError, type BackupEntry } from '../../../src/shared/contract';
import { openLibrarySession, type LibrarySession } from '../../store/session';
import { defaultBackupDir, listBackups } from '../../store/vault/backups';
import { libraryFormat } from '../../store/vault/library-file';
import { EXIT_OK, InputError, parseFlags, UsageError, type CliCommand, type CliIo } from '../command';
import { libraryPath, readPassphrase } from '../library';
import { shorten } from '../../../src/shared/exchange-scan';

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function describe(dir: string, entry: BackupEntry): string {
  const format = libraryFormat(join(dir, entry.name));
  const kind = entry.name.includes('-damaged') ? 'copy of a damaged file' : format;
  return `${entry.name}  ${entry.createdAt}  ${size(entry.bytes)}  ${kind}`;
}

/** Opens the session and, for an encrypted library, unlocks it (exit 1 on a wrong passphrase). */
async function openUnlocked(path: string, dir: string, io: CliIo): Promise<{ session: LibrarySession; passphrase: string | null }> {
  const session = openLibrarySession(path, { backupDir: dir, backupOnOpen: false });
  let passphrase: string | null = null;
  try {
    if (session['vault.status']({}).state === 'locked') {
      passphrase = await readPassphrase(io);
      session['vault.unlock']({ passphrase });
    }
  } catch (error) {
    session.close();
    if (error instanceof ApiError) throw new InputError(error.message);
    throw error;
  }
  return { session, passphrase };
}

export const backupCommand: CliCommand = {
  name: 'backup',
  summary: 'list, take or restore backups of the library',
  help: `usage: briefbook backup list|create|restore [NAME] [--db PATH] [--dir FOLDER]

  list           the library's backups, newest first
  create         take a backup now (verified; encrypted like the library)
  restore NAME   replace the library with backup NAME; the current state is backed up first
                 (a damaged library is kept byte for byte), so a restore loses nothing

Backups live in PATH.backups unless --dir says otherwise; the app takes one when it opens a
library and every 15 minutes of editing, keeping the newest 10 of those; a backup taken with
'backup create' is never pruned, nor the protected copies taken before a restore or an
encryption (-prerestore, -preencrypt). An encrypted library asks for
its passphrase (BRIEFBOOK_PASSPHRASE, else a prompt); a wrong one exits 1 and changes nothing.
With the key file lost, restore an encrypted backup with the passphrase it was made under.

  --db PATH      the library file (default: $BRIEFBOOK_DB)
  --dir FOLDER   where the backups are (default: PATH.backups)`,
  async run(args, io) {
    const flags = parseFlags(args, { values: ['db', 'dir'] });
    const [action, name, ...extra] = flags.positionals;
    if (extra.length > 0) throw new UsageError('too many arguments');
    const path = libraryPath(flags.values, io);
    const dir = flags.values.dir === undefined ? defaultBackupDir(path) : resolve(flags.values.dir);

    if (action === 'list') {
      if (name !== undefined) throw new UsageError('backup list takes no NAME');
      const entries = listBackups({ libraryPath: path, dir });
      if (entries.length === 0) {
        io.out(`no backups of ${basename(path)} in ${dir}`);
        return EXIT_OK;
      }
      for (const entry of entries) io.out(describe(dir, entry));
      return EXIT_OK;
    }

    if (action === 'create') {
      if (name !== undefined) throw new UsageError('backup create takes no NAME');
      if (libraryFormat(path) === 'missing') throw new InputError(`no library at ${path}`);
      const { session } = await openUnlocked(path, dir, io);
      return inSession(session, () => {
        const entry = session['backups.create']({});
        io.out(`backed up ${basename(path)} as ${describe(dir, entry)}`);
        return EXIT_OK;
      });
    }

    if (action === 'restore') {
      if (name === undefined) throw new UsageError('backup restore needs the NAME of a backup (see: briefbook backup list)');
      const { session, passphrase } = await openUnlocked(path, dir, io);
      return inSession(session, async () => {
        const problem = session['vault.status']({}).problem;
        if (problem !== null) io.err(`the library is in recovery: ${problem.message}`);
        let status;
        try {
          status = session.restoreBackup(name, passphrase === null ? {} : { passphrase });
        } catch (error) {
          if (!(error instanceof ApiError) || error.code !== 'backup_needs_passphrase') throw error;
          // the library has no key to open this backup with: its own key copy and passphrase will
          status = session.restoreBackup(name, { passphrase: await readPassphrase(io, 'BRIEFBOOK_PASSPHRASE', `Passphrase of backup ${name}: `) });
        }
        if (status.state !== 'open') throw new InputError(status.problem?.message ?? 'the restored library could not be opened');
        io.out(`restored ${basename(path)} from ${name}; the state before the restore was backed up first`);
        return EXIT_OK;
      });
    }

    throw new UsageError(action === undefined ? 'say list, create or restore' : `unknown backup action "${shorten(action)}"`);
  },
};

/** Runs a command's work on an open session: store errors become input errors; the session always closes. */
async function inSession<T>(session: { close(): void }, work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ApiError) throw new InputError(error.message);
    throw error;
  } finally {
    session.close();
  }
}
