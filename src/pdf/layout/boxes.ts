/**
 * Boxes for the flow (page.ts): lines of styled text, gaps, margin markers (bullets, numbers, Q
 * and A), and Briefbook text's paragraphs and lists, each line a box that keeps widows and
 * orphans off page edges.
 */
import { parseBriefbookText, type Block, type TextRun } from '../../shared/briefbook-text';
import type { FontSet } from '../fonts';
import { box, type Box } from '../page';
import type { Rgb } from '../pdf-syntax';
import { INK, leading, style } from '../styles';
import { breakLines, drawLine, makeParagraph, singleLine, type Line, type ParagraphOptions, type StyledRun, type TextStyle } from '../text-layout';

export function hexColour(hex: string): Rgb {
  const value = Number.parseInt(hex.replace('#', ''), 16);
  return [((value >> 16) & 255) / 255, ((value >> 8) & 255) / 255, (value & 255) / 255];
}

/** Distance from a line box's top to its baseline. */
export function baselineOffset(lineHeight: number, size: number): number {
  return (lineHeight - size) / 2 + 0.8 * size;
}

export interface LineBoxOptions {
  x: number;
  width: number;
  /** space above the first line only */
  spaceBefore?: number;
  /** keep every line with the box that follows (headings, labels) */
  keep?: boolean;
  align?: 'left' | 'center' | 'right';
  lineHeight?: number;
  /** drawn beside the first line (bullets, numbers, Q and A) */
  marker?: { text: string; style: TextStyle; x: number; align?: 'left' | 'right' };
  /** width of the first line when it differs (a hanging label) */
  firstWidth?: number;
  /** the text's language and hyphenation (body text only) */
  paragraph?: ParagraphOptions;
}

/** Breaks styled runs into lines and returns one box per line. */
export function textBoxes(fonts: FontSet, runs: readonly StyledRun[], options: LineBoxOptions): Box[] {
  const paragraph = makeParagraph(fonts, runs, options.paragraph);
  const lines = breakLines(paragraph, (n) => (n === 0 && options.firstWidth !== undefined ? options.firstWidth : options.width));
  const boxes = lines.map((line, index) => lineBox(fonts, line, options, index));
  // no orphan (a first line alone at the foot of a page) and no widow (a last line alone at the top)
  if (boxes.length >= 2) boxes[0].keepWithNext = true;
  if (boxes.length >= 3) boxes[boxes.length - 2].keepWithNext = true;
  return boxes;
}

export function lineBox(fonts: FontSet, line: Line, options: LineBoxOptions, index: number): Box {
  const height = options.lineHeight ?? leading(line.size);
  const align = options.align ?? 'left';
  const offset = align === 'center' ? (options.width - line.width) / 2 : align === 'right' ? options.width - line.width : 0;
  const marker = index === 0 ? options.marker : undefined;
  return box(height, index === 0 ? (options.spaceBefore ?? 0) : 0, options.keep ?? false, (page, top) => {
    const baseline = top - baselineOffset(height, line.size);
    page.body.push(drawLine(fonts, line, options.x + offset, baseline));
    if (marker !== undefined) {
      const markerLine = singleLine(fonts, marker.text, marker.style);
      const x = marker.align === 'right' ? marker.x - markerLine.width : marker.x;
      page.body.push(drawLine(fonts, markerLine, x, baseline));
    }
  });
}

export function gap(height: number): Box {
  return box(height, 0, false, () => undefined);
}

export function runsOf(runs: readonly TextRun[], size: number, color: Rgb = INK): StyledRun[] {
  return runs.map((run) => ({ text: run.text, style: style(size, { bold: run.bold, italic: run.italic, color }) }));
}

/** Body text of Briefbook text: paragraphs, bullets with one nested level, numbered lists. */
export function bodyBoxes(fonts: FontSet, source: string, x: number, width: number, size: number, firstMarker?: LineBoxOptions['marker'], paragraph?: ParagraphOptions): Box[] {
  const boxes: Box[] = [];
  const blocks: Block[] = parseBriefbookText(source).blocks;
  const paragraphGap = size * 0.55;
  let marker = firstMarker;
  const take = () => {
    const m = marker;
    marker = undefined;
    return m;
  };
  for (const block of blocks) {
    if (block.type === 'paragraph') {
      boxes.push(...textBoxes(fonts, runsOf(block.runs, size), { x, width, spaceBefore: boxes.length === 0 ? 0 : paragraphGap, marker: take(), paragraph }));
      continue;
    }
    block.entries.forEach((entry, index) => {
      const label = block.ordered ? `${block.start + index}.` : '•';
      const indent = 16;
      const outer = marker;
      marker = undefined;
      const entryBoxes = textBoxes(fonts, runsOf(entry.runs, size), {
        x: x + indent,
        width: width - indent,
        spaceBefore: index === 0 ? (boxes.length === 0 ? 0 : paragraphGap) : size * 0.25,
        paragraph,
        marker: { text: label, style: style(size, { bold: block.ordered }), x: block.ordered ? x + indent - 4 : x + 4, align: block.ordered ? 'right' : 'left' },
      });
      if (outer !== undefined && entryBoxes.length > 0) entryBoxes.unshift(withMarker(fonts, gap(0), outer, size));
      boxes.push(...entryBoxes);
      const nested = entry.children;
      if (nested !== null) {
        nested.entries.forEach((child, childIndex) => {
          const childLabel = nested.ordered ? `${nested.start + childIndex}.` : '–';
          const childIndent = indent + 15;
          boxes.push(
            ...textBoxes(fonts, runsOf(child.runs, size), {
              x: x + childIndent,
              width: width - childIndent,
              spaceBefore: size * 0.2,
              paragraph,
              marker: {
                text: childLabel,
                style: style(size),
                x: nested.ordered ? x + childIndent - 4 : x + indent + 3,
                align: nested.ordered ? 'right' : 'left',
              },
            }),
          );
        });
      }
    });
  }
  if (marker !== undefined && boxes.length > 0) boxes.unshift(withMarker(fonts, gap(0), marker, size));
  return boxes;
}

/** A zero-height box that draws a margin marker at the next line's baseline (the A of an answer). */
export function withMarker(fonts: FontSet, from: Box, marker: NonNullable<LineBoxOptions['marker']>, size: number): Box {
  // the marker belongs to the line after it: never split from it by a page break
  return box(from.height, from.spaceBefore, true, (page, top) => {
  const line = singleLine(fonts, marker.text, marker.style);
  page.body.push(drawLine(fonts, line, marker.x, top - baselineOffset(leading(size), size)));
  });
}

