// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { DocxPreview } from '../../../shared/contract';
import { QueryClientProvider } from '@tanstack/react-query';
import { storeBridge, type StoreBridge } from '../../../../tests/support/store-bridge';
import { createQueryClient } from '../../lib/api';
import { appUndo } from '../../lib/undo-stack';
import { BookView } from './BookView';

const item = (id: string, title: string, kind: string) => ({ id, kind, title, body: `${title}.`, classification: 'U', status: 'cleared' });

/** One book in a real library on a temp file; the moves below are the store's, not a fake's. */
const LIBRARY = JSON.stringify({
  format: 'briefbook/v1',
  items: [item('ask-1', 'Prior consultation on North Korea', 'ask'), item('ask-2', 'Keep enough troops', 'ask'), item('rl-1', 'No leader-level deal on flexibility', 'red_line')],
  books: [
    {
      id: 'summit',
      title: 'Summit with President Trump',
      sections: [
        { id: 's-asks', title: 'Our asks', items: ['ask-1', 'ask-2'] },
        { id: 's-red', title: 'Red lines', items: ['rl-1'] },
        { id: 's-bg', title: 'Background', items: [] },
      ],
    },
  ],
});

let bridge: StoreBridge;

// jsdom has no modal <dialog>; the Word paper's preview only needs to be open
HTMLDialogElement.prototype.showModal ??= function showModal(this: HTMLDialogElement) {
  this.open = true;
};
HTMLDialogElement.prototype.close ??= function close(this: HTMLDialogElement) {
  this.open = false;
};

function install() {
  bridge = storeBridge(LIBRARY);
  window.briefbook = bridge.api;
}

const stored = () => bridge.library.service['books.get']({ id: 'summit' }).sections;

let current = 's-asks';
function renderBook() {
  const client = createQueryClient();
  const view = () => (
    <QueryClientProvider client={client}>
      <BookView bookId="summit" sectionId={current} onSection={(id) => (current = id)} onOpenItem={() => undefined} onExport={() => undefined} onNewFrom={() => undefined} onDeleted={() => undefined} />
    </QueryClientProvider>
  );
  const result = render(view());
  return { rerender: () => result.rerender(view()) };
}

const order = () => stored().map((s) => s.title);
const ids = (sectionId: string) => stored().find((s) => s.id === sectionId)!.items.map((i) => i.id);

describe('moving sections and items by keyboard', () => {
  beforeEach(() => {
    current = 's-asks';
    appUndo.clear();
    install();
  });
  afterEach(() => {
    cleanup();
    delete window.briefbook;
    bridge.library.dispose();
  });

  it('Alt+Down moves a card within its section, and undo puts it back', async () => {
    renderBook();
    const card = await screen.findByRole('listitem', { name: /1\. Prior consultation/ });
    fireEvent.keyDown(card, { key: 'ArrowDown', altKey: true });
    await waitFor(() => expect(ids('s-asks')).toEqual(['ask-2', 'ask-1']));
    await screen.findByRole('listitem', { name: /1\. Keep enough troops/ });
    await act(async () => {
      await appUndo.undo();
    });
    expect(ids('s-asks')).toEqual(['ask-1', 'ask-2']);
  });

  it('Alt+Down on the last card carries it into the next section', async () => {
    const view = renderBook();
    const card = await screen.findByRole('listitem', { name: /2\. Keep enough troops/ });
    fireEvent.keyDown(card, { key: 'ArrowDown', altKey: true });
    await waitFor(() => expect(ids('s-red')).toEqual(['ask-2', 'rl-1']));
    expect(ids('s-asks')).toEqual(['ask-1']);
    expect(current).toBe('s-red');
    view.rerender();
    await screen.findByRole('listitem', { name: /1\. Keep enough troops/ });
  });

  it('Alt+Up on a section moves it up, Delete on a card removes it (and undo adds it back in place)', async () => {
    renderBook();
    const red = await screen.findByRole('button', { name: /^Red lines/ });
    fireEvent.keyDown(red, { key: 'ArrowUp', altKey: true });
    await waitFor(() => expect(order()).toEqual(['Red lines', 'Our asks', 'Background']));
    const card = await screen.findByRole('listitem', { name: /1\. Prior consultation/ });
    fireEvent.keyDown(card, { key: 'Delete' });
    await waitFor(() => expect(ids('s-asks')).toEqual(['ask-2']));
    expect(bridge.library.service['items.get']({ id: 'ask-1' }).title).toBe('Prior consultation on North Korea');
    await act(async () => {
      await appUndo.undo();
    });
    expect(ids('s-asks')).toEqual(['ask-1', 'ask-2']);
    await act(async () => {
      await appUndo.undo();
    });
    expect(order()).toEqual(['Our asks', 'Red lines', 'Background']);
  });

  it('shows the next step in an empty section', async () => {
    current = 's-bg';
    renderBook();
    await screen.findByText('This section is empty');
    expect(screen.getAllByRole('button', { name: 'Add items…' }).length).toBeGreaterThan(0);
  });
});

describe('a Word paper dropped on a section of the whole-book view', () => {
  /** the files the main process was asked to read, by name and size */
  const read: string[] = [];
  beforeEach(() => {
    current = 's-asks';
    appUndo.clear();
    install();
    read.length = 0;
    // reading the .docx is the main process's (shell-service.test.ts); here it reads as two headings
    window.briefbook = {
      ...bridge.api,
      'files.previewDocx': async (input): Promise<DocxPreview> => {
        if (input.file === undefined) return { cancelled: true };
        read.push(`${input.file.name} ${input.file.bytes.length}`);
        return { cancelled: false, fileName: input.file.name, items: [{ title: 'No deal on troop levels', body: 'Not at this meeting.' }, { title: 'No linkage to trade', body: 'Said twice.' }] };
      },
    };
  });
  afterEach(() => {
    cleanup();
    delete window.briefbook;
    bridge.library.dispose();
  });

  /** a drag from the desktop: its types say it carries files */
  const carrying = (files: File[]) => ({ dataTransfer: { types: ['Files'], files, dropEffect: 'none' } });

  it('outlines the section a .docx is over, and imports the paper into that section, not the one shown before', async () => {
    renderBook();
    fireEvent.click(await screen.findByRole('button', { name: 'Whole book' }));
    const whole = await screen.findByRole('region', { name: 'The whole book' });
    const red = within(whole).getByRole('region', { name: 'Red lines' });
    const asks = within(whole).getByRole('region', { name: 'Our asks' });
    const paper = new File([new Uint8Array([80, 75, 3, 4])], 'red-lines.docx');

    // the same drop indication as the one-section view, on the section under the file only
    fireEvent.dragOver(red, carrying([paper]));
    expect(red.classList.contains('file-over')).toBe(true);
    expect(asks.classList.contains('file-over')).toBe(false);
    fireEvent.dragLeave(red, { relatedTarget: document.body });
    expect(red.classList.contains('file-over')).toBe(false);
    // the cards' own dragging carries no files: not a drop target for it
    fireEvent.dragOver(red, { dataTransfer: { types: ['text/plain'], files: [] } });
    expect(red.classList.contains('file-over')).toBe(false);

    fireEvent.dragOver(red, carrying([paper]));
    fireEvent.drop(red, carrying([paper]));
    expect(red.classList.contains('file-over')).toBe(false);
    const preview = await screen.findByRole('dialog', { name: 'Import a Word file into Red lines' });
    await within(preview).findByRole('list', { name: 'Items from red-lines.docx' });
    expect(read).toEqual(['red-lines.docx 4']);
    fireEvent.click(within(preview).getByRole('button', { name: 'Import 2 items' }));
    await waitFor(() => expect(ids('s-red').length).toBe(3));
    const added = stored().find((s) => s.id === 's-red')!.items.slice(1);
    expect(added.map((i) => [i.title, i.kind])).toEqual([
      ['No deal on troop levels', 'red_line'],
      ['No linkage to trade', 'red_line'],
    ]);
    expect(ids('s-asks')).toEqual(['ask-1', 'ask-2']);
  });

  it('offers “Import Word file…” in each section’s head, which asks the main process for the file', async () => {
    renderBook();
    fireEvent.click(await screen.findByRole('button', { name: 'Whole book' }));
    const whole = await screen.findByRole('region', { name: 'The whole book' });
    fireEvent.click(within(within(whole).getByRole('region', { name: 'Background' })).getByRole('button', { name: 'Import Word file…' }));
    // the open dialog is cancelled here: the preview closes itself, nothing is written
    await screen.findByRole('dialog', { name: 'Import a Word file into Background' });
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Import a Word file into Background' })).toBeNull());
    expect(ids('s-bg')).toEqual([]);
  });
});
