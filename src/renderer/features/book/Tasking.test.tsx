// @vitest-environment jsdom
/**
 * Tasking in the book view (docs/data-model.md, "Tasking"), against a real library: requesting a
 * paper in a section, the papers listed by office and by due date, and "Send for drafting…"
 * saving one office's package. Due dates are far in the past or the future, or relative to the
 * `today` the listing is given, so nothing depends on the day the test runs.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import type { BriefbookApi } from '../../../shared/contract';
import { storeBridge, type StoreBridge } from '../../../../tests/support/store-bridge';
import { createQueryClient } from '../../lib/api';
import { appUndo } from '../../lib/undo-stack';
import { BookView } from './BookView';
import { ByOffice } from './ByOffice';
import { SendForDraftingDialog } from './SendForDraftingDialog';

// jsdom has no modal <dialog>; the dialog only needs to be open
HTMLDialogElement.prototype.showModal ??= function showModal(this: HTMLDialogElement) {
  this.open = true;
};
HTMLDialogElement.prototype.close ??= function close(this: HTMLDialogElement) {
  this.open = false;
};

const item = (id: string, title: string, kind: string, extra: Record<string, unknown> = {}) => ({ id, kind, title, body: `${title}.`, classification: 'U', status: 'cleared', ...extra });

const LIBRARY = JSON.stringify({
  format: 'briefbook/v1',
  items: [
    item('ask-1', 'Prior consultation on North Korea', 'ask', { owner: 'Policy planning' }),
    item('rl-1', 'No leader-level deal on flexibility', 'red_line', { owner: 'Legal Office', status: 'in_review', due: '2099-06-30' }),
    { ...item('bg-sofa', 'SOFA jurisdiction', 'background', { owner: 'legal office ', due: '2020-03-01' }), body: '', status: 'draft' },
    item('bg-history', 'History of the alliance', 'background'),
  ],
  books: [
    {
      id: 'summit',
      title: 'Summit with President Trump',
      sections: [
        { id: 's-asks', title: 'Our asks', items: ['ask-1'] },
        { id: 's-red', title: 'Red lines', items: ['rl-1'] },
        { id: 's-bg', title: 'Background', items: ['bg-sofa', 'bg-history'] },
      ],
    },
  ],
});

let bridge: StoreBridge;
let saves: unknown[];

beforeEach(() => {
  appUndo.clear();
  bridge = storeBridge(LIBRARY);
  saves = [];
  // the main process's save: the store's package, as files.saveExchange writes it, into a dialog that says where
  const saveExchange = async (input: { bookId?: string; owner?: string }) => {
    saves.push({ input, text: bridge.library.service['library.export'](input).text });
    return { saved: true as const, fileName: 'summit - for Legal Office.briefbook.json', sha256: '0'.repeat(64) };
  };
  window.briefbook = { ...bridge.api, 'files.saveExchange': saveExchange } as unknown as BriefbookApi;
});
afterEach(() => {
  cleanup();
  delete window.briefbook;
  bridge.library.dispose();
});

function withClient(node: React.ReactNode) {
  return <QueryClientProvider client={createQueryClient()}>{node}</QueryClientProvider>;
}

const detail = () => bridge.library.service['books.get']({ id: 'summit' });

describe('requesting a paper', () => {
  it('creates the placeholder in the section from the dialog, and undo takes it out of the book', async () => {
    render(withClient(<BookView bookId="summit" sectionId="s-red" onSection={() => undefined} onOpenItem={() => undefined} onExport={() => undefined} onNewFrom={() => undefined} onDeleted={() => undefined} />));
    fireEvent.click(await screen.findByRole('button', { name: 'Request a paper…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Request a paper for Red lines' });
    fireEvent.change(within(dialog).getByLabelText('Title'), { target: { value: 'No change to OPCON transition' } });
    fireEvent.change(within(dialog).getByLabelText('Kind'), { target: { value: 'red_line' } });
    fireEvent.change(within(dialog).getByLabelText('Drafting office'), { target: { value: ' Legal Office ' } });
    fireEvent.change(within(dialog).getByLabelText('Due'), { target: { value: '2026-12-01' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Request paper' }));
    await waitFor(() => expect(detail().sections[1].items.map((i) => i.title)).toEqual(['No leader-level deal on flexibility', 'No change to OPCON transition']));
    expect(detail().sections[1].items[1]).toMatchObject({ kind: 'red_line', owner: 'Legal Office', due: '2026-12-01', status: 'draft', excerpt: '' });
    await screen.findByRole('listitem', { name: /2\. No change to OPCON transition/ });
    await act(async () => {
      await appUndo.undo();
    });
    expect(detail().sections[1].items.map((i) => i.title)).toEqual(['No leader-level deal on flexibility']);
  });
});

describe('papers by office', () => {
  it('groups by office with what is missing and overdue in words, and lists by due date on the toggle', async () => {
    const opened: string[] = [];
    render(withClient(<ByOffice detail={detail()} today="2020-03-04" onOpenItem={(id) => opened.push(id)} />));
    const legal = screen.getByRole('region', { name: 'Legal Office' });
    expect(within(legal).getByRole('heading').textContent).toBe('Legal Office — 2 papers, 1 missing, 1 overdue');
    const [sofa, redLine] = within(legal).getAllByRole('listitem');
    expect(sofa.textContent).toContain('SOFA jurisdiction');
    expect(sofa.textContent).toContain('overdue by 3 days');
    expect(sofa.textContent).toContain('Missing: not written yet');
    expect(redLine.textContent).toContain('In review');
    expect(within(screen.getByRole('region', { name: 'Policy planning' })).getByRole('heading').textContent).toBe('Policy planning — 1 paper, 0 missing');
    expect(screen.getByRole('region', { name: 'No office' }).textContent).toContain('History of the alliance');
    fireEvent.click(within(legal).getByRole('button', { name: /SOFA jurisdiction/ }));
    expect(opened).toEqual(['bg-sofa']);

    fireEvent.click(screen.getByRole('button', { name: 'By due date' }));
    const rows = within(screen.getByRole('list', { name: 'Papers by due date' })).getAllByRole('listitem').map((r) => r.textContent ?? '');
    expect(rows.map((r) => /SOFA|leader-level|consultation|History/.exec(r)?.[0])).toEqual(['SOFA', 'leader-level', 'consultation', 'History']);
    expect(rows[0]).toContain('legal office');
  });
});

describe('send for drafting', () => {
  it("shows what will go to the office picked and saves that office's package through the main process", async () => {
    let closed = false;
    render(withClient(<SendForDraftingDialog detail={detail()} today="2020-03-04" onClose={() => (closed = true)} />));
    const dialog = screen.getByRole('dialog', { name: 'Send for drafting' });
    const office = within(dialog).getByLabelText('Office') as HTMLSelectElement;
    expect([...office.options].map((o) => o.value)).toEqual(['Legal Office', 'Policy planning']);
    const table = within(dialog).getByRole('table', { name: 'Papers for Legal Office' });
    expect(within(table).getAllByRole('row').slice(1).map((r) => r.textContent)).toEqual([
      expect.stringMatching(/^Red line: No leader-level deal on flexibilityRed lines.*\(due in \d+ days\)In review$/),
      expect.stringMatching(/^Background: SOFA jurisdictionBackground.*\(overdue by 3 days\)To write \(placeholder\)$/),
    ]);
    expect(dialog.textContent).toContain('2 papers will go to Legal Office, 1 still to write');
    fireEvent.change(office, { target: { value: 'Policy planning' } });
    expect(within(dialog).getByRole('table', { name: 'Papers for Policy planning' }).textContent).toContain('Prior consultation on North Korea');
    fireEvent.change(office, { target: { value: 'Legal Office' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save package…' }));
    await waitFor(() => expect(closed).toBe(true));
    expect(saves).toHaveLength(1);
    const [{ input, text }] = saves as { input: unknown; text: string }[];
    expect(input).toEqual({ bookId: 'summit', owner: 'Legal Office' });
    expect((JSON.parse(text) as { items: { id: string }[] }).items.map((i) => i.id)).toEqual(['rl-1', 'bg-sofa']);
  });

  it('says what to do when no paper has an office', () => {
    bridge.library.service['books.create']({ title: 'Empty', id: 'empty' });
    render(withClient(<SendForDraftingDialog detail={bridge.library.service['books.get']({ id: 'empty' })} onClose={() => undefined} />));
    expect(screen.getByRole('dialog', { name: 'Send for drafting' }).textContent).toContain('No paper in this book has a drafting office yet');
    expect(screen.getByRole('button', { name: 'Save package…' })).toHaveProperty('disabled', true);
  });
});
