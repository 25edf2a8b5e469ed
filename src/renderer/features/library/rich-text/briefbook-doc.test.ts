import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { getSchema } from '@tiptap/core';
import { Node as PMNode } from '@tiptap/pm/model';
import { docToText, textToDoc, type JSONContent } from './briefbook-doc';
import { briefbookExtensions } from './extensions';

const schema = getSchema(briefbookExtensions());

// ---------------------------------------------------------------- arbitrary editor documents

const word = fc.constantFrom('Alliance', '동맹', '한미', 'a', '-', '1.', '2)', '5', '*', '**', 'x*y', '—');
const inlineArb: fc.Arbitrary<JSONContent[]> = fc
  .array(
    fc.oneof(
      fc.record({ text: word, bold: fc.boolean(), italic: fc.boolean() }).map(({ text, bold, italic }): JSONContent => {
        const marks = [...(bold ? [{ type: 'bold' }] : []), ...(italic ? [{ type: 'italic' }] : [])];
        return marks.length > 0 ? { type: 'text', text, marks } : { type: 'text', text };
      }),
      fc.record({ text: fc.constantFrom(' ', '  '), bold: fc.boolean() }).map(({ text, bold }): JSONContent => (bold ? { type: 'text', text, marks: [{ type: 'bold' }] } : { type: 'text', text })),
      fc.constant<JSONContent>({ type: 'hardBreak' }),
    ),
    { maxLength: 8 },
  );
const paragraphArb = inlineArb.map((content): JSONContent => (content.length > 0 ? { type: 'paragraph', content } : { type: 'paragraph' }));
const listArb = (items: fc.Arbitrary<JSONContent>) =>
  fc.record({ ordered: fc.boolean(), start: fc.integer({ min: 1, max: 99 }), items: fc.array(items, { minLength: 1, maxLength: 3 }) }).map(
    ({ ordered, start, items: content }): JSONContent => (ordered ? { type: 'orderedList', attrs: { start }, content } : { type: 'bulletList', content }),
  );
const nestedList = listArb(paragraphArb.map((p): JSONContent => ({ type: 'listItem', content: [p] })));
const topList = listArb(
  fc.record({ p: paragraphArb, nested: fc.option(nestedList, { nil: null }) }).map(({ p, nested }): JSONContent => ({ type: 'listItem', content: nested ? [p, nested] : [p] })),
);
const docArb = fc.array(fc.oneof(paragraphArb, topList), { maxLength: 5 }).map((content): JSONContent => ({ type: 'doc', content: content.length > 0 ? content : [{ type: 'paragraph' }] }));

/** Every printed character with its emphasis and where it sits (paragraph, list, level). */
function printedChars(doc: JSONContent): string[] {
  const out: string[] = [];
  const visit = (node: JSONContent, where: string) => {
    if (node.type === 'text') {
      const marks = new Set((node.marks ?? []).map((m) => m.type));
      for (const ch of node.text ?? '') {
        if (/\s/.test(ch)) continue;
        out.push(`${ch === '＊' ? '*' : ch}${marks.has('bold') ? 'B' : ''}${marks.has('italic') ? 'I' : ''}@${where}`);
      }
      return;
    }
    const here =
      node.type === 'bulletList' ? `${where}ul` : node.type === 'orderedList' ? `${where}ol${String(node.attrs?.start ?? 1)}` : where;
    for (const child of node.content ?? []) visit(child, here);
  };
  visit(doc, '');
  return out;
}

describe('editor document ↔ Briefbook text', () => {
  test('the schema holds exactly what Briefbook text can: no headings, links, code, images, underline', () => {
    expect(Object.keys(schema.nodes).sort()).toEqual(['bulletList', 'doc', 'hardBreak', 'listItem', 'orderedList', 'paragraph', 'text']);
    expect(Object.keys(schema.marks).sort()).toEqual(['bold', 'italic']);
  });

  test('every document the editor holds after a load round-trips exactly: doc → text → doc is the identity', () => {
    fc.assert(
      fc.property(docArb, (messy) => {
        const doc = textToDoc(docToText(messy));
        expect(textToDoc(docToText(doc))).toEqual(doc);
        // and it is a document of the editor's schema
        expect(() => PMNode.fromJSON(schema, doc).check()).not.toThrow();
      }),
      { numRuns: 1500 },
    );
  });

  test('nothing printed is lost: every character keeps its emphasis and its place in lists', () => {
    fc.assert(
      fc.property(docArb, (doc) => {
        expect(printedChars(textToDoc(docToText(doc)))).toEqual(printedChars(doc));
      }),
      { numRuns: 1500 },
    );
  });

  test('canonical text → doc → text is the identity', () => {
    fc.assert(
      fc.property(docArb, (doc) => {
        const text = docToText(doc);
        expect(docToText(textToDoc(text))).toBe(text);
      }),
      { numRuns: 1500 },
    );
  });

  test('the mapping, node by node', () => {
    const text = 'Opening line\nkept break **bold** and *italic*\n\n- one\n  1. nested from one\n- two\n\n3. three\n4. four';
    const doc = textToDoc(text);
    expect(doc).toEqual({
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Opening line' },
            { type: 'hardBreak' },
            { type: 'text', text: 'kept break ' },
            { type: 'text', text: 'bold', marks: [{ type: 'bold' }] },
            { type: 'text', text: ' and ' },
            { type: 'text', text: 'italic', marks: [{ type: 'italic' }] },
          ],
        },
        {
          type: 'bulletList',
          content: [
            {
              type: 'listItem',
              content: [
                { type: 'paragraph', content: [{ type: 'text', text: 'one' }] },
                { type: 'orderedList', attrs: { start: 1 }, content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'nested from one' }] }] }] },
              ],
            },
            { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'two' }] }] },
          ],
        },
        {
          type: 'orderedList',
          attrs: { start: 3 },
          content: [
            { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'three' }] }] },
            { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'four' }] }] },
          ],
        },
      ],
    });
    expect(docToText(doc)).toBe(text);
  });

  test('an empty draft is one empty paragraph, and back', () => {
    expect(textToDoc('')).toEqual({ type: 'doc', content: [{ type: 'paragraph' }] });
    expect(docToText(textToDoc(''))).toBe('');
    expect(docToText({ type: 'doc', content: [{ type: 'paragraph' }, { type: 'paragraph' }] })).toBe('');
  });

  test('a second nesting level is brought up to the first; unknown nodes keep their text', () => {
    const deep: JSONContent = {
      type: 'doc',
      content: [
        { type: 'heading', content: [{ type: 'text', text: 'A heading', marks: [{ type: 'underline' }] }] },
        {
          type: 'bulletList',
          content: [
            {
              type: 'listItem',
              content: [
                { type: 'paragraph', content: [{ type: 'text', text: 'top' }] },
                {
                  type: 'bulletList',
                  content: [
                    {
                      type: 'listItem',
                      content: [
                        { type: 'paragraph', content: [{ type: 'text', text: 'level 1' }] },
                        { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'level 2' }] }] }] },
                      ],
                    },
                  ],
                },
              ],
            },
          ],
        },
      ],
    };
    expect(docToText(deep)).toBe('A heading\n\n- top\n  - level 1\n  - level 2');
  });
});
