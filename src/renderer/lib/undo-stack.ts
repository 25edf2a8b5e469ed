/**
 * Undo and redo of structural edits (moves, deletes, adds, renames, status changes): each is
 * a command that knows how to do and undo itself through the API. Commands run one at a time,
 * in order, so a fast Ctrl+Z Ctrl+Z never races two writes.
 */
import { useSyncExternalStore } from 'react';
import type { FocusTarget } from './focus-target';

export interface Command {
  /** what the user did, in words: "Move “Red line A” to Red lines" */
  label: string;
  redo: () => Promise<void>;
  undo: () => Promise<void>;
  /** where focus goes once it is undone or redone: onto what changed (docs/ux.md, "Keyboard") */
  focus?: (done: 'undo' | 'redo') => FocusTarget | null;
}

export class UndoStack {
  private done: Command[] = [];
  private undone: Command[] = [];
  private queue: Promise<void> = Promise.resolve();
  private listeners = new Set<() => void>();
  private reveal: ((target: FocusTarget) => void) | null = null;
  private snapshot = { canUndo: false, canRedo: false, undoLabel: '', redoLabel: '' };

  constructor(private readonly limit = 200) {}

  /** Runs a command and remembers it; a new command clears the redo list. */
  perform(command: Command): Promise<void> {
    return this.enqueue(async () => {
      await command.redo();
      this.done.push(command);
      if (this.done.length > this.limit) this.done.shift();
      this.undone = [];
    });
  }

  /** Remembers a command that has already run (e.g. a write the user made directly). */
  record(command: Command): void {
    this.done.push(command);
    if (this.done.length > this.limit) this.done.shift();
    this.undone = [];
    this.changed();
  }

  undo(): Promise<string | null> {
    return this.enqueue(async () => {
      const command = this.done.pop();
      if (command === undefined) return null;
      try {
        await command.undo();
      } catch (error) {
        this.done.push(command);
        throw error;
      }
      this.undone.push(command);
      this.show(command, 'undo');
      return command.label;
    });
  }

  redo(): Promise<string | null> {
    return this.enqueue(async () => {
      const command = this.undone.pop();
      if (command === undefined) return null;
      try {
        await command.redo();
      } catch (error) {
        this.undone.push(command);
        throw error;
      }
      this.done.push(command);
      this.show(command, 'redo');
      return command.label;
    });
  }

  /** Who shows the thing an undo or redo changed (the app: it navigates, then focuses). */
  onReveal(reveal: ((target: FocusTarget) => void) | null): void {
    this.reveal = reveal;
  }

  private show(command: Command, done: 'undo' | 'redo'): void {
    if (this.reveal === null) return;
    const target = command.focus?.(done) ?? null;
    if (target !== null) this.reveal?.(target);
  }

  clear(): void {
    this.done = [];
    this.undone = [];
    this.changed();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = () => this.snapshot;

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task);
    this.queue = run.then(
      () => this.changed(),
      () => this.changed(),
    );
    return run;
  }

  private changed(): void {
    const last = this.done.at(-1);
    const next = this.undone.at(-1);
    this.snapshot = {
      canUndo: last !== undefined,
      canRedo: next !== undefined,
      undoLabel: last?.label ?? '',
      redoLabel: next?.label ?? '',
    };
    for (const listener of this.listeners) listener();
  }
}

/** The app's one stack for structural edits (the item editor keeps its own text history). */
export const appUndo = new UndoStack();

export function useUndoState(stack: UndoStack = appUndo) {
  return useSyncExternalStore(stack.subscribe, stack.getSnapshot);
}
