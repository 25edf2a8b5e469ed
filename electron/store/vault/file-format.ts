/** Recognising a library file by its first bytes, before anything opens it. */
import { closeSync, existsSync, openSync, readSync } from 'node:fs';

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

export type LibraryFormat = 'missing' | 'empty' | 'plain' | 'encrypted';

/**
 * What the first bytes say. A plain SQLite file starts with its magic string; an encrypted one
 * (ChaCha20 in SQLite3 Multiple Ciphers) starts with a random salt, like a damaged file would:
 * the key file and the cipher's authentication tell those two apart later.
 */
export function libraryFormat(path: string): LibraryFormat {
  if (!existsSync(path)) return 'missing';
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(16);
    const read = readSync(fd, head, 0, 16, 0);
    if (read === 0) return 'empty';
    return read === 16 && head.equals(SQLITE_HEADER) ? 'plain' : 'encrypted';
  } finally {
    closeSync(fd);
  }
}

/**
 * What a file that is not a plain SQLite library starts with, when that shows it is no library
 * at all: a PDF, or text (JSON, an exchange file, notes). An encrypted library starts with 16
 * random bytes; all 16 being printable ASCII happens about once in three million files.
 * Returns what it looks like, or null when it may be an encrypted (or damaged) library.
 */
export function foreignKind(path: string): string | null {
  let head: Buffer;
  const fd = openSync(path, 'r');
  try {
    head = Buffer.alloc(16);
    head = head.subarray(0, readSync(fd, head, 0, 16, 0));
  } finally {
    closeSync(fd);
  }
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'a PDF file';
  if (head.length > 0 && head.every((b) => (b >= 0x20 && b < 0x7f) || b === 0x09 || b === 0x0a || b === 0x0d)) return 'a text file';
  if (head.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))) return 'a text file';
  return null;
}
