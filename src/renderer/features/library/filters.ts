import type { ClearanceState } from '../../../shared/clearance';
import type { ItemKind } from '../../../shared/domain';

/** The library's filter chips. */
export interface LibraryFilter {
  kinds: ItemKind[];
  /** clearance states: a cleared item whose text changed since is `changed`, not cleared */
  statuses: ClearanceState[];
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
