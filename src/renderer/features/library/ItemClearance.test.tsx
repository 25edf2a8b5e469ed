// @vitest-environment jsdom
/**
 * Clearance bound to the text, in the item editor: editing a cleared item's title withdraws its
 * clearance (the store says so by answering In review); a notice says it, and its Undo restores
 * the cleared version. An item cleared on other words shows "Changed since cleared".
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import type { ItemDraft, ItemRecord } from '../../../shared/contract';
import { DEFAULT_MARKINGS } from '../../../shared/domain';
import { SETTINGS, type SettingKey } from '../../../shared/settings';
import { createQueryClient } from '../../lib/api';
import { dismissAll } from '../../lib/notices';
import { appUndo } from '../../lib/undo-stack';
import { Notices } from '../../app/Notices';
import { ItemEditor } from './ItemEditor';

const HASH = `sha256:${'a'.repeat(64)}`;
const CLEARED: ItemRecord = {
  id: 'rl-flex',
  kind: 'red_line',
  title: 'No leader-level deal on strategic flexibility',
  body: 'Keep the details at the working level.',
  classification: 'C',
  status: 'cleared',
  clearance: { by: 'J. Park', at: '2026-11-30T09:00:00.000Z', contentHash: HASH },
  version: 3,
  createdAt: '2025-08-20T09:00:00.000Z',
  updatedAt: '2026-11-30T09:00:00.000Z',
  deleted: false,
  clearanceState: 'cleared',
  contentHash: HASH,
};

let current: ItemRecord;
let saves: { item: ItemDraft; baseVersion?: number }[];
let restores: { id: string; version: number }[];

function install() {
  current = CLEARED;
  saves = [];
  restores = [];
  window.briefbook = {
    'items.get': async () => current,
    'library.info': async () => ({
      fileName: 'desk.briefbook', path: '/x/desk.briefbook', schemaVersion: 3, itemCount: 1, bookCount: 0,
      encrypted: false, readOnly: false, markings: DEFAULT_MARKINGS, lastExport: null, offerSample: false,
    }),
    'items.facets': async () => ({ total: 1, kinds: [], statuses: [], classifications: [], topics: [], tags: [] }),
    'settings.get': async ({ key }: { key: SettingKey }) => SETTINGS[key].default,
    'settings.set': async () => ({ ok: true as const }),
    'items.history': async () => [],
    'items.usedIn': async () => [],
    'items.list': async () => ({ rows: [], total: 0 }),
    'books.list': async () => [],
    'exports.list': async () => [],
    // the store: a new title on a cleared item withdraws its clearance
    'items.save': async (input) => {
      const { item, baseVersion } = input as { item: ItemDraft; baseVersion?: number };
      saves.push({ item, baseVersion });
      const { clearance: _gone, ...rest } = current;
      current = { ...rest, ...item, id: 'rl-flex', status: 'in_review', clearanceState: 'in_review', contentHash: `sha256:${'b'.repeat(64)}`, version: current.version + 1 };
      return current;
    },
    'items.restoreVersion': async (input) => {
      const { id, version } = input as { id: string; version: number };
      restores.push({ id, version });
      current = { ...CLEARED, version: current.version + 1 };
      return current;
    },
  };
}

function renderEditor() {
  const client = createQueryClient();
  render(
    <QueryClientProvider client={client}>
      <ItemEditor itemId="rl-flex" layout="inspector" onOpenBook={() => undefined} onDeleted={() => undefined} />
      <Notices />
    </QueryClientProvider>,
  );
}

beforeEach(install);
afterEach(() => {
  cleanup();
  dismissAll();
  appUndo.clear();
  delete window.briefbook;
});

describe('clearance in the item editor', () => {
  it('editing the title of a cleared item says the clearance is withdrawn; Undo restores the cleared version', async () => {
    renderEditor();
    const title = (await screen.findByDisplayValue(CLEARED.title)) as HTMLInputElement;
    expect(screen.getByText('Cleared by J. Park', { exact: false })).toBeTruthy();
    fireEvent.change(title, { target: { value: `${CLEARED.title} (revised)` } });
    const notice = await screen.findByText(/changed after it was cleared: its clearance is withdrawn and it is In review again/, {}, { timeout: 3000 });
    expect(saves).toHaveLength(1);
    expect(saves[0].item).toMatchObject({ title: `${CLEARED.title} (revised)`, status: 'cleared' });
    expect(saves[0].item).not.toHaveProperty('clearance');
    await waitFor(() => expect(screen.getByRole('button', { name: 'In review' }).getAttribute('aria-pressed')).toBe('true'));

    fireEvent.click(within(notice.closest('.notice') as HTMLElement).getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(restores).toEqual([{ id: 'rl-flex', version: 3 }]));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Cleared' }).getAttribute('aria-pressed')).toBe('true'));
    await waitFor(() => expect(title.value).toBe(CLEARED.title));
  });

  it('an item cleared on words it no longer prints shows "Changed since cleared" and who cleared what', async () => {
    current = { ...CLEARED, clearanceState: 'changed', contentHash: `sha256:${'c'.repeat(64)}` };
    window.briefbook!['items.get'] = async () => current;
    renderEditor();
    const note = await screen.findByRole('note');
    expect(note.textContent).toContain('Changed since cleared');
    expect(note.textContent).toContain('Cleared by J. Park');
    expect(note.textContent).toContain('A final export refuses it until it is cleared again');

    // clearing it again clears the text as it is now, recorded with the user's name
    const statuses: unknown[] = [];
    window.briefbook!['items.setStatus'] = async (input) => {
      statuses.push(input);
      current = { ...current, clearanceState: 'cleared', clearance: { by: 'K. Lee', at: '2026-12-01T08:00:00.000Z', contentHash: current.contentHash } };
      return current;
    };
    fireEvent.click(screen.getByRole('button', { name: 'Cleared' }));
    // no step of the workflow holds: it is not cleared as printed
    expect(screen.getByRole('button', { name: 'Cleared' }).getAttribute('aria-pressed')).toBe('false');
    // the status change is recorded with a name: asked for once
    fireEvent.change(await screen.findByLabelText('Your name, recorded with the change'), { target: { value: 'K. Lee' } });
    fireEvent.click(screen.getByRole('button', { name: 'Mark Cleared' }));
    await waitFor(() => expect(statuses).toEqual([{ id: 'rl-flex', status: 'cleared', by: 'K. Lee' }]));
    await screen.findByText('Cleared by K. Lee', { exact: false });
    expect(screen.queryByRole('note')).toBeNull();
    expect(screen.getByRole('button', { name: 'Cleared' }).getAttribute('aria-pressed')).toBe('true');
  });
});

describe('the clearance chain in the item editor', () => {
  it('records the drafter and each clearing office, and says when an office decided on an earlier text', async () => {
    current = { ...CLEARED, clearances: [{ office: 'PM', decision: 'cleared', contentHash: `sha256:${'9'.repeat(64)}` }] };
    window.briefbook!['items.save'] = async (input) => {
      const { item } = input as { item: ItemDraft };
      saves.push({ item });
      current = { ...current, ...item, version: current.version + 1 };
      return current;
    };
    renderEditor();
    await screen.findByDisplayValue(CLEARED.title);
    fireEvent.click(screen.getByRole('tab', { name: 'Clearance' }));
    expect(screen.getByText('Given on an earlier text: this office has not seen the text as it is now.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Drafted by'), { target: { value: 'Korea Desk' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add clearing office' }));
    const second = screen.getByRole('group', { name: 'Office 2' });
    fireEvent.change(within(second).getByLabelText('Office'), { target: { value: 'EAP/K' } });
    fireEvent.change(within(second).getByLabelText('Person'), { target: { value: 'J. Park' } });
    fireEvent.change(within(second).getByLabelText('Decision'), { target: { value: 'for_information' } });
    await waitFor(() => expect(saves.at(-1)?.item).toMatchObject({ drafter: 'Korea Desk', clearances: [{ office: 'PM', decision: 'cleared' }, { office: 'EAP/K', person: 'J. Park', decision: 'for_information' }] }), { timeout: 3000 });
    // the earlier office's decision keeps the text it was made on; the new one has none (the store gives it)
    expect(saves.at(-1)?.item.clearances?.[0].contentHash).toBe(`sha256:${'9'.repeat(64)}`);
    expect(saves.at(-1)?.item.clearances?.[1]).not.toHaveProperty('contentHash');
  });
});
