// @vitest-environment jsdom
/**
 * The settings dialog has a Markings tab beside the others; edits to the scheme survive a
 * switch of tab, and closing over unsaved ones asks first instead of dropping them.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import type { BriefbookApi, LibraryInfo } from '../../../shared/contract';
import { DEFAULT_MARKINGS } from '../../../shared/domain';
import { SETTINGS } from '../../../shared/settings';
import { createQueryClient } from '../../lib/api';
import { SettingsDialog } from './SettingsDialog';

// jsdom has no modal <dialog>; the dialog only needs to be open
HTMLDialogElement.prototype.showModal ??= function showModal(this: HTMLDialogElement) {
  this.open = true;
};
HTMLDialogElement.prototype.close ??= function close(this: HTMLDialogElement) {
  this.open = false;
};

function install() {
  const api: Partial<BriefbookApi> = {
    'settings.get': async ({ key }) => SETTINGS[key].default,
    'markings.get': async () => DEFAULT_MARKINGS,
    'library.info': async () => ({ readOnly: false, markings: DEFAULT_MARKINGS }) as LibraryInfo,
  };
  window.briefbook = api;
  const onClose = vi.fn();
  render(
    <QueryClientProvider client={createQueryClient()}>
      <SettingsDialog onClose={onClose} />
    </QueryClientProvider>,
  );
  return onClose;
}

afterEach(() => {
  cleanup();
  delete window.briefbook;
});

describe('the settings dialog', () => {
  it('keeps unsaved scheme edits across tabs and asks before closing over them', async () => {
    const onClose = install();
    fireEvent.click(screen.getByRole('tab', { name: 'Markings' }));
    const code = (await screen.findByRole('textbox', { name: 'Caveat 1 code' })) as HTMLInputElement;
    fireEvent.change(code, { target: { value: 'ORIGINATOR CONTROLLED' } });

    fireEvent.click(screen.getByRole('tab', { name: 'General' }));
    fireEvent.click(screen.getByRole('tab', { name: 'Markings' }));
    expect((screen.getByRole('textbox', { name: 'Caveat 1 code' }) as HTMLInputElement).value).toBe('ORIGINATOR CONTROLLED');

    fireEvent.click(screen.getByText('Close', { selector: 'footer button' }));
    expect(onClose).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toBe('The marking scheme has changes that are not saved.');
    fireEvent.click(screen.getByRole('button', { name: 'Keep editing' }));
    expect(screen.queryByRole('alert')).toBeNull();

    fireEvent.click(screen.getByText('Close', { selector: 'footer button' }));
    fireEvent.click(screen.getByRole('button', { name: 'Close without saving them' }));
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('closes at once when the scheme was not changed', async () => {
    const onClose = install();
    fireEvent.click(screen.getByRole('tab', { name: 'Markings' }));
    await screen.findByRole('textbox', { name: 'Caveat 1 code' });
    fireEvent.click(screen.getByText('Close', { selector: 'footer button' }));
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});
