import { inflateSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { DeflateThread, deflateForNode } from './pdf-deflate';

const text = (n: number) => new TextEncoder().encode(`BT /F0 10 Tf 1 0 0 1 72 ${n} Tm (page ${n}) Tj ET\n`.repeat(200 + n));

describe('DeflateThread', () => {
  let thread: DeflateThread | undefined;
  afterEach(async () => {
    await thread?.close();
    thread = undefined;
  });

  it('gives the same bytes as deflateForNode, stream by stream, in the order asked', async () => {
    thread = new DeflateThread();
    const inputs = Array.from({ length: 40 }, (_, i) => text(i));
    const expected = inputs.map((bytes) => deflateForNode(bytes));
    // the thread takes its input's bytes: hand it copies
    const got = await Promise.all(inputs.map((bytes) => thread!.deflate(bytes.slice())));
    expect(got.map((bytes) => Buffer.from(bytes).toString('hex'))).toEqual(expected.map((bytes) => Buffer.from(bytes).toString('hex')));
    expect(Buffer.from(inflateSync(got[7])).toString('latin1')).toBe(Buffer.from(inputs[7]).toString('latin1'));
  });

  it('shares the queue out: once the caller only waits, its own thread compresses from the far end, each stream once', async () => {
    thread = new DeflateThread();
    const texts = Array.from({ length: 400 }, (_, i) => `BT /F0 10 Tf (${'\u00e9'.repeat(i % 50)}) Tj ET\n`.repeat(80 + i));
    const got = await Promise.all(texts.map((text) => thread!.deflate.text!(text)));
    // the caller's thread took part, and every stream has its own, right bytes whoever made them
    expect(thread.compressedHere).toBeGreaterThan(0);
    got.forEach((bytes, i) => expect(Buffer.from(bytes).equals(Buffer.from(deflateForNode(Uint8Array.from(texts[i], (ch) => ch.charCodeAt(0))))), `stream ${i}`).toBe(true));
  });

  it('compresses a content stream given as Latin-1 text to the bytes of its Latin-1 encoding', async () => {
    thread = new DeflateThread();
    // glyph codes are bytes 0-255 inside literal strings, nulls and high bytes included
    const text = `BT /F0 10 Tf (\u0000\u0003\u00ad\u00ff\u0080) Tj ET\n`.repeat(300);
    const bytes = Uint8Array.from(text, (ch) => ch.charCodeAt(0));
    const got = await thread.deflate.text!(text);
    expect(Buffer.from(got).equals(Buffer.from(deflateForNode(bytes)))).toBe(true);
  });

  it('hands the worker streams in batches, texts and bytes mixed, each answered with its own bytes', async () => {
    thread = new DeflateThread();
    // asked in one go, as an export hands over its body's pages: 40 streams, three messages
    const asked = Array.from({ length: 40 }, (_, i) => (i % 5 === 4 ? text(i) : i % 7 === 6 ? '' : `BT (${i}) Tj ET\n`.repeat(50 + i)));
    const got = await Promise.all(asked.map((input) => (typeof input === 'string' ? thread!.deflate.text!(input) : thread!.deflate(input.slice()))));
    expect(thread.batchesSent).toBe(3);
    got.forEach((bytes, i) => {
      const input = asked[i];
      const plain = typeof input === 'string' ? Buffer.from(input, 'latin1') : Buffer.from(input);
      expect(Buffer.from(bytes).equals(Buffer.from(deflateForNode(plain))), `stream ${i}`).toBe(true);
    });
  });

  it('compresses a view into a larger buffer without taking the rest of it', async () => {
    thread = new DeflateThread();
    const whole = text(3);
    const view = whole.subarray(10, 500);
    const got = await thread.deflate(view);
    expect(Buffer.from(inflateSync(got)).equals(Buffer.from(whole.subarray(10, 500)))).toBe(true);
    // the caller's buffer is still whole (only an exactly-owned buffer is moved)
    expect(whole.byteLength).toBeGreaterThan(500);
  });

  it('rejects, in words, what is asked after the thread stopped, instead of waiting for ever', async () => {
    thread = new DeflateThread();
    await thread.deflate(text(1));
    await thread.close();
    await expect(thread.deflate(text(2))).rejects.toThrow(/compression thread/);
  });
});
