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

export function buildInWorker(content: BookContent, options: PdfOptions, outputs: OutputSpec[], onProgress: (fraction: number, stage: string) => void): { result: Promise<BuiltPdf[]>; cancel: () => void } {
  const worker = new Worker(new URL('./pdf.worker.ts', import.meta.url), { type: 'module', name: 'briefbook-pdf' });
  let settle: ((error: Error) => void) | null = null;
  const result = new Promise<BuiltPdf[]>((resolve, reject) => {
    settle = reject;
    worker.onmessage = (event: MessageEvent<FromWorker>) => {
      const message = event.data;
      if (message.type === 'progress') onProgress(message.total === 0 ? 0 : message.done / message.total, message.stage);
      else if (message.type === 'done') resolve(message.outputs);
      else reject(new PdfBuildFailed(message.message, message.problems));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      reject(new PdfBuildFailed('The PDF engine stopped unexpectedly. Try again; if it keeps failing, restart Briefbook.', []));
    };
    const request: ToWorker = { type: 'build', content, options, outputs };
    worker.postMessage(request);
  });
  const finished = () => worker.terminate();
  result.then(finished, finished);
  return {
    result,
    cancel: () => {
      worker.terminate();
      settle?.(new PdfBuildFailed('Export cancelled.', []));
    },
  };
}
