/**
 * The key file beside an encrypted library (`<library>.key`, docs/security.md DATA-1). The database is
 * encrypted with a random 32-byte data key; this file holds that key wrapped (AES-256-GCM) under
 * a key derived from the passphrase with scrypt (random salt, parameters stored). Changing the
 * passphrase rewrites only this file, never the database. Plain Node: no 'electron'.
 *
 * Format (JSON, version 1):
 *   { "format": "briefbook-key", "version": 1,
 *     "kdf":  { "name": "scrypt", "N": 131072, "r": 8, "p": 1, "salt": "<base64, 32 bytes>" },
 *     "wrap": { "cipher": "aes-256-gcm", "nonce": "<base64, 12 bytes>", "tag": "<base64, 16 bytes>" },
 *     "wrappedKey": "<base64, 32 bytes>",
 *     "cipher": "chacha20",                      (the database cipher: ChaCha20-Poly1305)
 *     "createdAt": "...", "changedAt": "..." }
 * The GCM additional data is the format, version, kdf and cipher fields, so tampering with the
 * parameters fails authentication just like a wrong passphrase does.
 */
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { ApiError } from '../../../src/shared/contract';
import { writeFileAtomic } from '../atomic-write';

export const KEY_FILE_FORMAT = 'briefbook-key';
export const KEY_FILE_VERSION = 1;
export const DATA_KEY_BYTES = 32;

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** OWASP's scrypt recommendation (N=2^17, r=8, p=1): about 128 MiB and a few tenths of a second. */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };

export interface KeyFile {
  format: typeof KEY_FILE_FORMAT;
  version: typeof KEY_FILE_VERSION;
  kdf: { name: 'scrypt'; N: number; r: number; p: number; salt: string };
  wrap: { cipher: 'aes-256-gcm'; nonce: string; tag: string };
  wrappedKey: string;
  cipher: 'chacha20';
  createdAt: string;
  changedAt: string;
}

export const keyFilePath = (libraryPath: string): string => `${libraryPath}.key`;

/** A problem with the key file, in words; `code` is what the recovery screen keys on. */
export class KeyFileError extends ApiError {}

function derive(passphrase: string, salt: Buffer, params: ScryptParams): Buffer {
  // scrypt needs 128 * N * r bytes; Node's default ceiling (32 MiB) is below the default params
  const maxmem = 128 * params.N * params.r + 16 * 1024 * 1024;
  return scryptSync(passphrase.normalize('NFC'), salt, 32, { N: params.N, r: params.r, p: params.p, maxmem });
}

function additionalData(file: Pick<KeyFile, 'format' | 'version' | 'kdf' | 'cipher'>): Buffer {
  const { name, N, r, p, salt } = file.kdf;
  return Buffer.from(JSON.stringify([file.format, file.version, name, N, r, p, salt, file.cipher]), 'utf8');
}

/** Wraps a data key under a passphrase: a new salt and nonce every time. */
export function wrapDataKey(dataKey: Buffer, passphrase: string, params: ScryptParams = DEFAULT_SCRYPT, createdAt?: string): KeyFile {
  if (dataKey.length !== DATA_KEY_BYTES) throw new Error('a data key is 32 bytes');
  const salt = randomBytes(32);
  const nonce = randomBytes(12);
  const at = new Date().toISOString();
  const head: Pick<KeyFile, 'format' | 'version' | 'kdf' | 'cipher'> = {
    format: KEY_FILE_FORMAT,
    version: KEY_FILE_VERSION,
    kdf: { name: 'scrypt', N: params.N, r: params.r, p: params.p, salt: salt.toString('base64') },
    cipher: 'chacha20',
  };
  const wrappingKey = derive(passphrase, salt, params);
  try {
    const cipher = createCipheriv('aes-256-gcm', wrappingKey, nonce);
    cipher.setAAD(additionalData(head));
    const wrapped = Buffer.concat([cipher.update(dataKey), cipher.final()]);
    return {
      ...head,
      wrap: { cipher: 'aes-256-gcm', nonce: nonce.toString('base64'), tag: cipher.getAuthTag().toString('base64') },
      wrappedKey: wrapped.toString('base64'),
      createdAt: createdAt ?? at,
      changedAt: at,
    };
  } finally {
    wrappingKey.fill(0);
  }
}

/** The data key, or KeyFileError('wrong_passphrase') when the passphrase does not unwrap it. */
export function unwrapDataKey(file: KeyFile, passphrase: string): Buffer {
  const salt = Buffer.from(file.kdf.salt, 'base64');
  const wrappingKey = derive(passphrase, salt, file.kdf);
  try {
    const decipher = createDecipheriv('aes-256-gcm', wrappingKey, Buffer.from(file.wrap.nonce, 'base64'));
    decipher.setAAD(additionalData(file));
    decipher.setAuthTag(Buffer.from(file.wrap.tag, 'base64'));
    const key = Buffer.concat([decipher.update(Buffer.from(file.wrappedKey, 'base64')), decipher.final()]);
    if (key.length !== DATA_KEY_BYTES) throw new Error('unwrapped key has the wrong length');
    return key;
  } catch {
    throw new KeyFileError('wrong_passphrase', 'That passphrase does not unlock this library. Nothing was changed; try again.');
  } finally {
    wrappingKey.fill(0);
  }
}

const isB64 = (value: unknown, bytes: number) =>
  typeof value === 'string' && /^[A-Za-z0-9+/]+={0,2}$/.test(value) && Buffer.from(value, 'base64').length === bytes;
const isInt = (value: unknown, min: number, max: number) => Number.isInteger(value) && (value as number) >= min && (value as number) <= max;

/** Parses and checks a key file's text; KeyFileError('key_file_damaged') on anything unexpected. */
export function parseKeyFile(text: string, name = 'the key file'): KeyFile {
  const damaged = (why: string) =>
    new KeyFileError('key_file_damaged', `${name} is damaged (${why}), so the library cannot be unlocked with it. Restore the key file from a copy, or open a backup.`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw damaged('not JSON');
  }
  const file = value as Partial<KeyFile> | null;
  if (file === null || typeof file !== 'object') throw damaged('not an object');
  if (file.format !== KEY_FILE_FORMAT) throw damaged('not a Briefbook key file');
  if (file.version !== KEY_FILE_VERSION) {
    throw new KeyFileError('key_file_too_new', `${name} has format version ${String(file.version)}; this Briefbook reads version ${KEY_FILE_VERSION}. Open it with a newer Briefbook.`);
  }
  const kdf = file.kdf;
  if (kdf?.name !== 'scrypt' || !isInt(kdf.N, 2, 2 ** 24) || (kdf.N & (kdf.N - 1)) !== 0 || !isInt(kdf.r, 1, 64) || !isInt(kdf.p, 1, 16) || !isB64(kdf.salt, 32)) {
    throw damaged('unexpected key derivation parameters');
  }
  if (file.wrap?.cipher !== 'aes-256-gcm' || !isB64(file.wrap.nonce, 12) || !isB64(file.wrap.tag, 16)) throw damaged('unexpected wrapping');
  if (!isB64(file.wrappedKey, DATA_KEY_BYTES)) throw damaged('no wrapped key');
  if (file.cipher !== 'chacha20') throw damaged('unknown database cipher');
  return file as KeyFile;
}

export function readKeyFile(path: string): KeyFile {
  if (!existsSync(path)) {
    throw new KeyFileError(
      'key_missing',
      `The key file ${basename(path)} is missing, so this encrypted library cannot be unlocked. The library file was not touched: put the key file back beside it (from a copy), or open a backup.`,
    );
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new KeyFileError('key_unreadable', `The key file ${basename(path)} could not be read: ${(error as Error).message}.`);
  }
  return parseKeyFile(text, `The key file ${basename(path)}`);
}

/** Atomic, mode 0600 (EXP-1): a crash leaves the old key file or the new one. */
export function writeKeyFile(path: string, file: KeyFile): void {
  writeFileAtomic(path, `${JSON.stringify(file, null, 2)}\n`);
}

export function newDataKey(): Buffer {
  return randomBytes(DATA_KEY_BYTES);
}
