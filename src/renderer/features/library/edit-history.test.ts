import { describe, expect, it } from 'vitest';
import { EditHistory } from './edit-history';

describe('EditHistory', () => {
  it('merges typing in one field within the window into one step', () => {
    const h = new EditHistory('');
    h.push('a', 'body', 0);
    h.push('ab', 'body', 300);
    h.push('abc', 'body', 600);
    expect(h.undo()).toBe('');
    expect(h.redo()).toBe('abc');
  });

  it('starts a new step after a pause or in another field', () => {
    const h = new EditHistory('');
    h.push('a', 'body', 0);
    h.push('ab', 'body', 5000);
    h.push('ab!', 'title', 5100);
    expect(h.undo()).toBe('ab');
    expect(h.undo()).toBe('a');
    expect(h.undo()).toBe('');
    expect(h.undo()).toBeNull();
    expect(h.canRedo).toBe(true);
  });

  it('never merges toolbar actions (null key), and a new edit drops the redo list', () => {
    const h = new EditHistory('x');
    h.push('**x**', null, 0);
    h.push('x', null, 10);
    expect(h.undo()).toBe('**x**');
    h.push('y', 'body', 20);
    expect(h.canRedo).toBe(false);
    expect(h.undo()).toBe('**x**');
  });

  it('merges nothing right after an undo', () => {
    const h = new EditHistory('');
    h.push('a', 'body', 0);
    h.push('b', 'title', 10);
    h.undo();
    h.push('ab', 'body', 20);
    expect(h.undo()).toBe('a');
  });

  it('reset forgets everything', () => {
    const h = new EditHistory('a');
    h.push('b', 'body', 0);
    h.reset('restored');
    expect(h.current).toBe('restored');
    expect(h.canUndo).toBe(false);
  });
});
