/**
 * Every `briefbook` subcommand, in the order `briefbook --help` lists them: its name, its
 * one-line summary, and a loader. A module is imported only when its command runs (or prints its
 * own --help), so `briefbook --help` starts without the PDF engine, the fonts or SQLite. Each
 * module holds its command's --help text and work; the name and summary live here only.
 */
import type { CliCommandEntry } from '../command';

export const COMMANDS: readonly CliCommandEntry[] = [
  { name: 'validate', summary: 'check an exchange file without importing it', load: async () => (await import('./library-commands')).validateCommand },
  { name: 'import', summary: 'import an exchange file, or a Word paper into a section, into the library (all or nothing)', load: async () => (await import('./library-commands')).importCommand },
  { name: 'undo-import', summary: 'list the import log, or undo one import as a whole', load: async () => (await import('./library-commands')).undoImportCommand },
  { name: 'export', summary: 'write the library (or one book) as an exchange file', load: async () => (await import('./library-commands')).exportCommand },
  { name: 'list', summary: 'list books or items', load: async () => (await import('./library-commands')).listCommand },
  { name: 'search', summary: 'full-text search (English and Korean)', load: async () => (await import('./library-commands')).searchCommand },
  { name: 'pdf', summary: 'print a book to PDF (cover, contents, banners, pocket card, numbered copies)', load: async () => (await import('./pdf')).pdfCommand },
  { name: 'verify', summary: 'tell whether a PDF was exported by this library, and what changed since', load: async () => (await import('./verify')).verifyCommand },
  { name: 'changes', summary: 'what changed in a book since an edition: added, edited (word diff), moved, removed', load: async () => (await import('./changes')).changesCommand },
  { name: 'encrypt', summary: 'encrypt the library with a passphrase', load: async () => (await import('./encrypt')).encryptCommand },
  { name: 'decrypt', summary: 'turn an encrypted library back into a plain file', load: async () => (await import('./decrypt')).decryptCommand },
  { name: 'passphrase', summary: "change an encrypted library's passphrase", load: async () => (await import('./passphrase')).passphraseCommand },
  { name: 'backup', summary: 'list, take or restore backups of the library', load: async () => (await import('./backup')).backupCommand },
  { name: 'purge', summary: 'erase an item and every version of it, for good', load: async () => (await import('./purge')).purgeCommand },
];
