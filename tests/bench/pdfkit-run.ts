/**
 * The PDF benchmark's side-by-side peer: pdfkit (the fastest JavaScript PDF library) printing
 * the same generated book in its own process, so its memory is its own, as pdf-engine-run.ts
 * does for Briefbook's engine: `node pdfkit-run.mjs ITEMS OUT.pdf FONTS_DIR [warm]` prints one
 * JSON line of the same shape. Bundled by pdf-bench.ts with pdfkit left outside (it reads its
 * own data files).
 *
 * Same content, the same fonts, embedded the same way (subsets of Pretendard, and of the Noto
 * fallbacks for the characters Pretendard lacks, chosen per character with fontkit), and the
 * same type as the engine's book (src/pdf/styles.ts: the 11 pt body on the 345 pt measure, the
 * headings' and labels' sizes), so both print about as many pages; cover, two-level contents
 * (sections, then items) with page numbers, a new page per section, the marking banner and
 * "Page N of M" on every page. Simpler than the engine: pdfkit's own greedy line breaking (no
 * Korean word rules, no widow control, no keeping a title with its text), no kerning, and no
 * tinted boxes, thumb tabs or at-a-glance page.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import { FONT_MANIFEST } from '../../src/pdf';
import { MEASURE, TEXT_LEFT, TYPE } from '../../src/pdf/styles';
import { parseBriefbookText, type TextRun } from '../../src/shared/briefbook-text';
import { KIND_LABELS } from '../../src/shared/domain';
import { overallMarking, portionMark } from '../../src/shared/markings';
import { generatedBook } from './pdf-book';

const items = Number(process.argv[2] ?? 2000);
const out = process.argv[3];
const fontsDir = process.argv[4];
const content = generatedBook(items, Math.max(1, Math.round(items / 50)));
const MM = 72 / 25.4;
const MARGINS = { top: 26 * MM, bottom: 24 * MM, left: 22 * MM, right: 20 * MM };

interface Fonts {
  files: Record<string, Buffer>;
  /** for each code point, the first face that has it: 'regular' (or 'bold'), else a fallback */
  faceOf: (codePoint: number, bold: boolean) => string;
}

function readFonts(): Fonts {
  const files: Record<string, Buffer> = {
    regular: readFileSync(join(fontsDir, FONT_MANIFEST.regular)),
    bold: readFileSync(join(fontsDir, FONT_MANIFEST.bold)),
  };
  FONT_MANIFEST.fallbacks.forEach((name, i) => (files[`fallback${i}`] = readFileSync(join(fontsDir, name))));
  const coverage = Object.fromEntries(
    Object.entries(files).map(([name, bytes]) => [name, fontkit.create(bytes) as fontkit.Font]),
  );
  const cache = new Map<number, string>();
  const faceOf = (codePoint: number, bold: boolean): string => {
    const key = bold ? -codePoint - 1 : codePoint;
    let face = cache.get(key);
    if (face === undefined) {
      const own = bold ? 'bold' : 'regular';
      face = coverage[own].hasGlyphForCodePoint(codePoint)
        ? own
        : (FONT_MANIFEST.fallbacks.map((_, i) => `fallback${i}`).find((name) => coverage[name].hasGlyphForCodePoint(codePoint)) ?? own);
      cache.set(key, face);
    }
    return face;
  };
  return { files, faceOf };
}

/** Splits styled runs into pieces of one face each. */
function pieces(runs: readonly TextRun[], fonts: Fonts): { face: string; text: string }[] {
  const result: { face: string; text: string }[] = [];
  for (const run of runs) {
    for (const char of run.text) {
      const code = char.codePointAt(0) ?? 32;
      // spaces and line breaks go with the piece they are in
      const face = code <= 32 && result.length > 0 ? result[result.length - 1].face : fonts.faceOf(code, run.bold === true);
      const last = result.at(-1);
      if (last !== undefined && last.face === face) last.text += char;
      else result.push({ face, text: char });
    }
  }
  return result;
}

function render(fonts: Fonts): Promise<{ bytes: Buffer; pages: number }> {
  const doc = new PDFDocument({ size: 'A4', margins: MARGINS, bufferPages: true, autoFirstPage: true, info: { Producer: 'pdfkit bench', CreationDate: new Date(Date.UTC(2025, 7, 25)) } });
  for (const [name, bytes] of Object.entries(fonts.files)) doc.registerFont(name, bytes);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolveDone) => doc.on('end', () => resolveDone(Buffer.concat(chunks))));
  const width = doc.page.width - MARGINS.left - MARGINS.right;

  /** text on the full width (cover, contents) or, with `body`, on the engine's measure */
  const write = (runs: readonly TextRun[], size: number, indent = 0, gap = 5, body = false) => {
    const parts = pieces(runs, fonts);
    if (parts.length === 0) return;
    const left = body ? TEXT_LEFT : MARGINS.left;
    const measure = body ? MEASURE : width;
    doc.fontSize(size);
    parts.forEach((part, i) => {
      doc.font(part.face);
      const last = i === parts.length - 1;
      if (i === 0) doc.text(part.text, left + indent, doc.y, { width: measure - indent, continued: !last, lineGap: size * 0.42 - size * 0.2 });
      else doc.text(part.text, { continued: !last });
    });
    doc.moveDown(gap / size);
  };
  const plain = (text: string, bold = false): TextRun[] => [{ text, bold, italic: false } as TextRun];
  const body = (source: string) => {
    for (const block of parseBriefbookText(source).blocks) {
      if (block.type === 'paragraph') {
        write(block.runs, TYPE.body, 0, 5, true);
        continue;
      }
      block.entries.forEach((entry, i) => {
        write([...plain(block.ordered ? `${block.start + i}. ` : '• '), ...entry.runs], TYPE.body, 12, 2, true);
        entry.children?.entries.forEach((child, j) => write([...plain(entry.children?.ordered === true ? `${j + 1}. ` : '– '), ...child.runs], TYPE.body, 24, 2, true));
      });
    }
  };

  const overall = overallMarking(content.items, content.markings, content.book.floor).text;
  // cover
  doc.y = 200;
  write(plain(overall, true), 12);
  write(plain(content.book.title, true), 26);
  write(plain(content.book.subtitle ?? ''), 14);
  // two-level contents, as the engine's: the page numbers are written once the sections are laid out
  const byId = new Map(content.items.map((item) => [item.id, item]));
  doc.addPage();
  write(plain('Contents', true), 20);
  const here = () => ({ page: doc.bufferedPageRange().count - 1, y: doc.y });
  const tocLines: { page: number; y: number; size: number }[] = [];
  for (const section of content.book.sections) {
    tocLines.push({ ...here(), size: TYPE.body });
    write(plain(section.title, true), TYPE.body, 0, 2);
    for (const id of section.items) {
      const item = byId.get(id);
      if (item === undefined) continue;
      tocLines.push({ ...here(), size: TYPE.note });
      write(plain(item.title), TYPE.note, 14, 1);
    }
  }
  /** the page each contents line points to, in the order of tocLines */
  const tocPages: number[] = [];
  content.book.sections.forEach((section, index) => {
    doc.addPage();
    tocPages.push(doc.bufferedPageRange().count);
    write(plain(`SECTION ${index + 1} OF ${content.book.sections.length}`, true), TYPE.label, 0, 2, true);
    write(plain(section.title, true), TYPE.sectionTitle, 0, 4, true);
    doc.moveTo(TEXT_LEFT, doc.y).lineTo(TEXT_LEFT + MEASURE, doc.y).lineWidth(1.2).stroke();
    doc.moveDown(0.6);
    for (const id of section.items) {
      const item = byId.get(id);
      if (item === undefined) continue;
      doc.moveDown(0.8);
      write(plain(KIND_LABELS[item.kind].toUpperCase(), true), TYPE.label, 0, 1, true);
      tocPages.push(doc.bufferedPageRange().count);
      write(plain(`${portionMark(item, content.markings)} ${item.title}`, true), TYPE.itemHeading, 0, 3, true);
      body(item.body);
      for (const [lang, translation] of Object.entries(item.translations ?? {})) {
        write(plain(lang), TYPE.note, 0, 1, true);
        write(plain(translation.title ?? '', true), TYPE.itemHeading, 0, 3, true);
        body(translation.body ?? '');
      }
    }
  });
  // furniture on every page, and the contents' page numbers
  const { count } = doc.bufferedPageRange();
  for (let i = 0; i < count; i += 1) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('bold').fontSize(9);
    doc.text(overall, MARGINS.left, 12 * MM, { width, align: 'center', lineBreak: false });
    doc.font('regular').fontSize(9).text(`Page ${i + 1} of ${count}`, MARGINS.left, doc.page.height - 16 * MM, { width, align: 'center', lineBreak: false });
    doc.font('bold').fontSize(9).text(overall, MARGINS.left, doc.page.height - 11 * MM, { width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  tocLines.forEach((line, i) => {
    doc.switchToPage(line.page);
    doc.font('regular').fontSize(line.size).text(String(tocPages[i]), MARGINS.left, line.y, { width, align: 'right', lineBreak: false });
  });
  doc.end();
  return done.then((bytes) => ({ bytes, pages: count }));
}

const baselineRss = process.resourceUsage().maxRSS;
const started = performance.now();
const cpuStart = process.cpuUsage();
const fonts = readFonts();
const first = await render(fonts);
const wallMs = performance.now() - started;
const cpu = process.cpuUsage(cpuStart);
const peakRss = process.resourceUsage().maxRSS;
if (out !== undefined && out !== '') {
  const { writeFileSync } = await import('node:fs');
  writeFileSync(out, first.bytes);
}
let warmMs = Number.POSITIVE_INFINITY;
for (let i = 0; i < (process.argv[5] === 'warm' ? 3 : 0); i += 1) {
  const again = performance.now();
  await render(fonts);
  warmMs = Math.min(warmMs, performance.now() - again);
}
process.stdout.write(
  `${JSON.stringify({
    items,
    pages: first.pages,
    bytes: first.bytes.length,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    peakRssMiB: peakRss / 1024,
    warmMs: Number.isFinite(warmMs) ? warmMs : null,
    baselineRssMiB: baselineRss / 1024,
  })}\n`,
);
