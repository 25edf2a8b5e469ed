/**
 * F6 / Shift+F6 move the keyboard between the window's regions, as in Word and the browsers
 * (docs/ux.md, "Keyboard"): the sidebar, the main area (the library list or the book), and the
 * inspector (the item editor or the book's details). Focus lands on the region's first control.
 */
const REGIONS = ['nav.sidebar', 'main.main', 'aside.inspector'];
const TABBABLE = 'a[href], button:not(:disabled), input:not(:disabled):not([type="hidden"]), select:not(:disabled), textarea:not(:disabled), [contenteditable="true"], [tabindex]:not([tabindex="-1"])';

function shown(el: HTMLElement): boolean {
  return el.getClientRects().length > 0 && el.tabIndex >= 0;
}

/** Moves focus to the next region (the previous one with `backwards`); answers the region's element. */
export function cycleRegion(backwards: boolean, doc: Document = document): HTMLElement | null {
  const regions = REGIONS.map((selector) => doc.querySelector<HTMLElement>(selector)).filter((el): el is HTMLElement => el !== null);
  if (regions.length === 0) return null;
  const active = doc.activeElement;
  const at = regions.findIndex((region) => active !== null && region.contains(active));
  const next = at < 0 ? (backwards ? regions.length - 1 : 0) : (at + (backwards ? regions.length - 1 : 1)) % regions.length;
  const region = regions[next];
  const first = [...region.querySelectorAll<HTMLElement>(TABBABLE)].find(shown);
  if (first !== undefined) first.focus();
  else {
    region.tabIndex = -1;
    region.focus();
  }
  return region;
}
