// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import { storeBridge, type StoreBridge } from '../../../../tests/support/store-bridge';
import { createQueryClient } from '../../lib/api';
import { BookView } from './BookView';

// jsdom has no modal <dialog>; the dialog only needs to be open
HTMLDialogElement.prototype.showModal ??= function showModal(this: HTMLDialogElement) {
  this.open = true;
};
HTMLDialogElement.prototype.close ??= function close(this: HTMLDialogElement) {
  this.open = false;
};

const item = (id: string, title: string, body: string) => ({ id, kind: 'ask' as const, title, body, classification: 'U', status: 'cleared' as const });

const LIBRARY = JSON.stringify({
  format: 'briefbook/v1',
  items: [item('ask-1', 'Prior consultation on North Korea', 'Ask for consultation before any deal.'), item('ask-2', 'Keep enough troops', 'Enough to deter.'), item('ask-3', 'Joint study', 'Offer a study.')],
  books: [{ id: 'summit', title: 'Summit', sections: [{ id: 's-asks', title: 'Our asks', items: ['ask-1', 'ask-2'] }, { id: 's-bg', title: 'Background', items: [] }] }],
});

let bridge: StoreBridge;

/** A PDF export of the book as the main process logs it. */
function logEdition(fileName: string): number {
  const s = bridge.library.service;
  const { itemVersions } = s['books.content']({ id: 'summit' });
  return s.recordExport({ bookId: 'summit', kind: 'pdf', fileName, options: { mode: 'working' }, pageCount: 3, sha256: 'd'.repeat(64), itemVersions, document: 'book' }).id;
}

function renderBook() {
  const client = createQueryClient();
  render(
    <QueryClientProvider client={client}>
      <BookView bookId="summit" sectionId="s-asks" onSection={() => undefined} onOpenItem={() => undefined} onExport={() => undefined} onNewFrom={() => undefined} onDeleted={() => undefined} />
    </QueryClientProvider>,
  );
}

describe('Changes since … in the book view', () => {
  beforeEach(() => {
    bridge = storeBridge(LIBRARY);
    window.briefbook = bridge.api;
  });
  afterEach(() => {
    cleanup();
    delete window.briefbook;
    bridge.library.dispose();
  });

  it('lists what was added, edited (insertions and deletions marked in words), moved and removed since the last edition; another edition can be picked', async () => {
    const s = bridge.library.service;
    logEdition('first.pdf');
    s['items.save']({ item: { ...item('ask-1', 'Prior consultation on North Korea', 'Ask for prompt consultation before any deal.'), status: 'cleared' }, baseVersion: 1 });
    logEdition('second.pdf');
    s['sections.addItems']({ bookId: 'summit', sectionId: 's-bg', itemIds: ['ask-3'] });
    s['sections.moveItem']({ bookId: 'summit', itemId: 'ask-2', fromSectionId: 's-asks', toSectionId: 's-bg', index: 0 });
    s['items.save']({ item: { ...item('ask-1', 'Prior consultation on North Korea', 'Ask for consultation before any deal.'), classification: 'C', status: 'cleared' }, baseVersion: 2 });

    renderBook();
    fireEvent.click(await screen.findByRole('button', { name: 'Changes since…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Changes in “Summit”' });
    const picker = await within(dialog).findByRole('combobox', { name: 'Since the edition' });
    expect(within(picker).getAllByRole('option').map((o) => o.textContent)).toEqual([expect.stringMatching(/second\.pdf \(the last\)$/), expect.stringMatching(/first\.pdf$/)]);

    const added = within(dialog).getByRole('region', { name: 'Added: 1 item' });
    expect(added.textContent).toContain('(U) Joint study — new in Background, item 2');
    const moved = within(dialog).getByRole('region', { name: 'Moved: 1 item' });
    expect(moved.textContent).toContain('Keep enough troops — from Our asks, item 2 to Background, item 1');
    const edited = within(dialog).getByRole('region', { name: 'Edited: 1 item' });
    expect(edited.textContent).toContain('Marking: (U) → (C)');
    // the deletion is struck through and said in words, not shown by colour alone
    const deleted = edited.querySelector('del');
    expect(deleted?.textContent).toBe('[taken out: prompt ]');
    expect(within(dialog).getByRole('region', { name: 'Removed: 0 items' }).textContent).toContain('None.');

    fireEvent.change(picker, { target: { value: String(s['exports.list']({ bookId: 'summit' }).find((e) => e.fileName === 'first.pdf')!.id) } });
    await waitFor(() => expect(within(dialog).getByRole('region', { name: 'Edited: 1 item' }).querySelector('del')).toBeNull());
    expect(within(dialog).getByRole('region', { name: 'Edited: 1 item' }).textContent).toContain('Marking: (U) → (C)');
  });

  it('says in words when the book has no PDF edition yet', async () => {
    renderBook();
    fireEvent.click(await screen.findByRole('button', { name: 'Changes since…' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('has no PDF export yet');
  });
});
