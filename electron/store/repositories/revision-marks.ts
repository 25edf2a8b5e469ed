/**
 * The items and books written in the open transaction whose rev is still to be recorded
 * (docs/data-model.md, "Revisions"). The write functions of the item and book repositories mark
 * what they change; `revisionsRepository(db).recording` records the rev of each as it stands at
 * the end of the transaction, before it commits. One mark an object however many writes it
 * took: a book whose item moved between two sections records one rev, not the half-way one.
 */
import type { Db } from '../db';

export type RevisionEntity = 'item' | 'book';

const marksOf = new WeakMap<Db, Map<string, { entity: RevisionEntity; id: string }>>();

const keyOf = (entity: RevisionEntity, id: string) => `${entity}\u0000${id}`;

/** The object was written: its rev is recorded before the transaction commits. */
export function markWritten(db: Db, entity: RevisionEntity, id: string): void {
  let marks = marksOf.get(db);
  if (marks === undefined) marksOf.set(db, (marks = new Map()));
  marks.set(keyOf(entity, id), { entity, id });
}

/** The object is gone for good (a purge, a deleted book): no rev to record. */
export function dropMark(db: Db, entity: RevisionEntity, id: string): void {
  marksOf.get(db)?.delete(keyOf(entity, id));
}

/** The marks so far, in the order first written, and none left. */
export function takeMarks(db: Db): { entity: RevisionEntity; id: string }[] {
  const marks = marksOf.get(db);
  if (marks === undefined || marks.size === 0) return [];
  const taken = [...marks.values()];
  marks.clear();
  return taken;
}
