import { describe, expect, it } from 'vitest';
import { apiContract, type ApiMethod } from '../../../src/shared/contract';
import type { IpcOutcome } from '../../../src/shared/api-methods';
import { bindContract, type IpcMainLike } from './bind';
import type { HandlersFor } from './dispatch';

interface FakeEvent {
  trusted: boolean;
}

type Listener = (event: FakeEvent, ...args: unknown[]) => Promise<IpcOutcome>;

function fakeIpcMain(): IpcMainLike<FakeEvent> & { listeners: Map<string, Listener> } {
  const listeners = new Map<string, Listener>();
  return {
    listeners,
    handle(channel, listener) {
      if (listeners.has(channel)) throw new Error(`second handler for ${channel}`);
      listeners.set(channel, listener);
    },
    removeHandler(channel) {
      listeners.delete(channel);
    },
  };
}

function setup(isTrustedSender: (event: FakeEvent) => boolean = (event) => event.trusted) {
  const ipcMain = fakeIpcMain();
  const calls: string[] = [];
  const handlers: Record<string, (input: unknown) => unknown> = {};
  for (const method of Object.keys(apiContract)) {
    handlers[method] = (input) => {
      calls.push(method);
      return { method, input };
    };
  }
  const unbind = bindContract({ ipcMain, contract: apiContract, handlers: handlers as HandlersFor<typeof apiContract>, isTrustedSender });
  return { ipcMain, calls, unbind };
}

describe('bindContract (docs/security.md IPC-1)', () => {
  it('binds one channel per contract method, and nothing else', () => {
    const { ipcMain } = setup();
    expect([...ipcMain.listeners.keys()].sort()).toEqual(Object.keys(apiContract).map((m) => `bb:${m}`).sort());
  });

  it('answers a trusted caller with the parsed input', async () => {
    const { ipcMain } = setup();
    const outcome = await ipcMain.listeners.get('bb:items.get')!({ trusted: true }, { id: 'rl-flex' });
    expect(outcome).toEqual({ ok: true, value: { method: 'items.get', input: { id: 'rl-flex' } } });
  });

  it('refuses a forged sender before looking at the payload', async () => {
    const { ipcMain, calls } = setup();
    for (const method of Object.keys(apiContract) as ApiMethod[]) {
      const outcome = await ipcMain.listeners.get(`bb:${method}`)!({ trusted: false }, {});
      expect(outcome).toEqual({ ok: false, error: { code: 'forbidden', message: 'This request did not come from the Briefbook window.' } });
    }
    expect(calls).toEqual([]);
  });

  it('treats a sender check that throws as a forged sender', async () => {
    const { ipcMain, calls } = setup(() => {
      throw new Error('senderFrame is gone');
    });
    expect(await ipcMain.listeners.get('bb:library.info')!({ trusted: true }, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(calls).toEqual([]);
  });

  it('refuses extra arguments', async () => {
    const { ipcMain, calls } = setup();
    expect(await ipcMain.listeners.get('bb:items.get')!({ trusted: true }, { id: 'a' }, { id: 'b' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(calls).toEqual([]);
  });

  it('unbinds every channel', () => {
    const { ipcMain, unbind } = setup();
    unbind();
    expect(ipcMain.listeners.size).toBe(0);
  });
});
