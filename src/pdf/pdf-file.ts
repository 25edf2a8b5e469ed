/**
 * A PDF file written directly (ISO 32000-1 7.5): numbered objects given as their PDF syntax,
 * streams, the small objects packed into compressed object streams (7.5.7) and a compressed
 * cross-reference stream (7.5.8). The engine's objects are few kinds of dictionaries it knows
 * in full, so it writes their syntax itself instead of building a general object model first
 * (docs/pdf.md "Where the time goes"). Every number handed out by `ref()` must be written
 * before `finish()`: a file with a hole in its numbering is refused, so nothing unreachable or
 * missing can be written by mistake.
 */
import type { Deflate } from './pdf-syntax';

/** Objects packed into one object stream. */
const OBJECTS_PER_STREAM = 100;

interface StreamObject {
  ref: number;
  /** the dictionary's entries without /Length, e.g. `/Filter /FlateDecode` */
  entries: string;
  /** compressed, or being compressed: awaited only when the file is put together */
  data: Uint8Array | Promise<Uint8Array>;
}

const encoder = new TextEncoder();

/** ASCII text as bytes (every dictionary the engine writes is ASCII: text goes in hex strings). */
function ascii(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Content streams are Latin-1: operators are ASCII, glyph codes are bytes 0-255 in literal strings. */
export function latin1(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i += 1) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** A page's operators, under then body, one a line, as Latin-1 bytes: no joined string first. */
function latin1Lines(...groups: readonly (readonly string[])[]): Uint8Array {
  let length = -1;
  for (const group of groups) for (const line of group) length += line.length + 1;
  const bytes = new Uint8Array(Math.max(0, length));
  let at = 0;
  let first = true;
  for (const group of groups) {
    for (const line of group) {
      if (!first) bytes[at++] = 0x0a;
      first = false;
      for (let i = 0; i < line.length; i += 1) bytes[at++] = line.charCodeAt(i);
    }
  }
  return bytes;
}

/**
 * Starts compressing a content stream of Latin-1 lines, its groups (a page's under, then body)
 * joined by line feeds: handed as one string to the deflate's text form when it has one (its
 * bytes made where the compression runs), else made into bytes here.
 */
export function compressLines(deflate: Deflate, groups: readonly (readonly string[])[]): Uint8Array | Promise<Uint8Array> {
  if (deflate.text === undefined) return deflate(latin1Lines(...groups));
  return deflate.text(groups.length === 1 ? groups[0].join('\n') : groups.flat().join('\n'));
}

/** `N 0 R`: a reference to object N. */
export function ref(n: number): string {
  return `${n} 0 R`;
}

export class PdfFile {
  private last = 0;
  private readonly plain = new Map<number, string>();
  private readonly streams: StreamObject[] = [];
  private readonly written = new Set<number>();

  constructor(private readonly deflate: Deflate) {}

  /** A new object number, to refer to an object before it is written. */
  ref(): number {
    this.last += 1;
    return this.last;
  }

  /** Writes a non-stream object (a dictionary or array in PDF syntax); returns its number. */
  object(syntax: string, n = this.ref()): number {
    this.claim(n);
    this.plain.set(n, syntax);
    return n;
  }

  /**
   * Writes a FlateDecode stream with the given extra entries. The compression starts now and is
   * awaited by `finish()`: an asynchronous deflate (CompressionStream in the app's worker) runs
   * while the caller goes on writing the rest of the file.
   */
  stream(data: Uint8Array, entries = '', n = this.ref()): number {
    this.claim(n);
    return this.add(n, entries, this.deflate(data));
  }

  /** A stream of Latin-1 lines (a page's operators, under then body), joined by line feeds: see {@link compressLines}. */
  streamLines(groups: readonly (readonly string[])[], entries = '', n = this.ref()): number {
    this.claim(n);
    return this.add(n, entries, compressLines(this.deflate, groups));
  }

  /** A stream whose compression the caller started before the file was (a page finished early, by compressLines). */
  streamCompressed(data: Uint8Array | Promise<Uint8Array>, entries = '', n = this.ref()): number {
    this.claim(n);
    return this.add(n, entries, data);
  }

  private add(n: number, entries: string, data: Uint8Array | Promise<Uint8Array>): number {
    this.streams.push({ ref: n, entries: `${entries} /Filter /FlateDecode`, data });
    return n;
  }

  private claim(n: number): void {
    if (!Number.isInteger(n) || n < 1 || n > this.last) throw new RangeError(`PDF object ${n} was never numbered`);
    if (this.written.has(n)) throw new Error(`PDF object ${n} is written twice`);
    this.written.add(n);
  }

  /** The whole file: header, streams, object streams, cross-reference stream, trailer. */
  async finish(root: number, info: number): Promise<Uint8Array> {
    const packed = [...this.plain.keys()].sort((a, b) => a - b);
    const objectStreams: StreamObject[] = [];
    /** object number → [object stream number, index in it] */
    const inStream = new Map<number, [number, number]>();
    for (let start = 0; start < packed.length; start += OBJECTS_PER_STREAM) {
      const group = packed.slice(start, start + OBJECTS_PER_STREAM);
      const n = this.ref();
      this.written.add(n);
      const header: string[] = [];
      const bodies: string[] = [];
      let offset = 0;
      group.forEach((member, index) => {
        const body = this.plain.get(member) as string;
        header.push(`${member} ${offset}`);
        bodies.push(body);
        offset += body.length + 1;
        inStream.set(member, [n, index]);
      });
      const head = `${header.join(' ')}\n`;
      const text = head + bodies.join('\n');
      const bytes = ascii(text);
      // the offsets above count characters: they are bytes only if every object is ASCII
      if (bytes.length !== text.length) throw new Error(`a PDF object among ${group[0]}-${group[group.length - 1]} is not ASCII`);
      objectStreams.push({ ref: n, entries: `/Type /ObjStm /N ${group.length} /First ${head.length} /Filter /FlateDecode`, data: this.deflate(bytes) });
    }
    const xref = this.ref();
    this.written.add(xref);
    for (let n = 1; n <= this.last; n += 1) if (!this.written.has(n)) throw new Error(`PDF object ${n} was numbered but never written`);

    const chunks: Uint8Array[] = [];
    let length = 0;
    const push = (bytes: Uint8Array) => {
      chunks.push(bytes);
      length += bytes.length;
    };
    const offsets = new Map<number, number>();
    // the header, then a comment of four bytes above 127: the file holds binary data
    push(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a, 0x25, 0xe2, 0xe3, 0xcf, 0xd3, 0x0a]));
    const all = [...this.streams, ...objectStreams];
    const compressed = await Promise.all(all.map((stream) => stream.data));
    all.forEach((stream, i) => {
      const data = compressed[i];
      offsets.set(stream.ref, length);
      push(ascii(`${stream.ref} 0 obj\n<<${stream.entries} /Length ${data.length}>>\nstream\n`));
      push(data);
      push(ascii('\nendstream\nendobj\n'));
    });

    // cross-reference stream: type (1 byte), offset or object stream (4), generation or index (2)
    const size = xref + 1;
    const table = new Uint8Array(size * 7);
    const entry = (n: number, type: number, field2: number, field3: number) => {
      const at = n * 7;
      table[at] = type;
      table[at + 1] = (field2 >>> 24) & 0xff;
      table[at + 2] = (field2 >>> 16) & 0xff;
      table[at + 3] = (field2 >>> 8) & 0xff;
      table[at + 4] = field2 & 0xff;
      table[at + 5] = (field3 >>> 8) & 0xff;
      table[at + 6] = field3 & 0xff;
    };
    entry(0, 0, 0, 0xffff);
    const xrefOffset = length;
    offsets.set(xref, xrefOffset);
    for (let n = 1; n < size; n += 1) {
      const direct = offsets.get(n);
      if (direct !== undefined) entry(n, 1, direct, 0);
      else {
        const [stream, index] = inStream.get(n) as [number, number];
        entry(n, 2, stream, index);
      }
    }
    const data = await this.deflate(table);
    push(ascii(`${xref} 0 obj\n<</Type /XRef /Size ${size} /W [1 4 2] /Root ${ref(root)} /Info ${ref(info)} /Filter /FlateDecode /Length ${data.length}>>\nstream\n`));
    push(data);
    push(ascii(`\nendstream\nendobj\nstartxref\n${xrefOffset}\n%%EOF\n`));

    return concatBytes(chunks, length);
  }
}

/** Byte chunks one after another, in one buffer of `length` bytes (their total). */
export function concatBytes(chunks: readonly Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
