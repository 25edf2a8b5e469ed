/**
 * Paste (and text dropped from another program) into the rich-text editor: HTML (Word, LibreOffice, Google Docs, a web page) goes
 * through the one HTML converter (src/shared/html-to-briefbook.ts), plain text is read as
 * Briefbook text (a draft copied out of Briefbook or a text file keeps its lists and emphasis).
 * Either way what lands in the editor is a document of Briefbook text: nothing that would not
 * print. Both are taken from the DOM events before ProseMirror's own handlers, which would first
 * parse the clipboard's HTML into a document of their own: its style attributes (Word writes
 * hundreds) are inline styles the page's CSP refuses, one console error each.
 */
import { Slice } from '@tiptap/pm/model';
import { TextSelection } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';
import { htmlToBriefbookText } from '../../../../shared/html-to-briefbook';
import { textToDoc } from './briefbook-doc';

/** The Briefbook text a clipboard holds: its HTML when there is any, else its plain text. */
export function clipboardText(data: Pick<DataTransfer, 'getData'>): string {
  const html = data.getData('text/html');
  if (html.trim() !== '') return htmlToBriefbookText(html);
  return data.getData('text/plain');
}

/** The editor nodes for Briefbook text, ready to insert at the caret. */
function sliceOf(view: EditorView, text: string): Slice {
  const doc = view.state.schema.nodeFromJSON(textToDoc(text));
  // a paragraph at either end joins the one the caret is in, as typed text would; a list at
  // either end stays a list of its own, after (or before) the caret's paragraph
  const open = (node: typeof doc.firstChild) => (node?.type.name === 'paragraph' ? 1 : 0);
  return new Slice(doc.content, open(doc.firstChild), open(doc.lastChild));
}

export function handleBriefbookPaste(view: EditorView, event: ClipboardEvent): boolean {
  const data = event.clipboardData;
  if (data === null || !view.editable) return false;
  event.preventDefault();
  const text = clipboardText(data);
  if (text.trim() === '') return true;
  view.dispatch(view.state.tr.replaceSelection(sliceOf(view, text)).scrollIntoView().setMeta('paste', true).setMeta('uiEvent', 'paste'));
  return true;
}

/**
 * Text dragged in from another program (Word, a browser) is converted as a paste is; a drag
 * inside the editor (`view.dragging`) and dropped files are left to ProseMirror.
 */
export function handleBriefbookDrop(view: EditorView, event: DragEvent): boolean {
  const data = event.dataTransfer;
  if (view.dragging !== null || data === null || !view.editable) return false;
  const types = [...data.types];
  if (!types.includes('text/html') && !types.includes('text/plain')) return false;
  event.preventDefault();
  const text = clipboardText(data);
  if (text.trim() === '') return true;
  let at: number | null = null;
  try {
    at = view.posAtCoords({ left: event.clientX, top: event.clientY })?.pos ?? null;
  } catch {
    // no layout to measure (a test page): drop at the caret
  }
  const tr = view.state.tr;
  if (at !== null) tr.setSelection(TextSelection.create(tr.doc, at));
  view.dispatch(tr.replaceSelection(sliceOf(view, text)).scrollIntoView().setMeta('uiEvent', 'drop'));
  view.focus();
  return true;
}
