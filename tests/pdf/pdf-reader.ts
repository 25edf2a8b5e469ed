/**
 * Reads a PDF back the way a reader meets it: the text of each page line by line (pdfjs-dist),
 * the bookmarks and contents links with the pages they open, and the poppler / qpdf tools.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { parseExchangeText, bookContentFromExchange } from '../../src/shared/exchange';
import type { BookContent } from '../../src/shared/domain';
import { loadFontFiles } from '../../electron/cli/fonts';
import { deflateForNode } from '../../electron/cli/commands/pdf';
import type { BuildExtras, FontFiles } from '../../src/pdf';

export const SAMPLE_PATH = new URL('../../resources/summit-2025-08-25.briefbook.json', import.meta.url).pathname;
export const SAMPLE_BOOK_ID = 'summit-2025-08-25';

let fontsCache: FontFiles | undefined;
export function fonts(): FontFiles {
  fontsCache ??= loadFontFiles();
  return fontsCache;
}

/** Fixed date and Node's zlib, as the CLI runs the engine. */
export const NODE_EXTRAS: BuildExtras = { creationDate: new Date(Date.UTC(2025, 7, 20, 9, 0, 0)), deflate: deflateForNode, producerVersion: '0.1.0' };

export function sampleContent(): BookContent {
  const parsed = parseExchangeText(readFileSync(SAMPLE_PATH, 'utf8'));
  if (parsed.file === null) throw new Error(`sample book invalid: ${JSON.stringify(parsed.problems)}`);
  return bookContentFromExchange(parsed.file, SAMPLE_BOOK_ID);
}

export interface TextLine {
  text: string;
  /** baseline height from the bottom of the page, in points */
  y: number;
  x: number;
}

export interface ReadPage {
  number: number;
  lines: TextLine[];
  /** every line joined with newlines, top to bottom */
  text: string;
  links: { rect: number[]; page: number }[];
  height: number;
}

export interface OutlineEntry {
  title: string;
  page: number;
  children: OutlineEntry[];
}

export interface ReadPdf {
  pages: ReadPage[];
  /** every bookmark: the front matter's (At a glance, Contents, Changes since…, Clearance), then the sections' */
  outline: OutlineEntry[];
  /** the sections' bookmarks alone, each with its items beneath */
  sections: OutlineEntry[];
  info: Record<string, unknown>;
}

/** Bookmarks of the front-matter pages lead the outline, before the first section's (English titles, a translation after ` · `). */
const FRONT_MATTER = /^(At a glance|Contents|Clearance|Changes since the edition of .*)( · .*)?$/;

function frontMatterCount(outline: readonly OutlineEntry[]): number {
  let n = 0;
  while (n < outline.length && outline[n].children.length === 0 && FRONT_MATTER.test(outline[n].title)) n += 1;
  return n;
}

type PdfDoc = Awaited<ReturnType<typeof getDocument>['promise']>;

async function pageOfDest(doc: PdfDoc, dest: unknown): Promise<number> {
  const resolved = typeof dest === 'string' ? await doc.getDestination(dest) : dest;
  if (!Array.isArray(resolved)) return -1;
  return (await doc.getPageIndex(resolved[0] as never)) + 1;
}

/** Groups pdfjs text items into lines by baseline; items on one line are joined in x order. */
function toLines(items: { str: string; transform: number[]; width: number }[]): TextLine[] {
  const rows = new Map<number, { x: number; str: string; width: number }[]>();
  for (const item of items) {
    if (item.str === '') continue;
    const y = Math.round(item.transform[5]);
    const key = [...rows.keys()].find((k) => Math.abs(k - y) <= 1) ?? y;
    const row = rows.get(key) ?? [];
    row.push({ x: item.transform[4], str: item.str, width: item.width });
    rows.set(key, row);
  }
  return [...rows.entries()]
    .sort((a, b) => b[0] - a[0])
    .map(([y, row]) => {
      row.sort((a, b) => a.x - b.x);
      let text = '';
      let end = -Infinity;
      for (const piece of row) {
        // a visible gap between pieces (dot leaders, a margin letter) reads as a space
        if (text !== '' && piece.x - end > 2 && !text.endsWith(' ') && !piece.str.startsWith(' ')) text += ' ';
        text += piece.str;
        end = piece.x + piece.width;
      }
      return { text: text.replace(/\s+/g, ' ').trim(), y, x: row[0].x };
    });
}

export async function readPdf(bytes: Uint8Array): Promise<ReadPdf> {
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0, useSystemFonts: false }).promise;
  const pages: ReadPage[] = [];
  for (let n = 1; n <= doc.numPages; n += 1) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    const lines = toLines(content.items.filter((i): i is typeof i & { str: string; transform: number[]; width: number } => 'str' in i));
    const links: ReadPage['links'] = [];
    for (const annotation of await page.getAnnotations()) {
      if (annotation.subtype === 'Link' && annotation.dest !== undefined) links.push({ rect: annotation.rect as number[], page: await pageOfDest(doc, annotation.dest) });
    }
    pages.push({ number: n, lines, text: lines.map((l) => l.text).join('\n'), links, height: page.view[3] });
  }
  const readOutline = async (nodes: Awaited<ReturnType<PdfDoc['getOutline']>>): Promise<OutlineEntry[]> =>
    Promise.all((nodes ?? []).map(async (node) => ({ title: node.title, page: await pageOfDest(doc, node.dest), children: await readOutline(node.items) })));
  const outline = await readOutline(await doc.getOutline());
  const metadata = await doc.getMetadata();
  await doc.destroy();
  return { pages, outline, sections: outline.slice(frontMatterCount(outline)), info: metadata.info as Record<string, unknown> };
}

export function tempDir(prefix = 'briefbook-pdf-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function writeTemp(bytes: Uint8Array, name = 'book.pdf'): string {
  const path = join(tempDir(), name);
  writeFileSync(path, bytes);
  return path;
}

/** qpdf --check: exit 0 and no warnings. */
export function qpdfCheck(path: string): string {
  return execFileSync('qpdf', ['--check', path], { encoding: 'utf8' });
}

/** The file with every stream uncompressed and no object streams, for searching its bytes. */
export function uncompressed(path: string): Buffer {
  const out = `${path}.qdf`;
  execFileSync('qpdf', ['--qdf', '--object-streams=disable', path, out]);
  return readFileSync(out);
}

export interface FontRow {
  name: string;
  type: string;
  embedded: boolean;
  subset: boolean;
  unicode: boolean;
}

export function pdffonts(path: string): FontRow[] {
  const lines = execFileSync('pdffonts', [path], { encoding: 'utf8' }).trim().split('\n').slice(2);
  return lines.map((line) => {
    const cells = line.trim().split(/\s+/);
    // name type... encoding emb sub uni object-id generation
    const [emb, sub, uni] = cells.slice(-5, -2);
    return { name: cells[0], type: cells.slice(1, -6).join(' '), embedded: emb === 'yes', subset: sub === 'yes', unicode: uni === 'yes' };
  });
}

/** Renders one page in grey (PGM) at `dpi`; returns width, height and the pixels (0 black .. 255 white). */
export function renderGrey(path: string, page: number, dpi: number): { width: number; height: number; pixels: Uint8Array } {
  const prefix = join(tempDir('briefbook-render-'), 'page');
  execFileSync('pdftoppm', ['-gray', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', path, prefix]);
  const data = readFileSync(`${prefix}.pgm`);
  // P5\n<width> <height>\n<max>\n<bytes>
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(data.subarray(0, 50).toString('latin1'));
  if (header === null) throw new Error('pdftoppm did not write a PGM');
  const width = Number(header[1]);
  const height = Number(header[2]);
  return { width, height, pixels: data.subarray(header[0].length, header[0].length + width * height) };
}

/** Share of dark pixels (below 128) in a rectangle given in PDF points (origin bottom left). */
export function inkShare(render: { width: number; height: number; pixels: Uint8Array }, pageHeight: number, dpi: number, rect: { x: number; y: number; width: number; height: number }): number {
  const scale = dpi / 72;
  const x0 = Math.max(0, Math.floor(rect.x * scale));
  const x1 = Math.min(render.width, Math.ceil((rect.x + rect.width) * scale));
  const y0 = Math.max(0, Math.floor((pageHeight - rect.y - rect.height) * scale));
  const y1 = Math.min(render.height, Math.ceil((pageHeight - rect.y) * scale));
  let dark = 0;
  let total = 0;
  for (let y = y0; y < y1; y += 1) {
    for (let x = x0; x < x1; x += 1) {
      total += 1;
      if (render.pixels[y * render.width + x] < 128) dark += 1;
    }
  }
  return total === 0 ? 0 : dark / total;
}
