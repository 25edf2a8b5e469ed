/** `briefbook encrypt`: encrypts a plain library with a passphrase (SECURITY.md DATA-1). */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { ApiError } from '../../../src/shared/contract';
import { openLibrarySession } from '../../store/session';
import { keyFilePath } from '../../store/vault/key-file';
import { libraryFormat } from '../../store/vault/library-file';
import { EXIT_OK, InputError, parseFlags, UsageError, type CliCommand, type CliIo } from '../command';
import { libraryPath, requireLibraryFile } from '../library';
import { readNewPassphrase } from './passphrase';

export const encryptCommand: CliCommand = {
  help: `usage: briefbook encrypt [--db PATH] [--new]

Encrypts the library (ChaCha20-Poly1305) with a random data key, wrapped under a key derived
from your passphrase (scrypt) in PATH.key beside it. Keep the two files together: without the
key file and the passphrase the library cannot be read by anyone, you included. Earlier plain
backups are encrypted too. The library must not be open elsewhere.

The passphrase (8 characters or more) comes from BRIEFBOOK_PASSPHRASE, else from a prompt
(asked twice).

  --db PATH   the library file (default: $BRIEFBOOK_DB)
  --new       create a new, empty encrypted library at PATH`,
  async run(args, io) {
    const flags = parseFlags(args, { values: ['db'], booleans: ['new'] });
    if (flags.positionals.length > 0) throw new UsageError('encrypt takes no FILE; use --db PATH');
    const path = libraryPath(flags.values, io);
    const creating = flags.booleans.has('new');
    const format = libraryFormat(path);
    if (creating && format !== 'missing') throw new InputError(`${path} already exists; leave out --new to encrypt it`);
    if (!creating && format === 'missing') throw new InputError(`no library at ${path} (use --new to create an encrypted one)`);
    if (!creating) requireLibraryFile(path);
    if (format === 'encrypted') throw new InputError(`${basename(path)} is already encrypted (change its passphrase with: briefbook passphrase)`);
    if (creating && existsSync(keyFilePath(path))) throw new InputError(`${keyFilePath(path)} already exists; it may belong to a lost library, so it is left alone`);
    const passphrase = await readNewPassphrase(io, 'BRIEFBOOK_PASSPHRASE');
    const session = openLibrarySession(path, { create: creating });
    try {
      const status = session['vault.status']({});
      if (status.state !== 'open') throw new InputError(status.problem?.message ?? `${basename(path)} cannot be opened`);
      session['vault.encrypt']({ passphrase });
    } catch (error) {
      if (error instanceof ApiError) throw new InputError(error.message);
      throw error;
    } finally {
      session.close();
    }
    report(io, path, creating);
    return EXIT_OK;
  },
};

function report(io: CliIo, path: string, created: boolean): void {
  io.out(`${created ? 'created encrypted library' : 'encrypted'} ${basename(path)}`);
  io.out(`key file: ${basename(keyFilePath(path))} (keep it beside the library; back both up together)`);
  io.out('a forgotten passphrase cannot be recovered');
}
