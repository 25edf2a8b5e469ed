/** Where the main area is: UI state of the shell, not data. */
export type Route =
  | { name: 'library' }
  | { name: 'book'; bookId: string; sectionId?: string }
  | { name: 'item'; itemId: string; back: Route };
