// @vitest-environment jsdom
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import type { ItemDraft, ItemRecord } from '../../../shared/contract';
import { DEFAULT_MARKINGS } from '../../../shared/domain';
import { SETTINGS, type SettingKey } from '../../../shared/settings';
import { createQueryClient } from '../../lib/api';
import { ItemEditor } from './ItemEditor';
import { caretToEnd, installLayoutStubs, selectWord, textOf, typeText, viewOf } from './rich-text/test-kit';

const RED_LINE: ItemRecord = {
  id: 'rl-flex',
  kind: 'red_line',
  title: 'No leader-level deal on strategic flexibility',
  body: 'Keep the details at the working level.',
  classification: 'C',
  status: 'draft',
  version: 3,
  createdAt: '2025-08-20T09:00:00.000Z',
  updatedAt: '2025-08-21T09:00:00.000Z',
  deleted: false,
};

interface Pending {
  input: { item: ItemDraft; baseVersion?: number };
  resolve: (record: ItemRecord) => void;
  reject: (error: Error) => void;
}

let saves: Pending[];

function install() {
  saves = [];
  window.briefbook = {
    'items.get': async () => RED_LINE,
    'library.info': async () => ({
      fileName: 'desk.briefbook',
      path: '/x/desk.briefbook',
      schemaVersion: 1,
      itemCount: 1,
      bookCount: 0,
      encrypted: false,
      readOnly: false,
      markings: DEFAULT_MARKINGS,
      lastExport: null,
      offerSample: false,
    }),
    'items.facets': async () => ({ total: 1, kinds: [], statuses: [], classifications: [], topics: [], tags: [] }),
    'settings.get': async ({ key }: { key: SettingKey }) => SETTINGS[key].default,
    'items.history': async () => [],
    'items.usedIn': async () => [],
    'items.list': async () => ({ rows: [], total: 0 }),
    'search.query': async () => [],
    'books.list': async () => [],
    'exports.list': async () => [],
    'items.save': (input) =>
      new Promise<ItemRecord>((resolve, reject) => {
        saves.push({ input: input as Pending['input'], resolve, reject });
      }),
  };
}

function renderEditor() {
  const client = createQueryClient();
  render(
    <QueryClientProvider client={client}>
      <ItemEditor itemId="rl-flex" layout="inspector" onOpenBook={() => undefined} onDeleted={() => undefined} />
    </QueryClientProvider>,
  );
}

async function body(): Promise<HTMLElement> {
  // the rich-text editor is loaded lazily: its first load on a busy machine can outlast findBy's default second
  return screen.findByRole('textbox', { name: 'Body' }, { timeout: 15_000 });
}

function select(el: HTMLElement, word: string) {
  act(() => selectWord(viewOf(el), word));
}

/** Replaces the body's text as a writer would: select all, type. */
function retype(el: HTMLElement, text: string) {
  act(() => {
    const view = viewOf(el);
    caretToEnd(view);
    view.dispatch(view.state.tr.delete(0, view.state.doc.content.size));
    typeText(view, text);
  });
}

describe('the item editor', () => {
  beforeAll(installLayoutStubs);
  beforeEach(install);
  afterEach(() => {
    cleanup();
    delete window.briefbook;
  });

  it('says "Saved" only after the main process confirmed the write', async () => {
    renderEditor();
    const text = await body();
    act(() => {
      caretToEnd(viewOf(text));
      typeText(viewOf(text), ' Raise it only if asked.');
    });
    expect(screen.getByText('Unsaved changes')).toBeTruthy();
    await waitFor(() => expect(saves).toHaveLength(1), { timeout: 3000 });
    expect(saves[0].input.baseVersion).toBe(3);
    expect(saves[0].input.item).toMatchObject({ id: 'rl-flex', body: `${RED_LINE.body} Raise it only if asked.`, status: 'draft' });
    expect(screen.getByText('Saving…')).toBeTruthy();
    expect(screen.queryByText(/^Saved \d/)).toBeNull();
    await act(async () => saves[0].resolve({ ...RED_LINE, body: saves[0].input.item.body, version: 4 }));
    await screen.findByText(/^Saved \d\d:\d\d:\d\d$/);
  });

  it('shows a failed save in words and keeps the text', async () => {
    renderEditor();
    const text = await body();
    retype(text, 'A newer draft');
    await waitFor(() => expect(saves).toHaveLength(1), { timeout: 3000 });
    await act(async () => saves[0].reject(Object.assign(new Error('[conflict] "No leader-level deal" was saved by someone else.'), { code: 'conflict' })));
    await screen.findByText(/Not saved: This item was changed elsewhere/);
    expect(textOf(text)).toBe('A newer draft');
    expect(screen.queryByText(/at \w+ \(/)).toBeNull();
  });

  it('bolds, italicises and lists through the toolbar and its shortcuts', async () => {
    renderEditor();
    const text = await body();
    select(text, 'details');
    fireEvent.click(screen.getByRole('button', { name: 'Bold (Ctrl+B)' }));
    expect(text.querySelector('strong')?.textContent).toBe('details');
    expect(textOf(text)).toBe('Keep the **details** at the working level.');
    select(text, 'working');
    fireEvent.keyDown(text, { key: 'i', code: 'KeyI', ctrlKey: true });
    expect(textOf(text)).toBe('Keep the **details** at the *working* level.');
    fireEvent.keyDown(text, { key: '*', code: 'Digit8', keyCode: 56, ctrlKey: true, shiftKey: true });
    expect(textOf(text)).toBe('- Keep the **details** at the *working* level.');
    expect(screen.getByRole('region', { name: 'Preview' }).querySelector('li strong')?.textContent).toBe('details');
  });

  it('undoes and redoes edits with Ctrl+Z and Ctrl+Shift+Z, and saves what it lands on', async () => {
    renderEditor();
    const text = await body();
    const title = screen.getByLabelText('Title') as HTMLInputElement;
    select(text, 'details');
    fireEvent.click(screen.getByRole('button', { name: 'Bold (Ctrl+B)' }));
    fireEvent.change(title, { target: { value: 'No deal on strategic flexibility' } });
    fireEvent.keyDown(title, { key: 'z', ctrlKey: true });
    expect(title.value).toBe(RED_LINE.title);
    expect(textOf(text)).toContain('**details**');
    fireEvent.keyDown(text, { key: 'z', ctrlKey: true });
    expect(textOf(text)).toBe(RED_LINE.body);
    fireEvent.keyDown(text, { key: 'Z', ctrlKey: true, shiftKey: true });
    fireEvent.keyDown(text, { key: 'Z', ctrlKey: true, shiftKey: true });
    expect(title.value).toBe('No deal on strategic flexibility');
    expect(textOf(text)).toContain('**details**');
    await waitFor(() => expect(saves).toHaveLength(1), { timeout: 3000 });
    expect(saves[0].input.item).toMatchObject({ title: 'No deal on strategic flexibility', body: 'Keep the **details** at the working level.' });
  });

  it('saves a typed “REL TO USA, KOR” as one caveat, and the portion mark reads it whole', async () => {
    renderEditor();
    await body();
    const other = screen.getByRole('textbox', { name: 'Add caveat' });
    // typed key by key, as a user does: the comma must not cut the caveat in two
    const typed = 'REL TO USA, KOR';
    for (let i = 1; i <= typed.length; i++) fireEvent.change(other, { target: { value: typed.slice(0, i) } });
    fireEvent.keyDown(other, { key: 'Enter' });
    expect(screen.getByTitle('Portion mark (C//REL TO USA, KOR)')).toBeTruthy();
    await waitFor(() => expect(saves).toHaveLength(1), { timeout: 3000 });
    expect(saves[0].input.item.caveats).toEqual(['REL TO USA, KOR']);
  });

  it('previews the portion mark the PDF prints, and none when the scheme prints none', async () => {
    renderEditor();
    await body();
    expect(within(screen.getByRole('region', { name: 'Preview' })).getByRole('heading').textContent).toBe(`(C) ${RED_LINE.title}`);
    cleanup();
    const info = await window.briefbook!['library.info']!({});
    window.briefbook!['library.info'] = async () => ({ ...info, markings: { ...DEFAULT_MARKINGS, portionMarks: false } });
    renderEditor();
    await body();
    expect(within(screen.getByRole('region', { name: 'Preview' })).getByRole('heading').textContent?.trim()).toBe(RED_LINE.title);
  });

  it('does not save an item without a title, and says why', async () => {
    renderEditor();
    await body();
    fireEvent.change(screen.getByLabelText('Title'), { target: { value: '  ' } });
    await screen.findByText('A title is needed before the item can be saved.', undefined, { timeout: 3000 });
    expect(saves).toHaveLength(0);
  });

  it('purges the item after the native confirmation, with the name of who did it; Cancel leaves it', async () => {
    install();
    const purges: unknown[] = [];
    let answer: 'yes' | 'cancel' = 'cancel';
    Object.assign(window.briefbook!, {
      'settings.get': async ({ key }: { key: SettingKey }) => (key === 'userName' ? 'Desk officer' : SETTINGS[key].default),
      'items.purge': async (input: unknown) => {
        purges.push(input);
        if (answer === 'cancel') throw Object.assign(new Error('[cancelled] Nothing was changed: it was not confirmed.'), { code: 'cancelled' });
        return { purgedAt: '2026-12-01T05:00:00.000Z', backupsPurged: 2, backupsLeft: [] };
      },
    });
    let deleted = 0;
    const client = createQueryClient();
    render(
      <QueryClientProvider client={client}>
        <ItemEditor itemId="rl-flex" layout="inspector" onOpenBook={() => undefined} onDeleted={() => (deleted += 1)} />
      </QueryClientProvider>,
    );
    const purge = await screen.findByRole('button', { name: 'Purge…' });
    await waitFor(() => expect(screen.queryByDisplayValue(RED_LINE.title)).not.toBeNull());
    fireEvent.click(purge);
    await waitFor(() => expect(purges).toEqual([{ id: 'rl-flex', by: 'Desk officer' }]));
    expect(deleted).toBe(0);
    answer = 'yes';
    fireEvent.click(purge);
    await waitFor(() => expect(deleted).toBe(1));
    expect(purges).toHaveLength(2);
  });
});

