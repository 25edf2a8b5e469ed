// @vitest-environment jsdom
/**
 * The live preview pane's paging against a worker the test answers by hand, so that a late
 * answer (a re-flow, the editor's save coming back, a refetched book) can be delivered exactly
 * when it came under CI's load: after the user pressed ‹. A page the user turned to stays until
 * the user edits again; ‹ and › count from it; the pane is settled by its newest request only.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import type { BookContent, ItemUsage } from '../../../shared/contract';
import { DEFAULT_MARKINGS, type ExchangeItem } from '../../../shared/domain';
import { createQueryClient } from '../../lib/api';
import type { FromPreviewWorker, PreviewFocus } from './preview-protocol';
import LivePreview from './LivePreview';

/** The fake worker: the requests as the pane sent them; the test answers them. */
const worker = vi.hoisted(() => ({
  jobs: 0,
  requests: [] as { job: number; type: 'book' | 'edit' | 'show'; focus: PreviewFocus; body?: string }[],
  listeners: new Set<(message: FromPreviewWorker) => void>(),
}));

vi.mock('./preview-client', () => {
  const request = (type: 'book' | 'edit' | 'show', focus: PreviewFocus, body?: string) => {
    const job = ++worker.jobs;
    worker.requests.push({ job, type, focus, body });
    return job;
  };
  return {
    previewRequests: {
      book: (_content: unknown, _options: unknown, focus: PreviewFocus) => request('book', focus),
      edit: (item: { body: string }, focus: PreviewFocus) => request('edit', focus, item.body),
      show: (focus: PreviewFocus) => request('show', focus),
    },
    onPreviewMessage: (listener: (message: FromPreviewWorker) => void) => {
      worker.listeners.add(listener);
      return () => worker.listeners.delete(listener);
    },
  };
});

// the "PDF" of a page is its text; pdf.js reads it back as the page's one text run
vi.mock('pdfjs-dist', () => ({
  getDocument: ({ data }: { data: Uint8Array }) => ({
    promise: Promise.resolve({
      getPage: async () => ({ getTextContent: async () => ({ items: [{ str: new TextDecoder().decode(data) }] }) }),
      destroy: async () => undefined,
    }),
  }),
}));
vi.mock('./PdfPreview', () => ({ PageCanvas: () => null }));

globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};

const item: ExchangeItem = { id: 'tp-1', kind: 'talking_point', title: 'Shipbuilding quotas', body: 'Hold the line.', classification: 'U', status: 'cleared' };
const content: BookContent = {
  markings: DEFAULT_MARKINGS,
  book: { id: 'summit', title: 'Summit', sections: [{ id: 's1', title: 'Talking points', items: [item.id] }] },
  items: [item],
  itemVersions: { [item.id]: 1 },
};

/**
 * The book as the fake lays it out: 9 pages, the item on page 5, every page's anchor its own
 * number; `shift` pages come before all of them once text is added above.
 */
const book = { pages: 9, itemPage: 5, shift: 0 };

function pageFor(focus: PreviewFocus): number {
  if ('itemId' in focus) return book.itemPage + book.shift;
  if (focus.anchor !== undefined) return Number(focus.anchor.itemId.replace('page-', '')) + book.shift;
  return Math.min(book.pages + book.shift, Math.max(1, focus.page));
}

function deliver(message: FromPreviewWorker) {
  act(() => {
    for (const listener of worker.listeners) listener(message);
  });
}

/** The worker's answer to one request: its page, then the settled book. */
function answer(job: number, { settle = true } = {}) {
  const request = worker.requests.find((r) => r.job === job);
  if (request === undefined) throw new Error(`no request ${job}`);
  const pageNumber = pageFor(request.focus);
  const bodies = worker.requests.filter((r) => r.job <= job && r.body !== undefined);
  const words = pageNumber === book.itemPage + book.shift ? `the item page: ${bodies[bodies.length - 1]?.body ?? ''}` : `page ${pageNumber - book.shift} of the book`;
  deliver({ type: 'page', job, bytes: new TextEncoder().encode(words), pageNumber, pageCount: book.pages + book.shift, anchor: { itemId: `page-${pageNumber - book.shift}`, nth: 0 } });
  if (settle) deliver({ type: 'settled', job, pageCount: book.pages + book.shift });
}
const newest = () => worker.requests[worker.requests.length - 1];

/** Lets the pane take in an answer already delivered: the fakes' promises are all resolved, only their callbacks are left to run. */
async function drain() {
  await act(async () => {
    for (let i = 0; i < 20; i += 1) await Promise.resolve();
  });
}

let client: QueryClient;
let contentCalls: number;

function open() {
  client = createQueryClient();
  contentCalls = 0;
  window.briefbook = {
    'items.usedIn': async () => [{ bookId: 'summit', bookTitle: 'Summit', sectionId: 's1', sectionTitle: 'Talking points' }] satisfies ItemUsage[],
    // the book as stored: each refetch follows a save, which stored a new version of the item
    'books.content': async () => {
      contentCalls += 1;
      return { ...structuredClone(content), itemVersions: { [item.id]: contentCalls } };
    },
  };
  const view = render(
    <QueryClientProvider client={client}>
      <LivePreview item={item} edits={0} scheme={DEFAULT_MARKINGS} onClose={() => undefined} />
    </QueryClientProvider>,
  );
  let edits = 0;
  const show = (next: ExchangeItem) =>
    view.rerender(
      <QueryClientProvider client={client}>
        <LivePreview item={next} edits={edits} scheme={DEFAULT_MARKINGS} onClose={() => undefined} />
      </QueryClientProvider>,
    );
  return {
    /** the user edits the item: the editor counts the edit */
    type: (next: ExchangeItem) => {
      edits += 1;
      show(next);
    },
    /** the save comes back: the editor's item is rebuilt from the saved record, no edit counted */
    saved: show,
  };
}

const pane = () => screen.getByRole('complementary', { name: 'Page preview' });
const nav = () => within(pane()).getByText(/^Page \d+ of \d+/).textContent ?? '';
const text = () => screen.getByTestId('preview-text').textContent ?? '';
const busy = () => pane().querySelector('figure')?.getAttribute('aria-busy');
const press = (name: string) => fireEvent.click(within(pane()).getByRole('button', { name }));

/** Opens the pane and shows the item's page of the settled book. */
async function opened() {
  const view = open();
  await waitFor(() => expect(worker.requests.some((r) => r.type === 'book')).toBe(true));
  answer(newest().job);
  await waitFor(() => expect(nav()).toBe('Page 5 of 9'));
  expect(busy()).toBe('false');
  return view;
}

beforeEach(() => {
  worker.jobs = 0;
  worker.requests.length = 0;
  Object.assign(book, { pages: 9, itemPage: 5, shift: 0 });
});

afterEach(() => {
  cleanup();
  delete window.briefbook;
});

describe('the live preview pane’s paging', () => {
  it('keeps the page turned to when the editor’s save comes back: the item rebuilt from the saved record (its new status) and the refetched book', async () => {
    const { saved } = await opened();
    press('Previous page');
    answer(newest().job);
    await waitFor(() => expect(nav()).toBe('Page 4 of 9'));
    expect(text()).toBe('page 4 of the book');

    // the save lands after the page turned: the editor's item is rebuilt from the saved record (a
    // new object; here with the status the save gave it), and the book is refetched
    const before = worker.requests.length;
    saved({ ...item, status: 'in_review' });
    await act(() => client.invalidateQueries({ queryKey: ['books.content'] }));
    await waitFor(() => expect(contentCalls).toBe(2));
    await waitFor(() => expect(worker.requests.length).toBeGreaterThan(before));
    // the worker re-flows the refetched book and answers its newest request
    answer(newest().job);
    await drain();
    expect(nav()).toBe('Page 4 of 9');
    expect(text()).toBe('page 4 of the book');
    expect(busy()).toBe('false');

    // › then counts from there
    press('Next page');
    expect(newest().focus).toEqual({ page: 5 });
  });

  it('follows the content of the page turned to when the refetched book moved it', async () => {
    const { saved } = await opened();
    press('Previous page');
    press('Previous page');
    answer(newest().job);
    await waitFor(() => expect(nav()).toBe('Page 3 of 9'));

    // someone added two pages' worth of text above it elsewhere: the refetched book carries it
    book.shift = 2;
    const before = worker.requests.length;
    saved({ ...item });
    await act(() => client.invalidateQueries({ queryKey: ['books.content'] }));
    await waitFor(() => expect(worker.requests.length).toBeGreaterThan(before));
    answer(newest().job);
    await waitFor(() => expect(nav()).toBe('Page 5 of 11'));
    expect(text()).toBe('page 3 of the book');
    // and ‹ goes on from where it is now
    press('Previous page');
    expect(newest().focus).toEqual({ page: 4 });
  });

  it('counts ‹ from the page turned to, not from a late answer to the edit before it, and is not settled by that answer', async () => {
    const { type } = await opened();
    // the user types: the edit's job is laid out while the user presses ‹
    type({ ...item, body: 'Hold the line twice.' });
    const edit = newest();
    expect(edit).toMatchObject({ type: 'edit', focus: { itemId: item.id } });
    press('Previous page');
    expect(newest().focus).toEqual({ page: 4 });
    // the edit's page and its re-flow come in late, after the press
    answer(edit.job);
    await drain();
    expect(busy()).toBe('true');
    press('Previous page');
    expect(newest().focus).toEqual({ page: 3 });
    answer(newest().job);
    await waitFor(() => expect(nav()).toBe('Page 3 of 9'));
    expect(busy()).toBe('false');
  });

  it('goes back to the item’s page on the next edit, and on “The item’s page”', async () => {
    const { type } = await opened();
    press('Previous page');
    answer(newest().job);
    await waitFor(() => expect(nav()).toBe('Page 4 of 9'));
    type({ ...item, body: 'Hold the line, and say so.' });
    expect(newest()).toMatchObject({ type: 'edit', focus: { itemId: item.id } });
    answer(newest().job);
    await waitFor(() => expect(nav()).toBe('Page 5 of 9'));
    expect(text()).toBe('the item page: Hold the line, and say so.');

    press('Next page');
    answer(newest().job);
    await waitFor(() => expect(nav()).toBe('Page 6 of 9'));
    press('The item’s page');
    expect(newest().focus).toEqual({ itemId: item.id });
    answer(newest().job);
    await waitFor(() => expect(nav()).toBe('Page 5 of 9'));
  });
});
