/**
 * What changed in a book since one of its editions (a logged export): the shape the store
 * answers `books.changesSince` with, the CLI prints, the app lists and the PDF engine marks with
 * change bars and a "Changes since the edition of DATE" page. Pure data (docs/data-model.md,
 * "Changes since an edition").
 */
import type { DiffPart } from './word-diff';

/** Where an item stands in a book: its section and its place in it (0-based). */
export interface ItemPlace {
  sectionId: string;
  sectionTitle: string;
  position: number;
}

/** An item as listed in a change set: its id, title and portion mark (`(C)`; '' when marks are off). */
export interface ChangedItemHead {
  id: string;
  title: string;
  mark: string;
}

/** A field's word diff: `title`, `body`, or a translation's (`title (ko)`, `body (ko)`). */
export interface FieldDiff {
  field: string;
  parts: DiffPart[];
}

export interface EditedItem extends ChangedItemHead {
  /** where it stands now */
  place: ItemPlace;
  fromVersion: number;
  toVersion: number;
  /** the fields whose words changed, each with its inline diff (empty when only the marking or other printed details changed) */
  diffs: FieldDiff[];
  /** old → new portion mark, when the marking changed */
  marking: { from: string; to: string } | null;
}

export interface MovedItem extends ChangedItemHead {
  from: ItemPlace;
  to: ItemPlace;
}

export interface RemovedItem extends ChangedItemHead {
  /** where it stood in the edition, when the edition's sections are known */
  from: ItemPlace | null;
  /** the item's classification as exported, so a printed listing can leave out what it may not carry */
  classification: string;
  caveats: string[];
}

export interface AddedItem extends ChangedItemHead {
  place: ItemPlace;
}

/** One export of a book that changes can be counted from. */
export interface Edition {
  exportId: number;
  exportedAt: string;
  fileName: string;
}

export interface ChangeSet {
  bookId: string;
  /** the edition compared with */
  since: Edition;
  /**
   * false when the edition was logged before the export log kept the book's sections: moves
   * cannot be told, and `moved` is empty (say so)
   */
  movesKnown: boolean;
  added: AddedItem[];
  edited: EditedItem[];
  moved: MovedItem[];
  removed: RemovedItem[];
  /** the book's PDF editions, newest first, to pick another from */
  editions: Edition[];
}

/** `last` or an export id, as the CLI and the PDF options take it. */
export type ChangesSince = number | 'last';

/** The ids of the items a change bar marks: those added or edited. */
export function changedItemIds(changes: ChangeSet): Set<string> {
  return new Set([...changes.added.map((item) => item.id), ...changes.edited.map((item) => item.id)]);
}

/** True when nothing changed since the edition. */
export function noChanges(changes: ChangeSet): boolean {
  return changes.added.length + changes.edited.length + changes.moved.length + changes.removed.length === 0;
}
