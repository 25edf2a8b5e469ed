/** Where the main area is: UI state of the shell, not data. */
export type Route =
  | { name: 'library' }
  | { name: 'book'; bookId: string; sectionId?: string }
  | { name: 'item'; itemId: string; back: Route };

/** Where the user was: only ids, so it may outlive a lock (unlocking returns there). */
export interface Place {
  route: Route;
  selectedItem: string | null;
}

export const START_PLACE: Place = { route: { name: 'library' }, selectedItem: null };
