/**
 * Recently opened library files, newest first, kept as a small JSON file in the user-data
 * folder. Plain Node. Only files on this list (or picked in a dialog) can be opened by path
 * from the renderer.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { writeFileAtomic } from '../store/atomic-write';

export interface RecentLibrary {
  path: string;
  fileName: string;
  openedAt: string;
}

const MAX_RECENT = 10;

export class RecentLibraries {
  constructor(
    private readonly file: string,
    private readonly now: () => Date = () => new Date(),
    /** called after the list changed (the File → Open Recent menu follows it) */
    private readonly onChange: () => void = () => undefined,
  ) {}

  private read(): RecentLibrary[] {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(this.file, 'utf8'));
    } catch {
      return [];
    }
    if (!Array.isArray(raw)) return [];
    return raw
      .filter((entry): entry is RecentLibrary =>
        entry !== null && typeof entry === 'object' &&
        typeof entry.path === 'string' && entry.path.length > 0 && entry.path.length <= 4096 &&
        typeof entry.openedAt === 'string')
      .map((entry) => ({ path: entry.path, fileName: basename(entry.path), openedAt: entry.openedAt }))
      .slice(0, MAX_RECENT);
  }

  /** The list, without files that no longer exist. */
  list(): RecentLibrary[] {
    return this.read().filter((entry) => existsSync(entry.path));
  }

  /** Moves (or adds) a library to the top of the list. */
  touch(path: string): void {
    const absolute = resolve(path);
    const rest = this.read().filter((entry) => entry.path !== absolute);
    const next = [{ path: absolute, fileName: basename(absolute), openedAt: this.now().toISOString() }, ...rest].slice(0, MAX_RECENT);
    writeFileAtomic(this.file, `${JSON.stringify(next, null, 2)}\n`);
    this.onChange();
  }

  has(path: string): boolean {
    const absolute = resolve(path);
    return this.read().some((entry) => entry.path === absolute);
  }
}
