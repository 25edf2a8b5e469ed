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

  it('stays linear for very long inputs', () => {
    const before = Array.from({ length: 3000 }, (_, i) => `line ${i}`).join('\n');
    const after = Array.from({ length: 3000 }, (_, i) => `line ${i * 7}`).join('\n');
    const started = performance.now();
    const rows = diffLines(before, after);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(rows.length).toBeGreaterThanOrEqual(3000);
  });
});
