/**
 * Briefbook text ↔ the editor's document (Tiptap/ProseMirror JSON), both ways, without a DOM.
 * Text is read by the one parser (src/shared/briefbook-text.ts) and written by the one writer
 * (src/shared/briefbook-text-writer.ts); this module only maps their blocks onto the editor's
 * nodes and marks. docs/rich-text.md has the table.
 *
 *   paragraph                 ↔ paragraph
 *   "\n" inside a run          ↔ hardBreak
 *   list (bullets)            ↔ bulletList > listItem > paragraph
 *   list (numbers, start N)   ↔ orderedList { start: N } > listItem > paragraph
 *   entry's nested list        ↔ listItem > paragraph + bulletList | orderedList (one level)
 *   **bold**, *italic*         ↔ marks bold, italic
 */
import type { JSONContent } from '@tiptap/core';
import { parseBriefbookText, type Block, type ListEntry, type NestedList, type TextRun } from '../../../../shared/briefbook-text';
import { writeBriefbookText } from '../../../../shared/briefbook-text-writer';

export type { JSONContent };

/** The document of an empty draft: the editor needs one block to put the caret in. */
export const EMPTY_DOC: JSONContent = { type: 'doc', content: [{ type: 'paragraph' }] };

// ---------------------------------------------------------------- text → document

export function textToDoc(text: string): JSONContent {
  const content = parseBriefbookText(text).blocks.map(blockToNode);
  return content.length === 0 ? EMPTY_DOC : { type: 'doc', content };
}

function blockToNode(block: Block): JSONContent {
  if (block.type === 'paragraph') return paragraph(block.runs);
  return listNode(block.ordered, block.start, block.entries);
}

function listNode(ordered: boolean, start: number, entries: readonly (ListEntry | { runs: TextRun[] })[]): JSONContent {
  const items = entries.map((entry): JSONContent => {
    const children = 'children' in entry ? entry.children : null;
    const content = [paragraph(entry.runs)];
    if (children !== null) content.push(listNode(children.ordered, children.start, children.entries));
    return { type: 'listItem', content };
  });
  return ordered ? { type: 'orderedList', attrs: { start }, content: items } : { type: 'bulletList', content: items };
}

function paragraph(runs: readonly TextRun[]): JSONContent {
  const content: JSONContent[] = [];
  for (const run of runs) {
    const marks = [...(run.bold ? [{ type: 'bold' }] : []), ...(run.italic ? [{ type: 'italic' }] : [])];
    run.text.split('\n').forEach((part, index) => {
      if (index > 0) content.push({ type: 'hardBreak' });
      if (part === '') return;
      const last = content.at(-1);
      // the parser already merges runs; this keeps neighbours with the same marks as one node
      if (last?.type === 'text' && sameMarks(last.marks, marks)) last.text += part;
      else content.push(marks.length > 0 ? { type: 'text', text: part, marks } : { type: 'text', text: part });
    });
  }
  return content.length > 0 ? { type: 'paragraph', content } : { type: 'paragraph' };
}

function sameMarks(a: JSONContent['marks'], b: { type: string }[]): boolean {
  const names = (a ?? []).map((mark) => mark.type);
  return names.length === b.length && b.every((mark, i) => names[i] === mark.type);
}

// ---------------------------------------------------------------- document → text

/**
 * The canonical Briefbook text of an editor document. Whatever the editor or a paste produced
 * is mapped onto what the format holds: empty paragraphs are dropped (a blank line is the only
 * separator), lists nested deeper than one level are flattened into that level, unknown nodes
 * keep their text as a paragraph, unknown marks are dropped.
 */
export function docToText(doc: JSONContent): string {
  return writeBriefbookText({ blocks: (doc.content ?? []).flatMap(nodeToBlocks) });
}

function nodeToBlocks(node: JSONContent): Block[] {
  if (node.type === 'bulletList' || node.type === 'orderedList') return [nodeToList(node)];
  const runs = inlineRuns(node);
  return runs.some((run) => run.text.trim() !== '') ? [{ type: 'paragraph', runs }] : [];
}

function listStart(node: JSONContent): number {
  const start = Number(node.attrs?.start ?? 1);
  return Number.isInteger(start) && start >= 1 ? start : 1;
}

function nodeToList(node: JSONContent): Extract<Block, { type: 'list' }> {
  const ordered = node.type === 'orderedList';
  const entries: ListEntry[] = (node.content ?? []).map((item) => {
    const parts = item.content ?? [];
    const text = parts.filter((part) => !isList(part));
    const lists = parts.filter(isList);
    let children: NestedList | null = null;
    if (lists.length > 0) {
      children = { ordered: lists[0].type === 'orderedList', start: listStart(lists[0]), entries: [] };
      for (const list of lists) children.entries.push(...flattenEntries(list));
      if (!children.ordered) children.start = 1;
    }
    return { runs: joinLines(text.map(inlineRuns)), children };
  });
  return { type: 'list', ordered, start: ordered ? listStart(node) : 1, entries };
}

/** The entries of a nested list, with anything nested deeper brought up to its level. */
function flattenEntries(list: JSONContent): { runs: TextRun[] }[] {
  const out: { runs: TextRun[] }[] = [];
  for (const item of list.content ?? []) {
    const parts = item.content ?? [];
    out.push({ runs: joinLines(parts.filter((part) => !isList(part)).map(inlineRuns)) });
    for (const deeper of parts.filter(isList)) out.push(...flattenEntries(deeper));
  }
  return out;
}

function isList(node: JSONContent): boolean {
  return node.type === 'bulletList' || node.type === 'orderedList';
}

/** Several paragraphs inside one list entry become lines of that entry. */
function joinLines(paragraphs: TextRun[][]): TextRun[] {
  const nonEmpty = paragraphs.filter((runs) => runs.some((run) => run.text.trim() !== ''));
  return nonEmpty.flatMap((runs, i) => (i === 0 ? runs : [{ text: '\n', bold: false, italic: false }, ...runs]));
}

function inlineRuns(node: JSONContent): TextRun[] {
  const runs: TextRun[] = [];
  const visit = (child: JSONContent) => {
    if (child.type === 'text') {
      const marks = new Set((child.marks ?? []).map((mark) => mark.type));
      runs.push({ text: child.text ?? '', bold: marks.has('bold'), italic: marks.has('italic') });
    } else if (child.type === 'hardBreak') {
      runs.push({ text: '\n', bold: false, italic: false });
    } else {
      for (const inner of child.content ?? []) visit(inner);
    }
  };
  for (const child of node.content ?? []) visit(child);
  return runs;
}
