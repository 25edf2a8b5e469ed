import { describe, expect, it } from 'vitest';
import { diffLines, diffWords } from './diff';

const text = (segments: { text: string }[] | null) => (segments ?? []).map((s) => s.text).join('');

describe('diffLines', () => {
  it('keeps unchanged lines side by side', () => {
    const rows = diffLines('a\nb', 'a\nb');
    expect(rows.map((r) => r.type)).toEqual(['same', 'same']);
  });

  it('pairs a rewritten line and marks the words that changed', () => {
    const rows = diffLines(
      '- Keep the details at the working level.\n- Thank the President.',
      '- Keep the details at the working level.\n- Thank the President warmly.',
    );
    expect(rows.map((r) => r.type)).toEqual(['same', 'changed']);
    const changed = rows[1];
    expect(text(changed.right)).toBe('- Thank the President warmly.');
    expect(changed.right?.filter((s) => s.changed).map((s) => s.text.trim())).toEqual(['warmly']);
    expect(changed.left?.some((s) => s.changed)).toBe(false);
  });

  it('shows added and removed lines with an empty opposite side', () => {
    const rows = diffLines('one\ntwo\nthree', 'one\nthree\nfour');
    expect(rows.map((r) => r.type)).toEqual(['same', 'removed', 'same', 'added']);
    expect(rows[1].right).toBeNull();
    expect(text(rows[3].right)).toBe('four');
  });

  it('compares Korean word by word', () => {
    const { left, right } = diffWords('동맹의 기본 원칙 재확인', '동맹의 핵심 원칙 재확인');
    expect(left.filter((s) => s.changed).map((s) => s.text)).toEqual(['기본']);
    expect(right.filter((s) => s.changed).map((s) => s.text)).toEqual(['핵심']);
  });

  it('shows one changed row for one changed line in a 2,500-line body, even with an edit at the far end', () => {
    const lines = Array.from({ length: 2500 }, (_, i) => `Paragraph ${i}: the delegation reviews the agenda.`);
    const edited = [...lines];
    edited[110] = 'Paragraph 110: the delegation reviews the revised agenda.';
    edited.push('Closing remark.');
    const rows = diffLines(lines.join('\n'), edited.join('\n'));
    expect(rows.filter((r) => r.type === 'changed')).toHaveLength(1);
    expect(rows.filter((r) => r.type === 'added').map((r) => text(r.right))).toEqual(['Closing remark.']);
    expect(rows.filter((r) => r.type === 'removed')).toHaveLength(0);
    expect(rows.filter((r) => r.type === 'same')).toHaveLength(2499);
    const changed = rows.find((r) => r.type === 'changed');
    expect(changed?.right?.filter((s) => s.changed).map((s) => s.text.trim())).toEqual(['revised']);
  });

  it('pairs every line of two wholly different long bodies and loses none', () => {
    const before = Array.from({ length: 3000 }, (_, i) => `line ${i}`);
    const after = Array.from({ length: 3000 }, (_, i) => `line ${i * 7}`);
    const rows = diffLines(before.join('\n'), after.join('\n'));
    expect(rows.flatMap((r) => (r.left === null ? [] : [text(r.left)]))).toEqual(before);
    expect(rows.flatMap((r) => (r.right === null ? [] : [text(r.right)]))).toEqual(after);
    // lines both sides share (0, 7, 14, ... up to 2999) stay side by side
    expect(rows.filter((r) => r.type === 'same')).toHaveLength(Math.floor(2999 / 7) + 1);
  });

  it('rebuilds both lines exactly from their segments', () => {
    const cases: [string, string][] = [
      ['  Keep  the details,  please. ', 'Keep the details — please!'],
      ['동맹의 기본 원칙 재확인', '동맹의 핵심 원칙을 재확인'],
      ['', 'new'],
      ['old', ''],
    ];
    for (const [a, b] of cases) {
      const { left, right } = diffWords(a, b);
      expect(text(left)).toBe(a);
      expect(text(right)).toBe(b);
    }
  });
});
