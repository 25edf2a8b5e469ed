/** Every `briefbook` subcommand, in the order `briefbook --help` lists them. */
import type { CliCommand } from '../command';
import { exportCommand, importCommand, listCommand, searchCommand, validateCommand } from './library-commands';
import { pdfCommand } from './pdf';
import { backupCommand } from './backup';
import { decryptCommand } from './decrypt';
import { encryptCommand } from './encrypt';
import { passphraseCommand } from './passphrase';
import { purgeCommand } from './purge';
import { verifyCommand } from './verify';

export const COMMANDS: readonly CliCommand[] = [
  validateCommand,
  importCommand,
  exportCommand,
  listCommand,
  searchCommand,
  pdfCommand,
  verifyCommand,
  encryptCommand,
  decryptCommand,
  passphraseCommand,
  backupCommand,
  purgeCommand,
];
