/** `briefbook passphrase`: changes an encrypted library's passphrase; the database is not rewritten. */
import { basename } from 'node:path';
import { ApiError } from '../../../src/shared/contract';
import { changePassphrase } from '../../store/vault/library-file';
import { EXIT_OK, InputError, parseFlags, UsageError, type CliCommand, type CliIo } from '../command';
import { libraryPath, requireLibraryFile, readPassphrase } from '../library';

const MIN_LENGTH = 8;

/**
 * A new passphrase: from the variable (scripts), else typed twice at a prompt. At least 8
 * characters, as the app asks.
 */
export async function readNewPassphrase(io: CliIo, variable: string): Promise<string> {
  const fromEnv = io.env[variable];
  let passphrase: string;
  if (fromEnv !== undefined && fromEnv !== '') {
    passphrase = fromEnv;
  } else {
    const first = await io.prompt('New passphrase: ');
    if (first === null) throw new InputError(`a new passphrase is needed: run in a terminal, or set ${variable}`);
    const second = await io.prompt('Same passphrase again: ');
    if (first !== second) throw new InputError('the two passphrases differ; nothing was changed');
    passphrase = first;
  }
  if ([...passphrase].length < MIN_LENGTH) throw new InputError(`a passphrase needs at least ${MIN_LENGTH} characters; nothing was changed`);
  return passphrase;
}

export const passphraseCommand: CliCommand = {
  help: `usage: briefbook passphrase [--db PATH]

Changes the passphrase of an encrypted library. Only the key file (PATH.key) is rewritten; the
library file stays byte for byte the same. Backups keep the key file of their day: an old
backup opens with the passphrase that was current when it was made.

The current passphrase comes from BRIEFBOOK_PASSPHRASE, else a prompt; the new one from
BRIEFBOOK_NEW_PASSPHRASE, else a prompt (asked twice). A wrong current passphrase exits 1 and
changes nothing.

  --db PATH   the library file (default: $BRIEFBOOK_DB)`,
  async run(args, io) {
    const flags = parseFlags(args, { values: ['db'] });
    if (flags.positionals.length > 0) throw new UsageError('passphrase takes no FILE; use --db PATH');
    const path = libraryPath(flags.values, io);
    const format = requireLibraryFile(path);
    if (format !== 'encrypted') throw new InputError(`${basename(path)} is not encrypted (encrypt it with: briefbook encrypt)`);
    const current = await readPassphrase(io, 'BRIEFBOOK_PASSPHRASE', 'Current passphrase: ');
    const next = await readNewPassphrase(io, 'BRIEFBOOK_NEW_PASSPHRASE');
    try {
      changePassphrase(path, current, next);
    } catch (error) {
      if (error instanceof ApiError) throw new InputError(error.message);
      throw error;
    }
    io.out(`changed the passphrase of ${basename(path)} (the library file itself is unchanged)`);
    return EXIT_OK;
  },
};
