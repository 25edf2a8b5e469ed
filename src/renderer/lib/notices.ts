/**
 * Short messages at the foot of the window: what just happened ("Moved … — Undo") and what
 * went wrong, in words. A screen reader hears them through an aria-live region.
 */
import { useSyncExternalStore } from 'react';
import { errorMessage } from './api';

export interface Notice {
  id: number;
  tone: 'info' | 'error';
  text: string;
  action?: { label: string; run: () => void };
}

let notices: Notice[] = [];
let nextId = 1;
const listeners = new Set<() => void>();

function publish(next: Notice[]): void {
  notices = next;
  for (const listener of listeners) listener();
}

export function notify(text: string, options: { tone?: Notice['tone']; action?: Notice['action']; ms?: number } = {}): number {
  const id = nextId++;
  const tone = options.tone ?? 'info';
  publish([...notices.slice(-2), { id, tone, text, action: options.action }]);
  const ms = options.ms ?? (tone === 'error' ? 12_000 : 5_000);
  window.setTimeout(() => dismiss(id), ms);
  return id;
}

/** Shows what went wrong: `while` says what the user was doing ("Could not move the item"). */
export function notifyError(error: unknown, what: string): void {
  notify(`${what}: ${errorMessage(error)}`, { tone: 'error' });
}

export function dismiss(id: number): void {
  if (notices.some((n) => n.id === id)) publish(notices.filter((n) => n.id !== id));
}

/** Removes every notice: their words may name items, and a locked library shows none. */
export function dismissAll(): void {
  if (notices.length > 0) publish([]);
}

export function useNotices(): Notice[] {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => notices,
  );
}
