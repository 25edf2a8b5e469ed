/**
 * Writes laid-out pages as a PDF (through `pdf-file.ts`, which writes the syntax directly): one content stream per page,
 * one shared resource dictionary, subset fonts, contents links, bookmarks and the Info dictionary
 * (Title, Subject, Producer and dates only: docs/security.md PDF-1). No JavaScript, actions, forms or
 * embedded files; every object written is reachable (PDF-2).
 */
import type { FontSet } from './fonts';
import type { FormXObject, Page } from './page';
import { PdfFile, concatBytes, latin1, ref } from './pdf-file';
import { num, pdfDate, pdfName, pdfText, type Deflate } from './pdf-syntax';

/** A bookmark: its title, where it points, and the bookmarks under it. */
export interface OutlineNode {
  title: string;
  page: Page;
  top: number;
  children: OutlineNode[];
}

export interface DocumentInfo {
  title: string;
  subject: string;
  producer: string;
  date: Date;
}

/**
 * The default: the platform's native CompressionStream (Node ≥ 18, browsers, Web Workers).
 * pdf-lib's own pako spent most of a 400-page book's time allocating a window per page stream.
 * Node's web-stream wrapper is ~10x slower than zlib.deflateSync, so Node callers pass that
 * through BuildExtras.deflate.
 */
export async function deflateWithCompressionStream(data: Uint8Array): Promise<Uint8Array> {
  const compressor = new CompressionStream('deflate');
  const writer = compressor.writable.getWriter();
  void writer.write(data as Uint8Array<ArrayBuffer>);
  void writer.close();
  const reader = compressor.readable.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    length += value.length;
  }
  return chunks.length === 1 ? chunks[0] : concatBytes(chunks, length);
}

/** `[page /XYZ null top null]`: a spot on a page, at its own zoom. */
function destination(pageRefs: readonly number[], page: Page, top: number): string {
  return `[${ref(pageRefs[page.index])} /XYZ null ${Math.round(top)} null]`;
}

function box(values: readonly number[]): string {
  return `[${values.map((v) => num(v)).join(' ')}]`;
}

export async function writeDocument(
  fonts: FontSet,
  pages: readonly Page[],
  outline: readonly OutlineNode[],
  info: DocumentInfo,
  deflate: Deflate = deflateWithCompressionStream,
  /** pages whose content stream the caller started compressing already (compressLines), by page */
  started?: ReadonlyMap<Page, Uint8Array | Promise<Uint8Array>>,
): Promise<Uint8Array> {
  const file = new PdfFile(deflate);
  const catalogRef = file.ref();
  const treeRef = file.ref();
  const pageRefs = pages.map(() => file.ref());

  // the pages' content first: an asynchronous compression runs while the fonts' subsets are
  // encoded below; the glyphs each subset holds were chosen as the pages were drawn
  const contents = pages.map((page) => {
    const early = started?.get(page);
    return early === undefined ? file.streamLines(page.contentLines()) : file.streamCompressed(early);
  });
  // forms (the outlined DRAFT band and watermark): one stream each, placed by name on any page
  const forms = new Map<string, FormXObject>();
  for (const page of pages) for (const form of page.forms) forms.set(form.name, form);
  const xobjects: string[] = [];
  for (const form of [...forms.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    const stream = file.stream(latin1(form.content), `/Type /XObject /Subtype /Form /BBox ${box(form.bbox)}`);
    xobjects.push(`${pdfName(form.name)} ${ref(stream)}`);
  }
  const fontDict = fonts.embed(file);
  const resources = file.object(
    `<</Font ${fontDict} /ExtGState <</GSWatermark <</Type /ExtGState /ca 0.16 /CA 0.16>>>>${xobjects.length > 0 ? ` /XObject <<${xobjects.join(' ')}>>` : ''}>>`,
  );

  // a flat page tree: every page a kid of the root
  pages.forEach((page, i) => {
    const content = contents[i];
    let annots = '';
    if (page.links.length > 0) {
      const links = page.links.map((link) =>
        file.object(`<</Type /Annot /Subtype /Link /Rect ${box(link.rect)} /Border [0 0 0] /F 4 /Dest ${destination(pageRefs, pages[link.targetPage], link.targetTop)}>>`),
      );
      annots = ` /Annots [${links.map(ref).join(' ')}]`;
    }
    file.object(
      `<</Type /Page /Parent ${ref(treeRef)} /MediaBox [0 0 ${num(page.size.width)} ${num(page.size.height)}] /Resources ${ref(resources)} /Contents ${ref(content)}${annots}>>`,
      pageRefs[i],
    );
  });
  file.object(`<</Type /Pages /Kids [${pageRefs.map(ref).join(' ')}] /Count ${pages.length}>>`, treeRef);

  let outlines = '';
  if (outline.length > 0) {
    const rootRef = file.ref();
    const writeLevel = (nodes: readonly OutlineNode[], parent: number): { first: number; last: number } => {
      const refs = nodes.map(() => file.ref());
      nodes.forEach((node, i) => {
        let entries = `/Title ${pdfText(node.title)} /Parent ${ref(parent)}`;
        if (i > 0) entries += ` /Prev ${ref(refs[i - 1])}`;
        if (i < nodes.length - 1) entries += ` /Next ${ref(refs[i + 1])}`;
        if (node.children.length > 0) {
          const children = writeLevel(node.children, refs[i]);
          // negative: the section starts closed, its items one click away
          entries += ` /First ${ref(children.first)} /Last ${ref(children.last)} /Count ${-node.children.length}`;
        }
        file.object(`<<${entries} /Dest ${destination(pageRefs, node.page, node.top)}>>`, refs[i]);
      });
      return { first: refs[0], last: refs[refs.length - 1] };
    };
    const top = writeLevel(outline, rootRef);
    file.object(`<</Type /Outlines /First ${ref(top.first)} /Last ${ref(top.last)} /Count ${outline.length}>>`, rootRef);
    outlines = ` /Outlines ${ref(rootRef)} /PageMode /UseOutlines`;
  }
  file.object(`<</Type /Catalog /Pages ${ref(treeRef)}${outlines} /ViewerPreferences <</DisplayDocTitle true>>>>`, catalogRef);
  const infoRef = file.object(
    `<</Title ${pdfText(info.title)} /Subject ${pdfText(info.subject)} /Producer ${pdfText(info.producer)} /CreationDate ${pdfDate(info.date)} /ModDate ${pdfDate(info.date)}>>`,
  );
  return file.finish(catalogRef, infoRef);
}
