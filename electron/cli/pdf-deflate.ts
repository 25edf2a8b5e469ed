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
 * Streams handed to the worker in one message (the rest of a smaller batch goes once the
 * caller's current task ends): a message each cost both threads more than what it carried, and
 * the page texts of a batch go in one block of shared memory instead of being copied through the
 * message (at 4,000 items, 1,329 pages: 30 to 40 ms less CPU of the two threads, measured alone).
 */
const BATCH = 16;

/**
 * The worker's whole program (CommonJS, evaluated: no file to ship beside the bundle). Each
 * message is a batch of streams: bytes, or a content stream's Latin-1 bytes in the batch's block
 * of shared memory. It compresses each unless the calling thread has claimed it first (`claims`,
 * shared memory: each stream is compressed once, by whichever thread takes it); the answer is a
 * batch too, each stream's number and compressed bytes, moved, not copied.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { deflateSync } = require('node:zlib');
const claims = new Int32Array(workerData.claims);
parentPort.on('message', ({ shared, jobs }) => {
  const block = shared === undefined ? undefined : Buffer.from(shared);
  const answers = [];
  const moved = [];
  for (const { id, data, at, length } of jobs) {
    if (id < ${CLAIMABLE} && Atomics.compareExchange(claims, id, ${UNCLAIMED}, ${BY_WORKER}) !== ${UNCLAIMED}) continue;
    try {
      const out = deflateSync(data === undefined ? block.subarray(at, at + length) : data, { level: ${LEVEL} });
      const owned = out.byteOffset === 0 && out.byteLength === out.buffer.byteLength ? out : new Uint8Array(out);
      answers.push({ id, data: owned });
      moved.push(owned.buffer);
    } catch (error) {
      answers.push({ id, error: String(error && error.message || error) });
    }
  }
  if (answers.length > 0) parentPort.postMessage(answers, moved);
});
`;

interface Answer {
  id: number;
  data?: Uint8Array;
  error?: string;
}

/** A stream as the worker is handed it: bytes (copied), or where its Latin-1 text is in the batch's shared block. */
type Sent = { id: number; data: Uint8Array } | { id: number; at: number; length: number };

interface Job {
  /** bytes to compress: the caller's, or the text's Latin-1 bytes in a shared block once sent */
  data?: Uint8Array;
  /** a content stream's text, until its batch is sent */
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
  /** asked, not yet sent: the next batch */
  private outbox: number[] = [];
  private flushQueued = false;
  private next = 0;
  private failure: Error | undefined;
  private sharing = false;
  /** streams compressed on the calling thread (the rest were the worker's) */
  compressedHere = 0;
  /** messages sent to the worker (each a batch of streams) */
  batchesSent = 0;

  constructor() {
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { claims: this.claims.buffer } });
    // a waiting export keeps the process alive through its promises, not through the thread
    this.worker.unref();
    this.worker.on('message', (answers: Answer[]) => {
      for (const answer of answers) {
        const job = this.pending.get(answer.id);
        if (job === undefined) continue;
        this.settle(answer.id);
        if (answer.data !== undefined) job.resolve(answer.data);
        else job.reject(new Error(`compressing a PDF stream failed: ${answer.error ?? 'no reason given'}`));
      }
    });
    this.worker.on('error', (error) => this.fail(new Error(`the PDF compression thread failed: ${error.message}`)));
    this.worker.on('exit', (code) => this.fail(new Error(`the PDF compression thread stopped (exit code ${code})`)));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const job of this.pending.values()) job.reject(error);
    this.pending.clear();
    this.outbox = [];
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
      this.outbox.push(id);
      if (this.outbox.length >= BATCH) this.flush();
      else if (!this.flushQueued) {
        this.flushQueued = true;
        queueMicrotask(() => this.flush());
      }
      if (!this.sharing) {
        this.sharing = true;
        // runs once this thread has nothing else to do: the export is waiting for its streams
        setImmediate(() => this.share());
      }
    });
  }

  /** Sends the next batch: its texts' Latin-1 bytes written into one block of shared memory, its bytes copied. */
  private flush(): void {
    this.flushQueued = false;
    const jobs = this.outbox.flatMap((id) => {
      const job = this.pending.get(id);
      return job === undefined ? [] : [{ id, job }];
    });
    this.outbox = [];
    if (jobs.length === 0) return;
    let size = 0;
    for (const { job } of jobs) size += job.text?.length ?? 0;
    // a block only for a batch with texts in it (an empty text takes none of it)
    const shared = jobs.some(({ job }) => job.text !== undefined) ? new SharedArrayBuffer(size) : undefined;
    const block = shared === undefined ? Buffer.alloc(0) : Buffer.from(shared);
    let at = 0;
    const sent: Sent[] = jobs.map(({ id, job }) => {
      if (job.text === undefined) return { id, data: job.data as Uint8Array };
      const length = block.write(job.text, at, 'latin1');
      // the calling thread may yet compress it itself, from the same bytes
      job.data = block.subarray(at, at + length);
      job.text = undefined;
      at += length;
      return { id, at: at - length, length };
    });
    this.batchesSent += 1;
    this.worker.postMessage({ shared, jobs: sent });
  }

  /** Compresses pending streams on this thread, newest first, until it meets one the worker took. */
  private share(): void {
    this.sharing = false;
    if (this.outbox.length > 0) this.flush();
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
        job.resolve(deflateForNode(job.data as Uint8Array));
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
