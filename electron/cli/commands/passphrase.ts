/**
 * `briefbook passphrase`: changes an encrypted library's passphrase in its key file and in every
 * backup's (no database is rewritten), or with --rotate-key re-encrypts the library and every
 * backup under a new data key.
 */
import { basename } from 'node:path';
import { ApiError } from '../../../src/shared/contract';
import { changePassphrase, rotateDataKey, type KeyChangeReport } from '../../store/vault/key-change';
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
  name: 'passphrase',
  summary: "change an encrypted library's passphrase",
  help: `usage: briefbook passphrase [--db PATH] [--rotate-key]

Changes the passphrase of an encrypted library: the data key is rewrapped under the new
passphrase in the library's key file (PATH.key) and in the key file of every backup encrypted
with the same data key, all or nothing. No database file is rewritten. Afterwards the old
passphrase opens nothing, with any of these key files.

--rotate-key also makes a NEW data key and re-encrypts the library and every backup under it,
with new key files (all or nothing): use it when the passphrase or a key file may have been
copied, because then the old data key may already be known. Afterwards no earlier key file
opens anything. It rewrites every file, so it takes longer, and the library must not be open
elsewhere. Backups encrypted with another data key that the current passphrase does not unwrap
are left as they were and listed.

The current passphrase comes from BRIEFBOOK_PASSPHRASE, else a prompt; the new one from
BRIEFBOOK_NEW_PASSPHRASE, else a prompt (asked twice). A wrong current passphrase exits 1 and
changes nothing.

  --db PATH      the library file (default: $BRIEFBOOK_DB)
  --rotate-key   re-encrypt everything under a new data key as well`,
  async run(args, io) {
    const flags = parseFlags(args, { values: ['db'], booleans: ['rotate-key'] });
    if (flags.positionals.length > 0) throw new UsageError('passphrase takes no FILE; use --db PATH');
    const path = libraryPath(flags.values, io);
    const format = requireLibraryFile(path);
    if (format !== 'encrypted') throw new InputError(`${basename(path)} is not encrypted (encrypt it with: briefbook encrypt)`);
    const current = await readPassphrase(io, 'BRIEFBOOK_PASSPHRASE', 'Current passphrase: ');
    const next = await readNewPassphrase(io, 'BRIEFBOOK_NEW_PASSPHRASE');
    const rotate = flags.booleans.has('rotate-key');
    let report: KeyChangeReport;
    try {
      if (rotate) {
        const rotated = rotateDataKey(path, current, { next });
        rotated.key.fill(0);
        report = rotated.report;
      } else {
        report = changePassphrase(path, current, next);
      }
    } catch (error) {
      if (error instanceof ApiError) throw new InputError(error.message);
      throw error;
    }
    if (rotate) {
      io.out(`re-encrypted ${basename(path)} and ${report.updated.length} backup(s) under a new data key, with the new passphrase`);
    } else {
      io.out(`changed the passphrase of ${basename(path)} and of ${report.updated.length} backup(s) (no library file was rewritten)`);
    }
    for (const left of report.untouched) io.out(`left as it was: ${left.name} (${left.why})`);
    return EXIT_OK;
  },
};
