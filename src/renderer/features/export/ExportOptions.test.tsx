// @vitest-environment jsdom
/**
 * The export dialog offers every layout option of the book (issue 16) and hands exactly what
 * was chosen to the PDF worker: the defaults a principal needs (glance page, tabs, endnotes)
 * are sent as nothing, every change from them as an option.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import type { BookDetail, LibraryInfo, PdfOptions } from '../../../shared/contract';
import { DEFAULT_MARKINGS } from '../../../shared/domain';
import { createQueryClient } from '../../lib/api';
import { ExportDialog } from './ExportDialog';

vi.mock('./PdfPreview', () => ({ PdfPreview: () => null }));
const sent: PdfOptions[] = [];
vi.mock('./build-pdf', () => ({
  PdfBuildFailed: class extends Error {},
  buildInWorker: (_content: unknown, options: PdfOptions) => {
    sent.push(options);
    return { result: new Promise(() => undefined), cancel: () => undefined };
  },
}));

HTMLDialogElement.prototype.showModal ??= function showModal(this: HTMLDialogElement) {
  this.open = true;
};
HTMLDialogElement.prototype.close ??= function close(this: HTMLDialogElement) {
  this.open = false;
};

function install(sections: BookDetail['sections'] = []) {
  const detail: BookDetail = {
    book: { id: 'summit', title: 'Summit' },
    sections,
    overallMarking: '',
    overallLevel: '',
    clearance: { total: 0, cleared: 0, notCleared: [], waiting: [] },
    updatedAt: '2025-08-20T09:00:00.000Z',
  };
  window.briefbook = {
    'books.get': async () => detail,
    'library.info': async () => ({ readOnly: false, markings: DEFAULT_MARKINGS }) as LibraryInfo,
    'exports.list': async () => [],
    'books.content': async () => ({}) as never,
  };
  render(
    <QueryClientProvider client={createQueryClient()}>
      <ExportDialog bookId="summit" onClose={() => undefined} onOpenItem={() => undefined} onSaved={async () => undefined} />
    </QueryClientProvider>,
  );
}

afterEach(() => {
  cleanup();
  sent.length = 0;
  delete window.briefbook;
});

const makePdf = () => screen.getByRole('button', { name: 'Make PDF' }) as HTMLButtonElement;

describe('the export dialog’s layout options', () => {
  it('sends nothing for the defaults', async () => {
    install();
    await screen.findByText('Export history');
    fireEvent.submit(makePdf().form!);
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({ mode: 'working' });
  });

  it('sends each option the user changes', async () => {
    install();
    await screen.findByText('Export history');
    fireEvent.click(screen.getByLabelText(/At a glance/));
    fireEvent.click(screen.getByLabelText(/Thumb tabs/));
    fireEvent.click(screen.getByLabelText(/divider page/));
    fireEvent.click(screen.getByLabelText(/Clearance page/));
    fireEvent.click(screen.getByLabelText(/Hyphenate/));
    fireEvent.change(screen.getByLabelText('Sources'), { target: { value: 'omit' } });
    fireEvent.change(screen.getByLabelText('Bilingual pages'), { target: { value: 'ko' } });
    fireEvent.change(screen.getByLabelText('Translation'), { target: { value: 'below' } });
    fireEvent.click(screen.getByLabelText(/pocket card/));
    fireEvent.change(screen.getByLabelText('Pocket card size'), { target: { value: '4x6' } });
    fireEvent.submit(makePdf().form!);
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({
      mode: 'working',
      atAGlance: false,
      thumbTabs: false,
      sectionDividers: true,
      clearancePage: true,
      hyphenate: true,
      sources: 'omit',
      bilingual: 'ko',
      bilingualLayout: 'below',
      pocketCard: true,
      pocketCardSize: '4x6',
    });
  });

  it('offers to print the empty sections, naming them, and sends includeEmptySections only when ticked', async () => {
    install([
      { id: 's-tp', title: 'Talking points', items: [{ id: 'tp-1' } as BookDetail['sections'][number]['items'][number]] },
      { id: 's-press', title: 'Press lines', items: [] },
    ]);
    await screen.findByText('Export history');
    const box = screen.getByLabelText(/Print sections that have no items/) as HTMLInputElement;
    expect(box.checked).toBe(false);
    await waitFor(() => expect(box.closest('label')?.textContent).toContain('1 empty section: “Press lines”'));
    fireEvent.click(box);
    fireEvent.submit(makePdf().form!);
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({ mode: 'working', includeEmptySections: true });
  });
});
