import { describe, expect, it } from 'vitest';
import { apiKey, createQueryClient } from './api';
import { invalidate } from './invalidate';

function seeded() {
  const client = createQueryClient();
  const keys = {
    list: apiKey('items.list', {}),
    item: apiKey('items.get', { id: 'tp-1' }),
    book: apiKey('books.get', { id: 'b-1' }),
    search: apiKey('search.query', { q: 'trade' }),
    exports: apiKey('exports.list', {}),
    setting: apiKey('settings.get', { key: 'layout' }),
    vault: apiKey('vault.status', {}),
  };
  for (const key of Object.values(keys)) client.setQueryData(key, { seeded: true });
  const stale = () =>
    Object.entries(keys)
      .filter(([, key]) => client.getQueryState(key)?.isInvalidated === true)
      .map(([name]) => name)
      .sort();
  return { client, keys, stale };
}

describe('invalidate after a write (derived from the contract)', () => {
  it('saving an item makes the queries that read items stale, except the one already answered', async () => {
    const { client, keys, stale } = seeded();
    await invalidate(client, 'items.save', keys.item);
    expect(stale()).toEqual(['book', 'exports', 'list', 'search']);
  });

  it('saving a setting makes only settings stale', async () => {
    const { client, stale } = seeded();
    await invalidate(client, 'settings.set');
    expect(stale()).toEqual(['setting']);
  });

  it('a PDF saved makes only the export log stale among these', async () => {
    const { client, stale } = seeded();
    await invalidate(client, 'files.savePdf');
    expect(stale()).toEqual(['exports']);
  });

  it('opening another library makes every library query stale', async () => {
    const { client, stale } = seeded();
    await invalidate(client, 'files.openLibrary');
    expect(stale()).toEqual(['book', 'exports', 'item', 'list', 'search', 'setting', 'vault']);
  });
});
