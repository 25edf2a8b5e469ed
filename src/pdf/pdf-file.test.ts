import { PDFDocument, PDFName } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { deflateWithCompressionStream } from './document';
import { PdfFile, ref } from './pdf-file';
import { pdfDate, pdfText } from './pdf-syntax';

/** A one-page file: catalog, page tree, page, content stream, Info. */
async function onePage(title: string): Promise<Uint8Array> {
  const file = new PdfFile(deflateWithCompressionStream);
  const catalog = file.ref();
  const tree = file.ref();
  const page = file.ref();
  const content = file.stream(new TextEncoder().encode('0 0 1 rg 10 10 50 50 re f'));
  file.object(`<</Type /Page /Parent ${ref(tree)} /MediaBox [0 0 200 100] /Contents ${ref(content)}>>`, page);
  file.object(`<</Type /Pages /Kids [${ref(page)}] /Count 1>>`, tree);
  file.object(`<</Type /Catalog /Pages ${ref(tree)}>>`, catalog);
  const info = file.object(`<</Title ${pdfText(title)} /CreationDate ${pdfDate(new Date(Date.UTC(2025, 7, 25, 9, 30)))}>>`);
  return file.finish(catalog, info);
}

describe('PdfFile', () => {
  it('writes a file another PDF reader opens: its page, its size and its Info title', async () => {
    const bytes = await onePage('Summit — 정상회담');
    expect(new TextDecoder('latin1').decode(bytes.subarray(0, 8))).toBe('%PDF-1.7');
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(doc.getPageCount()).toBe(1);
    expect(doc.getPage(0).getSize()).toEqual({ width: 200, height: 100 });
    expect(doc.getTitle()).toBe('Summit — 정상회담');
    expect(doc.getCreationDate()?.toISOString()).toBe('2025-08-25T09:30:00.000Z');
    // the small objects went into a compressed object stream, the cross-references into a stream
    const raw = new TextDecoder('latin1').decode(bytes);
    expect(raw).toContain('/Type /ObjStm');
    expect(raw).toContain('/Type /XRef');
    expect(raw).not.toContain('/Type /Pages');
    expect(doc.context.trailerInfo.Root?.toString()).toBe('1 0 R');
    expect(doc.catalog.get(PDFName.of('Pages'))?.toString()).toBe('2 0 R');
  });

  it('is the same bytes when written again', async () => {
    expect(Buffer.from(await onePage('Again')).equals(Buffer.from(await onePage('Again')))).toBe(true);
  });

  it('refuses a numbered object that was never written, one written twice, and one not in ASCII', async () => {
    const hole = new PdfFile(deflateWithCompressionStream);
    const root = hole.object('<</Type /Catalog>>');
    hole.ref();
    await expect(hole.finish(root, root)).rejects.toThrow('PDF object 2 was numbered but never written');

    const twice = new PdfFile(deflateWithCompressionStream);
    const once = twice.object('<<>>');
    expect(() => twice.object('<<>>', once)).toThrow('PDF object 1 is written twice');
    expect(() => twice.object('<<>>', 7)).toThrow('PDF object 7 was never numbered');

    const wide = new PdfFile(deflateWithCompressionStream);
    const text = wide.object('(정상회담)');
    await expect(wide.finish(text, text)).rejects.toThrow('a PDF object among 1-1 is not ASCII');
  });
});
