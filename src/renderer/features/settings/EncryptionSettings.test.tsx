// @vitest-environment jsdom
/**
 * Settings → Encryption: a new passphrase needs 8 characters, a matching confirmation and the
 * acknowledgement that a lost one cannot be recovered; decrypting asks for the passphrase again
 * and a wrong one is refused in words.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import type { BriefbookApi, VaultStatus } from '../../../shared/contract';
import { createQueryClient } from '../../lib/api';
import { VaultContext, type VaultView } from '../vault';
import { EncryptionSettings } from './EncryptionSettings';

const PLAIN: VaultStatus = { fileName: 'summit.briefbook', state: 'open', encrypted: false, readOnly: false, problem: null, idleLockMinutes: 10 };
const ENCRYPTED: VaultStatus = { ...PLAIN, encrypted: true };

let calls: { method: string; input: unknown }[];

function install() {
  calls = [];
  const api: Partial<BriefbookApi> = {
    'vault.encrypt': async (input) => {
      calls.push({ method: 'vault.encrypt', input });
      return { status: ENCRYPTED, encryptedBackups: 2, removedDamagedCopies: [], stillPlain: [] };
    },
    'vault.rotateKey': async (input) => {
      calls.push({ method: 'vault.rotateKey', input });
      return { status: ENCRYPTED, rotatedBackups: 3, untouchedBackups: [{ name: 'summit.briefbook.20261101T000000000Z.backup', why: 'its key file has another passphrase' }] };
    },
    'vault.decrypt': async (input) => {
      calls.push({ method: 'vault.decrypt', input });
      throw Object.assign(new Error('[wrong_passphrase] That passphrase does not unlock this library. Nothing was changed; try again.'), { code: 'wrong_passphrase' });
    },
  };
  window.briefbook = api;
}

function renderSettings(status: VaultStatus) {
  const view: VaultView = { status, readOnlyRecovery: false, lock: vi.fn(), applyStatus: vi.fn(), restored: vi.fn(), showRecovery: vi.fn() };
  render(
    <QueryClientProvider client={createQueryClient()}>
      <VaultContext.Provider value={view}>
        <EncryptionSettings />
      </VaultContext.Provider>
    </QueryClientProvider>,
  );
  return view;
}

afterEach(() => {
  cleanup();
  delete window.briefbook;
});

describe('encryption settings', () => {
  it('refuses a short or unconfirmed passphrase, warns that a lost one cannot be recovered, then encrypts', async () => {
    install();
    const view = renderSettings(PLAIN);
    expect(screen.getByRole('note').textContent).toMatch(/A lost passphrase cannot be recovered/);
    const next = screen.getByLabelText('New passphrase');
    const again = screen.getByLabelText('Type it again');
    const encrypt = screen.getByRole('button', { name: 'Encrypt the library' });

    fireEvent.change(next, { target: { value: 'short' } });
    fireEvent.change(again, { target: { value: 'short' } });
    fireEvent.click(encrypt);
    expect((await screen.findByRole('alert')).textContent).toMatch(/at least 8 characters/);

    fireEvent.change(next, { target: { value: 'summit in seoul' } });
    fireEvent.change(again, { target: { value: 'summit in busan' } });
    fireEvent.click(encrypt);
    expect((await screen.findByRole('alert')).textContent).toMatch(/not the same/);

    fireEvent.change(again, { target: { value: 'summit in seoul' } });
    fireEvent.click(encrypt);
    expect((await screen.findByRole('alert')).textContent).toMatch(/Tick the box/);
    expect(calls).toEqual([]);

    fireEvent.click(screen.getByLabelText(/I understand that a lost passphrase cannot be recovered/));
    fireEvent.click(encrypt);
    await waitFor(() => expect(calls).toEqual([{ method: 'vault.encrypt', input: { passphrase: 'summit in seoul' } }]));
    await waitFor(() => expect(view.applyStatus).toHaveBeenCalledWith(ENCRYPTED));
  });

  it('asks for the passphrase again to decrypt, and refuses a wrong one in words', async () => {
    install();
    const view = renderSettings(ENCRYPTED);
    fireEvent.click(screen.getByRole('button', { name: 'Decrypt…' }));
    fireEvent.change(screen.getByLabelText('Passphrase, to confirm'), { target: { value: 'not the one' } });
    fireEvent.click(screen.getByRole('button', { name: 'Decrypt the library' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The library was not decrypted: That passphrase does not open this library. Nothing was changed.');
    expect(calls).toEqual([{ method: 'vault.decrypt', input: { passphrase: 'not the one' } }]);
    expect(view.applyStatus).not.toHaveBeenCalled();
    // focus goes back to the passphrase, not to <body>
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Passphrase, to confirm')));
  });

  it('puts focus back on the current passphrase when a change is refused', async () => {
    install();
    window.briefbook!['vault.changePassphrase'] = async () => {
      throw Object.assign(new Error('[wrong_passphrase] That passphrase does not unlock this library.'), { code: 'wrong_passphrase' });
    };
    renderSettings(ENCRYPTED);
    fireEvent.change(screen.getByLabelText('Current passphrase'), { target: { value: 'not the one' } });
    fireEvent.change(screen.getByLabelText('New passphrase'), { target: { value: 'four long new words' } });
    fireEvent.change(screen.getByLabelText('Type the new one again'), { target: { value: 'four long new words' } });
    fireEvent.click(screen.getByRole('button', { name: 'Change the passphrase' }));
    await screen.findByText(/^The passphrase was not changed/);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Current passphrase')));
  });

  it('gives the library a new key after asking for the passphrase, and says which backups kept their own', async () => {
    install();
    const view = renderSettings(ENCRYPTED);
    fireEvent.click(screen.getByRole('button', { name: 'New key…' }));
    fireEvent.change(screen.getByLabelText('Passphrase, to confirm the new key'), { target: { value: 'summit in seoul' } });
    fireEvent.click(screen.getByRole('button', { name: 'Encrypt under a new key' }));
    await waitFor(() => expect(calls).toEqual([{ method: 'vault.rotateKey', input: { passphrase: 'summit in seoul' } }]));
    await waitFor(() => expect(view.applyStatus).toHaveBeenCalledWith(ENCRYPTED));
    expect(screen.getAllByRole('status').map((s) => s.textContent).join(' ')).toMatch(
      /The library and 3 backups are encrypted under a new key; no earlier key file opens them\. 1 older backup kept their own key \(another passphrase\): summit\.briefbook\.20261101T000000000Z\.backup\./,
    );
  });
});
