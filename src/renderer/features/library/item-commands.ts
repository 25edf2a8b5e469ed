/** Writes on items that the app-wide undo stack can take back. */
import type { QueryClient } from '@tanstack/react-query';
import type { ItemRecord, PurgeResult } from '../../../shared/contract';
import { STATUS_LABELS, type ItemKind, type ItemStatus } from '../../../shared/domain';
import { apiKey, call } from '../../lib/api';
import { invalidate } from '../../lib/invalidate';
import { trackWrite } from '../../lib/save-status';
import { AFTER_ITEM_GONE, ITEM_TITLE, type FocusTarget } from '../../lib/focus-target';
import { appUndo } from '../../lib/undo-stack';
import { notify, notifyError } from '../../lib/notices';

/** Focus on an item's title, the item open where the user is. */
const onItem = (itemId: string, selector = ITEM_TITLE): FocusTarget => ({ place: { item: itemId }, selector });
/** The item is gone: its editor closes, focus goes to the list or section it was in. */
const itemGone = (itemId: string): FocusTarget => ({ place: { gone: itemId }, selector: AFTER_ITEM_GONE });

function remember(client: QueryClient, record: ItemRecord): void {
  client.setQueryData(apiKey('items.get', { id: record.id }), record);
}

/** A new draft talking point at the lowest level; undo deletes it again. */
export async function createItem(client: QueryClient, classification: string, kind: ItemKind = 'talking_point'): Promise<ItemRecord> {
  const record = await trackWrite(() =>
    call('items.save', { item: { kind, title: 'Untitled item', body: '', classification, status: 'draft' } }),
  );
  remember(client, record);
  await invalidate(client, 'items.save');
  appUndo.record({
    label: 'New item',
    undo: async () => {
      remember(client, await trackWrite(() => call('items.delete', { id: record.id })));
      await invalidate(client, 'items.delete');
    },
    redo: async () => {
      remember(client, await trackWrite(() => call('items.undelete', { id: record.id })));
      await invalidate(client, 'items.undelete');
    },
    focus: (done) => (done === 'redo' ? onItem(record.id) : itemGone(record.id)),
  });
  return record;
}

export async function deleteItem(client: QueryClient, item: { id: string; title: string }): Promise<void> {
  const del = async () => {
    remember(client, await trackWrite(() => call('items.delete', { id: item.id })));
    await invalidate(client, 'items.delete');
  };
  const undel = async () => {
    remember(client, await trackWrite(() => call('items.undelete', { id: item.id })));
    await invalidate(client, 'items.undelete');
  };
  await appUndo.perform({ label: `Delete “${item.title}”`, redo: del, undo: undel, focus: (done) => (done === 'undo' ? onItem(item.id) : itemGone(item.id)) });
}

/** Moves an item along Draft → In review → Cleared, recording who did it. */
export async function setStatus(client: QueryClient, item: { id: string; title: string; status: ItemStatus }, status: ItemStatus, by: string): Promise<void> {
  const from = item.status;
  const apply = (to: ItemStatus) => async () => {
    remember(client, await trackWrite(() => call('items.setStatus', { id: item.id, status: to, by })));
    await invalidate(client, 'items.setStatus');
  };
  // clearing again an item changed since it was cleared: nothing to go back to (the store never
  // makes an item changed since cleared), so no undo step that would do nothing
  if (from === status) return apply(status)();
  // the chip of the status the undo or redo moved to, named by its status (not "the pressed one",
  // which is still the old chip until the editor draws the new status)
  const chip = (to: ItemStatus) => `.workflow button[data-status="${to}"]`;
  await appUndo.perform({
    label: `Mark “${item.title}” ${STATUS_LABELS[status]}`,
    redo: apply(status),
    undo: apply(from),
    focus: (done) => onItem(item.id, chip(done === 'undo' ? from : status)),
  });
}

/**
 * A save changed what a cleared item prints, so the store withdrew its clearance: say so, with
 * Undo, which restores the cleared version (its text and its clearance); Redo restores the edit.
 */
export function clearanceWithdrawn(client: QueryClient, before: ItemRecord, after: ItemRecord): void {
  const restore = (version: number) => async () => {
    remember(client, await trackWrite(() => call('items.restoreVersion', { id: after.id, version })));
    await invalidate(client, 'items.restoreVersion');
  };
  appUndo.record({ label: `Edit of cleared “${before.title}”`, undo: restore(before.version), redo: restore(after.version) });
  notify(`“${after.title}” changed after it was cleared: its clearance is withdrawn and it is In review again. The cleared text stays in its history.`, {
    action: { label: 'Undo', run: () => void appUndo.undo().catch((error: unknown) => notifyError(error, 'Could not undo')) },
    ms: 12_000,
  });
}

/**
 * Erases an item for good (the main process asks the person in a native dialog first; Cancel
 * answers `cancelled`). Nothing to undo to: earlier undo steps named the item, so they go too.
 */
export async function purgeItem(client: QueryClient, item: { id: string }, by: string): Promise<PurgeResult> {
  const result = await trackWrite(() => call('items.purge', { id: item.id, by }));
  appUndo.clear();
  client.removeQueries({ queryKey: apiKey('items.get', { id: item.id }) });
  await invalidate(client, 'items.purge');
  return result;
}

