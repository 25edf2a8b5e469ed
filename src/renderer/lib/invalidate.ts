/**
 * Cache invalidation after a write, derived from the contract's method effects. Its own module,
 * apart from ./api.ts, because it needs the contract's values (and with them zod): the lazily
 * loaded screens import ./api.ts, which the bundler then puts in a chunk that runs before
 * ./zod-jitless.ts, and a schema built there would probe `new Function` (a CSP violation). A
 * lazily loaded screen is handed a callback instead of importing this module.
 */
import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { apiContract, type WriteMethod } from '../../shared/contract';
import { readsAffectedBy } from '../../shared/contract/method';

/**
 * Marks the answers a write method may have changed as stale (visible ones refetch): every read
 * method that reads an entity the write touches, as the contract declares (`effect`), except the
 * query `except` (already set from the write's answer).
 */
export function invalidate(client: QueryClient, after: WriteMethod, except?: QueryKey): Promise<void> {
  const methods: ReadonlySet<string> = new Set(readsAffectedBy(apiContract, after));
  return client.invalidateQueries({
    predicate: (query) => {
      if (except !== undefined && JSON.stringify(query.queryKey) === JSON.stringify(except)) return false;
      return methods.has(String(query.queryKey[0]));
    },
  });
}
