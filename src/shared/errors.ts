/**
 * Every error code that crosses the process boundary, with what it means, and the error class
 * that carries one. `ApiError` takes an {@link ApiErrorCode}, so an unknown or misspelt code does
 * not compile; the renderer's words for codes are keyed by the same union. Plain TypeScript with
 * no imports: the sandboxed preload bundles it.
 */

/** The codes, each with a one-line meaning (for maintainers; users see the error's message). */
export const API_ERROR_CODES = {
  // the request itself
  invalid_input: 'The input does not pass the method’s schema or rules; the message names the field.',
  too_large: 'The request or the chosen file is larger than allowed.',
  unknown_method: 'The window asked for a method the main process does not have.',
  forbidden: 'The request did not come from the Briefbook window.',
  cancelled: 'The person cancelled a dialog or a confirmation; nothing was done.',
  internal: 'Something failed that has no code of its own; the details are in the main process’s log.',
  no_bridge: 'The window cannot reach the main process (renderer only).',
  // library content
  not_found: 'The item, book, section, backup or file asked for does not exist.',
  exists: 'A book or section entry with that id already exists.',
  deleted: 'The item is deleted; restore it first.',
  conflict: 'The item was saved elsewhere since this version was read; nothing was overwritten.',
  level_in_use: 'A new marking scheme lacks a level that items or books still use.',
  unknown_level: 'A classification code is not a level of the scheme.',
  item_unreadable: 'A stored item no longer reads as an item (damaged row).',
  invalid_file: 'An exchange file or a Word paper has problems; nothing was imported.',
  // the library's state
  locked: 'The library is encrypted and locked: unlock it first.',
  read_only: 'The library is open read-only: nothing can be saved.',
  recovery: 'The library could not be opened and is in recovery.',
  closed: 'The library has been closed.',
  no_library: 'No library is open.',
  busy: 'Another Briefbook window or command is using the library.',
  storage_error: 'SQLite refused the change for a reason of its own; nothing was saved.',
  // opening a library file
  open_failed: 'The library file could not be opened.',
  create_failed: 'A new library file could not be created.',
  corrupt: 'The library file is damaged.',
  not_a_library: 'The file is not a Briefbook library.',
  empty_file: 'The library file is empty (cut short).',
  library_missing: 'The library file is missing, though its key file is there.',
  library_too_new: 'The library or backup was written by a newer Briefbook.',
  pragma_failed: 'The library could not be opened with its safety settings.',
  encrypted_or_not_a_library: 'The file is encrypted, or not a library: it cannot be read without a key.',
  native_module_missing: 'The SQLite module built for Electron is missing.',
  // disks and files
  disk_full: 'The disk is full; nothing was changed.',
  read_only_disk: 'The library is on a read-only disk.',
  write_failed: 'A file could not be written; nothing was changed.',
  copy_failed: 'A copy of the library did not come out whole; the library is unchanged.',
  file_exists: 'A file with that name already exists and is not replaced.',
  no_folder: 'No PDF of this book was saved yet, so there is no folder to save the rest in.',
  // encryption, keys, backups
  wrong_passphrase: 'The passphrase does not open the key file; nothing was changed.',
  wrong_key: 'The library could not be read with this key.',
  wrong_key_file: 'The key file belongs to another library.',
  key_missing: 'The key file of an encrypted library is missing.',
  key_file_damaged: 'The key file is damaged.',
  key_file_too_new: 'The key file was written by a newer Briefbook.',
  key_unreadable: 'The key file could not be read.',
  already_encrypted: 'The library is already encrypted.',
  not_encrypted: 'The library is not encrypted.',
  vault_failed: 'An encryption step could not be finished; the library was left whole.',
  damaged_copies_plain: 'Copies of a damaged library would stay readable if the library were encrypted.',
  backup_damaged: 'The backup is empty, damaged or unreadable.',
  backup_needs_passphrase: 'The backup is encrypted with a key the library no longer has: its passphrase is needed.',
  row_unreadable: 'A row read back from the library does not have the shape its schema requires; the message names the table, row and field.',
} as const;

export type ApiErrorCode = keyof typeof API_ERROR_CODES;

export function isApiErrorCode(code: unknown): code is ApiErrorCode {
  return typeof code === 'string' && Object.hasOwn(API_ERROR_CODES, code);
}

/** Errors cross the boundary as `{ code, message }`: no stack, no file path (IPC-2). */
export interface ApiErrorShape {
  code: ApiErrorCode;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** What crosses the boundary, or what a recovery screen shows. */
  toShape(): ApiErrorShape {
    return { code: this.code, message: this.message };
  }
}

/**
 * A library or backup whose schema is newer than this app knows: `subject` is what (“This
 * library”, “The backup NAME”), `schema` the versions when known, `consequence` what happened to
 * it (left unchanged, opened read-only).
 */
export class LibraryTooNewError extends ApiError {
  constructor(subject: string, schema?: { found: number; known?: number }, consequence?: string) {
    const versions = schema === undefined ? '' : ` (schema ${schema.found}${schema.known === undefined ? '' : `; this app knows up to ${schema.known}`})`;
    super('library_too_new', `${subject} was written by a newer Briefbook${versions}.${consequence === undefined ? '' : ` ${consequence}`}`);
    this.name = 'LibraryTooNewError';
  }
}
