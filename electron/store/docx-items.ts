/**
 * A Word paper (.docx) → items, for `briefbook import paper.docx` and a .docx dropped on a
 * section: each heading starts an item (its text the title), what follows it down to the next
 * heading is the body, as Briefbook text with its lists, line breaks, bold and italic. mammoth
 * turns the document into HTML; the one HTML converter the editor's paste uses
 * (src/shared/html-to-briefbook.ts) turns that into Briefbook text. Nothing is written here: the
 * caller shows the list, then imports it (docs/rich-text.md, ".docx in").
 *
 * - the highest heading level used splits the items (Heading 1 if there is one); deeper headings
 *   stay in the body as bold paragraphs
 * - text before the first heading is not dropped: it becomes a first item titled with the
 *   file's name, for the writer to keep or delete in the preview
 * - a bad file is refused with one line in words naming the file: not a zip, encrypted (or an
 *   old .doc), macros, over 50 MB (or over 200 MB unpacked), no headings; and one that would make
 *   items the store cannot take: over LIMITS.paperItems headings, a heading longer than a
 *   title may be, more text under one heading than a body may hold
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { Parser } from 'htmlparser2';
import { DOCX_MAX_BYTES, docxTooLarge, megabytes, type DocxItem } from '../../src/shared/contract';
import { LIMITS, type ItemKind } from '../../src/shared/domain';
import { plainText } from '../../src/shared/briefbook-text';
import { htmlToBriefbookText } from '../../src/shared/html-to-briefbook';

export type { DocxItem };

/** A .docx that cannot be imported; the message is one line naming the file. */
export class DocxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DocxError';
  }
}

export { DOCX_MAX_BYTES };
/** What the parts of the archive may add up to once unpacked (a zip bomb stops here). */
export const DOCX_MAX_UNPACKED_BYTES = 200 * 1024 * 1024;

const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];


/** Reads a .docx from disk; refuses one over the size limit before reading it. */
export async function readDocxItems(path: string, options: { kind?: ItemKind } = {}): Promise<DocxItem[]> {
  const name = basename(path);
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (error) {
    throw new DocxError(`${name} could not be read: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}.`);
  }
  if (size > DOCX_MAX_BYTES) throw new DocxError(docxTooLarge(name, size));
  return docxItems(await readFile(path), name, options);
}

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((byte, i) => bytes[i] === byte);
}

/** Whether an OLE compound file holds an encrypted Office package (its stream names, UTF-16). */
function isEncryptedPackage(bytes: Uint8Array): boolean {
  const needle = [...'EncryptionInfo'].flatMap((ch) => [ch.charCodeAt(0), 0]);
  outer: for (let i = 0; i + needle.length <= bytes.length; i += 1) {
    for (let j = 0; j < needle.length; j += 1) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

async function openArchive(bytes: Uint8Array, name: string): Promise<JSZip> {
  if (bytes.length > DOCX_MAX_BYTES) throw new DocxError(docxTooLarge(name, bytes.length));
  if (startsWith(bytes, OLE_SIGNATURE)) {
    throw new DocxError(
      isEncryptedPackage(bytes)
        ? `${name} is encrypted (password-protected): save an unprotected copy from Word and import that.`
        : `${name} is an old Word 97–2003 document (.doc): save it from Word as .docx and import that.`,
    );
  }
  if (!startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) throw new DocxError(`${name} is not a Word document (.docx): it is not a zip archive.`);
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (error) {
    throw new DocxError(`${name} is a damaged zip archive and cannot be read as a Word document (${(error as Error).message}).`);
  }
  const parts = Object.values(zip.files);
  if (parts.some((part) => /(^|\/)vbaProject\.bin$/i.test(part.name) || /(^|\/)vbaData\.xml$/i.test(part.name))) {
    throw new DocxError(`${name} contains macros (a VBA project): Briefbook does not open documents with macros; save it from Word as a plain .docx and import that.`);
  }
  if (zip.file('word/document.xml') === null) throw new DocxError(`${name} is a zip archive but not a Word document (it has no word/document.xml).`);
  // jszip keeps each entry's unpacked size from the central directory
  const unpacked = parts.reduce((sum, part) => sum + ((part as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0), 0);
  if (unpacked > DOCX_MAX_UNPACKED_BYTES) throw new DocxError(`${name} unpacks to ${megabytes(unpacked)}; a Word paper may unpack to at most 200 MB.`);
  return zip;
}

/** The items of a .docx already in memory; `name` is the file's name for messages and the preamble's title. */
export async function docxItems(bytes: Uint8Array, name: string, options: { kind?: ItemKind } = {}): Promise<DocxItem[]> {
  await openArchive(bytes, name);
  let html: string;
  try {
    html = (
      await mammoth.convertToHtml(
        { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
        // images are dropped anyway: do not decode them into the HTML; never read files a
        // document links to (externalFileAccess stays off)
        { convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })), externalFileAccess: false },
      )
    ).value;
  } catch (error) {
    throw new DocxError(`${name} could not be read as a Word document (${(error as Error).message}).`);
  }
  const sections = splitAtHeadings(html);
  if (!sections.some((section) => section.title !== null)) {
    throw new DocxError(`${name} has no headings: each item starts at a heading, so give each title a Heading style in Word and import again.`);
  }
  const stem = basename(name, extname(name));
  const items: DocxItem[] = [];
  for (const section of sections) {
    const body = htmlToBriefbookText(section.html);
    if (section.title === null && body === '') continue;
    const item: DocxItem = section.title === null ? { title: stem, body, beforeFirstHeading: true } : { title: section.title, body };
    if (options.kind !== undefined) item.kind = options.kind;
    items.push(item);
  }
  refuseOversized(items, name);
  return items;
}

/** Items the store would refuse are refused here, in words, before any preview lists them. */
function refuseOversized(items: readonly DocxItem[], name: string): void {
  if (items.length > LIMITS.paperItems) {
    throw new DocxError(`${name} has ${items.length} headings; at most ${LIMITS.paperItems} items are made from one paper: split it into several files.`);
  }
  const longTitle = items.find((item) => item.title.length > LIMITS.title);
  if (longTitle !== undefined) {
    throw new DocxError(`${name}: the heading “${longTitle.title.slice(0, 60)}…” is ${longTitle.title.length} characters long; a title may be at most ${LIMITS.title}: shorten it in Word.`);
  }
  const longBody = items.find((item) => item.body.length > LIMITS.body);
  if (longBody !== undefined) {
    throw new DocxError(`${name}: the text under “${longBody.title}” is ${longBody.body.length} characters long; an item may hold at most ${LIMITS.body}: give it more headings in Word.`);
  }
}

interface Section {
  /** null: the text before the first heading */
  title: string | null;
  html: string;
}

/**
 * Splits mammoth's HTML at the headings of the highest level used. mammoth writes headings at
 * the top level of its output (h1…h6), so the split is at their offsets in the source.
 */
function splitAtHeadings(html: string): Section[] {
  const headings: { level: number; start: number; end: number; titleHtml: string }[] = [];
  let open: { level: number; start: number; innerStart: number } | null = null;
  let depth = 0;
  const parser: Parser = new Parser(
    {
      onopentag(name) {
        const level = /^h([1-6])$/.exec(name);
        if (level !== null && open === null && depth === 0) {
          open = { level: Number(level[1]), start: parser.startIndex, innerStart: parser.endIndex + 1 };
        } else if (open === null) {
          depth += 1;
        }
      },
      onclosetag(name) {
        if (open !== null && name === `h${open.level}`) {
          headings.push({ level: open.level, start: open.start, end: parser.endIndex + 1, titleHtml: html.slice(open.innerStart, parser.startIndex) });
          open = null;
        } else if (open === null) {
          depth = Math.max(0, depth - 1);
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  const titled = headings.map((h) => ({ ...h, title: plainText(htmlToBriefbookText(h.titleHtml)).replace(/\s+/g, ' ').trim() })).filter((h) => h.title !== '');
  if (titled.length === 0) return [{ title: null, html }];
  const top = Math.min(...titled.map((h) => h.level));
  const splits = titled.filter((h) => h.level === top);
  const sections: Section[] = [{ title: null, html: html.slice(0, splits[0].start) }];
  splits.forEach((heading, i) => {
    sections.push({ title: heading.title, html: html.slice(heading.end, splits[i + 1]?.start ?? html.length) });
  });
  return sections;
}
