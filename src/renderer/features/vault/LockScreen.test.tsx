// @vitest-environment jsdom
/**
 * The lock screen as a person meets it: the library's name and a passphrase field, the words
 * of a wrong passphrase, the app back after the right one — and, while locked, nothing of the
 * library in the page: not in the DOM, not in the query cache.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { QueryClientProvider, useQuery, type QueryClient } from '@tanstack/react-query';
import type { BriefbookApi, ItemList, VaultStatus } from '../../../shared/contract';
import { apiQuery, createQueryClient } from '../../lib/api';
import { VaultGate } from './VaultGate';

const PASSPHRASE = 'first-summit-passphrase';
const RED_LINE = 'No leader-level deal on strategic flexibility';
const OPEN: VaultStatus = { fileName: 'summit.briefbook', state: 'open', encrypted: true, readOnly: false, problem: null, idleLockMinutes: 10 };
const LOCKED: VaultStatus = { fileName: 'summit.briefbook', state: 'locked', encrypted: true, readOnly: true, problem: null, idleLockMinutes: 10 };

function apiError(code: string, message: string): Error {
  return Object.assign(new Error(`[${code}] ${message}`), { code });
}

let status: VaultStatus;
let calls: string[];

function install(initial: VaultStatus) {
  status = initial;
  calls = [];
  const list: ItemList = {
    rows: [{ id: 'rl-flex', kind: 'red_line', title: RED_LINE, topic: null, tags: [], classification: 'S', caveats: [], status: 'draft', clearanceState: 'draft', owner: null, version: 1, updatedAt: '2025-08-21T09:00:00.000Z', excerpt: 'Keep it at the working level.', usedIn: 1, due: null }],
    total: 1,
  };
  const api: Partial<BriefbookApi> = {
    'vault.status': async () => status,
    'vault.unlock': async ({ passphrase }) => {
      calls.push('vault.unlock');
      if (passphrase !== PASSPHRASE) throw apiError('wrong_passphrase', 'That passphrase does not unlock this library. Nothing was changed; try again.');
      status = { ...OPEN };
      return status;
    },
    'vault.lock': async () => {
      calls.push('vault.lock');
      status = status.encrypted ? { ...LOCKED } : status;
      return status;
    },
    'files.recentLibraries': async () => [{ path: '/home/desk/summit.briefbook', fileName: 'summit.briefbook', openedAt: '2026-11-27T06:00:00.000Z' }],
    'items.list': async () => {
      calls.push('items.list');
      if (status.state === 'locked') throw apiError('locked', 'The library is locked. Unlock it with its passphrase.');
      return list;
    },
  };
  window.briefbook = api;
}

/** Stands in for the app: it shows library text read through the query cache. */
function Library() {
  const items = useQuery(apiQuery('items.list', {}));
  return (
    <div>
      <h1>Library</h1>
      <ul>{items.data?.rows.map((row) => <li key={row.id}>{row.title}</li>)}</ul>
      <button type="button" onClick={() => void items.refetch()}>
        Refresh
      </button>
    </div>
  );
}

function renderGate(): QueryClient {
  const client = createQueryClient();
  render(
    <QueryClientProvider client={client}>
      <VaultGate>{() => <Library />}</VaultGate>
    </QueryClientProvider>,
  );
  return client;
}

const cachedMethods = (client: QueryClient) => client.getQueryCache().findAll().map((query) => String(query.queryKey[0]));

afterEach(() => {
  cleanup();
  delete window.briefbook;
  vi.useRealTimers();
});

describe('the lock screen', () => {
  it('shows the library name and a labelled passphrase field, and nothing of the library', async () => {
    install(LOCKED);
    const client = renderGate();
    await screen.findByRole('heading', { name: 'This library is locked' });
    expect(await screen.findByText('summit.briefbook', { selector: '.vault-file' })).toBeTruthy();
    expect(screen.getByLabelText('Passphrase')).toHaveProperty('type', 'password');
    expect(screen.queryByRole('heading', { name: 'Library' })).toBeNull();
    expect(document.body.textContent).not.toContain(RED_LINE);
    expect(calls).not.toContain('items.list');
    expect(cachedMethods(client)).not.toContain('items.list');
  });

  it('says in words that a wrong passphrase does not open the library, and the right one clears it', async () => {
    install(LOCKED);
    renderGate();
    const field = await screen.findByLabelText('Passphrase');
    fireEvent.change(field, { target: { value: 'first-summit-passphrasE' } });
    fireEvent.click(screen.getByRole('button', { name: 'Unlock' }));
    // the alert region is always there (empty until an error): wait for its words, not for it
    const alert = await screen.findByText('That passphrase does not open this library. Nothing was changed.');
    expect(alert.getAttribute('role')).toBe('alert');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(document.body.textContent).not.toMatch(/at \w+ \(|Error:|\[wrong_passphrase\]/);

    fireEvent.change(field, { target: { value: PASSPHRASE } });
    fireEvent.click(screen.getByRole('button', { name: 'Unlock' }));
    await screen.findByText(RED_LINE);
    expect(screen.queryByText(/does not open this library/)).toBeNull();
    expect(screen.queryByLabelText('Passphrase')).toBeNull();
  });

  it('takes the app away and empties the cache when a call answers "locked" (the idle lock)', async () => {
    install(OPEN);
    const client = renderGate();
    await screen.findByText(RED_LINE);
    expect(cachedMethods(client)).toContain('items.list');
    // the store locked itself after the idle time; the next call finds out
    status = { ...LOCKED };
    fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    await screen.findByRole('heading', { name: 'This library is locked' });
    expect(document.body.textContent).not.toContain(RED_LINE);
    await waitFor(() => expect(cachedMethods(client)).not.toContain('items.list'));
    expect(JSON.stringify(client.getQueryCache().findAll().map((query) => query.state.data))).not.toContain(RED_LINE);
  });

  it('notices the idle lock by itself within a poll of the status', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    install(OPEN);
    renderGate();
    await screen.findByText(RED_LINE);
    status = { ...LOCKED };
    await act(async () => {
      await vi.advanceTimersByTimeAsync(15_000);
    });
    await screen.findByRole('heading', { name: 'This library is locked' });
    expect(document.body.textContent).not.toContain(RED_LINE);
  });

  it('locks with Ctrl+L: vault.lock is called and the lock screen replaces the app', async () => {
    install(OPEN);
    const client = renderGate();
    await screen.findByText(RED_LINE);
    fireEvent.keyDown(window, { key: 'l', code: 'KeyL', ctrlKey: true });
    await screen.findByRole('heading', { name: 'This library is locked' });
    await waitFor(() => expect(calls).toContain('vault.lock'));
    expect(document.body.textContent).not.toContain(RED_LINE);
    await waitFor(() => expect(cachedMethods(client)).not.toContain('items.list'));

    fireEvent.change(screen.getByLabelText('Passphrase'), { target: { value: PASSPHRASE } });
    fireEvent.click(screen.getByRole('button', { name: 'Unlock' }));
    await screen.findByText(RED_LINE);
  });

  it('does not lock a library that is not encrypted, and says why', async () => {
    install({ ...OPEN, encrypted: false });
    renderGate();
    await screen.findByText(RED_LINE);
    fireEvent.keyDown(window, { key: 'l', code: 'KeyL', ctrlKey: true });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(calls).not.toContain('vault.lock');
    expect(screen.getByText(RED_LINE)).toBeTruthy();
  });
});
