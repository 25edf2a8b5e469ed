// @vitest-environment jsdom
/**
 * The shared dialog opens with focus on its first field (typing a title with spaces must not
 * press ×), and Esc or × over unsaved input asks before anything is dropped.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { Dialog } from './Dialog';

// jsdom has no modal <dialog>; the dialog only needs to be open (and, as Chromium does, focus its first control: ×)
HTMLDialogElement.prototype.showModal ??= function showModal(this: HTMLDialogElement) {
  this.open = true;
  this.querySelector<HTMLElement>('button')?.focus();
};
HTMLDialogElement.prototype.close ??= function close(this: HTMLDialogElement) {
  this.open = false;
};

function Form({ onClose }: { onClose: () => void }) {
  const [title, setTitle] = useState('');
  return (
    <Dialog title="New book" onClose={onClose} unsaved={title !== ''} footer={<button type="button">Create book</button>}>
      <label>
        Title
        <input value={title} onChange={(e) => setTitle(e.target.value)} />
      </label>
    </Dialog>
  );
}

const esc = () => fireEvent(document.querySelector('dialog') as HTMLDialogElement, new Event('cancel', { cancelable: true }));

afterEach(cleanup);

describe('the dialog', () => {
  it('opens with focus on its first field, not on ×', () => {
    render(<Form onClose={() => undefined} />);
    expect(document.activeElement).toBe(screen.getByLabelText('Title'));
  });

  it('with no field and no control of its own (a sheet to read), opens with focus on its text, not on ×', () => {
    render(
      <Dialog title="Keyboard shortcuts" onClose={() => undefined}>
        <p>Ctrl+N: new item</p>
      </Dialog>,
    );
    expect(document.activeElement).toBe(document.querySelector('.dialog-body'));
    expect(document.activeElement?.getAttribute('aria-label')).not.toBe('Close');
  });

  it('closes at once when nothing was typed', () => {
    const onClose = vi.fn();
    render(<Form onClose={onClose} />);
    esc();
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('asks before Esc or × drops what was typed; Keep editing keeps it, Close and lose it closes', () => {
    const onClose = vi.fn();
    render(<Form onClose={onClose} />);
    fireEvent.change(screen.getByLabelText('Title'), { target: { value: 'Summit in Tokyo' } });
    esc();
    expect(onClose).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toMatch(/not kept yet/);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Keep editing' }));
    fireEvent.click(screen.getByRole('button', { name: 'Keep editing' }));
    expect((screen.getByLabelText('Title') as HTMLInputElement).value).toBe('Summit in Tokyo');
    expect(screen.getByRole('button', { name: 'Create book' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClose).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Close and lose it' }));
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});
