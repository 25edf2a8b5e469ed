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

/** Streams of one export that the two threads can share out (ids beyond it are the worker's alone). */
const CLAIMABLE = 1 << 16;
const UNCLAIMED = 0;
const BY_WORKER = 1;
const BY_MAIN = 2;

/**
 * The worker's whole program (CommonJS, evaluated: no file to ship beside the bundle). Each
 * message is one stream, which it compresses unless the calling thread has claimed it first
 * (`claims`, shared memory: each stream is compressed once, by whichever thread takes it); the
 * answer carries its number and the compressed bytes, moved, not copied.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { deflateSync } = require('node:zlib');
const claims = new Int32Array(workerData.claims);
parentPort.on('message', ({ id, data, text }) => {
  if (id < ${CLAIMABLE} && Atomics.compareExchange(claims, id, ${UNCLAIMED}, ${BY_WORKER}) !== ${UNCLAIMED}) return;
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

interface Job {
  data?: Uint8Array;
  text?: string;
  resolve: (data: Uint8Array) => void;
  reject: (error: Error) => void;
}

/**
 * A worker thread that deflates, with the same bytes {@link deflateForNode} gives. The export
 * hands it every stream as it writes the file, and the thread compresses them in order while the
 * export goes on; once the export has nothing left to do but wait, its own thread compresses
 * from the other end of the queue (the last streams, the fonts' among them), so the two cores
 * finish the queue together. `close()` ends the thread; a thread that fails to start or dies
 * rejects what is pending, so an export fails in words instead of hanging.
 */
export class DeflateThread {
  private readonly worker: Worker;
  private readonly claims = new Int32Array(new SharedArrayBuffer(4 * CLAIMABLE));
  private readonly pending = new Map<number, Job>();
  private next = 0;
  private failure: Error | undefined;
  private sharing = false;
  /** streams compressed on the calling thread (the rest were the worker's) */
  compressedHere = 0;

  constructor() {
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { claims: this.claims.buffer } });
    // a waiting export keeps the process alive through its promises, not through the thread
    this.worker.unref();
    this.worker.on('message', (answer: Answer) => {
      const job = this.pending.get(answer.id);
      if (job === undefined) return;
      this.settle(answer.id);
      if (answer.data !== undefined) job.resolve(answer.data);
      else job.reject(new Error(`compressing a PDF stream failed: ${answer.error ?? 'no reason given'}`));
    });
    this.worker.on('error', (error) => this.fail(new Error(`the PDF compression thread failed: ${error.message}`)));
    this.worker.on('exit', (code) => this.fail(new Error(`the PDF compression thread stopped (exit code ${code})`)));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const job of this.pending.values()) job.reject(error);
    this.pending.clear();
  }

  private settle(id: number): void {
    this.pending.delete(id);
    // keep the process alive while streams are pending; let it go once the export is done
    if (this.pending.size === 0) this.worker.unref();
  }

  /** Bytes to compress; the text form (`deflate.text`) takes a content stream's Latin-1 text. */
  readonly deflate: Deflate = Object.assign((data: Uint8Array): Promise<Uint8Array> => this.ask({ data }), {
    text: (latin1: string): Promise<Uint8Array> => this.ask({ text: latin1 }),
  });

  private ask(input: { data?: Uint8Array; text?: string }): Promise<Uint8Array> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    const id = this.next++;
    if (id < CLAIMABLE) Atomics.store(this.claims, id, UNCLAIMED);
    return new Promise<Uint8Array>((resolve, reject) => {
      this.pending.set(id, { ...input, resolve, reject });
      if (this.pending.size === 1) this.worker.ref();
      // copied, not moved: the calling thread may yet compress it itself
      this.worker.postMessage({ id, ...input });
      if (!this.sharing) {
        this.sharing = true;
        // runs once this thread has nothing else to do: the export is waiting for its streams
        setImmediate(() => this.share());
      }
    });
  }

  /** Compresses pending streams on this thread, newest first, until it meets one the worker took. */
  private share(): void {
    this.sharing = false;
    const ids = [...this.pending.keys()].sort((a, b) => b - a);
    for (const id of ids) {
      if (this.failure !== undefined) return;
      if (id >= CLAIMABLE) continue;
      if (Atomics.compareExchange(this.claims, id, UNCLAIMED, BY_MAIN) !== UNCLAIMED) break;
      const job = this.pending.get(id);
      if (job === undefined) continue;
      this.settle(id);
      this.compressedHere += 1;
      try {
        job.resolve(deflateForNode(job.text === undefined ? (job.data as Uint8Array) : Buffer.from(job.text, 'latin1')));
      } catch (error) {
        job.reject(new Error(`compressing a PDF stream failed: ${error instanceof Error ? error.message : String(error)}`));
      }
    }
  }

  async close(): Promise<void> {
    this.fail(new Error('the PDF compression thread was closed'));
    await this.worker.terminate();
  }
}
