/**
 * The status bar's "Saved 14:02:31": set only when the main process has answered a write, so
 * the time shown is a commit the store confirmed (SECURITY.md DUR-2), never an optimistic guess.
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

function publish(next: SaveState): void {
  current = next;
  for (const listener of listeners) listener();
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

export function useSaveState(): SaveState {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => current,
  );
}

export function formatTime(date: Date): string {
  return date.toLocaleTimeString('en-GB', { hour12: false });
}
