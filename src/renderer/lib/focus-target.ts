/**
 * Where focus goes after an undo or a redo (docs/ux.md, "Keyboard"): onto the thing that changed
 * — the card, the section, the item's field — never left on <body>. A command names the place
 * (the app goes there first) and the element; the element is focused once it is on screen.
 */

/** Where the thing is: a book's section, an item (opened where the user is), or the library. */
export type FocusPlace =
  | { book: string; section?: string }
  | { item: string }
  /** the item is gone (deleted): its editor closes, focus goes to the list it was in */
  | { gone: string }
  | { library: true };

export interface FocusTarget {
  place?: FocusPlace;
  /** a CSS selector; with several (a list), the first element in the page that matches */
  selector: string;
}

/** A value inside a double-quoted attribute selector: quotes, backslashes and line ends escaped. */
const quoted = (value: string) => `"${value.replace(/["\\]/g, '\\$&').replace(/[\n\r\f]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`;

// the selectors commands use, one list
export const cardSelector = (itemId: string) => `main.main .card[data-item-id=${quoted(itemId)}]`;
export const sectionSelector = (sectionId: string) => `main.main .outline-row[data-section-id=${quoted(sectionId)}] .outline-select`;
export const CURRENT_SECTION = 'main.main .outline-select[aria-current="true"]';
export const BOOK_TITLE = 'main.main .book-title h1';
export const ITEM_TITLE = '#item-title, #item-title-large';
/** what is left when an item goes: the library's list, or the section shown */
export const AFTER_ITEM_GONE = `main.main .lib-table, ${CURRENT_SECTION}, ${BOOK_TITLE}`;

/** How long an element is waited for before giving up (it never showed: the view changed). */
const WAIT_MS = 3_000;

/**
 * Focuses the element `selector` names once it is on screen and the page has settled: checked
 * after each change to the page, from the next frame on, for at most WAIT_MS. The old view may
 * still hold a copy of the element when it is first found: if the element focused is then taken
 * off the page and focus falls to <body>, the new copy is focused in its place. A key or a click
 * of the user's ends the watch (focus is theirs then).
 */
export function focusWhenShown(selector: string): void {
  let observer: MutationObserver | null = null;
  let timer = 0;
  let focused: HTMLElement | null = null;
  const stop = () => {
    observer?.disconnect();
    window.clearTimeout(timer);
    window.removeEventListener('keydown', stop, true);
    window.removeEventListener('pointerdown', stop, true);
  };
  const attempt = (): void => {
    if (focused !== null) {
      // placed, and still where it was put: done unless the old copy left the page with focus
      const lost = !focused.isConnected && (document.activeElement === null || document.activeElement === document.body);
      if (!lost) return;
    }
    const element = document.querySelector<HTMLElement>(selector);
    if (element === null || !element.isConnected) return;
    element.focus();
    if (document.activeElement === element) focused = element;
  };
  requestAnimationFrame(() => {
    attempt();
    observer = new MutationObserver(attempt);
    observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-current', 'data-item-id', 'data-section-id'] });
    timer = window.setTimeout(stop, WAIT_MS);
    window.addEventListener('keydown', stop, true);
    window.addEventListener('pointerdown', stop, true);
  });
}
