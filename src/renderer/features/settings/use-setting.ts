import { useCallback } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { parseSetting, SETTINGS, settingInput, type SettingKey, type SettingValue } from '../../../shared/settings';
import { apiKey, apiQuery, call } from '../../lib/api';

/**
 * A setting of the registry (src/shared/settings.ts) kept in the library, read through the query
 * cache: its value (the default until it has loaded), a setter, and whether it has loaded.
 */
export function useSetting<K extends SettingKey>(key: K): [SettingValue<K>, (value: SettingValue<K>) => Promise<void>, boolean] {
  const client = useQueryClient();
  const query = useQuery(apiQuery('settings.get', { key }));
  const value = query.isSuccess ? parseSetting(key, query.data) : SETTINGS[key].default;
  const set = useCallback(
    async (next: SettingValue<K>) => {
      client.setQueryData(apiKey('settings.get', { key }), next);
      await call('settings.set', settingInput(key, next));
    },
    [client, key],
  );
  return [value, set, query.isSuccess || query.isError];
}
