/**
 * Node's zlib for the PDF's streams (BuildExtras.deflate): the same bytes every run, about ten
 * times faster than CompressionStream in Node. Level 4 halves the time of the default 6 for 3%
 * larger streams. Its own module so the benchmark can use it without loading the store.
 *
 * Two forms, the same bytes:
 * - {@link deflateForNode}, synchronous, on the calling thread (tests, one-off streams);
 * - {@link DeflateThread}, one worker thread that compresses while the export goes on writing
 *   the rest of the file (the command line's exports): the page streams are most of a book's
 *   bytes, and their compression a tenth of a cold export's time on the main thread
 *   (docs/pdf.md, "Where the time goes"). zlib's own asynchronous form was tried first and
 *   dropped: it runs a stream object per call on the main thread and holds every pending
 *   stream's window at once; one thread that compresses one stream at a time holds one.
 */
import { deflateSync } from 'node:zlib';
import { Worker } from 'node:worker_threads';
import type { Deflate } from '../../src/pdf';

const LEVEL = 4;

export function deflateForNode(data: Uint8Array): Uint8Array {
  return deflateSync(data, { level: LEVEL });
}

/**
 * The worker's whole program (CommonJS, evaluated: no file to ship beside the bundle). Each
 * message is one stream; the answer carries its number and the compressed bytes, moved, not
 * copied.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { deflateSync } = require('node:zlib');
parentPort.on('message', ({ id, data, text }) => {
  try {
    // a content stream comes as Latin-1 text: its bytes are made here, off the layout's thread
    const out = deflateSync(text === undefined ? data : Buffer.from(text, 'latin1'), { level: ${LEVEL} });
    const owned = out.byteOffset === 0 && out.byteLength === out.buffer.byteLength ? out : new Uint8Array(out);
    parentPort.postMessage({ id, data: owned }, [owned.buffer]);
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message || error) });
  }
});
`;

interface Answer {
  id: number;
  data?: Uint8Array;
  error?: string;
}

/**
 * A worker thread that deflates: `deflate` takes the bytes (they are moved to the thread, so the
 * caller must not use them again: `PdfFile.stream` never does) and resolves with the same bytes
 * {@link deflateForNode} gives. `close()` ends the thread; a thread that fails to start or dies
 * rejects what is pending, so an export fails in words instead of hanging.
 */
export class DeflateThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (data: Uint8Array) => void; reject: (error: Error) => void }>();
  private next = 0;
  private failure: Error | undefined;

  constructor() {
    this.worker = new Worker(WORKER_SOURCE, { eval: true });
    // a waiting export keeps the process alive through its promises, not through the thread
    this.worker.unref();
    this.worker.on('message', (answer: Answer) => {
      const waiting = this.pending.get(answer.id);
      if (waiting === undefined) return;
      this.pending.delete(answer.id);
      if (answer.data !== undefined) waiting.resolve(answer.data);
      else waiting.reject(new Error(`compressing a PDF stream failed: ${answer.error ?? 'no reason given'}`));
    });
    this.worker.on('error', (error) => this.fail(new Error(`the PDF compression thread failed: ${error.message}`)));
    this.worker.on('exit', (code) => this.fail(new Error(`the PDF compression thread stopped (exit code ${code})`)));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }

  /** Bytes to compress; the text form (`deflate.text`) takes a content stream's Latin-1 text. */
  readonly deflate: Deflate = Object.assign(
    (data: Uint8Array): Promise<Uint8Array> => {
      const owned = data.byteOffset === 0 && data.byteLength === data.buffer.byteLength && data.buffer instanceof ArrayBuffer ? data : new Uint8Array(data);
      return this.ask({ data: owned }, [owned.buffer as ArrayBuffer]);
    },
    { text: (latin1: string): Promise<Uint8Array> => this.ask({ text: latin1 }, []) },
  );

  private ask(message: { data?: Uint8Array; text?: string }, transfer: ArrayBuffer[]): Promise<Uint8Array> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    const id = this.next++;
    return new Promise<Uint8Array>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // keep the process alive while streams are pending; let it go once the export is done
      if (this.pending.size === 1) this.worker.ref();
      this.worker.postMessage({ id, ...message }, transfer);
    }).finally(() => {
      if (this.pending.size === 0) this.worker.unref();
    });
  }

  async close(): Promise<void> {
    this.fail(new Error('the PDF compression thread was closed'));
    await this.worker.terminate();
  }
}
