/**
 * For component tests of the rich-text editor in jsdom (not used by the app): the layout
 * stubs ProseMirror needs there, and typing and selecting as the browser would do them.
 */
import { TextSelection } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';
import type { Editor } from '@tiptap/core';
import { docToText } from './briefbook-doc';

/** jsdom lays nothing out; ProseMirror measures the caret to scroll it into view. */
export function installLayoutStubs(): void {
  const rect = { x: 0, y: 0, top: 0, left: 0, right: 0, bottom: 0, width: 0, height: 0, toJSON: () => ({}) } as DOMRect;
  const rects = Object.assign([rect], { item: () => rect }) as unknown as DOMRectList;
  Range.prototype.getClientRects = () => rects;
  Range.prototype.getBoundingClientRect = () => rect;
  Element.prototype.getClientRects = () => rects;
  document.elementFromPoint = () => null;
}

/** The editor behind a rich-text box (Tiptap hangs it on its element). */
export function editorOf(el: HTMLElement): Editor {
  return (el as HTMLElement & { editor: Editor }).editor;
}

export function viewOf(el: HTMLElement): EditorView {
  return editorOf(el).view;
}

/** The Briefbook text the box holds now. */
export function textOf(el: HTMLElement): string {
  return docToText(editorOf(el).getJSON());
}

/** Types text as the browser hands it to ProseMirror: a character at a time through handleTextInput, so input rules run. */
export function typeText(view: EditorView, text: string): void {
  for (const ch of text) {
    const { from, to } = view.state.selection;
    const insert = () => view.state.tr.insertText(ch, from, to);
    if (!view.someProp('handleTextInput', (f) => f(view, from, to, ch, insert))) view.dispatch(insert());
  }
}

/** Puts the caret at the end of the document, in a focused editor. */
export function caretToEnd(view: EditorView): void {
  view.focus();
  view.dispatch(view.state.tr.setSelection(TextSelection.atEnd(view.state.doc)));
}

/** Selects the first occurrence of a word, as a double click would. */
export function selectWord(view: EditorView, word: string): void {
  const found: [number, number][] = [];
  view.state.doc.descendants((node, pos) => {
    if (found.length > 0) return false;
    const at = node.isText ? (node.text ?? '').indexOf(word) : -1;
    if (at >= 0) found.push([pos + at, pos + at + word.length]);
    return true;
  });
  if (found.length === 0) throw new Error(`"${word}" is not in the editor`);
  const [from, to] = found[0];
  view.focus();
  view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, from, to)));
}
