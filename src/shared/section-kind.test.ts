import { describe, expect, it } from 'vitest';
import { naturalKind } from './section-kind';

describe('the natural kind of a section', () => {
  it('follows what most of its items already are', () => {
    expect(naturalKind({ title: 'Miscellany', items: [{ kind: 'ask' }, { kind: 'red_line' }, { kind: 'ask' }] })).toBe('ask');
  });

  it('reads an empty section by its title', () => {
    expect(naturalKind({ title: 'Red lines' })).toBe('red_line');
    expect(naturalKind({ title: 'Their objectives' })).toBe('their_objective');
    expect(naturalKind({ title: 'Objectives' })).toBe('objective');
    expect(naturalKind({ title: 'Our asks' })).toBe('ask');
    expect(naturalKind({ title: 'If raised' })).toBe('if_raised');
    expect(naturalKind({ title: 'Participants' })).toBe('bio');
    expect(naturalKind({ title: 'Program' })).toBe('scenario');
  });

  it('falls back to talking points', () => {
    expect(naturalKind({ title: 'Misc', items: [] })).toBe('talking_point');
  });
});
