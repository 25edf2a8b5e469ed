/**
 * The renderer's only door to the main process: `window.briefbook`, one async method per
 * contract method (the preload in Electron, an init script in the e2e tests). Everything else
 * in the renderer calls {@link call} or the query helpers below, so the cache is keyed by API
 * method and input (docs/architecture.md: data through a query cache keyed by API method).
 */
import { QueryClient, queryOptions, type QueryKey } from '@tanstack/react-query';
import { apiErrorOf } from '../../shared/api-methods';
import type { ApiErrorCode } from '../../shared/errors';
import type { ApiContract, ApiMethod, BriefbookApi, MethodInput, MethodOutput } from '../../shared/contract';

declare global {
  interface Window {
    briefbook?: Partial<BriefbookApi>;
  }
}

export type Input<M extends ApiMethod> = MethodInput<ApiContract, M>;
export type Output<M extends ApiMethod> = MethodOutput<ApiContract, M>;

/** An error from the main process, reduced to what a user can read: a code and words. */
export class BriefbookError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BriefbookError';
  }
}

const FRIENDLY: Partial<Record<ApiErrorCode, string>> = {
  conflict: 'Someone (or another window) saved this item in the meantime. Your text is kept; reload the item to see the newer version.',
  not_found: 'It no longer exists in this library. It may have been deleted.',
  locked: 'The library is locked. Unlock it to continue.',
  read_only: 'The library is open read-only, so changes cannot be saved.',
  invalid_input: 'That value is not accepted. Check the field and try again.',
  no_bridge: 'Briefbook cannot reach its library. Restart the app.',
  wrong_passphrase: 'That passphrase does not open this library. Nothing was changed.',
};

/**
 * The store locks an encrypted library by itself after the idle time; the first call that
 * answers `locked` tells the vault gate (features/vault), which swaps the app for the lock screen.
 */
const lockedListeners = new Set<() => void>();

export function onLocked(listener: () => void): () => void {
  lockedListeners.add(listener);
  return () => {
    lockedListeners.delete(listener);
  };
}

function toBriefbookError(error: unknown): BriefbookError {
  if (error instanceof BriefbookError) return error;
  // the preload carries `[code] message` across the contextBridge; apiErrorOf reads it back
  const shape = apiErrorOf(error);
  // Words only: never show a stack or a file path, even if one slipped through.
  let message = shape.message.replace(/^Error invoking remote method '[^']*': (?:\w*Error: )?/, '');
  message = message.split('\n')[0].replace(/\(?(?:file:\/\/|\/)[\w./-]+:\d+:\d+\)?/g, '').trim();
  if (message === '') message = FRIENDLY[shape.code] ?? 'Something went wrong. Try again.';
  return new BriefbookError(shape.code, message);
}

/** What to tell the user about an error: the main process's words, or a plain sentence. */
export function errorMessage(error: unknown): string {
  return toBriefbookError(error).message;
}

export function hasMethod(method: ApiMethod): boolean {
  return typeof window.briefbook?.[method] === 'function';
}

export async function call<M extends ApiMethod>(method: M, input: Input<M>): Promise<Output<M>> {
  const fn = window.briefbook?.[method] as ((input: Input<M>) => Promise<Output<M>>) | undefined;
  if (fn === undefined) throw new BriefbookError('no_bridge', FRIENDLY.no_bridge ?? 'Briefbook cannot reach its library.');
  try {
    return await fn(input);
  } catch (error) {
    const failure = toBriefbookError(error);
    if (failure.code === 'locked') for (const listener of lockedListeners) listener();
    throw failure;
  }
}

export function apiKey<M extends ApiMethod>(method: M, input: Input<M>): QueryKey {
  return [method, input];
}

/** Query options for a read method: the key is `[method, input]`. */
export function apiQuery<M extends ApiMethod>(method: M, input: Input<M>) {
  return queryOptions({
    queryKey: apiKey(method, input) as [M, Input<M>],
    queryFn: () => call(method, input),
  });
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // the main process is the only writer: data is fresh until we invalidate it
        staleTime: Infinity,
        retry: false,
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}
