/// <reference lib="webworker" />
/**
 * The PDF engine off the main thread: typesetting a long book takes seconds, and the window
 * must stay responsive meanwhile (docs/ux.md). Fonts are fetched from the app's own origin (CSP
 * connect-src 'self'); the book arrives as data; the PDF goes back as transferred bytes.
 */
import '../../lib/zod-jitless';
import { buildBookPdf, buildPocketCard, type PdfProblem } from '../../../pdf';
import type { BuiltPdf, FromWorker, ToWorker } from './worker-protocol';
import { loadFonts } from './worker-fonts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
/** a message before its job number is added (Omit, distributed over the union) */
type WithoutJob<T> = T extends unknown ? Omit<T, 'job'> : never;
scope.onmessage = async (event: MessageEvent<ToWorker>) => {
  const { job, content, options, outputs } = event.data;
  // every message names its job, so the page can ignore a cancelled one
  const post = (message: WithoutJob<FromWorker>, transfer: Transferable[] = []) => scope.postMessage({ ...message, job } as FromWorker, transfer);
  // fonts count as one step; each PDF as one more, split by the engine's own progress
  const total = outputs.length + 1;
  try {
    post({ type: 'progress', done: 0, total, stage: 'Loading fonts' });
    const files = await loadFonts();
    const built: BuiltPdf[] = [];
    for (const [index, spec] of outputs.entries()) {
      post({ type: 'progress', done: index + 1, total, stage: `Typesetting ${spec.label}` });
      const onProgress = (done: number, of: number) => post({ type: 'progress', done: index + 1 + (of === 0 ? 0 : (done / of) * 0.9), total, stage: `Typesetting ${spec.label}` });
      const extras = { copy: spec.copy, onProgress, producerVersion: undefined, creationDate: new Date() };
      const result = spec.kind === 'card' ? await buildPocketCard(content, files, options, extras) : await buildBookPdf(content, files, options, extras);
      built.push({ spec, bytes: result.bytes, pageCount: result.pageCount, problems: result.problems, fileName: result.fileName });
    }
    post({ type: 'progress', done: total, total, stage: 'Done' });
    post({ type: 'done', outputs: built }, built.map((b) => b.bytes.buffer as ArrayBuffer));
  } catch (error) {
    const problems = (error as { problems?: PdfProblem[] }).problems ?? [];
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error), problems });
  }
};
