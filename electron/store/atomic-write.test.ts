/** Issue 11, points 5 and 6: the files of one export are written all or none; read-only targets are refused. */
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkWritableTarget, writeFilesAtomic, WriteFailedError } from './atomic-write';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'briefbook-atomic-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('writeFilesAtomic', () => {
  it('writes every file, replacing what was there, and leaves no temp file', () => {
    writeFileSync(join(dir, 'book.pdf'), 'old book');
    writeFilesAtomic([
      { path: join(dir, 'book.pdf'), data: 'new book' },
      { path: join(dir, 'book.pocket-card.pdf'), data: new Uint8Array([1, 2, 3]) },
    ]);
    expect(readFileSync(join(dir, 'book.pdf'), 'utf8')).toBe('new book');
    expect([...readFileSync(join(dir, 'book.pocket-card.pdf'))]).toEqual([1, 2, 3]);
    expect(readdirSync(dir).sort()).toEqual(['book.pdf', 'book.pocket-card.pdf']);
  });

  it('a file that cannot be written leaves none written: the old ones as they were, no temp files', () => {
    writeFileSync(join(dir, 'book.pdf'), 'old book');
    const attempt = () =>
      writeFilesAtomic([
        { path: join(dir, 'book.pdf'), data: 'new book' },
        { path: join(dir, 'book-copy-01.pdf'), data: 'copy 1' },
        { path: join(dir, 'no-such-folder', 'book.pocket-card.pdf'), data: 'card' },
      ]);
    expect(attempt).toThrow(WriteFailedError);
    expect(attempt).toThrow(/could not write book\.pocket-card\.pdf: the folder does not exist/);
    expect(readFileSync(join(dir, 'book.pdf'), 'utf8')).toBe('old book');
    expect(readdirSync(dir)).toEqual(['book.pdf']);
  });

  it('a folder in the way or a read-only file is refused before anything is written', () => {
    mkdirSync(join(dir, 'book.pocket-card.pdf'));
    writeFileSync(join(dir, 'signed.pdf'), 'signed');
    chmodSync(join(dir, 'signed.pdf'), 0o444);
    expect(() => writeFilesAtomic([{ path: join(dir, 'book.pdf'), data: 'x' }, { path: join(dir, 'book.pocket-card.pdf'), data: 'y' }])).toThrow(
      /could not write book\.pocket-card\.pdf: a folder of that name is in the way/,
    );
    expect(() => checkWritableTarget(join(dir, 'signed.pdf'))).toThrow(/could not write signed\.pdf: it is read-only/);
    expect(readdirSync(dir).sort()).toEqual(['book.pocket-card.pdf', 'signed.pdf']);
    expect(statSync(join(dir, 'signed.pdf')).mode & 0o777).toBe(0o444);
  });
});
