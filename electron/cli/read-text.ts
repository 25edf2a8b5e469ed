/**
 * Reading a text file the user named: strict UTF-8. Node's `readFileSync(path, 'utf8')` turns
 * invalid bytes into U+FFFD without a word, so "Do not \xff\xfe concede" would import as
 * "Do not �� concede"; here it is an error naming the file and the byte offset.
 */
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { shorten } from '../../src/shared/exchange';
import { decodeUtf8 } from '../../src/shared/utf8';
import { InputError } from './command';

/** A file's text, refusing anything that is not UTF-8 with the file name and byte offset. */
export function readUtf8File(file: string): { name: string; text: string } {
  const path = resolve(file);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(`${shorten(file)}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : (error as Error).message}`);
  }
  const name = basename(path);
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) throw new InputError(`${name}: ${decoded.message}; nothing was read from it. Save the file as UTF-8 and try again.`);
  return { name, text: decoded.text };
}
