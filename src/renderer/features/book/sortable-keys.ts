/** How the book view's drag and drop names sections and item cards, and moves them on screen. */
export const sectionKey = (id: string) => `section:${id}`;
export const itemKey = (id: string) => `item:${id}`;

export function transformStyle(transform: { x: number; y: number } | null, transition: string | undefined) {
  return { transform: transform ? `translate3d(${Math.round(transform.x)}px, ${Math.round(transform.y)}px, 0)` : undefined, transition };
}
