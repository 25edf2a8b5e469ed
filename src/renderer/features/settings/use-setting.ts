import { useCallback } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { apiKey, apiQuery, call } from '../../lib/api';

/** The store answers the parsed JSON value, or null when the setting was never set. */
function decode<T>(raw: unknown, fallback: T): T {
  return raw === null || raw === undefined ? fallback : (raw as T);
}

/** A renderer setting (layout, your name) kept in the library, read through the query cache. */
export function useSetting<T>(key: string, fallback: T): [T, (value: T) => Promise<void>, boolean] {
  const client = useQueryClient();
  const query = useQuery(apiQuery('settings.get', { key }));
  const value = query.isSuccess ? decode<T>(query.data, fallback) : fallback;
  const set = useCallback(
    async (next: T) => {
      const text = JSON.stringify(next);
      client.setQueryData(apiKey('settings.get', { key }), next);
      await call('settings.set', { key, value: text });
    },
    [client, key],
  );
  return [value, set, query.isSuccess || query.isError];
}
