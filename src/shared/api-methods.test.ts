import { describe, expect, it } from 'vitest';
import { apiErrorMessage, apiErrorOf } from './api-methods';

describe('errors across the contextBridge', () => {
  it('an error crosses the contextBridge as `[code] message` and is read back', () => {
    const shape = { code: 'locked', message: 'Unlock the library.' } as const;
    expect(apiErrorOf(new Error(apiErrorMessage(shape)))).toEqual(shape);
    expect(apiErrorOf('no code here')).toEqual({ code: 'internal', message: 'no code here' });
  });
});

describe('error codes across the bridge', () => {
  it('an unknown code is read back as `internal`, keeping the words', () => {
    expect(apiErrorOf(Object.assign(new Error('the disk said no'), { code: 'ENOSPC' }))).toEqual({ code: 'internal', message: 'the disk said no' });
    expect(apiErrorOf(new Error('[made_up] words'))).toEqual({ code: 'internal', message: '[made_up] words' });
  });
});
