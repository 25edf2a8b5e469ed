// @vitest-environment jsdom
/**
 * File → Import…: the preview comes first and writes nothing; a conflict is shown ours beside
 * theirs with the changed words marked and must be settled before Import is offered; a different
 * scheme must be accepted; the import is one step that Undo takes back through the import log.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import type { BriefbookApi, ImportPlan, ImportResult } from '../../../shared/contract';
import { createQueryClient } from '../../lib/api';
import { appUndo } from '../../lib/undo-stack';
import { ImportDialog } from './ImportDialog';

HTMLDialogElement.prototype.showModal ??= function showModal(this: HTMLDialogElement) {
  this.open = true;
};
HTMLDialogElement.prototype.close ??= function close(this: HTMLDialogElement) {
  this.open = false;
};

const item = (body: string) => ({ id: 'tp-1', kind: 'talking_point', title: 'On tariffs', body, classification: 'U', status: 'draft' });

function plan(over: Partial<ImportPlan> = {}): ImportPlan {
  return {
    fileName: 'desk-b.json',
    sha256: 'ab'.repeat(32),
    basis: `sha256:${'cd'.repeat(32)}`,
    markingDifferences: [],
    entries: [
      { entity: 'item', id: 'tp-1', title: 'On tariffs', outcome: 'conflict', fields: ['body'], revMismatch: false, ours: item('We welcome the framework.'), theirs: item('We welcome the tariff framework.') },
      { entity: 'item', id: 'tp-2', title: 'New from B', outcome: 'created', fields: [], revMismatch: false },
      { entity: 'book', id: 'summit', title: 'Summit', outcome: 'unchanged', fields: [], revMismatch: false },
    ],
    counts: { created: 1, unchanged: 1, older: 0, 'fast-forward': 0, conflict: 1, 'deleted-here': 0, 'replaced-without-rev': 0 },
    ...over,
  };
}

const result: ImportResult = { items: { created: 1, updated: 1, unchanged: 0 }, books: { created: 0, updated: 0, unchanged: 1 }, markingsChanged: false, logId: 7 };

function install(shown: ImportPlan) {
  const importExchange = vi.fn(async () => ({ fileName: 'desk-b.json', ...result }));
  const undo = vi.fn(async () => ({ restored: 1, removed: 1 }));
  const api: Partial<BriefbookApi> = {
    'files.importExchange': importExchange,
    'imports.undo': undo,
  };
  window.briefbook = api;
  const onClose = vi.fn();
  render(
    <QueryClientProvider client={createQueryClient()}>
      <ImportDialog chosen={{ fileName: 'desk-b.json', plan: shown }} onClose={onClose} />
    </QueryClientProvider>,
  );
  return { importExchange, undo, onClose };
}

afterEach(() => {
  cleanup();
  appUndo.clear();
  delete window.briefbook;
});

describe('the import dialog', () => {
  it('previews, shows the conflict side by side, imports only once it is settled, and undoes as one step', async () => {
    const { importExchange, undo, onClose } = install(plan());
    const counts = await screen.findByRole('table', { name: 'What the import would do' });
    expect(within(counts).getByRole('row', { name: /created 1 New from B/ })).toBeTruthy();
    expect(within(counts).getByRole('row', { name: /conflicts 1/ })).toBeTruthy();

    const conflict = screen.getByRole('region', { name: 'Conflict: On tariffs' });
    // the word theirs added is marked on the right; ours is on the left
    expect([...conflict.querySelectorAll('.diff-right mark')].map((m) => m.textContent?.trim())).toContain('tariff');
    expect(conflict.querySelector('.diff-left')?.textContent).toContain('We welcome the framework.');

    const importButton = screen.getByRole('button', { name: 'Import' }) as HTMLButtonElement;
    expect(importButton.disabled).toBe(true);
    expect(screen.getByRole('status').textContent).toBe('1 of 1 conflict to settle before importing');
    expect(importExchange).not.toHaveBeenCalled();

    fireEvent.click(within(conflict).getByRole('radio', { name: 'Take theirs' }));
    expect(importButton.disabled).toBe(false);
    fireEvent.click(importButton);
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(importExchange).toHaveBeenCalledWith({
      resolutions: [{ entity: 'item', id: 'tp-1', resolution: 'theirs' }],
      acceptMarkings: false,
      basis: plan().basis,
    });

    expect(await appUndo.undo()).toBe('Import desk-b.json');
    expect(undo).toHaveBeenCalledWith({ id: 7 });
  });

  it('a different marking scheme must be accepted before importing', async () => {
    const { importExchange } = install(plan({ entries: plan().entries.slice(1), markingDifferences: ['levels U, C, S, TS here, U, C, S, TS, CTS in the file'] }));
    expect(await screen.findByText('levels U, C, S, TS here, U, C, S, TS, CTS in the file')).toBeTruthy();
    const importButton = screen.getByRole('button', { name: 'Import' }) as HTMLButtonElement;
    expect(importButton.disabled).toBe(true);
    fireEvent.click(screen.getByRole('checkbox', { name: /Take the file’s marking scheme/ }));
    fireEvent.click(importButton);
    await waitFor(() => expect(importExchange).toHaveBeenCalledWith(expect.objectContaining({ acceptMarkings: true })));
  });
});
