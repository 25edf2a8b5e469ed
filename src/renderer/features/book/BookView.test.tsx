// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
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
