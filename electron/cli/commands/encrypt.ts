/** `briefbook encrypt`: encrypts a plain library with a passphrase (docs/security.md DATA-1). */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { ApiError, type EncryptResult } from '../../../src/shared/contract';
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
backups are encrypted too, copies of a damaged library included. A copy of a damaged library
that cannot be read cannot be encrypted either: then nothing is done unless you agree to remove
such copies with --remove-damaged-copies (or move them somewhere safe first). The library must
not be open elsewhere.

The passphrase (8 characters or more) comes from BRIEFBOOK_PASSPHRASE, else from a prompt
(asked twice).

  --db PATH   the library file (default: $BRIEFBOOK_DB)
  --new       create a new, empty encrypted library at PATH
  --remove-damaged-copies
              remove copies of a damaged library that cannot be encrypted`,
  async run(args, io) {
    const flags = parseFlags(args, { values: ['db'], booleans: ['new', 'remove-damaged-copies'] });
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
    let result: EncryptResult;
    try {
      const status = session['vault.status']({});
      if (status.state !== 'open') throw new InputError(status.problem?.message ?? `${basename(path)} cannot be opened`);
      result = session['vault.encrypt']({ passphrase, removeDamagedCopies: flags.booleans.has('remove-damaged-copies') });
    } catch (error) {
      if (error instanceof ApiError) throw new InputError(error.message);
      throw error;
    } finally {
      session.close();
    }
    report(io, path, creating, result);
    return EXIT_OK;
  },
};

function report(io: CliIo, path: string, created: boolean, result: EncryptResult): void {
  io.out(`${created ? 'created encrypted library' : 'encrypted'} ${basename(path)}`);
  if (result.encryptedBackups > 0) io.out(`encrypted ${result.encryptedBackups} earlier plain backup(s)`);
  for (const name of result.removedDamagedCopies) io.out(`removed ${name} (a copy of a damaged library that could not be encrypted)`);
  for (const left of result.stillPlain) io.out(`still readable: ${left.name} (${left.why})`);
  io.out(`key file: ${basename(keyFilePath(path))} (keep it beside the library; back both up together)`);
  io.out('a forgotten passphrase cannot be recovered');
}
