/**
 * The preload's API has exactly the contract's methods (docs/security.md IPC-1, docs/architecture.md "One
 * contract"): the method list equals the contract's keys, `window.briefbook` has one function
 * per method and nothing else, and each call goes out on its own channel.
 */
import { describe, expect, it, vi } from 'vitest';
import { API_METHODS, apiErrorOf, channelOf } from '../../src/shared/api-methods';
import { apiContract, ApiError } from '../../src/shared/contract';
import { BridgeError, createBriefbookApi } from '../../electron/preload/api';

const exposed: { key: string; api: unknown }[] = [];
const invoked: { channel: string; input: unknown }[] = [];
const ipcRenderer = {
  invoke: vi.fn(async (channel: string, input: unknown) => {
    invoked.push({ channel, input });
    return { ok: true, value: channel };
  }),
  send: vi.fn(),
  on: vi.fn(),
};

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.push({ key, api }) },
  ipcRenderer,
}));

describe('the method list', () => {
  it('equals the contract, in order, without duplicates', () => {
    expect([...API_METHODS]).toEqual(Object.keys(apiContract));
    expect(new Set(API_METHODS).size).toBe(API_METHODS.length);
  });

  it('names every channel bb:<method>', () => {
    expect(channelOf('items.save')).toBe('bb:items.save');
  });
});

describe('createBriefbookApi', () => {
  it('has exactly one function per contract method, and is frozen', () => {
    const api = createBriefbookApi(async () => ({ ok: true, value: null }));
    expect(Object.keys(api).sort()).toEqual(Object.keys(apiContract).sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.getOwnPropertySymbols(api)).toEqual([]);
  });

  it('sends each call on its own channel, with its one argument', async () => {
    const calls: [string, unknown][] = [];
    const api = createBriefbookApi(async (channel, input) => {
      calls.push([channel, input]);
      return { ok: true, value: { id: 'rl-flex' } };
    });
    await expect(api['items.get']({ id: 'rl-flex' })).resolves.toEqual({ id: 'rl-flex' });
    await api['library.info']({});
    expect(calls).toEqual([
      ['bb:items.get', { id: 'rl-flex' }],
      ['bb:library.info', {}],
    ]);
  });

  it('rejects with the code in the message (the contextBridge keeps only the message)', async () => {
    const api = createBriefbookApi(async () => ({ ok: false, error: { code: 'conflict', message: 'The item changed since you opened it.' } }));
    const error = await api['items.save']({ item: { kind: 'ask', title: 't', body: '', classification: 'U', status: 'draft' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BridgeError);
    expect((error as BridgeError).code).toBe('conflict');
    expect((error as Error).message).toBe('[conflict] The item changed since you opened it.');
    // what the renderer sees after the bridge copied the error: a plain Error with the message
    expect(apiErrorOf(new Error((error as Error).message))).toEqual({ code: 'conflict', message: 'The item changed since you opened it.' });
    expect(apiErrorOf(error)).toEqual({ code: 'conflict', message: 'The item changed since you opened it.' });
  });

  it.each([undefined, null, 'yes', { ok: 'true' }, { ok: false }, { ok: false, error: 'x' }])('treats the answer %j as an internal error', async (answer) => {
    const api = createBriefbookApi(async () => answer);
    await expect(api['books.list']({})).rejects.toMatchObject({ code: 'internal' });
  });

  it('reads codes back from errors that never crossed the boundary too', () => {
    expect(apiErrorOf(new ApiError('locked', 'The library is locked.'))).toEqual({ code: 'locked', message: 'The library is locked.' });
    expect(apiErrorOf(new Error('plain'))).toEqual({ code: 'internal', message: 'plain' });
    expect(apiErrorOf('text')).toEqual({ code: 'internal', message: 'text' });
    expect(apiErrorOf(undefined)).toEqual({ code: 'internal', message: 'Something went wrong.' });
  });
});

describe('electron/preload/index.ts', () => {
  it('exposes window.briefbook, exactly the contract methods, and nothing else', async () => {
    await import('../../electron/preload/index');
    expect(exposed.map((e) => e.key)).toEqual(['briefbook']);
    const api = exposed[0].api as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(Object.keys(apiContract).sort());
    for (const value of Object.values(api)) {
      expect(typeof value).toBe('function');
      expect(value).not.toBe(ipcRenderer.invoke);
    }
    await (api['search.query'] as (input: unknown) => Promise<unknown>)({ q: 'strategic flexibility' });
    expect(invoked).toEqual([{ channel: 'bb:search.query', input: { q: 'strategic flexibility' } }]);
    expect(ipcRenderer.send).not.toHaveBeenCalled();
    expect(ipcRenderer.on).not.toHaveBeenCalled();
  });
});
