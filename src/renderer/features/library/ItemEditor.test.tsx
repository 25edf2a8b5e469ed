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
  clearanceState: 'draft',
  contentHash: `sha256:${'0'.repeat(64)}`,
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
  // the editor is a lazily loaded chunk: on a loaded machine it takes more than findBy's default second
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
  beforeAll(async () => {
    installLayoutStubs();
    // the editor is a lazily loaded chunk: load it once here, so a busy machine's first
    // transform of it does not count against each test's wait for the body field
    await import('./rich-text/RichTextEditor');
  });
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
    await screen.findByText(/^Saved \d{1,2}:\d\d:\d\d( [AP]M)?$/);
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

  it('edits the pocket card line as one line and saves it with the item', async () => {
    renderEditor();
    await body();
    const field = screen.getByRole('textbox', { name: 'Card line' });
    // a text input holds one line: the browser itself drops line breaks from its value
    fireEvent.change(field, { target: { value: 'No deal on flexibility today.' } });
    expect((field as HTMLInputElement).value).toBe('No deal on flexibility today.');
    await waitFor(() => expect(saves).toHaveLength(1), { timeout: 3000 });
    expect(saves[0].input.item.cardLine).toBe('No deal on flexibility today.');
  });

  it('edits the due date and saves it with the item; emptied, the save carries none', async () => {
    renderEditor();
    await body();
    const field = screen.getByLabelText('Due');
    fireEvent.change(field, { target: { value: '2026-12-01' } });
    await waitFor(() => expect(saves).toHaveLength(1), { timeout: 3000 });
    expect(saves[0].input.item.due).toBe('2026-12-01');
    await act(async () => saves[0].resolve({ ...RED_LINE, due: '2026-12-01', version: 4 }));
    fireEvent.change(field, { target: { value: '' } });
    await waitFor(() => expect(saves).toHaveLength(2), { timeout: 3000 });
    expect(saves[1].input.item).not.toHaveProperty('due');
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

  it('with the title cleared, saves the body and everything else under the last stored title, and says so', async () => {
    renderEditor();
    const text = await body();
    fireEvent.change(screen.getByLabelText('Title'), { target: { value: '  ' } });
    retype(text, 'Hold vice-ministerial talks twice a year.');
    await waitFor(() => expect(saves).toHaveLength(1), { timeout: 3000 });
    expect(saves[0].input.item).toMatchObject({ title: RED_LINE.title, body: 'Hold vice-ministerial talks twice a year.' });
    await act(async () => saves[0].resolve({ ...RED_LINE, body: saves[0].input.item.body, version: 4 }));
    await screen.findByText(`· the title stays “${RED_LINE.title}” until you type one`, { exact: false });
    expect((screen.getByLabelText('Title') as HTMLInputElement).placeholder).toBe(RED_LINE.title);
    expect(screen.queryByText(/A title is needed/)).toBeNull();
  });

  it('saves a paragraph typed under an empty title when the editor closes before the autosave', async () => {
    renderEditor();
    const text = await body();
    fireEvent.change(screen.getByLabelText('Title'), { target: { value: '' } });
    retype(text, 'Coordinate at the UN.');
    expect(saves).toHaveLength(0);
    cleanup();
    await waitFor(() => expect(saves).toHaveLength(1));
    expect(saves[0].input.item).toMatchObject({ title: RED_LINE.title, body: 'Coordinate at the UN.' });
  });

  it('writes the Korean translation in the same rich-text editor, saved as Briefbook text', async () => {
    renderEditor();
    await body();
    fireEvent.click(screen.getByRole('tab', { name: 'Korean' }));
    const korean = await screen.findByRole('textbox', { name: 'Korean text (한국어 본문)' }, { timeout: 15_000 });
    expect(korean.getAttribute('lang')).toBe('ko');
    retype(korean, '전략적 유연성은 실무 수준에서 다룬다.');
    select(korean, '실무');
    fireEvent.click(screen.getByRole('button', { name: 'Bold (Ctrl+B)' }));
    expect(textOf(korean)).toBe('전략적 유연성은 **실무** 수준에서 다룬다.');
    await waitFor(() => expect(saves).toHaveLength(1), { timeout: 3000 });
    expect(saves[0].input.item.translations).toEqual({ ko: { body: '전략적 유연성은 **실무** 수준에서 다룬다.' } });
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

