/**
 * The rich-text editor of a draft's body: what the writer sees is what prints. Its value is
 * Briefbook text in and out (briefbook-doc.ts maps it onto the editor's document), so the store,
 * the PDF and the exchange format never see anything else. docs/rich-text.md explains it.
 *
 * - toolbar and shortcuts: bold (Ctrl+B), italic (Ctrl+I), bullets (Ctrl+Shift+8), numbers
 *   (Ctrl+Shift+7); Shift+Enter a line break; Tab / Shift+Tab nest and un-nest one level
 * - Markdown-style input: `- ` or `1. ` at the start of a paragraph, `**bold**`, `*italic*`
 * - paste keeps paragraphs, line breaks, lists, bold and italic and drops the rest (paste.ts)
 * - while an input method composes (Korean, Japanese, Chinese) nothing is reported: onChange
 *   fires once the composition ends, with the finished syllables
 */
import { useEffect, useMemo, useRef } from 'react';
import { EditorContent, useEditor, useEditorState, type Editor } from '@tiptap/react';
import { docToText, textToDoc } from './briefbook-doc';
import { briefbookExtensions } from './extensions';
import { handleBriefbookDrop, handleBriefbookPaste } from './paste';
import './rich-text.css';

export interface RichTextEditorProps {
  /** Briefbook text */
  value: string;
  /** called with canonical Briefbook text after each change (not during an IME composition) */
  onChange: (text: string) => void;
  /** the accessible name of the text box */
  label: string;
  id?: string;
  readOnly?: boolean;
  lang?: string;
  /** rows of text the box shows at least */
  rows?: number;
  /** the longest Briefbook text it accepts (default: the contract's body limit) */
  maxLength?: number;
}

type ToolbarCommand = 'bold' | 'italic' | 'bulletList' | 'orderedList';

const TOOLBAR: [ToolbarCommand, string, string][] = [
  ['bold', 'B', 'Bold (Ctrl+B)'],
  ['italic', 'I', 'Italic (Ctrl+I)'],
  ['bulletList', '•', 'Bulleted list (Ctrl+Shift+8)'],
  ['orderedList', '1.', 'Numbered list (Ctrl+Shift+7)'],
];

function run(editor: Editor, command: ToolbarCommand): void {
  const chain = editor.chain().focus();
  if (command === 'bold') chain.toggleBold().run();
  else if (command === 'italic') chain.toggleItalic().run();
  else if (command === 'bulletList') chain.toggleBulletList().run();
  else chain.toggleOrderedList().run();
}

export function RichTextEditor({ value, onChange, label, id, readOnly = false, lang, rows = 10, maxLength }: RichTextEditorProps) {
  /** the text last reported or loaded: a value equal to it is our own echo, not a new draft */
  const current = useRef(value);
  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);

  const extensions = useMemo(() => briefbookExtensions(maxLength), [maxLength]);
  const editor = useEditor({
    extensions,
    content: textToDoc(value),
    editable: !readOnly,
    // no <style> element and no style attribute: the page's CSP allows style sheets from 'self'
    // only (docs/security.md); the rules Tiptap would inject are in rich-text.css
    injectCSS: false,
    editorProps: {
      attributes: {
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-label': label,
        ...(id === undefined ? {} : { id }),
        ...(lang === undefined ? {} : { lang }),
        class: 'rich-text-content',
        spellcheck: 'false',
      },
      handleDOMEvents: {
        // before ProseMirror parses the clipboard's HTML itself (./paste.ts)
        paste: handleBriefbookPaste,
        drop: handleBriefbookDrop,
        // the last syllable is read from the page once the composition has ended
        compositionend: (view) => {
          queueMicrotask(() => {
            if (!view.isDestroyed) report(view.composing);
          });
          return false;
        },
        blur: (view) => {
          report(view.composing);
          return false;
        },
      },
    },
    onUpdate: ({ editor: changed }) => report(!changed.isDestroyed && changed.view.composing),
  });

  function report(composing: boolean): void {
    if (composing || editor === null) return;
    const text = docToText(editor.getJSON());
    if (text === current.current) return;
    current.current = text;
    onChangeRef.current(text);
  }

  // a new value from outside (another item, undo, redo): load it, unless it is our own echo
  useEffect(() => {
    // before EditorContent mounts the view (or after it unmounts) there is no view to ask:
    // the editor is not composing then, and setContent works on its state alone
    if (value === current.current || (!editor.isDestroyed && editor.view.composing)) return;
    current.current = value;
    editor.commands.setContent(textToDoc(value), { emitUpdate: false });
  }, [editor, value]);

  useEffect(() => {
    editor.setEditable(!readOnly, false);
  }, [editor, readOnly]);

  // through the CSSOM, which the CSP allows (a style attribute it would block)
  // (once the view is mounted: a replaced editor mounts after this effect, and its view is not there yet)
  useEffect(() => {
    const size = () => {
      if (!editor.isDestroyed) editor.view.dom.style.minHeight = `${(rows * 1.55).toFixed(2)}em`;
    };
    if (editor.isInitialized) size();
    // "mount" when the view comes after this effect; "create" when it came before (it follows mount)
    editor.on('mount', size);
    editor.on('create', size);
    return () => {
      editor.off('mount', size);
      editor.off('create', size);
    };
  }, [editor, rows]);

  const active = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      bulletList: e.isActive('bulletList'),
      orderedList: e.isActive('orderedList'),
    }),
  });

  return (
    <div className="rich-text">
      <div className="format-bar" role="toolbar" aria-label="Formatting" aria-controls={id}>
        {TOOLBAR.map(([command, glyph, name]) => (
          <button
            key={command}
            type="button"
            className={`fmt fmt-${command}`}
            aria-label={name}
            title={name}
            aria-pressed={active[command]}
            disabled={readOnly}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => run(editor, command)}
          >
            {/* the glyph is a picture drawn by the style sheet, not text: the name says what the
                button does ("1." is not in "Numbered list", which a label-content check rightly flags) */}
            <span aria-hidden="true" className="fmt-glyph" data-glyph={glyph} />
          </button>
        ))}
        <span className="grow" />
        <span className="hint">“- ” bullets, “1. ” numbers, **bold**, *italic*, Shift+Enter a line break</span>
      </div>
      <EditorContent editor={editor} className="rich-text-frame" />
    </div>
  );
}
