import type { ItemKind, ItemStatus } from '../../../shared/domain';

/** The library's filter chips. */
export interface LibraryFilter {
  kinds: ItemKind[];
  statuses: ItemStatus[];
  classifications: string[];
  topics: string[];
  tags: string[];
}

export const NO_FILTER: LibraryFilter = { kinds: [], statuses: [], classifications: [], topics: [], tags: [] };

export function isFiltered(filter: LibraryFilter): boolean {
  return Object.values(filter).some((values: string[]) => values.length > 0);
}

export function toggle<T>(values: readonly T[], value: T): T[] {
  return values.includes(value) ? values.filter((v) => v !== value) : [...values, value];
}
