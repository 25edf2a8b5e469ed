/**
 * The page side of the live preview's worker: one worker while the app runs (the fonts are read
 * and parsed once), every request numbered so that an answer to an older one is never shown
 * after a newer one's.
 */
import type { BookContent, PdfOptions } from '../../../shared/contract';
import type { ExchangeItem } from '../../../shared/domain';
import type { FromPreviewWorker, PreviewFocus, ToPreviewWorker } from './preview-protocol';

let worker: Worker | null = null;
let jobs = 0;
const listeners = new Set<(message: FromPreviewWorker) => void>();

function previewWorker(): Worker {
  if (worker === null) {
    worker = new Worker(new URL('./preview.worker.ts', import.meta.url), { type: 'module', name: 'briefbook-preview' });
    worker.addEventListener('message', (event: MessageEvent<FromPreviewWorker>) => {
      for (const listener of listeners) listener(event.data);
    });
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      worker?.terminate();
      worker = null;
      for (const listener of listeners) listener({ type: 'failed', job: jobs, message: 'The preview engine stopped unexpectedly.' });
    });
  }
  return worker;
}

/** Numbers a request and sends it; returns its job number. */
/** a message before its job number is added (Omit, distributed over the union) */
type WithoutJob<T> = T extends unknown ? Omit<T, 'job'> : never;

function send(message: WithoutJob<ToPreviewWorker>): number {
  const job = ++jobs;
  previewWorker().postMessage({ ...message, job } as ToPreviewWorker);
  return job;
}

export const previewRequests = {
  book: (content: BookContent, options: PdfOptions, focus: PreviewFocus) => send({ type: 'book', content, options, focus }),
  edit: (item: ExchangeItem, focus: PreviewFocus) => send({ type: 'edit', item, focus }),
  show: (focus: PreviewFocus) => send({ type: 'show', focus }),
};

/** Listens to the worker's answers; returns the unsubscribe. */
export function onPreviewMessage(listener: (message: FromPreviewWorker) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Ends the worker and whatever of the book its heap holds (locking the library). */
export function releasePreviewWorker(): void {
  worker?.terminate();
  worker = null;
}
