/**
 * The rich-text editor, loaded when first shown: Tiptap, ProseMirror and the HTML converter are
 * a chunk of their own (about 400 kB), so the library table does not wait for them at start-up.
 */
import { lazy, Suspense } from 'react';
import type { RichTextEditorProps } from './RichTextEditor';

const Editor = lazy(async () => ({ default: (await import('./RichTextEditor')).RichTextEditor }));

export function LazyRichTextEditor(props: RichTextEditorProps) {
  return (
    <Suspense fallback={<div className="loading">Opening the editor…</div>}>
      <Editor {...props} />
    </Suspense>
  );
}
