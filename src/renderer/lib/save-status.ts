/**
 * The status bar's "Saved 14:02:31": set only when the main process has answered a write, so
 * the time shown is a commit the store confirmed (docs/security.md DUR-2), never an optimistic guess.
 */
import { useSyncExternalStore } from 'react';

export type SaveState =
  | { state: 'idle' }
  | { state: 'saving' }
  | { state: 'saved'; at: Date }
  | { state: 'failed'; message: string };

let current: SaveState = { state: 'idle' };
let pending = 0;
const listeners = new Set<() => void>();
const settledWaiters = new Set<() => void>();

function publish(next: SaveState): void {
  current = next;
  for (const listener of listeners) listener();
  if (pending === 0) for (const settled of [...settledWaiters]) settled();
}

/**
 * Resolves once no write is waiting for its answer (or after `ms`): locking waits for the
 * editor's last save, so Ctrl+L in the middle of a sentence loses nothing.
 */
export function writesSettled(ms = 5_000): Promise<void> {
  if (pending === 0) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      window.clearTimeout(timer);
      settledWaiters.delete(done);
      resolve();
    };
    const timer = window.setTimeout(done, ms);
    settledWaiters.add(done);
  });
}

/** Forgets the last save's time and words (the library was locked or replaced). */
export function resetSaveState(): void {
  if (pending === 0) publish({ state: 'idle' });
}

/** Wraps a write: "Saving…" while it runs, "Saved <time>" once confirmed, the words on failure. */
export async function trackWrite<T>(write: () => Promise<T>): Promise<T> {
  pending += 1;
  publish({ state: 'saving' });
  try {
    const result = await write();
    pending -= 1;
    publish(pending > 0 ? { state: 'saving' } : { state: 'saved', at: new Date() });
    return result;
  } catch (error) {
    pending -= 1;
    publish({ state: 'failed', message: error instanceof Error ? error.message : String(error) });
    throw error;
  }
}

/**
 * Editors holding text not yet written (typed within the autosave pause, or refused as it
 * stands): while any does, the status bar says "Unsaved changes", never "Saved".
 */
const unsaved = new Set<string>();
const unsavedListeners = new Set<() => void>();
let unsavedCount = 0;

export function setUnsaved(owner: string, pending: boolean): void {
  if (pending === unsaved.has(owner)) return;
  if (pending) unsaved.add(owner);
  else unsaved.delete(owner);
  unsavedCount = unsaved.size;
  for (const listener of unsavedListeners) listener();
}

export function useUnsavedCount(): number {
  return useSyncExternalStore(
    (listener) => {
      unsavedListeners.add(listener);
      return () => unsavedListeners.delete(listener);
    },
    () => unsavedCount,
  );
}

export function useSaveState(): SaveState {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => current,
  );
}
