/** Runs one export in a fresh Web Worker and reports its progress; cancel() ends it at once. */
import type { BookContent, PdfOptions } from '../../../shared/contract';
import type { PdfProblem } from '../../../pdf';
import type { BuiltPdf, FromWorker, OutputSpec, ToWorker } from './worker-protocol';

export class PdfBuildFailed extends Error {
  constructor(
    message: string,
    readonly problems: PdfProblem[],
  ) {
    super(message);
    this.name = 'PdfBuildFailed';
  }
}

/**
 * One worker serves every export while the app runs, so the fonts (about 22 MB) are read and
 * parsed once; cancelling terminates it and the next export starts a fresh one.
 */
let worker: Worker | null = null;
let jobs = 0;

function pdfWorker(): Worker {
  worker ??= new Worker(new URL('./pdf.worker.ts', import.meta.url), { type: 'module', name: 'briefbook-pdf' });
  return worker;
}

export function buildInWorker(content: BookContent, options: PdfOptions, outputs: OutputSpec[], onProgress: (fraction: number, stage: string) => void): { result: Promise<BuiltPdf[]>; cancel: () => void } {
  const job = ++jobs;
  const target = pdfWorker();
  let fail: ((error: Error) => void) | null = null;
  const listeners: { message?: (event: MessageEvent<FromWorker>) => void; error?: (event: ErrorEvent) => void } = {};
  const result = new Promise<BuiltPdf[]>((resolve, reject) => {
    fail = reject;
    listeners.message = (event) => {
      const message = event.data;
      if (message.job !== job) return;
      if (message.type === 'progress') onProgress(message.total === 0 ? 0 : message.done / message.total, message.stage);
      else if (message.type === 'done') resolve(message.outputs);
      else reject(new PdfBuildFailed(message.message, message.problems));
    };
    listeners.error = (event) => {
      event.preventDefault();
      worker?.terminate();
      worker = null;
      reject(new PdfBuildFailed('The PDF engine stopped unexpectedly. Try again; if it keeps failing, restart Briefbook.', []));
    };
    target.addEventListener('message', listeners.message);
    target.addEventListener('error', listeners.error);
    const request: ToWorker = { type: 'build', job, content, options, outputs };
    target.postMessage(request);
  });
  const detach = () => {
    if (listeners.message) target.removeEventListener('message', listeners.message);
    if (listeners.error) target.removeEventListener('error', listeners.error);
  };
  result.then(detach, detach);
  return {
    result,
    cancel: () => {
      if (worker === target) {
        target.terminate();
        worker = null;
      }
      fail?.(new PdfBuildFailed('Export cancelled.', []));
    },
  };
}

/**
 * Ends the worker, and with it whatever of the last book its heap still holds (locking the
 * library); the next export starts a fresh one and reads the fonts again.
 */
export function releasePdfWorker(): void {
  worker?.terminate();
  worker = null;
}
