/// <reference lib="webworker" />
/**
 * The live preview's engine, off the main thread so typing never waits for it. It keeps the book
 * and a LiveLayout (src/pdf/live-layout.ts): after an edit only the edited item, and what follows
 * it until the page breaks line up again, is laid out; the page with the item is written and sent
 * first, then, once typing pauses, the rest of the book re-flows. Messages are handled in order, but a job stops at its
 * next checkpoint (between sections, before writing, before the re-flow) when a newer one came.
 */
import '../../lib/zod-jitless';
import { LiveLayout, type BookPlan } from '../../../pdf';
import type { BookContent, PdfOptions } from '../../../shared/contract';
import type { LaidOutBook } from '../../../pdf/book-layout';
import { loadFonts } from './worker-fonts';
import type { FromPreviewWorker, PreviewFocus, ToPreviewWorker } from './preview-protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;

let live: LiveLayout | null = null;
let book: { content: BookContent; options: PdfOptions } | null = null;
/** bumped by every change of the book: a settled layout is for one version */
let version = 0;
let settled: { version: number; layout: LaidOutBook; plan: BookPlan } | null = null;
/** the newest job asked for; older ones stop at their next checkpoint */
let latest: { job: number; focus: PreviewFocus } | null = null;
let running = false;

class Superseded extends Error {}

function post(message: FromPreviewWorker, transfer: Transferable[] = []): void {
  scope.postMessage(message, transfer);
}

/** the pause in typing before the whole book re-flows: a re-flow cannot stop half-way */
const SETTLE_AFTER_MS = 250;

/** Lets queued messages in (after `wait` ms); then stops the job if a newer one arrived. */
async function checkpoint(job: number, wait = 0): Promise<void> {
  await new Promise<void>((resolve) => setTimeout(resolve, wait));
  if (latest !== null && latest.job !== job) throw new Superseded();
}

async function sendPage(engine: LiveLayout, job: number, pages: BookPlan['body']['pages'], pageNumber: number, pageCount: number): Promise<void> {
  const bytes = await engine.pdf(pages, 'Preview');
  if (latest !== null && latest.job !== job) return;
  post({ type: 'page', job, bytes, pageNumber, pageCount }, [bytes.buffer as ArrayBuffer]);
}

async function run(job: number, focus: PreviewFocus): Promise<void> {
  const engine = (live ??= new LiveLayout(await loadFonts()));
  if (book === null) return;
  const at = version;
  if (settled?.version === at) {
    // nothing changed since the book last re-flowed: its finished pages are the answer
    const { layout, plan } = settled;
    const itemPage = 'itemId' in focus ? plan.body.pages.find((p) => (plan.body.itemsOn.get(p) ?? []).some((i) => i.id === focus.itemId)) : undefined;
    const page = 'page' in focus ? layout.pages[Math.min(layout.pages.length, Math.max(1, focus.page)) - 1] : itemPage;
    if (page === undefined) post({ type: 'absent', job });
    else await sendPage(engine, job, [page], page.index + 1, layout.pages.length);
    post({ type: 'settled', job, pageCount: layout.pages.length });
    return;
  }
  // the body, section by section, letting newer edits in between
  const steps = engine.plan(book.content, book.options);
  let plan: BookPlan;
  let since = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done === true) {
      plan = step.value;
      break;
    }
    if (performance.now() - since > 12) {
      await checkpoint(job);
      since = performance.now();
    }
  }
  if ('itemId' in focus) {
    const pages = engine.itemPages(plan, focus.itemId);
    if (pages.length === 0) post({ type: 'absent', job });
    else await sendPage(engine, job, pages.slice(0, 1), pages[0].index + 1, plan.total);
  }
  // then the rest of the book, once typing pauses: the listings' page numbers settle
  await checkpoint(job, 'itemId' in focus ? SETTLE_AFTER_MS : 0);
  const layout = engine.finish(plan);
  settled = { version: at, layout, plan };
  if ('page' in focus) {
    const page = layout.pages[Math.min(layout.pages.length, Math.max(1, focus.page)) - 1];
    await sendPage(engine, job, [page], page.index + 1, layout.pages.length);
  }
  post({ type: 'settled', job, pageCount: layout.pages.length });
}

/** Runs the newest job; one at a time. */
async function drain(): Promise<void> {
  if (running) return;
  running = true;
  try {
    while (latest !== null) {
      const { job, focus } = latest;
      try {
        await run(job, focus);
        if (latest?.job === job) latest = null;
      } catch (error) {
        if (error instanceof Superseded) continue;
        if (latest?.job === job) latest = null;
        post({ type: 'failed', job, message: error instanceof Error ? error.message : String(error) });
      }
    }
  } finally {
    running = false;
  }
}

scope.onmessage = (event: MessageEvent<ToPreviewWorker>) => {
  const message = event.data;
  if (message.type === 'book') {
    book = { content: message.content, options: message.options };
    version += 1;
  } else if (message.type === 'edit' && book !== null) {
    const { item } = message;
    const items = book.content.items.some((i) => i.id === item.id) ? book.content.items.map((i) => (i.id === item.id ? item : i)) : [...book.content.items, item];
    book = { ...book, content: { ...book.content, items } };
    version += 1;
  }
  latest = { job: message.job, focus: message.focus };
  void drain();
};
