// @vitest-environment jsdom
/// <reference types="vite/client" />
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import wordHtml from '../../../../../tests/fixtures/paste/word.html?raw';
import wordExpected from '../../../../../tests/fixtures/paste/word.expected.txt?raw';
import { RichTextEditor } from './RichTextEditor';
import { caretToEnd, installLayoutStubs, selectWord, typeText, viewOf } from './test-kit';

beforeAll(installLayoutStubs);
afterEach(cleanup);

function Harness({ initial = '', onChange, maxLength }: { initial?: string; onChange?: (text: string) => void; maxLength?: number }) {
  const [value, setValue] = useState(initial);
  return (
    <>
      <RichTextEditor
        id="the-body"
        label="Body"
        maxLength={maxLength}
        value={value}
        onChange={(text) => {
          onChange?.(text);
          setValue(text);
        }}
      />
      <pre data-testid="saved">{value}</pre>
    </>
  );
}

const box = () => screen.getByRole('textbox', { name: 'Body' });
const saved = () => screen.getByTestId('saved').textContent;

function type(text: string): void {
  act(() => typeText(viewOf(box()), text));
}
function press(key: string, init: Partial<KeyboardEventInit & { keyCode: number }> = {}): void {
  act(() => {
    fireEvent.keyDown(box(), { key, ...init });
  });
}
function focusEnd(): void {
  act(() => caretToEnd(viewOf(box())));
}

describe('RichTextEditor', () => {
  it('is a multi-line text box with a name, showing Briefbook text as formatted text', () => {
    render(<Harness initial={'Intro with **bold** and *italic*\nsecond line\n\n- one\n  - nested\n\n3. three'} />);
    const el = box();
    expect(el.id).toBe('the-body');
    expect(el.getAttribute('aria-multiline')).toBe('true');
    expect(el.querySelector('strong')?.textContent).toBe('bold');
    expect(el.querySelector('em')?.textContent).toBe('italic');
    expect(el.querySelector('p br')).not.toBeNull();
    expect([...el.querySelectorAll('ul > li > p')].map((p) => p.textContent)).toEqual(['one', 'nested']);
    expect(el.querySelector('ol')?.getAttribute('start')).toBe('3');
    expect(screen.getByRole('toolbar', { name: 'Formatting' }).getAttribute('aria-controls')).toBe('the-body');
  });

  it('"- " starts a bullet list; Enter continues it; Enter on an empty entry leaves it', () => {
    render(<Harness />);
    focusEnd();
    type('- one');
    press('Enter');
    type('two');
    press('Enter');
    press('Enter');
    type('after the list');
    expect(saved()).toBe('- one\n- two\n\nafter the list');
  });

  it('"1. " starts a numbered list, with the number typed as its start', () => {
    render(<Harness />);
    focusEnd();
    type('3. third');
    press('Enter');
    type('fourth');
    expect(saved()).toBe('3. third\n4. fourth');
  });

  it('**bold** and *italic* typed become bold and italic', () => {
    render(<Harness />);
    focusEnd();
    type('We **will not** accept *any* linkage');
    expect(box().querySelector('strong')?.textContent).toBe('will not');
    expect(box().querySelector('em')?.textContent).toBe('any');
    expect(saved()).toBe('We **will not** accept *any* linkage');
  });

  it('Ctrl+B, Ctrl+I, Ctrl+Shift+8 and Ctrl+Shift+7 format; the toolbar shows what is on', () => {
    render(<Harness />);
    focusEnd();
    press('b', { ctrlKey: true });
    type('strong');
    press('b', { ctrlKey: true });
    press('i', { ctrlKey: true });
    type(' slanted');
    expect(screen.getByRole('button', { name: 'Italic (Ctrl+I)' }).getAttribute('aria-pressed')).toBe('true');
    expect(saved()).toBe('**strong** *slanted*');
    press('*', { ctrlKey: true, shiftKey: true, keyCode: 56, code: 'Digit8' });
    expect(saved()).toBe('- **strong** *slanted*');
    expect(screen.getByRole('button', { name: 'Bulleted list (Ctrl+Shift+8)' }).getAttribute('aria-pressed')).toBe('true');
    press('&', { ctrlKey: true, shiftKey: true, keyCode: 55, code: 'Digit7' });
    expect(saved()).toBe('1. **strong** *slanted*');
  });

  it('the toolbar buttons do what the shortcuts do', () => {
    render(<Harness initial="Point" />);
    focusEnd();
    act(() => {
      fireEvent.click(screen.getByRole('button', { name: 'Numbered list (Ctrl+Shift+7)' }));
    });
    expect(saved()).toBe('1. Point');
  });

  it('Shift+Enter is a line break inside the paragraph', () => {
    render(<Harness />);
    focusEnd();
    type('Hold talks twice a year');
    press('Enter', { shiftKey: true });
    type('Coordinate at the UN');
    expect(saved()).toBe('Hold talks twice a year\nCoordinate at the UN');
  });

  it('Tab nests a list entry one level, no deeper; Shift+Tab brings it back', () => {
    render(<Harness initial={'- one\n- two'} />);
    focusEnd();
    press('Tab');
    expect(saved()).toBe('- one\n  - two');
    press('Tab');
    expect(saved()).toBe('- one\n  - two');
    expect(box().querySelectorAll('ul ul ul')).toHaveLength(0);
    press('Tab', { shiftKey: true });
    expect(saved()).toBe('- one\n- two');
  });

  it('paste from Word keeps lists, line breaks, bold and italic and drops the rest', () => {
    render(<Harness />);
    focusEnd();
    const data = { getData: (type: string) => (type === 'text/html' ? wordHtml : type === 'text/plain' ? 'plain' : ''), types: ['text/html', 'text/plain'] };
    act(() => {
      fireEvent.paste(box(), { clipboardData: data });
    });
    expect(saved()).toBe(wordExpected.trimEnd());
    expect(box().querySelector('img')).toBeNull();
  });

  it('text dragged in from Word is converted as a paste is', () => {
    render(<Harness />);
    focusEnd();
    const data = { getData: (type: string) => (type === 'text/html' ? wordHtml : ''), types: ['text/html'], files: [] };
    const view = viewOf(box());
    // jsdom has no layout: the drop point is the end of the (empty) first paragraph
    view.posAtCoords = () => ({ pos: 1, inside: -1, affinity: 0 });
    act(() => {
      fireEvent.drop(box(), { dataTransfer: data, clientX: 1, clientY: 1 });
    });
    expect(saved()).toBe(wordExpected.trimEnd());
  });

  it('plain text pastes as Briefbook text', () => {
    render(<Harness initial="Before" />);
    focusEnd();
    const data = { getData: (type: string) => (type === 'text/plain' ? '\n\n- a\n- b' : ''), types: ['text/plain'] };
    act(() => {
      fireEvent.paste(box(), { clipboardData: data });
    });
    expect(saved()).toBe('Before\n\n- a\n- b');
  });

  it('stops at the length limit of the stored text, as a textarea would; deleting is always allowed', () => {
    render(<Harness initial="**Bold** start" maxLength={25} />);
    focusEnd();
    type(' and more words than fit');
    expect(saved()).toBe('**Bold** start and more w');
    act(() => selectWord(viewOf(box()), 'more'));
    press('Backspace');
    expect(saved()).toBe('**Bold** start and  w');
  });

  it('Korean IME composition: no save mid-composition, the syllables land once', async () => {
    const onChange = vi.fn();
    render(<Harness initial="회담:" onChange={onChange} />);
    focusEnd();
    const el = box();
    const view = viewOf(el);
    const paragraph = el.querySelector('p') as HTMLParagraphElement;
    const textNode = paragraph.firstChild as Text;
    const compose = async (text: string) => {
      await act(async () => {
        fireEvent.compositionUpdate(el, { data: text });
        textNode.data = `회담:${text}`;
        const selection = document.getSelection();
        selection?.collapse(textNode, textNode.data.length);
        fireEvent.input(el, { data: text, inputType: 'insertCompositionText', isComposing: true });
        // ProseMirror reads the DOM change when its mutation observer reports it
        await new Promise<void>((resolve) => queueMicrotask(resolve));
      });
    };
    act(() => {
      fireEvent.compositionStart(el, { data: '' });
    });
    expect(view.composing).toBe(true);
    await compose('ㅎ');
    await compose('하');
    await compose('한');
    await compose('한구');
    await compose('한국');
    // the editor has read each step of the composition, and holds the syllables once
    expect(view.state.doc.textContent).toBe('회담:한국');
    expect(onChange).not.toHaveBeenCalled();
    await act(async () => {
      fireEvent.compositionEnd(el, { data: '한국' });
      await Promise.resolve();
    });
    await waitFor(() => expect(saved()).toBe('회담:한국'));
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(onChange).toHaveBeenLastCalledWith('회담:한국');
    expect(el.textContent).toBe('회담:한국');
  });
});
