/**
 * Writes laid-out pages as a PDF through pdf-lib's low-level objects: one content stream per page,
 * one shared resource dictionary, subset fonts, contents links, bookmarks and the Info dictionary
 * (Title, Subject, Producer and dates only: docs/security.md PDF-1). No JavaScript, actions, forms or
 * embedded files; every object written is reachable (PDF-2).
 */
import { PDFDocument, PDFHexString, PDFName, PDFNull, PDFNumber, type PDFArray, type PDFContext, type PDFDict, type PDFRef } from 'pdf-lib';
import type { FontSet } from './fonts';
import type { FormXObject, Page } from './page';
import type { Deflate } from './pdf-syntax';

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

function destination(context: PDFContext, pageRefs: readonly PDFRef[], page: Page, top: number): PDFArray {
  const array = context.obj([]);
  array.push(pageRefs[page.index]);
  array.push(PDFName.of('XYZ'));
  array.push(PDFNull);
  array.push(PDFNumber.of(Math.round(top)));
  array.push(PDFNull);
  return array;
}

/** Content streams are Latin-1: operators are ASCII, glyph codes are bytes 0-255 in literal strings. */
function latin1(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i += 1) bytes[i] = text.charCodeAt(i);
  return bytes;
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
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

export async function writeDocument(
  fonts: FontSet,
  pages: readonly Page[],
  outline: readonly OutlineNode[],
  info: DocumentInfo,
  deflate: Deflate = deflateWithCompressionStream,
): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const context = doc.context;

  // page content first: it decides which glyphs go into each subset
  const contents = await Promise.all(pages.map((page) => deflate(latin1([...page.under, ...page.body].join('\n')))));
  // forms (the outlined DRAFT band and watermark): one stream each, placed by name on any page
  const forms = new Map<string, FormXObject>();
  for (const page of pages) for (const form of page.forms) forms.set(form.name, form);
  const xobjects = context.obj({});
  for (const form of [...forms.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    const stream = context.stream(await deflate(latin1(form.content)), { Type: 'XObject', Subtype: 'Form', BBox: form.bbox.map((v) => Math.round(v * 100) / 100), Filter: 'FlateDecode' });
    xobjects.set(PDFName.of(form.name), context.register(stream));
  }
  const resources = context.register(
    context.obj({
      Font: await fonts.embed(doc, deflate),
      ExtGState: { GSWatermark: { Type: 'ExtGState', ca: 0.16, CA: 0.16 } },
      ...(forms.size > 0 ? { XObject: xobjects } : {}),
    }),
  );

  // a flat page tree, built directly: pdf-lib's addPage walks the tree for every page inserted
  const treeRef = doc.catalog.get(PDFName.of('Pages')) as PDFRef;
  const pageRefs = pages.map(() => context.nextRef());
  const leaves: PDFDict[] = pages.map((page, i) => {
    const leaf = context.obj({
      Type: 'Page',
      Parent: treeRef,
      MediaBox: [0, 0, page.size.width, page.size.height],
      Resources: resources,
      Contents: context.register(context.stream(contents[i], { Filter: 'FlateDecode' })),
    });
    context.assign(pageRefs[i], leaf);
    return leaf;
  });
  const tree = doc.catalog.Pages();
  tree.set(PDFName.of('Kids'), context.obj(pageRefs));
  tree.set(PDFName.of('Count'), PDFNumber.of(pages.length));

  pages.forEach((page, i) => {
    if (page.links.length === 0) return;
    const annots = context.obj([]);
    for (const link of page.links) {
      annots.push(
        context.register(
          context.obj({
            Type: 'Annot',
            Subtype: 'Link',
            Rect: link.rect.map((v) => Math.round(v * 100) / 100),
            Border: [0, 0, 0],
            F: 4,
            Dest: destination(context, pageRefs, pages[link.targetPage], link.targetTop),
          }),
        ),
      );
    }
    leaves[i].set(PDFName.of('Annots'), annots);
  });

  if (outline.length > 0) {
    const rootRef = context.nextRef();
    const writeLevel = (nodes: readonly OutlineNode[], parent: PDFRef): { first: PDFRef; last: PDFRef } => {
      const refs = nodes.map(() => context.nextRef());
      nodes.forEach((node, i) => {
        const dict = context.obj({});
        dict.set(PDFName.of('Title'), PDFHexString.fromText(node.title));
        dict.set(PDFName.of('Parent'), parent);
        if (i > 0) dict.set(PDFName.of('Prev'), refs[i - 1]);
        if (i < nodes.length - 1) dict.set(PDFName.of('Next'), refs[i + 1]);
        if (node.children.length > 0) {
          const children = writeLevel(node.children, refs[i]);
          dict.set(PDFName.of('First'), children.first);
          dict.set(PDFName.of('Last'), children.last);
          // negative: the section starts closed, its items one click away
          dict.set(PDFName.of('Count'), PDFNumber.of(-node.children.length));
        }
        const dest = destination(context, pageRefs, node.page, node.top);
        dict.set(PDFName.of('Dest'), dest);
        context.assign(refs[i], dict);
      });
      return { first: refs[0], last: refs[refs.length - 1] };
    };
    const top = writeLevel(outline, rootRef);
    context.assign(
      rootRef,
      context.obj({ Type: 'Outlines', First: top.first, Last: top.last, Count: outline.length }),
    );
    doc.catalog.set(PDFName.of('Outlines'), rootRef);
    doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
  }

  doc.setTitle(info.title, { showInWindowTitleBar: true });
  doc.setSubject(info.subject);
  doc.setProducer(info.producer);
  doc.setCreationDate(info.date);
  doc.setModificationDate(info.date);

  return doc.save({ useObjectStreams: true, addDefaultPage: false, objectsPerTick: Number.POSITIVE_INFINITY, updateFieldAppearances: false });
}
