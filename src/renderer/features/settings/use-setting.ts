import { useCallback } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { apiKey, apiQuery, call } from '../../lib/api';

/** The store keeps settings as JSON text; older values may come back already parsed. */
function decode<T>(raw: unknown, fallback: T): T {
  if (raw === null || raw === undefined) return fallback;
  if (typeof raw === 'string') {
    try {
      return JSON.parse(raw) as T;
    } catch {
      return fallback;
    }
  }
  return raw as T;
}

/** A renderer setting (layout, your name) kept in the library, read through the query cache. */
export function useSetting<T>(key: string, fallback: T): [T, (value: T) => Promise<void>, boolean] {
  const client = useQueryClient();
  const query = useQuery(apiQuery('settings.get', { key }));
  const value = query.isSuccess ? decode<T>(query.data, fallback) : fallback;
  const set = useCallback(
    async (next: T) => {
      const text = JSON.stringify(next);
      client.setQueryData(apiKey('settings.get', { key }), text);
      await call('settings.set', { key, value: text });
    },
    [client, key],
  );
  return [value, set, query.isSuccess || query.isError];
}
