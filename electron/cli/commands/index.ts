/** Every `briefbook` subcommand, in the order `briefbook --help` lists them. */
import type { CliCommand } from '../command';
import { exportCommand, importCommand, listCommand, searchCommand, validateCommand } from './library-commands';
import { pdfCommand } from './pdf';

export const COMMANDS: readonly CliCommand[] = [
  validateCommand,
  importCommand,
  exportCommand,
  listCommand,
  searchCommand,
  pdfCommand,
];
