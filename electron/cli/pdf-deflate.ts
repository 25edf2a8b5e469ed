/**
 * Node's zlib for the PDF's streams (BuildExtras.deflate): the same bytes every run, about ten
 * times faster than CompressionStream in Node. Level 4 halves the time of the default 6 for 3%
 * larger streams. Synchronous on purpose: zlib's asynchronous form runs a stream object per call
 * on the main thread and holds every pending stream's window at once (measured: more time on
 * the main thread than the compression it moves away, and 150 MiB more at the peak; docs/pdf.md).
 * Its own module so the benchmark can use it without loading the store.
 */
import { deflateSync } from 'node:zlib';

export function deflateForNode(data: Uint8Array): Uint8Array {
  return deflateSync(data, { level: 4 });
}
