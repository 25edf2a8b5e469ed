// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import type { BookDetail, ItemRow } from '../../../shared/contract';
import { DEFAULT_MARKINGS } from '../../../shared/domain';
import { createQueryClient } from '../../lib/api';
import { appUndo } from '../../lib/undo-stack';
import { BookView } from './BookView';

function row(id: string, title: string, kind: ItemRow['kind']): ItemRow {
  return { id, kind, title, topic: null, tags: [], classification: 'U', caveats: [], status: 'cleared', owner: null, version: 1, updatedAt: '2025-08-20T09:00:00.000Z', excerpt: '', usedIn: 1 };
}

let sections: { id: string; title: string; items: ItemRow[] }[];
let calls: { method: string; input: Record<string, unknown> }[];

function detail(): BookDetail {
  return {
    book: { id: 'summit', title: 'Summit with President Trump' },
    sections: sections.map((s) => ({ ...s, items: [...s.items] })),
    overallMarking: 'UNCLASSIFIED',
    overallLevel: 'U',
    clearance: { total: 3, cleared: 3, notCleared: [] },
    updatedAt: '2025-08-20T09:00:00.000Z',
  };
}

/** A small store for one book: enough of the contract for moves, with the store's index rule. */
function install() {
  sections = [
    { id: 's-asks', title: 'Our asks', items: [row('ask-1', 'Prior consultation on North Korea', 'ask'), row('ask-2', 'Keep enough troops', 'ask')] },
    { id: 's-red', title: 'Red lines', items: [row('rl-1', 'No leader-level deal on flexibility', 'red_line')] },
    { id: 's-bg', title: 'Background', items: [] },
  ];
  calls = [];
  const record = (method: string) => (input: unknown) => {
    calls.push({ method, input: input as Record<string, unknown> });
    return Promise.resolve(detail());
  };
  window.briefbook = {
    'books.get': async () => detail(),
    'library.info': async () => ({ fileName: 'desk.briefbook', path: '/x', schemaVersion: 1, itemCount: 3, bookCount: 1, encrypted: false, readOnly: false, markings: DEFAULT_MARKINGS, lastExport: null, offerSample: false }),
    'books.list': async () => [],
    'items.list': async () => ({ rows: [], total: 0 }),
    'items.facets': async () => ({ total: 3, kinds: [], statuses: [], classifications: [], topics: [], tags: [] }),
    'exports.list': async () => [],
    'books.reorderSections': (input) => {
      const order = (input as { sectionIds: string[] }).sectionIds;
      sections = order.map((id) => sections.find((s) => s.id === id)!);
      return record('books.reorderSections')(input);
    },
    'sections.moveItem': (input) => {
      const { itemId, fromSectionId, toSectionId, index } = input as { itemId: string; fromSectionId: string; toSectionId: string; index: number };
      const from = sections.find((s) => s.id === fromSectionId)!;
      const item = from.items.find((i) => i.id === itemId)!;
      from.items = from.items.filter((i) => i.id !== itemId);
      const to = sections.find((s) => s.id === toSectionId)!;
      to.items.splice(Math.min(index, to.items.length), 0, item);
      return record('sections.moveItem')(input);
    },
    'sections.removeItem': (input) => {
      const { sectionId, itemId } = input as { sectionId: string; itemId: string };
      const section = sections.find((s) => s.id === sectionId)!;
      section.items = section.items.filter((i) => i.id !== itemId);
      return record('sections.removeItem')(input);
    },
    'sections.addItems': (input) => {
      const { sectionId, itemIds, index } = input as { sectionId: string; itemIds: string[]; index?: number };
      const section = sections.find((s) => s.id === sectionId)!;
      section.items.splice(index ?? section.items.length, 0, ...itemIds.map((id) => row(id, id, 'ask')));
      return record('sections.addItems')(input);
    },
  };
}

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

const order = () => sections.map((s) => s.title);
const ids = (sectionId: string) => sections.find((s) => s.id === sectionId)!.items.map((i) => i.id);

describe('moving sections and items by keyboard', () => {
  beforeEach(() => {
    current = 's-asks';
    appUndo.clear();
    install();
  });
  afterEach(() => {
    cleanup();
    delete window.briefbook;
  });

  it('Alt+Down moves a card within its section, and undo puts it back', async () => {
    renderBook();
    const card = await screen.findByRole('listitem', { name: /1\. Prior consultation/ });
    fireEvent.keyDown(card, { key: 'ArrowDown', altKey: true });
    await waitFor(() => expect(ids('s-asks')).toEqual(['ask-2', 'ask-1']));
    expect(calls.at(-1)).toEqual({ method: 'sections.moveItem', input: { bookId: 'summit', itemId: 'ask-1', fromSectionId: 's-asks', toSectionId: 's-asks', index: 1 } });
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
    expect(calls.at(-1)?.input).toEqual({ bookId: 'summit', sectionIds: ['s-red', 's-asks', 's-bg'] });
    const card = await screen.findByRole('listitem', { name: /1\. Prior consultation/ });
    fireEvent.keyDown(card, { key: 'Delete' });
    await waitFor(() => expect(ids('s-asks')).toEqual(['ask-2']));
    await act(async () => {
      await appUndo.undo();
    });
    expect(calls.at(-1)).toEqual({ method: 'sections.addItems', input: { bookId: 'summit', sectionId: 's-asks', itemIds: ['ask-1'], index: 0 } });
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
