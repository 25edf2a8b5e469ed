/**
 * The editor's schema: exactly the nodes and marks Briefbook text can hold (briefbook-doc.ts),
 * nothing else, so a paste or a shortcut can never create something that would not print.
 * Keyboard: Ctrl+B, Ctrl+I, Ctrl+Shift+8 (bullets), Ctrl+Shift+7 (numbers), Shift+Enter (line
 * break), Enter continues a list and leaves it from an empty entry, Tab / Shift+Tab nest and
 * un-nest one level. Input rules: `- ` (or `* `), `1. `, `**bold**`, `*italic*`.
 * No undo history of its own: Ctrl+Z and Ctrl+Y belong to the form around it (the item editor
 * keeps one history for all its fields and catches them before the editor sees them).
 */
import { Extension, markInputRule, type AnyExtension } from '@tiptap/core';
import { Plugin } from '@tiptap/pm/state';
import Document from '@tiptap/extension-document';
import Paragraph from '@tiptap/extension-paragraph';
import Text from '@tiptap/extension-text';
import Bold, { starInputRegex as boldStar } from '@tiptap/extension-bold';
import Italic, { starInputRegex as italicStar } from '@tiptap/extension-italic';
import HardBreak from '@tiptap/extension-hard-break';
import { BulletList, ListItem, OrderedList } from '@tiptap/extension-list';
import { LIMITS } from '../../../../shared/domain';
import { docToText } from './briefbook-doc';

/** How many lists contain the caret's list item (1 = top level). */
function listDepth(editor: { state: { selection: { $from: { depth: number; node: (d: number) => { type: { name: string } } } } } }): number {
  const { $from } = editor.state.selection;
  let depth = 0;
  for (let d = $from.depth; d > 0; d -= 1) {
    const name = $from.node(d).type.name;
    if (name === 'bulletList' || name === 'orderedList') depth += 1;
  }
  return depth;
}

/** A list entry: a paragraph and at most one nested list (the format nests one level). */
const BriefbookListItem = ListItem.extend({
  content: 'paragraph (bulletList | orderedList)?',
  addKeyboardShortcuts() {
    return {
      Enter: () => this.editor.commands.splitListItem(this.name),
      // nest only a top-level entry with no entries of its own under it; inside a list Tab is
      // always taken (a second level would not print), outside a list it moves focus on
      Tab: () => {
        const depth = listDepth(this.editor);
        if (depth === 0) return false;
        const { $from } = this.editor.state.selection;
        const item = $from.node($from.depth - 1);
        const hasChildren = item.type.name === this.name && item.childCount > 1;
        if (depth === 1 && !hasChildren) this.editor.commands.sinkListItem(this.name);
        return true;
      },
      'Shift-Tab': () => {
        if (listDepth(this.editor) === 0) return false;
        this.editor.commands.liftListItem(this.name);
        return true;
      },
    };
  },
});

/**
 * The stored text may be at most `max` characters (the contract refuses longer bodies): a change
 * that would make it longer is not made, as a textarea's maxLength stops typing. Shortening is
 * always allowed. The text is only written out when the document is near the limit.
 */
function lengthLimit(max: number): AnyExtension {
  return Extension.create({
    name: 'briefbookLengthLimit',
    addProseMirrorPlugins() {
      return [
        new Plugin({
          filterTransaction(tr, state) {
            if (!tr.docChanged || tr.doc.content.size < max / 8) return true;
            const after = docToText(tr.doc.toJSON()).length;
            return after <= max || after <= docToText(state.doc.toJSON()).length;
          },
        }),
      ];
    },
  });
}

export function briefbookExtensions(maxLength: number = LIMITS.body): AnyExtension[] {
  return [
    lengthLimit(maxLength),
    Document,
    Paragraph,
    Text,
    HardBreak.configure({ keepMarks: true }),
    // `**x**` and `*x*` only: `_` and `__` are not Briefbook text
    Bold.extend({
      addInputRules() {
        return [markInputRule({ find: boldStar, type: this.type })];
      },
      addPasteRules: () => [],
    }),
    Italic.extend({
      addInputRules() {
        return [markInputRule({ find: italicStar, type: this.type })];
      },
      addPasteRules: () => [],
    }),
    BulletList,
    OrderedList,
    BriefbookListItem,
  ];
}
