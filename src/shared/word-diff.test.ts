import { describe, expect, it, test } from 'vitest';
import { diffLines, diffWords, inlineDiff, MAX_EDITS } from './word-diff';

const text = (segments: { text: string }[] | null) => (segments ?? []).map((s) => s.text).join('');

describe('diffLines', () => {
  it('keeps unchanged lines side by side', () => {
    const { rows } = diffLines('a\nb', 'a\nb');
    expect(rows.map((r) => r.type)).toEqual(['same', 'same']);
  });

  it('pairs a rewritten line and marks the words that changed', () => {
    const { rows } = diffLines(
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
    const { rows } = diffLines('one\ntwo\nthree', 'one\nthree\nfour');
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
    const { rows } = diffLines(lines.join('\n'), edited.join('\n'));
    expect(rows.filter((r) => r.type === 'changed')).toHaveLength(1);
    expect(rows.filter((r) => r.type === 'added').map((r) => text(r.right))).toEqual(['Closing remark.']);
    expect(rows.filter((r) => r.type === 'removed')).toHaveLength(0);
    expect(rows.filter((r) => r.type === 'same')).toHaveLength(2499);
    const changed = rows.find((r) => r.type === 'changed');
    expect(changed?.right?.filter((s) => s.changed).map((s) => s.text.trim())).toEqual(['revised']);
  });

  it('matches lines across insertions while fewer than MAX_EDITS lines differ', () => {
    const before = Array.from({ length: 3000 }, (_, i) => `line ${i}`);
    const after = before.flatMap((line, i) => (i % 10 === 0 ? [`inserted before ${i}`, line] : [line]));
    const { rows, inPlace } = diffLines(before.join('\n'), after.join('\n'));
    expect(inPlace).toBe(false);
    expect(rows.filter((r) => r.type === 'same')).toHaveLength(3000);
    expect(rows.filter((r) => r.type === 'added')).toHaveLength(300);
    expect(rows.filter((r) => r.type !== 'same' && r.type !== 'added')).toEqual([]);
  });

  it('compares a body rewritten in more than MAX_EDITS lines line by line in place, and loses no line', () => {
    const before = Array.from({ length: 1500 }, (_, i) => `Paragraph ${i} as drafted.`);
    const after = before.map((line, i) => (i % 7 === 0 ? line : `${line} Reworded.`)).concat(['A closing line.']);
    // each reworded line is one deletion and one insertion
    expect(2 * (1500 - Math.ceil(1500 / 7))).toBeGreaterThan(MAX_EDITS);
    const { rows, inPlace } = diffLines(before.join('\n'), after.join('\n'));
    expect(inPlace).toBe(true);
    expect(rows).toHaveLength(1501);
    expect(rows.flatMap((r) => (r.left === null ? [] : [text(r.left)]))).toEqual(before);
    expect(rows.flatMap((r) => (r.right === null ? [] : [text(r.right)]))).toEqual(after);
    expect(rows.filter((r) => r.type === 'same')).toHaveLength(Math.ceil(1500 / 7));
    expect(rows[1].right?.filter((s) => s.changed).map((s) => s.text.trim())).toEqual(['Reworded.']);
    expect(rows.at(-1)?.type).toBe('added');
  });

  it('marks a whole line changed when its words differ in more than MAX_EDITS places', () => {
    const left = Array.from({ length: 800 }, (_, i) => `alpha${i}`).join(' ');
    const right = Array.from({ length: 800 }, (_, i) => `beta${i}`).join(' ');
    expect(diffWords(left, right)).toEqual({ left: [{ text: left, changed: true }], right: [{ text: right, changed: true }] });
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

describe('inlineDiff', () => {
  test('marks the words taken out and put in, keeping the shared ones once', () => {
    expect(inlineDiff('Keep the talks at the working level.', 'Keep the talks at the leaders level.')).toEqual([
      { op: 'same', text: 'Keep the talks at the ' },
      { op: 'deleted', text: 'working' },
      { op: 'inserted', text: 'leaders' },
      { op: 'same', text: ' level.' },
    ]);
  });

  test('an unchanged text is one shared run; an empty one is nothing', () => {
    expect(inlineDiff('Same', 'Same')).toEqual([{ op: 'same', text: 'Same' }]);
    expect(inlineDiff('', '')).toEqual([]);
    expect(inlineDiff('', 'New')).toEqual([{ op: 'inserted', text: 'New' }]);
  });

  test('Korean compares by word, not by character', () => {
    const parts = inlineDiff('실무 수준에서 유지', '정상 수준에서 유지');
    expect(parts[0]).toEqual({ op: 'deleted', text: '실무' });
    expect(parts[1]).toEqual({ op: 'inserted', text: '정상' });
  });
});
