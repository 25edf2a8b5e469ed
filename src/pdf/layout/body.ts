/**
 * The body of the book: each section on a new page (after its divider page when asked), its
 * head, its items, the lines withheld items leave, its sources. Placed as a run of chunks (the
 * section head, each item, each withheld line, the sources), so that a {@link BodyCache} can keep
 * what each chunk drew and, on the next layout, replay a chunk that is unchanged and starts at
 * the same height on its page instead of laying it out again (docs/pdf.md, "Incremental layout").
 * Without a cache every chunk is laid out; with one, the pages come out the same.
 */
import type { Markable } from '../../shared/markings';
import type { OutlineNode } from '../document';
import type { FontSet } from '../fonts';
import { A4, Flow, Page, box, hLine, type Box, type FormXObject, type PageLink, type Placement } from '../page';
import type { PreparedBook, PreparedItem, PreparedSection } from '../prepare';
import { GREY, INK, MEASURE, TEXT_LEFT, TYPE, style } from '../styles';
import { cleanText } from '../text-layout';
import { gap, textBoxes } from './boxes';
import { BODY_BOTTOM, BODY_TOP } from './geometry';
import { changedItemIds } from '../../shared/changes';
import { paintChangeBars } from './changes';
import { endnoteBoxes, itemLayout, withheldBoxes, type ItemLayout } from './item';

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text for a bookmark or the Info dictionary: as printed, on one line, valid UTF-16. */
export function oneLine(text: string): string {
  return cleanText(text).replace(LONE_SURROGATE, '\ufffd').replace(/\s+/g, ' ').trim();
}

function outlineTitle(prepared: PreparedItem): string {
  return oneLine(`${prepared.number} ${prepared.mark === '' ? '' : `${prepared.mark} `}${prepared.item.title}`);
}

export interface LaidOutBody {
  pages: Page[];
  outline: OutlineNode[];
  /** the items printed on each body page, for per-page marking */
  itemsOn: Map<Page, Markable[]>;
  /** where each printed item begins (its first occurrence), for the contents and the glance page */
  itemStarts: Map<PreparedItem, { page: Page; top: number }>;
  /** where each withheld item's line is, by number */
  withheldAt: Map<string, { page: Page; top: number }>;
}

/** What one chunk added to one page. */
interface Fragment {
  under: string[];
  body: string[];
  links: PageLink[];
  forms: FormXObject[];
}

/** What a chunk drew, from the height it started at: replayable wherever it starts at that height again. */
interface Chunk {
  enterY: number;
  exitY: number;
  /** `fragments[0]` went on the page the chunk started on, each further one on a new page */
  fragments: Fragment[];
  /** where its first box landed: the page (counted from the chunk's first) and the top */
  anchor?: { page: number; top: number };
  /** the pages (counted from the chunk's first) an item's boxes went on */
  touched: number[];
}

/** A small least-recently-used map: the laid-out items are bounded, however many books are previewed. */
class Lru<V> {
  private readonly map = new Map<string, V>();
  constructor(readonly limit: number) {}
  get(key: string): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }
  set(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.limit) this.map.delete(this.map.keys().next().value as string);
  }
  get size(): number {
    return this.map.size;
  }
}

/**
 * What the last layout drew, for the next one. Bound to one FontSet: the drawn text holds glyph
 * codes of that set's subsets. Memory: the chunks of the last layout of each section (sections
 * no longer in the book are dropped at the next layout), and at most `itemLimit` items' boxes.
 */
export class BodyCache {
  /** section id → chunk key → the chunk as last drawn */
  sections = new Map<string, Map<string, Chunk>>();
  /** an item's key → its boxes (broken into lines), to re-place without breaking lines again */
  readonly items: Lru<ItemLayout>;
  /** chunks replayed and laid out by the last layout (for tests and the benchmark) */
  stats = { replayed: 0, laidOut: 0 };
  /** per item object: its chunk key and bookmark title, made once (an edit makes a new item object) */
  private readonly itemKeys = new WeakMap<object, { prefix: string; key: string; title: string }>();
  /** the layout options seen, by a short id, so item keys stay short */
  private readonly optionIds = new Map<string, number>();
  constructor(
    readonly fonts: FontSet,
    itemLimit = 5000,
  ) {
    this.items = new Lru(itemLimit);
  }

  /** A short id for the layout options (a handful in a session: the preview's and the export's). */
  optionsId(options: string): number {
    let id = this.optionIds.get(options);
    if (id === undefined) {
      id = this.optionIds.size;
      this.optionIds.set(options, id);
    }
    return id;
  }

  /**
   * The chunk key of an item: the item's printed content (all its fields), its number, portion
   * mark and clearance, whether its label says its kind, and the options; with its bookmark title.
   */
  itemKey(prepared: PreparedItem, showKind: boolean, optionsId: number): { key: string; title: string } {
    const prefix = `item|${optionsId}|${showKind ? 1 : 0}|${prepared.number}|${prepared.mark}|${prepared.cleared ? 1 : 0}`;
    const known = this.itemKeys.get(prepared.item);
    if (known !== undefined && known.prefix === prefix) return known;
    const made = { prefix, key: `${prefix}|${JSON.stringify(prepared.item)}`, title: outlineTitle(prepared) };
    this.itemKeys.set(prepared.item, made);
    return made;
  }
}

/** Places one section's chunks, replaying those the cache holds for the same start height. */
class SectionRun {
  readonly next = new Map<string, Chunk>();
  constructor(
    private readonly flow: Flow,
    private readonly pages: Page[],
    private readonly cache: BodyCache | undefined,
    private readonly old: Map<string, Chunk> | undefined,
  ) {}

  /** Runs `work` (which places boxes) or replays its drawing; returns where it began and the pages it touched. */
  chunk(key: string, work: () => Placement[]): { anchor?: { page: Page; top: number }; touched: Page[] } {
    const { flow, pages } = this;
    const first = pages.length - 1;
    const enterY = flow.y;
    const cached = this.old?.get(key);
    let chunk: Chunk;
    if (cached !== undefined && cached.enterY === enterY) {
      cached.fragments.forEach((fragment, i) => {
        if (i > 0) flow.breakPage();
        const page = flow.page;
        for (const s of fragment.under) page.under.push(s);
        for (const s of fragment.body) page.body.push(s);
        for (const l of fragment.links) page.links.push(l);
        for (const f of fragment.forms) page.forms.add(f);
      });
      flow.y = cached.exitY;
      chunk = cached;
      if (this.cache !== undefined) this.cache.stats.replayed += 1;
    } else {
      const start = pages[first];
      const mark = { under: start.under.length, body: start.body.length, links: start.links.length, forms: this.cache === undefined ? undefined : new Set(start.forms) };
      const placements = work();
      // what the chunk drew is kept only for a cache to replay: an export without one copies nothing
      const fragments =
        this.cache === undefined
          ? []
          : pages.slice(first).map((page, i) => ({
              under: page.under.slice(i === 0 ? mark.under : 0),
              body: page.body.slice(i === 0 ? mark.body : 0),
              links: page.links.slice(i === 0 ? mark.links : 0),
              forms: [...page.forms].filter((f) => i > 0 || !mark.forms?.has(f)),
            }));
      const relative = (page: Page) => pages.indexOf(page, first) - first;
      // the flow places in page order: each page the boxes went on is met in one run of placements
      const touched: number[] = [];
      let last: Page | undefined;
      for (const placement of placements) {
        if (placement.page === last) continue;
        last = placement.page;
        touched.push(relative(last));
      }
      chunk = {
        enterY,
        exitY: flow.y,
        fragments,
        anchor: placements.length === 0 ? undefined : { page: relative(placements[0].page), top: placements[0].top },
        touched,
      };
      if (this.cache !== undefined) this.cache.stats.laidOut += 1;
    }
    if (this.cache !== undefined) this.next.set(key, chunk);
    return {
      anchor: chunk.anchor === undefined ? undefined : { page: pages[first + chunk.anchor.page], top: chunk.anchor.top },
      touched: chunk.touched.map((i) => pages[first + i]),
    };
  }
}

/** A page of its own before a section: its number and title, large. */
function dividerBoxes(fonts: FontSet, section: PreparedSection, index: number, count: number, x: number, width: number): Box[] {
  return [
    gap(220),
    ...textBoxes(fonts, [{ text: `SECTION ${index + 1} OF ${count}`, style: style(11, { bold: true, color: GREY }) }], { x, width, keep: true }),
    ...textBoxes(fonts, [{ text: section.title, style: style(30, { bold: true }) }], { x, width, spaceBefore: 8 }),
  ];
}

/**
 * Lays out the sections and items, one section per step (a caller that must stay responsive,
 * like the preview worker, can stop between sections); returns the body pages, where each
 * section and item begins and what each page prints.
 */
export function* bodySteps(fonts: FontSet, book: PreparedBook, onProgress?: (done: number, total: number) => void, cache?: BodyCache): Generator<void, LaidOutBody> {
  if (cache !== undefined && cache.fonts !== fonts) throw new Error('a layout cache serves the FontSet it was made with');
  if (cache !== undefined) cache.stats = { replayed: 0, laidOut: 0 };
  const total = book.sections.reduce((n, s) => n + s.items.length, 0);
  let done = 0;
  const pages: Page[] = [];
  let sectionTitle = '';
  let sectionIndex = -1;
  const flow = new Flow(
    () => {
      const page = new Page(A4, 'body', sectionTitle);
      page.sectionIndex = sectionIndex;
      pages.push(page);
      return page;
    },
    BODY_TOP,
    BODY_BOTTOM,
  );
  const outline: OutlineNode[] = [];
  const itemsOn = new Map<Page, Markable[]>();
  const itemStarts = new Map<PreparedItem, { page: Page; top: number }>();
  const withheldAt = new Map<string, { page: Page; top: number }>();
  const x = TEXT_LEFT;
  const width = MEASURE;
  // everything besides an item's own content that shapes its boxes
  const optionsId = cache?.optionsId(JSON.stringify([book.layout, book.hyphenate, x, width])) ?? 0;
  const nextSections = new Map<string, Map<string, Chunk>>();
  // items added or edited since an edition carry a change bar, drawn with them (so in their chunk)
  const changed = book.changes === null ? new Set<string>() : changedItemIds(book.changes);
  for (const [index, section] of book.sections.entries()) {
    fonts.context = { sectionId: section.id, where: `section "${section.id}"` };
    sectionTitle = section.title;
    sectionIndex = index;
    if (index > 0) flow.breakPage();
    flow.page.sectionTitle = section.title;
    flow.page.sectionIndex = index;
    const run = new SectionRun(flow, pages, cache, cache?.sections.get(section.id));
    const count = book.sections.length;
    if (book.layout.sectionDividers) {
      run.chunk(`divider|${index}|${count}|${section.title}`, () => {
        const placed = flow.place(dividerBoxes(fonts, section, index, count, x, width));
        flow.breakPage();
        return placed;
      });
    }
    const head = run.chunk(`head|${index}|${count}|${section.title}`, () =>
      flow.place([
        ...textBoxes(fonts, [{ text: `SECTION ${index + 1} OF ${count}`, style: style(TYPE.label, { bold: true, color: GREY }) }], { x, width, keep: true }),
        ...textBoxes(fonts, [{ text: section.title, style: style(TYPE.sectionTitle, { bold: true }) }], { x, width, keep: true, spaceBefore: 4 }),
        box(10, 2, true, (page, top) => {
          page.body.push(hLine(x, x + width, top - 4, INK, 1.2));
        }),
      ]),
    );
    const headAt = head.anchor ?? { page: flow.page, top: flow.y };
    const node: OutlineNode = { title: oneLine(section.title), page: headAt.page, top: headAt.top + 20, children: [] };
    outline.push(node);
    if (section.items.length === 0 && section.withheld.length === 0) {
      run.chunk('empty', () => flow.place(textBoxes(fonts, [{ text: 'No items in this section.', style: style(TYPE.body, { italic: true, color: GREY }) }], { x, width, spaceBefore: 12 })));
    }
    // the kind is said once by a section of one kind (its items' labels carry the number alone)
    const showKind = new Set(section.items.map((p) => p.item.kind)).size > 1;
    const withheldBefore = (at: number) => {
      for (const w of section.withheld) {
        if (w.before !== at) continue;
        const placed = run.chunk(`withheld|${w.number}`, () => flow.place(withheldBoxes(fonts, w.number, x, width)));
        if (placed.anchor !== undefined) withheldAt.set(w.number, placed.anchor);
      }
    };
    for (const [at, prepared] of section.items.entries()) {
      withheldBefore(at);
      fonts.context = { itemId: prepared.item.id, sectionId: section.id, where: `item "${prepared.item.id}"` };
      const { key, title } = cache === undefined ? { key: '', title: outlineTitle(prepared) } : cache.itemKey(prepared, showKind, optionsId);
      const bar = changed.has(prepared.item.id);
      const placed = run.chunk(bar ? `${key}|changed` : key, () => {
        let layout = cache?.items.get(key);
        if (layout === undefined) {
          layout = itemLayout(fonts, prepared, x, width, showKind, book.layout, book.hyphenate);
          cache?.items.set(key, layout);
        }
        const placements = flow.place(layout.boxes, layout.continuation);
        layout.decorate(placements);
        if (bar) paintChangeBars(placements);
        return placements;
      });
      for (const page of placed.touched) {
        const list = itemsOn.get(page);
        if (list === undefined) itemsOn.set(page, [prepared.item]);
        else list.push(prepared.item);
      }
      const start = { page: placed.anchor?.page ?? flow.page, top: (placed.anchor?.top ?? flow.y) + 4 };
      itemStarts.set(prepared, start);
      node.children.push({ title, page: start.page, top: start.top, children: [] });
      done += 1;
      if (onProgress !== undefined && (done % 50 === 0 || done === total)) onProgress(done, total);
    }
    withheldBefore(section.items.length);
    if (book.layout.sources === 'endnotes') {
      fonts.context = { sectionId: section.id, where: `the sources of section "${section.id}"` };
      // the notes are drawn from the items' numbers and sources
      const key = cache === undefined ? '' : `notes|${JSON.stringify(section.items.map((p) => [p.number, p.item.sources ?? []]))}`;
      run.chunk(key, () => {
        const notes = endnoteBoxes(fonts, section, x, width);
        return notes.length === 0 ? [] : flow.place(notes);
      });
    }
    nextSections.set(section.id, run.next);
    yield;
  }
  if (cache !== undefined) cache.sections = nextSections;
  return { pages, outline, itemsOn, itemStarts, withheldAt };
}

/** {@link bodySteps} run to the end. */
export function layoutBody(fonts: FontSet, book: PreparedBook, onProgress?: (done: number, total: number) => void, cache?: BodyCache): LaidOutBody {
  const steps = bodySteps(fonts, book, onProgress, cache);
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
  }
}
