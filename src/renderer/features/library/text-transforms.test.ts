import { describe, expect, it } from 'vitest';
import { parseBriefbookText } from '../../../shared/briefbook-text';
import { applyToolbar, shortcutAction, toggleEmphasis, toggleList, type TextEdit } from './text-transforms';

/** `[` and `]` mark the selection in these examples. */
function at(marked: string): TextEdit {
  const start = marked.indexOf('[');
  const end = marked.indexOf(']') - 1;
  return { text: marked.replace('[', '').replace(']', ''), start, end };
}
function show(edit: TextEdit): string {
  return `${edit.text.slice(0, edit.start)}[${edit.text.slice(edit.start, edit.end)}]${edit.text.slice(edit.end)}`;
}

describe('bold and italic', () => {
  it('wraps the selection and keeps it selected', () => {
    expect(show(toggleEmphasis(at('Keep [details] at'), 'bold'))).toBe('Keep **[details]** at');
    expect(show(toggleEmphasis(at('Keep [details] at'), 'italic'))).toBe('Keep *[details]* at');
  });

  it('wraps the word under the caret', () => {
    expect(show(toggleEmphasis(at('Keep det[]ails at'), 'bold'))).toBe('Keep **[details]** at');
  });

  it('inserts a pair of markers between words', () => {
    expect(show(toggleEmphasis(at('Keep [] at'), 'bold'))).toBe('Keep **[]** at');
  });

  it('keeps spaces outside the markers so the text still parses', () => {
    const edit = toggleEmphasis(at('Keep[ details ]at'), 'bold');
    expect(show(edit)).toBe('Keep **[details]** at');
    expect(parseBriefbookText(edit.text).blocks[0]).toEqual({
      type: 'paragraph',
      runs: [
        { text: 'Keep ', bold: false, italic: false },
        { text: 'details', bold: true, italic: false },
        { text: ' at', bold: false, italic: false },
      ],
    });
  });

  it('toggles off again, in either selection style', () => {
    expect(show(toggleEmphasis(at('Keep **[details]** at'), 'bold'))).toBe('Keep [details] at');
    expect(show(toggleEmphasis(at('Keep [**details**] at'), 'bold'))).toBe('Keep [details] at');
    expect(show(toggleEmphasis(at('Keep *[details]* at'), 'italic'))).toBe('Keep [details] at');
  });

  it('tells bold from italic', () => {
    // italic on a bold word adds a third star; bold off then leaves the italic
    const both = toggleEmphasis(at('Keep **[details]** at'), 'italic');
    expect(show(both)).toBe('Keep ***[details]*** at');
    expect(show(toggleEmphasis(both, 'bold'))).toBe('Keep *[details]* at');
    expect(show(toggleEmphasis(both, 'italic'))).toBe('Keep **[details]** at');
  });

  it('works on Hangul', () => {
    expect(show(toggleEmphasis(at('동맹의 [기본] 원칙'), 'bold'))).toBe('동맹의 **[기본]** 원칙');
  });
});

describe('lists', () => {
  it('turns the selected lines into bullets and back', () => {
    const on = toggleList(at('[First\nSecond]'), 'bullet');
    expect(on.text).toBe('- First\n- Second');
    expect(toggleList(on, 'bullet').text).toBe('First\nSecond');
  });

  it('numbers lines, replacing bullets', () => {
    expect(toggleList(at('[- First\n- Second\n- Third]'), 'numbered').text).toBe('1. First\n2. Second\n3. Third');
  });

  it('acts on the caret line only, keeping the caret on its word', () => {
    const edit = toggleList(at('Intro\n\nPo[]int\n\nOutro'), 'bullet');
    expect(edit.text).toBe('Intro\n\n- Point\n\nOutro');
    expect(show(edit)).toBe('Intro\n\n- Po[]int\n\nOutro');
  });

  it('keeps blank lines between selected lines and nested indent', () => {
    expect(toggleList(at('[One\n\n  Two]'), 'numbered').text).toBe('1. One\n\n  2. Two');
  });

  it('produces lists the shared parser reads as lists', () => {
    const doc = parseBriefbookText(applyToolbar(at('[Thank the President\nRaise the tariff]'), 'numbered').text);
    expect(doc.blocks).toHaveLength(1);
    expect(doc.blocks[0]).toMatchObject({ type: 'list', ordered: true, start: 1 });
  });
});

describe('shortcuts', () => {
  const key = (k: string, code: string, shift = false) => ({ key: k, code, ctrlKey: true, metaKey: false, shiftKey: shift, altKey: false });
  it('maps UX.md shortcuts', () => {
    expect(shortcutAction(key('b', 'KeyB'))).toBe('bold');
    expect(shortcutAction(key('i', 'KeyI'))).toBe('italic');
    expect(shortcutAction(key('*', 'Digit8', true))).toBe('bullet');
    expect(shortcutAction(key('&', 'Digit7', true))).toBe('numbered');
    expect(shortcutAction({ ...key('b', 'KeyB'), ctrlKey: false })).toBeNull();
  });
});
