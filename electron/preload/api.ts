/**
 * Builds `window.briefbook` from the list of contract methods: one named function per method,
 * each forwarding its single argument on the method's own channel and unwrapping the main
 * process's `{ ok, value } | { ok: false, error }`. Nothing else is exposed: no ipcRenderer,
 * no generic invoke, no channel names. Pure, so tests and the e2e harness build the same object.
 */
import { API_METHODS, apiErrorMessage, channelOf, type IpcOutcome } from '../../src/shared/api-methods';
import type { ApiErrorShape, BriefbookApi } from '../../src/shared/contract';

/** `ipcRenderer.invoke`, narrowed to what the API needs. */
export type Invoke = (channel: string, input: unknown) => Promise<unknown>;

/** The error a method rejects with: `[code] message` survives the contextBridge, `code` may not. */
export class BriefbookError extends Error {
  readonly code: string;
  constructor(error: ApiErrorShape) {
    super(apiErrorMessage(error));
    this.name = 'BriefbookError';
    this.code = error.code;
  }
}

function isOutcome(value: unknown): value is IpcOutcome {
  if (value === null || typeof value !== 'object') return false;
  const outcome = value as { ok?: unknown; error?: { code?: unknown; message?: unknown } };
  if (outcome.ok === true) return true;
  return outcome.ok === false && typeof outcome.error?.code === 'string' && typeof outcome.error?.message === 'string';
}

export function createBriefbookApi(invoke: Invoke): BriefbookApi {
  const api: Record<string, (input?: unknown) => Promise<unknown>> = {};
  for (const method of API_METHODS) {
    const channel = channelOf(method);
    api[method] = async (input?: unknown) => {
      const outcome = await invoke(channel, input === undefined ? {} : input);
      if (!isOutcome(outcome)) throw new BriefbookError({ code: 'internal', message: 'The main process gave no answer.' });
      if (!outcome.ok) throw new BriefbookError(outcome.error);
      return outcome.value;
    };
  }
  return Object.freeze(api) as unknown as BriefbookApi;
}
