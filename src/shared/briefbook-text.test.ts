import { describe, expect, test } from 'vitest';
import { parseBriefbookText, parseInline, plainText } from './briefbook-text';

const plain = (text: string) => ({ text, bold: false, italic: false });

describe('Briefbook text', () => {
  test('paragraphs split on blank lines; a single line break inside one is kept', () => {
    const doc = parseBriefbookText('Hold vice-ministerial talks twice a year\nCoordinate at the UN\n\nSecond paragraph.');
    expect(doc.blocks).toEqual([
      { type: 'paragraph', runs: [plain('Hold vice-ministerial talks twice a year\nCoordinate at the UN')] },
      { type: 'paragraph', runs: [plain('Second paragraph.')] },
    ]);
  });

  test('emphasis may span a kept line break', () => {
    expect(parseBriefbookText('**no deal\nat leader level**').blocks).toEqual([
      { type: 'paragraph', runs: [{ text: 'no deal\nat leader level', bold: true, italic: false }] },
    ]);
  });

  test('bullets with one nested level', () => {
    const doc = parseBriefbookText('- Alliance\n  - modernise\n  - reaffirm\n- Trade');
    expect(doc.blocks).toHaveLength(1);
    const list = doc.blocks[0];
    expect(list.type).toBe('list');
    if (list.type !== 'list') return;
    expect(list.ordered).toBe(false);
    expect(list.entries.map((e) => e.runs[0].text)).toEqual(['Alliance', 'Trade']);
    expect(list.entries[0].children?.entries.map((e) => e.runs[0].text)).toEqual(['modernise', 'reaffirm']);
    expect(list.entries[1].children).toBeNull();
  });

  test('numbered lists keep their start number', () => {
    const doc = parseBriefbookText('3. third\n4. fourth');
    const list = doc.blocks[0];
    expect(list).toMatchObject({ type: 'list', ordered: true, start: 3 });
  });

  test('a paragraph right after a list ends the list', () => {
    const doc = parseBriefbookText('- one\nAfter the list');
    expect(doc.blocks.map((b) => b.type)).toEqual(['list', 'paragraph']);
  });

  test('an indented line continues the list entry', () => {
    const doc = parseBriefbookText('- a long\n  entry');
    const list = doc.blocks[0];
    if (list.type !== 'list') throw new Error('expected a list');
    expect(list.entries[0].runs).toEqual([plain('a long\nentry')]);
  });

  test('bullet and numbered lists next to each other are two lists', () => {
    const doc = parseBriefbookText('- a\n1. b');
    expect(doc.blocks).toHaveLength(2);
  });

  test('bold, italic and bold-italic runs', () => {
    expect(parseInline('We **will not** accept *any* linkage')).toEqual([
      plain('We '),
      { text: 'will not', bold: true, italic: false },
      plain(' accept '),
      { text: 'any', bold: false, italic: true },
      plain(' linkage'),
    ]);
    expect(parseInline('**a *b* c**')).toEqual([
      { text: 'a ', bold: true, italic: false },
      { text: 'b', bold: true, italic: true },
      { text: ' c', bold: true, italic: false },
    ]);
  });

  test('three asterisks after text close two spans: every mix of bold and italic can be written', () => {
    const both = (text: string) => ({ text, bold: true, italic: true });
    const bold = (text: string) => ({ text, bold: true, italic: false });
    const italic = (text: string) => ({ text, bold: false, italic: true });
    expect(parseInline('***x*** y')).toEqual([both('x'), plain(' y')]);
    expect(parseInline('*a***b**')).toEqual([italic('a'), bold('b')]);
    expect(parseInline('**a***b*')).toEqual([bold('a'), italic('b')]);
    expect(parseInline('**x *y***')).toEqual([bold('x '), both('y')]);
    expect(parseInline('*a **b***')).toEqual([italic('a '), both('b')]);
  });

  test('unmatched or spaced delimiters stay literal', () => {
    expect(parseInline('5 * 3 = 15')).toEqual([plain('5 * 3 = 15')]);
    expect(parseInline('**unclosed')).toEqual([plain('**unclosed')]);
    expect(parseInline('a *b')).toEqual([plain('a *b')]);
    expect(parseInline('<b>html</b> [link](x)')).toEqual([plain('<b>html</b> [link](x)')]);
  });

  test('Korean text passes through untouched', () => {
    expect(parseInline('**전략적 유연성**은 실무 차원에서')).toEqual([
      { text: '전략적 유연성', bold: true, italic: false },
      plain('은 실무 차원에서'),
    ]);
  });

  test('tabs become spaces; control characters are dropped; CRLF is a line break', () => {
    expect(plainText('a\tb\u0007c\r\nd')).toBe('a    bc\nd');
  });

  test('plainText drops markup and keeps list entries on their own lines', () => {
    expect(plainText('Intro **bold**\n\n- one\n  - nested\n2. two')).toBe('Intro bold\none\nnested\ntwo');
  });
});
