/**
 * Builds `window.briefbook` from the list of contract methods: one named function per method,
 * each forwarding its single argument on the method's own channel and unwrapping the main
 * process's `{ ok, value } | { ok: false, error }`. Nothing else is exposed: no ipcRenderer,
 * no generic invoke, no channel names. Pure, so tests and the e2e harness build the same object.
 */
import { API_METHODS, apiErrorMessage, channelOf, type IpcOutcome } from '../../src/shared/api-methods';
import type { BriefbookApi } from '../../src/shared/contract';
import { isApiErrorCode, type ApiErrorCode, type ApiErrorShape } from '../../src/shared/errors';

/** `ipcRenderer.invoke`, narrowed to what the API needs. */
export type Invoke = (channel: string, input: unknown) => Promise<unknown>;

/** The error a method rejects with: `[code] message` survives the contextBridge, `code` may not. */
export class BridgeError extends Error {
  readonly code: ApiErrorCode;
  constructor(error: ApiErrorShape) {
    super(apiErrorMessage(error));
    this.name = 'BridgeError';
    this.code = error.code;
  }
}

function isOutcome(value: unknown): value is IpcOutcome {
  if (value === null || typeof value !== 'object') return false;
  const outcome = value as { ok?: unknown; error?: { code?: unknown; message?: unknown } };
  if (outcome.ok === true) return true;
  return outcome.ok === false && isApiErrorCode(outcome.error?.code) && typeof outcome.error?.message === 'string';
}

export function createBriefbookApi(invoke: Invoke): BriefbookApi {
  const api: Record<string, (input?: unknown) => Promise<unknown>> = {};
  for (const method of API_METHODS) {
    const channel = channelOf(method);
    api[method] = async (input?: unknown) => {
      const outcome = await invoke(channel, input === undefined ? {} : input);
      if (!isOutcome(outcome)) throw new BridgeError({ code: 'internal', message: 'The main process gave no answer.' });
      if (!outcome.ok) throw new BridgeError(outcome.error);
      return outcome.value;
    };
  }
  return Object.freeze(api) as unknown as BriefbookApi;
}
