import { describe, expect, it } from 'vitest';
import { UndoStack } from './undo-stack';

function counter() {
  const log: string[] = [];
  let value = 0;
  const add = (n: number, label = `add ${n}`) => ({
    label,
    redo: async () => {
      value += n;
      log.push(`+${n}`);
    },
    undo: async () => {
      value -= n;
      log.push(`-${n}`);
    },
  });
  return { log, add, value: () => value };
}

describe('UndoStack', () => {
  it('undoes and redoes commands in order', async () => {
    const stack = new UndoStack();
    const c = counter();
    await stack.perform(c.add(1));
    await stack.perform(c.add(10));
    expect(c.value()).toBe(11);
    expect(await stack.undo()).toBe('add 10');
    expect(c.value()).toBe(1);
    expect(await stack.undo()).toBe('add 1');
    expect(await stack.undo()).toBeNull();
    expect(await stack.redo()).toBe('add 1');
    expect(c.value()).toBe(1);
    expect(stack.getSnapshot()).toMatchObject({ canUndo: true, canRedo: true, redoLabel: 'add 10' });
  });

  it('a new command clears what could be redone', async () => {
    const stack = new UndoStack();
    const c = counter();
    await stack.perform(c.add(1));
    await stack.undo();
    await stack.perform(c.add(2));
    expect(stack.getSnapshot().canRedo).toBe(false);
    expect(await stack.redo()).toBeNull();
    expect(c.value()).toBe(2);
  });

  it('runs fast undos one after the other, never interleaved', async () => {
    const stack = new UndoStack();
    const c = counter();
    await stack.perform(c.add(1));
    await stack.perform(c.add(2));
    await stack.perform(c.add(3));
    await Promise.all([stack.undo(), stack.undo(), stack.redo()]);
    expect(c.log).toEqual(['+1', '+2', '+3', '-3', '-2', '+2']);
    expect(c.value()).toBe(3);
  });

  it('keeps a command whose undo failed, so it can be tried again', async () => {
    const stack = new UndoStack();
    await stack.perform({ label: 'x', redo: async () => {}, undo: async () => Promise.reject(new Error('locked')) });
    await expect(stack.undo()).rejects.toThrow('locked');
    expect(stack.getSnapshot()).toMatchObject({ canUndo: true, undoLabel: 'x' });
  });

  it('forgets the oldest commands beyond its limit', async () => {
    const stack = new UndoStack(2);
    const c = counter();
    for (const n of [1, 2, 3]) await stack.perform(c.add(n));
    expect(await stack.undo()).toBe('add 3');
    expect(await stack.undo()).toBe('add 2');
    expect(await stack.undo()).toBeNull();
  });

  it('after an undo or a redo, shows where the command says the change is; a failed one shows nothing', async () => {
    const stack = new UndoStack();
    const shown: string[] = [];
    stack.onReveal((target) => shown.push(target.selector));
    const c = counter();
    await stack.perform({ ...c.add(1), focus: (done) => ({ selector: `${done} card` }) });
    expect(shown).toEqual([]);
    await stack.undo();
    await stack.redo();
    expect(shown).toEqual(['undo card', 'redo card']);
    await stack.perform({ ...c.add(2), undo: () => Promise.reject(new Error('refused')), focus: () => ({ selector: 'never' }) });
    await expect(stack.undo()).rejects.toThrow('refused');
    expect(shown).toEqual(['undo card', 'redo card']);
  });
});
