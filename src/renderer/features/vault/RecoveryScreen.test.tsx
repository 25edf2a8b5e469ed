// @vitest-environment jsdom
/**
 * docs/security.md DATA-3 as a person meets it: a library that does not open says what happened in
 * words and offers what can be done — try again, restore a backup (after a confirmation that
 * the current state is kept), read it read-only when it can be read, open another library.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { QueryClientProvider, useQuery } from '@tanstack/react-query';
import type { BackupEntry, BriefbookApi, LibraryInfo, VaultStatus } from '../../../shared/contract';
import { DEFAULT_MARKINGS } from '../../../shared/domain';
import { apiQuery, call, createQueryClient, errorMessage } from '../../lib/api';
import { VaultGate } from './VaultGate';

const DAMAGED = 'The library summit.briefbook is damaged (row 12 missing from index items_updated). It is open read-only; restore a backup to go on editing.';
const KEY_MISSING = 'The key file summit.briefbook.key is missing, so this encrypted library cannot be unlocked. The library file was not touched: put the key file back beside it (from a copy), or open a backup.';
const CORRUPT: VaultStatus = { fileName: 'summit.briefbook', state: 'recovery', encrypted: false, readOnly: true, problem: { code: 'corrupt', message: DAMAGED }, idleLockMinutes: 10 };
const NO_KEY: VaultStatus = { fileName: 'summit.briefbook', state: 'recovery', encrypted: true, readOnly: true, problem: { code: 'key_missing', message: KEY_MISSING }, idleLockMinutes: 10 };
const OPEN: VaultStatus = { fileName: 'summit.briefbook', state: 'open', encrypted: false, readOnly: false, problem: null, idleLockMinutes: 10 };
const BACKUPS: BackupEntry[] = [
  { name: 'summit.briefbook.20261127T060000Z.backup', createdAt: '2026-11-27T06:00:00.000Z', bytes: 1_234_567 },
  { name: 'summit.briefbook.20261126T170000Z.backup', createdAt: '2026-11-26T17:00:00.000Z', bytes: 1_200_000 },
];

function apiError(code: string, message: string): Error {
  return Object.assign(new Error(`[${code}] ${message}`), { code });
}

const INFO: LibraryInfo = {
  fileName: 'summit.briefbook',
  path: '/home/desk/summit.briefbook',
  schemaVersion: 1,
  itemCount: 41,
  bookCount: 1,
  encrypted: false,
  readOnly: true,
  markings: DEFAULT_MARKINGS,
  lastExport: null,
  offerSample: false,
};

let status: VaultStatus;
let calls: { method: string; input: unknown }[];

function install(initial: VaultStatus, options: { readable: boolean }) {
  status = initial;
  calls = [];
  const record = (method: string, input: unknown) => calls.push({ method, input });
  const api: Partial<BriefbookApi> = {
    'vault.status': async () => status,
    'vault.unlock': async (input) => {
      record('vault.unlock', input);
      return status;
    },
    'library.info': async () => {
      if (!options.readable || status.state !== 'recovery') throw apiError('recovery', status.problem?.message ?? '');
      return INFO;
    },
    'items.save': async (input) => {
      record('items.save', input);
      throw apiError('read_only', 'This library is open read-only (recovery mode): changes cannot be saved. Open a backup or a copy to edit.');
    },
    'backups.list': async () => BACKUPS,
    'backups.restore': async (input) => {
      record('backups.restore', input);
      status = { ...OPEN };
      return status;
    },
    'files.openLibrary': async (input) => {
      record('files.openLibrary', input);
      return { cancelled: true };
    },
    'files.newLibrary': async (input) => {
      record('files.newLibrary', input);
      return { cancelled: true };
    },
    'files.recentLibraries': async () => [{ path: '/home/desk/summit.briefbook', fileName: 'summit.briefbook', openedAt: '2026-11-27T06:00:00.000Z' }],
  };
  window.briefbook = api;
}

/** Stands in for the app: its library info, and an edit that the store refuses in words. */
function App() {
  const info = useQuery(apiQuery('library.info', {}));
  return (
    <div>
      <h1>The app</h1>
      <p>{info.data ? `${info.data.itemCount} items` : ''}</p>
      <button
        type="button"
        onClick={() =>
          void call('items.save', { item: { kind: 'ask', title: 'An ask', body: '', classification: 'U', status: 'draft' } }).catch((error: unknown) => {
            document.getElementById('app-error')!.textContent = errorMessage(error);
          })
        }
      >
        Save something
      </button>
      <p id="app-error" />
    </div>
  );
}

function renderGate() {
  const client = createQueryClient();
  render(
    <QueryClientProvider client={client}>
      <VaultGate>{(generation) => <App key={generation} />}</VaultGate>
    </QueryClientProvider>,
  );
}

afterEach(() => {
  cleanup();
  delete window.briefbook;
});

describe('the recovery screen', () => {
  it('says what happened in words, and that nothing was deleted', async () => {
    install(CORRUPT, { readable: true });
    renderGate();
    await screen.findByRole('heading', { name: 'This library is damaged' });
    expect(screen.getByText(DAMAGED)).toBeTruthy();
    expect(screen.getByText(/Nothing was deleted or overwritten/)).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'The app' })).toBeNull();
  });

  it('continues read-only when the file can be read: the app under a banner, edits answered in words', async () => {
    install(CORRUPT, { readable: true });
    renderGate();
    fireEvent.click(await screen.findByRole('button', { name: 'Continue read-only' }));
    await screen.findByRole('heading', { name: 'The app' });
    expect(screen.getByText('Read-only: recovery mode.')).toBeTruthy();
    await screen.findByText('41 items');
    fireEvent.click(screen.getByRole('button', { name: 'Save something' }));
    await screen.findByText(/open read-only \(recovery mode\): changes cannot be saved/);
    fireEvent.click(screen.getByRole('button', { name: 'Recovery options…' }));
    await screen.findByRole('heading', { name: 'This library is damaged' });
  });

  it('offers no read-only view when nothing could be read', async () => {
    install(NO_KEY, { readable: false });
    renderGate();
    await screen.findByRole('heading', { name: 'The key file of this library is missing' });
    expect(await screen.findAllByRole('button', { name: /Restore the backup of/ })).toHaveLength(2);
    expect(screen.queryByRole('button', { name: 'Continue read-only' })).toBeNull();
  });

  it('unlocks again with the passphrase once the key file is back (encrypted)', async () => {
    install(NO_KEY, { readable: false });
    renderGate();
    const field = await screen.findByLabelText('Passphrase');
    fireEvent.change(field, { target: { value: 'first-summit-passphrase' } });
    fireEvent.click(screen.getByRole('button', { name: 'Unlock again' }));
    await waitFor(() => expect(calls).toContainEqual({ method: 'vault.unlock', input: { passphrase: 'first-summit-passphrase' } }));
    await screen.findByText(/nothing has changed/);
  });

  it('checks a plain library again', async () => {
    install(CORRUPT, { readable: true });
    renderGate();
    fireEvent.click(await screen.findByRole('button', { name: 'Check again' }));
    await waitFor(() => expect(calls.map((c) => c.method)).toContain('vault.unlock'));
    expect(screen.queryByLabelText('Passphrase')).toBeNull();
  });

  it('restores a backup after saying the current state is backed up first, then opens the app', async () => {
    install(NO_KEY, { readable: false });
    renderGate();
    const list = await screen.findByRole('list', { name: 'Backups, newest first' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);
    fireEvent.click(within(list).getAllByRole('button', { name: /Restore the backup of/ })[0]);
    const confirm = screen.getByRole('group', { name: /Restore the backup of/ });
    expect(confirm.textContent).toMatch(/The library as it is now is backed up first, so nothing is lost/);
    expect(calls.map((c) => c.method)).not.toContain('backups.restore');
    fireEvent.click(within(confirm).getByRole('button', { name: 'Restore this backup' }));
    await screen.findByRole('heading', { name: 'The app' });
    expect(calls).toContainEqual({ method: 'backups.restore', input: { name: BACKUPS[0].name } });
  });

  it('asks for the backup\'s own passphrase when the library no longer has its key, then restores with it', async () => {
    install(NO_KEY, { readable: false });
    const api = window.briefbook as Partial<BriefbookApi>;
    api['backups.restore'] = async (input) => {
      calls.push({ method: 'backups.restore', input });
      if (input.passphrase === undefined) throw apiError('backup_needs_passphrase', 'The backup is encrypted with another key.');
      if (input.passphrase !== 'first-summit-passphrase') throw apiError('wrong_passphrase', 'wrong');
      status = { ...OPEN, encrypted: true };
      return status;
    };
    renderGate();
    fireEvent.click((await screen.findAllByRole('button', { name: /Restore the backup of/ }))[0]);
    const confirm = screen.getByRole('group', { name: /Restore the backup of/ });
    fireEvent.click(within(confirm).getByRole('button', { name: 'Restore this backup' }));
    const field = await within(confirm).findByLabelText('Passphrase of this backup');
    expect(screen.getByText(/Enter the passphrase the backup was made with/)).toBeTruthy();
    fireEvent.change(field, { target: { value: 'wrong-passphrase' } });
    fireEvent.click(within(confirm).getByRole('button', { name: 'Restore this backup' }));
    expect(await screen.findByText(/that passphrase does not open this backup\. Nothing was changed\./)).toBeTruthy();
    fireEvent.change(field, { target: { value: 'first-summit-passphrase' } });
    fireEvent.click(within(confirm).getByRole('button', { name: 'Restore this backup' }));
    await screen.findByRole('heading', { name: 'The app' });
    expect(calls.filter((c) => c.method === 'backups.restore').map((c) => c.input)).toEqual([
      { name: BACKUPS[0].name },
      { name: BACKUPS[0].name, passphrase: 'wrong-passphrase' },
      { name: BACKUPS[0].name, passphrase: 'first-summit-passphrase' },
    ]);
  });

  it('cancels a restore without calling the store', async () => {
    install(NO_KEY, { readable: false });
    renderGate();
    fireEvent.click((await screen.findAllByRole('button', { name: /Restore the backup of/ }))[1]);
    fireEvent.click(within(screen.getByRole('group', { name: /Restore the backup of/ })).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('group', { name: /Restore the backup of/ })).toBeNull();
    expect(calls.map((c) => c.method)).not.toContain('backups.restore');
  });

  it('opens another library or makes a new one through the shell', async () => {
    install(NO_KEY, { readable: false });
    renderGate();
    fireEvent.click(await screen.findByRole('button', { name: 'Open another library…' }));
    fireEvent.click(screen.getByRole('button', { name: 'New library…' }));
    await waitFor(() => expect(calls.map((c) => c.method)).toEqual(expect.arrayContaining(['files.openLibrary', 'files.newLibrary'])));
  });
});
