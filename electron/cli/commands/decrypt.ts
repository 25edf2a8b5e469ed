/** `briefbook decrypt`: turns an encrypted library back into a plain one. */
import { basename } from 'node:path';
import { ApiError } from '../../../src/shared/contract';
import { openLibrarySession } from '../../store/session';
import { EXIT_OK, InputError, parseFlags, UsageError, type CliCommand } from '../command';
import { libraryPath, requireLibraryFile, readPassphrase } from '../library';

export const decryptCommand: CliCommand = {
  name: 'decrypt',
  summary: 'turn an encrypted library back into a plain file',
  help: `usage: briefbook decrypt [--db PATH]

Writes the library back as a plain SQLite file (verified before it replaces the encrypted one)
and removes its key file. Anyone with the file can then read it. Encrypted backups stay
encrypted, each with its own key file copy. The library must not be open elsewhere.

The passphrase comes from BRIEFBOOK_PASSPHRASE, else a prompt. A wrong one exits 1 and changes
nothing.

  --db PATH   the library file (default: $BRIEFBOOK_DB)`,
  async run(args, io) {
    const flags = parseFlags(args, { values: ['db'] });
    if (flags.positionals.length > 0) throw new UsageError('decrypt takes no FILE; use --db PATH');
    const path = libraryPath(flags.values, io);
    const format = requireLibraryFile(path);
    if (format !== 'encrypted') throw new InputError(`${basename(path)} is not encrypted`);
    const passphrase = await readPassphrase(io);
    const session = openLibrarySession(path);
    try {
      const status = session['vault.unlock']({ passphrase });
      if (status.state !== 'open') throw new InputError(status.problem?.message ?? `${basename(path)} cannot be opened`);
      session['vault.decrypt']({ passphrase });
    } catch (error) {
      if (error instanceof ApiError) throw new InputError(error.message);
      throw error;
    } finally {
      session.close();
    }
    io.out(`decrypted ${basename(path)}: it is now a plain file anyone with access can read`);
    return EXIT_OK;
  },
};
