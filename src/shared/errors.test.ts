import { describe, expect, it } from 'vitest';
import { API_ERROR_CODES, ApiError, isApiErrorCode, LibraryTooNewError } from './errors';

describe('API error codes', () => {
  it('the constructor takes only a listed code', () => {
    // @ts-expect-error 'lockd' is not an ApiErrorCode: a misspelt code does not compile
    const misspelt = new ApiError('lockd', 'x');
    expect(isApiErrorCode(misspelt.code)).toBe(false);
    expect(new ApiError('locked', 'Unlock it.').toShape()).toEqual({ code: 'locked', message: 'Unlock it.' });
  });

  it('every code is a plain identifier with a one-line meaning', () => {
    for (const [code, meaning] of Object.entries(API_ERROR_CODES)) {
      expect(code).toMatch(/^[a-z][a-z0-9_]{0,63}$/);
      expect(meaning, code).toMatch(/^[A-Z].*\.$/);
      expect(meaning, code).not.toContain('\n');
    }
    expect(isApiErrorCode('toString')).toBe(false);
  });

  it('a library from a newer Briefbook says so, with the schema versions when known', () => {
    const error = new LibraryTooNewError('This library', { found: 99, known: 12 }, 'It has not been changed.');
    expect(error.toShape()).toEqual({
      code: 'library_too_new',
      message: 'This library was written by a newer Briefbook (schema 99; this app knows up to 12). It has not been changed.',
    });
    expect(new LibraryTooNewError('The backup b.db').message).toBe('The backup b.db was written by a newer Briefbook.');
    expect(new LibraryTooNewError('The library x.db', { found: 7 }).message).toBe('The library x.db was written by a newer Briefbook (schema 7).');
  });
});
