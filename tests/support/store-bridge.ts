/**
 * `window.briefbook` for a renderer test in jsdom, answered by a real library on a temp file:
 * each call is checked against the contract and its errors shaped as over IPC (`dispatch`),
 * then unwrapped as the preload does, and its answer copied as structured clone would. A view
 * tested through it meets the store's own rules, not a test's idea of them.
 */
import { channelOf } from '../../src/shared/api-methods';
import { storeContract, type BriefbookApi } from '../../src/shared/contract';
import { dispatch, type HandlersFor } from '../../electron/main/ipc/dispatch';
import { createBriefbookApi } from '../../electron/preload/api';
import { tempLibrary, type TempLibrary } from '../../electron/store/testing';

export interface StoreBridge {
  api: BriefbookApi;
  library: TempLibrary;
}

/** A temp library holding `exchangeText` (briefbook/v1 JSON) and the bridge to it. */
export function storeBridge(exchangeText: string): StoreBridge {
  const library = tempLibrary();
  library.service['library.import']({ text: exchangeText });
  const methodOf = new Map((Object.keys(storeContract) as (keyof typeof storeContract)[]).map((m) => [channelOf(m), m]));
  const api = createBriefbookApi(async (channel, input) => {
    const method = methodOf.get(channel);
    const outcome = await dispatch(storeContract, library.service as unknown as HandlersFor<typeof storeContract>, method, structuredClone(input));
    return structuredClone(outcome);
  });
  return { api, library };
}
