/**
 * Writes laid-out pages as a PDF through pdf-lib's low-level objects: one content stream per page,
 * one shared resource dictionary, subset fonts, contents links, bookmarks and the Info dictionary
 * (Title, Subject, Producer and dates only: SECURITY.md PDF-1). No JavaScript, actions, forms or
 * embedded files; every object written is reachable (PDF-2).
 */
import { PDFDocument, PDFHexString, PDFName, PDFNull, PDFNumber, type PDFArray, type PDFContext, type PDFDict, type PDFRef } from 'pdf-lib';
import type { OutlineNode } from './book-layout';
import type { FontSet } from './fonts';
import type { Page } from './page';

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

export async function writeDocument(fonts: FontSet, pages: readonly Page[], outline: readonly OutlineNode[], info: DocumentInfo): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const context = doc.context;

  // page content first: it decides which glyphs go into each subset
  const contents = pages.map((page) => [...page.under, ...page.body].join('\n'));
  const resources = context.register(
    context.obj({
      Font: fonts.embed(doc),
      ExtGState: { GSWatermark: { Type: 'ExtGState', ca: 0.16, CA: 0.16 } },
    }),
  );

  const pageRefs: PDFRef[] = [];
  const leaves: PDFDict[] = [];
  for (let i = 0; i < pages.length; i += 1) {
    const page = doc.addPage([pages[i].size.width, pages[i].size.height]);
    page.node.set(PDFName.of('Resources'), resources);
    page.node.set(PDFName.of('Contents'), context.register(context.flateStream(contents[i])));
    pageRefs.push(page.ref);
    leaves.push(page.node);
  }

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
