/**
 * The live preview's jobs, as its worker runs them (preview.worker.ts wires this to the worker's
 * messages). It keeps the book and a LiveLayout (src/pdf/live-layout.ts): after an edit only the
 * edited item, and what follows it until the page breaks line up again, is laid out; the page
 * with the item is written and sent first, then, once typing pauses, the rest of the book
 * re-flows. Messages are taken in as they come; one job runs at a time, and it stops at its next
 * checkpoint (between sections, before writing the page, before and during the re-flow) when a
 * newer one came: only the newest job's answers are sent. A page the user turned to carries an
 * anchor (the first item on it, and which of its pages): a re-flow finds that content again.
 */
import type { BookPlan, LiveLayout } from '../../../pdf';
import type { LaidOutBook } from '../../../pdf/book-layout';
import type { Page } from '../../../pdf/page';
import type { BookContent, PdfOptions } from '../../../shared/contract';
import type { FromPreviewWorker, PageAnchor, PreviewFocus, ToPreviewWorker } from './preview-protocol';

/** the pause in typing before the whole book re-flows: a re-flow cannot stop half-way */
export const SETTLE_AFTER_MS = 250;
/** how long the layout runs before it lets newer messages in */
const SLICE_MS = 12;

class Superseded extends Error {}

/** The body page with this index (0-based), if the index is in the body. */
function bodyPage(plan: BookPlan, index: number): Page | undefined {
  return plan.body.pages.find((p) => p.index === index);
}

/** The ids of the items printed on a body page, in the order they print. */
function itemIdsOn(plan: BookPlan, page: Page): string[] {
  return (plan.body.itemsOn.get(page) ?? []).map((i) => i.id);
}

/** Where a page stands in its content (see PageAnchor): none for the cover, the listings, or a page without items. */
export function anchorOf(plan: BookPlan, index: number): PageAnchor | undefined {
  const page = bodyPage(plan, index);
  const itemId = page === undefined ? undefined : itemIdsOn(plan, page)[0];
  if (itemId === undefined) return undefined;
  const nth = plan.body.pages.filter((p) => p.index < index && itemIdsOn(plan, p).includes(itemId)).length;
  return { itemId, nth };
}

/**
 * The page (0-based) a page the user turned to is now: where its anchor's content went (the same
 * page of the same item, or the item's last when it got shorter), or its number within the book
 * when it has no anchor or the item left the book.
 */
export function pageIndexFor(plan: BookPlan, focus: { page: number; anchor?: PageAnchor }): number {
  const { anchor } = focus;
  if (anchor !== undefined) {
    const on = plan.body.pages.filter((p) => itemIdsOn(plan, p).includes(anchor.itemId));
    if (on.length > 0) return on[Math.min(anchor.nth, on.length - 1)].index;
  }
  return Math.min(plan.total, Math.max(1, focus.page)) - 1;
}

export class PreviewSession {
  private live: LiveLayout | null = null;
  private book: { content: BookContent; options: PdfOptions } | null = null;
  /** bumped by every change of the book: a settled layout is for one version */
  private version = 0;
  private settled: { version: number; layout: LaidOutBook; plan: BookPlan } | null = null;
  /** the newest job asked for; older ones stop at their next checkpoint */
  private latest: { job: number; focus: PreviewFocus } | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly engine: () => Promise<LiveLayout>,
    private readonly post: (message: FromPreviewWorker, transfer: Transferable[]) => void,
    private readonly settleAfterMs = SETTLE_AFTER_MS,
  ) {}

  /** Takes a message in: the book or the edit at once, the job when the one running gives way. Resolves when no job is left. */
  receive(message: ToPreviewWorker): Promise<void> {
    if (message.type === 'book') {
      this.book = { content: message.content, options: message.options };
      this.version += 1;
    } else if (message.type === 'edit' && this.book !== null) {
      const { item } = message;
      const { content } = this.book;
      const items = content.items.some((i) => i.id === item.id) ? content.items.map((i) => (i.id === item.id ? item : i)) : [...content.items, item];
      this.book = { ...this.book, content: { ...content, items } };
      this.version += 1;
    }
    this.latest = { job: message.job, focus: message.focus };
    this.running ??= this.drain().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async drain(): Promise<void> {
    while (this.latest !== null) {
      const { job, focus } = this.latest;
      try {
        await this.run(job, focus);
        if (this.latest?.job === job) this.latest = null;
      } catch (error) {
        if (error instanceof Superseded) continue;
        if (this.latest?.job === job) this.latest = null;
        this.post({ type: 'failed', job, message: error instanceof Error ? error.message : String(error) }, []);
      }
    }
  }

  /** Lets queued messages in (after `wait` ms); then stops the job if a newer one arrived. */
  private async checkpoint(job: number, wait = 0): Promise<void> {
    await new Promise<void>((resolve) => setTimeout(resolve, wait));
    if (this.latest !== null && this.latest.job !== job) throw new Superseded();
  }

  /** Runs a layout's steps, letting newer messages in every few milliseconds. */
  private async slices<T>(job: number, steps: Generator<void, T>): Promise<T> {
    let since = performance.now();
    for (;;) {
      const step = steps.next();
      if (step.done === true) return step.value;
      if (performance.now() - since > SLICE_MS) {
        await this.checkpoint(job);
        since = performance.now();
      }
    }
  }

  private async sendPage(engine: LiveLayout, job: number, page: Page, plan: BookPlan): Promise<void> {
    const bytes = await engine.pdf([page], 'Preview');
    if (this.latest !== null && this.latest.job !== job) throw new Superseded();
    const anchor = anchorOf(plan, page.index);
    this.post({ type: 'page', job, bytes, pageNumber: page.index + 1, pageCount: plan.total, ...(anchor === undefined ? {} : { anchor }) }, [bytes.buffer as ArrayBuffer]);
  }

  private async run(job: number, focus: PreviewFocus): Promise<void> {
    this.live ??= await this.engine();
    await this.checkpoint(job);
    const engine = this.live;
    const book = this.book;
    if (book === null) return;
    const at = this.version;
    if (this.settled?.version === at) {
      // nothing changed since the book last re-flowed: its finished pages are the answer
      const { layout, plan } = this.settled;
      const page = 'page' in focus ? layout.pages[pageIndexFor(plan, focus)] : plan.body.pages.find((p) => itemIdsOn(plan, p).includes(focus.itemId));
      if (page === undefined) this.post({ type: 'absent', job }, []);
      else await this.sendPage(engine, job, page, plan);
      this.post({ type: 'settled', job, pageCount: layout.pages.length }, []);
      return;
    }
    // the body, section by section, letting newer edits in between
    const plan = await this.slices(job, engine.plan(book.content, book.options));
    let sent = false;
    if ('itemId' in focus) {
      const pages = engine.itemPages(plan, focus.itemId);
      if (pages.length === 0) this.post({ type: 'absent', job }, []);
      else await this.sendPage(engine, job, pages[0], plan);
    } else {
      // a page the user turned to: a page of the body is final already (its items' pages are), the cover and the listings after the re-flow
      const index = pageIndexFor(plan, focus);
      const itemId = anchorOf(plan, index)?.itemId;
      const page = itemId === undefined ? undefined : engine.itemPages(plan, itemId).find((p) => p.index === index);
      if (page !== undefined) {
        await this.sendPage(engine, job, page, plan);
        sent = true;
      }
    }
    // then the rest of the book, once typing pauses: the listings' page numbers settle
    await this.checkpoint(job, 'itemId' in focus ? this.settleAfterMs : 0);
    const layout = await this.slices(job, engine.finishing(plan));
    this.settled = { version: at, layout, plan };
    if ('page' in focus && !sent) await this.sendPage(engine, job, layout.pages[pageIndexFor(plan, focus)], plan);
    this.post({ type: 'settled', job, pageCount: layout.pages.length }, []);
  }
}
