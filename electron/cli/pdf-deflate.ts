/**
 * Node's zlib for the PDF's streams (BuildExtras.deflate): the same bytes every run, about ten
 * times faster than CompressionStream in Node. Level 4 halves the time of the default 6 for 3%
 * larger streams. Asynchronous, so the streams are compressed on libuv's thread pool while the
 * engine goes on writing the rest of the file (the fonts' subsets): on two cores or more the
 * compression costs the export little of its wall time (docs/pdf.md, "Where the time goes").
 * Its own module so the benchmark can use it without loading the store.
 */
import { deflate } from 'node:zlib';

export function deflateForNode(data: Uint8Array): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    deflate(data, { level: 4 }, (error, result) => (error === null ? resolve(result) : reject(error)));
  });
}
