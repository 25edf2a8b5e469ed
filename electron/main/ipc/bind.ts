/**
 * The ipc binding (docs/security.md IPC-1): the only code that calls `ipcMain.handle`. Each contract
 * method gets its own channel (`bb:<method>`); a call from anything but our window's main frame
 * on the app origin is refused before its payload is looked at; the payload is parsed with the
 * method's schema; the answer is always an {@link IpcOutcome}, never a thrown error.
 * Takes `ipcMain` as a parameter so tests drive it without Electron.
 */
import { channelOf, type IpcOutcome } from '../../../src/shared/api-methods';
import type { ApiMethod } from '../../../src/shared/contract';
import { dispatch, type ContractLike, type FailureLog, type HandlersFor } from './dispatch';

/** The part of Electron's `ipcMain` the binding uses. */
export interface IpcMainLike<E> {
  handle(channel: string, listener: (event: E, ...args: unknown[]) => Promise<IpcOutcome>): void;
  removeHandler(channel: string): void;
}

export interface BindOptions<C extends ContractLike, E> {
  ipcMain: IpcMainLike<E>;
  contract: C;
  handlers: HandlersFor<C>;
  /** decides from the ipc event whether the caller is our window's main frame, on our origin */
  isTrustedSender: (event: E) => boolean;
  log?: FailureLog;
}

const FORBIDDEN: IpcOutcome = {
  ok: false,
  error: { code: 'forbidden', message: 'This request did not come from the Briefbook window.' },
};

/** Binds every method of the contract; returns a function that unbinds them all. */
export function bindContract<C extends ContractLike, E>(options: BindOptions<C, E>): () => void {
  const { ipcMain, contract, handlers, isTrustedSender, log } = options;
  const channels: string[] = [];
  for (const method of Object.keys(contract)) {
    const channel = channelOf(method as ApiMethod);
    ipcMain.handle(channel, async (event: E, ...args: unknown[]): Promise<IpcOutcome> => {
      let trusted = false;
      try {
        trusted = isTrustedSender(event);
      } catch (error) {
        log?.(method, error);
      }
      if (!trusted) return FORBIDDEN;
      if (args.length > 1) {
        return { ok: false, error: { code: 'invalid_input', message: 'input: one argument expected' } };
      }
      return dispatch(contract, handlers, method, args[0], log);
    });
    channels.push(channel);
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}
