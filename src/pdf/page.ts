/**
 * Pages as the layout fills them, and the flow that places boxes down a page: page breaks,
 * keep-with-next (a heading never ends a page), and where each box landed (for bookmarks,
 * contents links and the coloured bars beside items).
 */
import { num, rgb, type Rgb } from './pdf-syntax';

export interface PageSize {
  width: number;
  height: number;
}

export const A4: PageSize = { width: 595.28, height: 841.89 };
export const A5: PageSize = { width: 419.53, height: 595.28 };
export const A6: PageSize = { width: 297.64, height: 419.53 };
/** 4 × 6 in, the index-card size */
export const CARD_4X6: PageSize = { width: 288, height: 432 };

/** A link from a rectangle on this page to a spot on another page (contents entries). */
export interface PageLink {
  rect: [number, number, number, number];
  targetPage: number;
  targetTop: number;
}

/**
 * A Form XObject: content drawn once in the file and placed on any page by name (`/Name Do`).
 * Pages that place the same form hold the same object.
 */
export interface FormXObject {
  name: string;
  bbox: [number, number, number, number];
  content: string;
}

/** `back`: the back cover, an outside page that carries the banners and nothing else. */
export type PageRole = 'cover' | 'contents' | 'body' | 'card' | 'back';

export class Page {
  /** drawn first: tints and bars behind the text */
  readonly under: string[] = [];
  readonly body: string[] = [];
  readonly links: PageLink[] = [];
  /** the forms this page's content places */
  readonly forms = new Set<FormXObject>();
  /** 0-based index in the finished document, set when the pages are assembled */
  index = -1;
  /** the 0-based section this page belongs to (its thumb tab), -1 for none */
  sectionIndex = -1;
  constructor(
    readonly size: PageSize,
    readonly role: PageRole,
    /** the running head's right-hand text: the section printed on this page */
    public sectionTitle = '',
  ) {}

  /** A new page with this one's place and drawing (not its links): finished further without changing this one. */
  copy(): Page {
    const copy = new Page(this.size, this.role, this.sectionTitle);
    copy.index = this.index;
    copy.sectionIndex = this.sectionIndex;
    copy.under.push(...this.under);
    copy.body.push(...this.body);
    for (const form of this.forms) copy.forms.add(form);
    return copy;
  }

  /** The page's content stream as groups of lines, drawn in order: under (when it has any), then body. */
  contentLines(): readonly (readonly string[])[] {
    return this.under.length === 0 ? [this.body] : [this.under, this.body];
  }
}

export function fillRect(x: number, y: number, width: number, height: number, color: Rgb): string {
  return `q ${rgb(color)} rg ${num(x)} ${num(y)} ${num(width)} ${num(height)} re f Q`;
}

export function strokeRect(x: number, y: number, width: number, height: number, color: Rgb, lineWidth: number): string {
  return `q ${rgb(color)} RG ${num(lineWidth)} w ${num(x)} ${num(y)} ${num(width)} ${num(height)} re S Q`;
}

export function hLine(x1: number, x2: number, y: number, color: Rgb, lineWidth: number): string {
  return `q ${rgb(color)} RG ${num(lineWidth)} w ${num(x1)} ${num(y)} m ${num(x2)} ${num(y)} l S Q`;
}

/** Something the flow places: a line of text, a rule, a gap. */
export interface Box {
  height: number;
  /** space above the box, dropped at the top of a page */
  spaceBefore: number;
  /** stay on the same page as the box after it (headings, labels) */
  keepWithNext: boolean;
  paint(page: Page, top: number): void;
}

/**
 * Every box the engine makes comes from here, so that all of them share one shape: a flow that
 * met boxes of several shapes (literals written in different places, copies by spread) had its
 * compiled code thrown away and compiled again each time a new shape came by (docs/pdf.md,
 * "Where the time goes").
 */
export function box(height: number, spaceBefore: number, keepWithNext: boolean, paint: (page: Page, top: number) => void): Box {
  return { height, spaceBefore, keepWithNext, paint };
}

/** The same box with other spacing or keeping. */
export function boxWith(from: Box, change: { spaceBefore?: number; keepWithNext?: boolean }): Box {
  return box(from.height, change.spaceBefore ?? from.spaceBefore, change.keepWithNext ?? from.keepWithNext, from.paint);
}

// The first box has fractional numbers, so both fields are stored as doubles from the start: a
// box of 4.5 pt after one of 0 would otherwise change the shape of every box made until then.
box(0.5, 0.5, false, () => undefined);

export interface Placement {
  page: Page;
  top: number;
  bottom: number;
}

export class Flow {
  page: Page;
  y: number;
  constructor(
    private readonly newPage: () => Page,
    readonly top: number,
    readonly bottom: number,
  ) {
    this.page = newPage();
    this.y = top;
  }

  get atTop(): boolean {
    return this.y === this.top;
  }

  get remaining(): number {
    return this.y - this.bottom;
  }

  breakPage(): void {
    this.page = this.newPage();
    this.y = this.top;
  }

  /**
   * Places boxes in order, breaking pages as needed; returns where each went. When the boxes
   * break across pages after the first is placed, `continuation` gives the boxes that open the
   * next page (a continued item's head); they are not in the placements.
   */
  place(boxes: readonly Box[], continuation?: () => readonly Box[]): Placement[] {
    const placements: Placement[] = [];
    const capacity = this.top - this.bottom;
    /** true at the top of a page, below a continuation head if there is one */
    let fresh = this.atTop;
    const breakPage = () => {
      this.breakPage();
      fresh = true;
      if (placements.length === 0 || continuation === undefined) return;
      for (const box of continuation()) {
        box.paint(this.page, this.y);
        this.y -= box.height;
      }
    };
    for (let i = 0; i < boxes.length; i += 1) {
      const box = boxes[i];
      if (box.keepWithNext && !fresh) {
        // the chain of kept boxes plus the first box after them must share a page
        let chain = box.height + box.spaceBefore;
        let j = i;
        while (j + 1 < boxes.length && boxes[j].keepWithNext) {
          j += 1;
          chain += boxes[j].height + boxes[j].spaceBefore;
        }
        if (chain > this.remaining && chain - box.spaceBefore <= capacity) breakPage();
      }
      if (!fresh && box.spaceBefore + box.height > this.remaining) breakPage();
      if (!fresh) this.y -= box.spaceBefore;
      const top = this.y;
      box.paint(this.page, top);
      this.y -= box.height;
      fresh = false;
      placements.push({ page: this.page, top, bottom: this.y });
    }
    return placements;
  }

  /** Moves down without drawing; a gap at the end of a page is dropped. */
  skip(height: number): void {
    this.y = Math.max(this.bottom, this.y - height);
  }
}
