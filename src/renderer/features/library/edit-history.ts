/**
 * The item editor's own undo history: snapshots of the draft. Typing in one field within a
 * second is one step (like a word processor); a toolbar action, a field change or a pause
 * starts a new one.
 */
export class EditHistory<T> {
  private past: T[] = [];
  private future: T[] = [];
  private lastKey: string | null = null;
  private lastAt = 0;

  constructor(
    private present: T,
    private readonly mergeWindowMs = 1000,
    private readonly limit = 500,
  ) {}

  get current(): T {
    return this.present;
  }

  get canUndo(): boolean {
    return this.past.length > 0;
  }

  get canRedo(): boolean {
    return this.future.length > 0;
  }

  /** Records a new state. Same `key` within the merge window replaces the last step. */
  push(next: T, key: string | null, now: number): void {
    const merge = key !== null && key === this.lastKey && now - this.lastAt <= this.mergeWindowMs && this.past.length > 0;
    if (!merge) {
      this.past.push(this.present);
      if (this.past.length > this.limit) this.past.shift();
    }
    this.present = next;
    this.future = [];
    this.lastKey = key;
    this.lastAt = now;
  }

  undo(): T | null {
    const previous = this.past.pop();
    if (previous === undefined) return null;
    this.future.push(this.present);
    this.present = previous;
    this.lastKey = null;
    return previous;
  }

  redo(): T | null {
    const next = this.future.pop();
    if (next === undefined) return null;
    this.past.push(this.present);
    this.present = next;
    this.lastKey = null;
    return next;
  }

  /** Starts over from a state that came from elsewhere (a restored version). */
  reset(state: T): void {
    this.past = [];
    this.future = [];
    this.present = state;
    this.lastKey = null;
  }
}
