// @vitest-environment jsdom
/**
 * The export dialog's marking check: a final export of a classified book without its
 * authority block is refused in words naming the missing fields, and nothing is built; REL TO
 * dropped for NOFORN and caveats the scheme does not know are listed before export.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import type { BookDetail, BookHeader, ItemRow, LibraryInfo } from '../../../shared/contract';
import { DEFAULT_MARKINGS } from '../../../shared/domain';
import { createQueryClient } from '../../lib/api';
import { ExportDialog } from './ExportDialog';

// the dialog never reaches the preview here; pdf.js stays out of jsdom
vi.mock('./PdfPreview', () => ({ PdfPreview: () => null }));

// jsdom has no modal <dialog>; the dialog only needs to be open
HTMLDialogElement.prototype.showModal ??= function showModal(this: HTMLDialogElement) {
  this.open = true;
};
HTMLDialogElement.prototype.close ??= function close(this: HTMLDialogElement) {
  this.open = false;
};

function row(id: string, title: string, classification: string, caveats: string[]): ItemRow {
  return { id, kind: 'talking_point', title, topic: null, tags: [], classification, caveats, status: 'cleared', clearanceState: 'cleared', owner: null, version: 1, updatedAt: '2025-08-20T09:00:00.000Z', excerpt: '', usedIn: 1, due: null };
}

let contentCalls: number;

function install(items: ItemRow[], book: Partial<BookHeader> = {}) {
  contentCalls = 0;
  const detail: BookDetail = {
    book: { id: 'summit', title: 'Summit', ...book },
    sections: [{ id: 's1', title: 'Talking points', items }],
    overallMarking: '',
    overallLevel: '',
    clearance: { total: items.length, cleared: items.length, notCleared: [], waiting: [] },
    updatedAt: '2025-08-20T09:00:00.000Z',
  };
  window.briefbook = {
    'books.get': async () => detail,
    'library.info': async () => ({ readOnly: false, markings: DEFAULT_MARKINGS }) as LibraryInfo,
    'exports.list': async () => [],
    'books.content': async () => {
      contentCalls += 1;
      throw new Error('[not_found] not in this test');
    },
  };
  render(
    <QueryClientProvider client={createQueryClient()}>
      <ExportDialog bookId="summit" onClose={() => undefined} onOpenItem={() => undefined} onSaved={async () => undefined} />
    </QueryClientProvider>,
  );
}

const makePdf = () => screen.getByRole('button', { name: 'Make PDF' }) as HTMLButtonElement;

afterEach(() => {
  cleanup();
  delete window.briefbook;
});

describe('the export dialog’s marking check', () => {
  it('refuses a final export of a TOP SECRET book without its authority block, naming the missing fields', async () => {
    install([row('ts', 'Nuclear consultative group', 'TS', ['ORCON']), row('s', 'Exercise schedule', 'S', ['NOFORN'])], { classificationAuthority: { derivedFrom: 'Multiple sources' } });
    await screen.findByText('TOP SECRET//ORCON/NOFORN');
    expect(makePdf().disabled).toBe(false);
    expect(screen.queryByRole('region', { name: 'Final export refused' })).toBeNull();

    fireEvent.click(screen.getByRole('radio', { name: /Final/ }));
    const refusal = screen.getByRole('region', { name: 'Final export refused' });
    const lines = within(refusal).getAllByRole('listitem').map((li) => li.textContent);
    expect(lines).toEqual([
      '"Classified by" (classifiedBy) is missing: a TOP SECRET book must name who classified it',
      '"Declassify on" (declassifyOn) is missing: a TOP SECRET book must say when it is declassified',
    ]);
    expect(makePdf().disabled).toBe(true);
    fireEvent.submit(makePdf().form!);
    expect(contentCalls).toBe(0);

    // a working copy is not held to the authority block
    fireEvent.click(screen.getByRole('radio', { name: /Working copy/ }));
    expect(makePdf().disabled).toBe(false);
  });

  it('lets a final export through once the authority block is complete, and an unclassified book without one', async () => {
    install([row('s', 'Exercise schedule', 'S', [])], { classificationAuthority: { classifiedBy: 'J. Park', reason: '1.4(d)', declassifyOn: '2050-12-31' } });
    await screen.findByText('SECRET');
    fireEvent.click(screen.getByRole('radio', { name: /Final/ }));
    expect(screen.queryByRole('region', { name: 'Final export refused' })).toBeNull();
    expect(makePdf().disabled).toBe(false);
    cleanup();

    install([row('u', 'Press line', 'U', [])]);
    await screen.findByText('UNCLASSIFIED');
    fireEvent.click(screen.getByRole('radio', { name: /Final/ }));
    expect(makePdf().disabled).toBe(false);
  });

  it('judges the releasable edition by the items it prints', async () => {
    install([row('ts', 'Nuclear consultative group', 'TS', []), row('u', 'Press line', 'U', [])]);
    await screen.findByText('TOP SECRET');
    fireEvent.click(screen.getByRole('radio', { name: /Final/ }));
    expect(makePdf().disabled).toBe(true);
    fireEvent.change(screen.getByLabelText(/Releasable edition/), { target: { value: 'U' } });
    expect(screen.getByText('UNCLASSIFIED')).toBeTruthy();
    expect(makePdf().disabled).toBe(false);
  });

  it('warns before export about REL TO dropped for NOFORN and caveats the scheme does not know', async () => {
    install([row('a', 'Alliance modernisation', 'S', ['REL TO USA, KOR']), row('b', 'Tariff talking points', 'C', ['EYES ONLY'])]);
    await screen.findByText('SECRET//NOFORN/EYES ONLY');
    const warnings = within(screen.getByRole('region', { name: 'Marking warnings' })).getAllByRole('listitem').map((li) => li.textContent);
    expect(warnings).toEqual([
      'NOFORN instead of REL TO: "Tariff talking points" is classified and carries no REL TO, so the book cannot be released Open the item',
      '“Tariff talking points” carries “EYES ONLY”, which is not a caveat of the “default” scheme: it prints as written, after the listed ones. Open the item',
    ]);
  });
});

describe('the export dialog’s changes since an edition', () => {
  it('offers the book’s editions, and builds with the change set since the one picked', async () => {
    const asked: unknown[] = [];
    const edition = (exportId: number, fileName: string) => ({ exportId, exportedAt: '2025-08-18T09:30:00.000Z', fileName });
    install([row('u', 'Press line', 'U', [])]);
    cleanup();
    const api = window.briefbook as Record<string, unknown>;
    window.briefbook = {
      ...api,
      'books.changesSince': async (input: unknown) => {
        asked.push(input);
        return { bookId: 'summit', since: edition(9, 'second.pdf'), movesKnown: true, added: [], edited: [], moved: [], removed: [], editions: [edition(9, 'second.pdf'), edition(7, 'first.pdf')] };
      },
      'books.content': async () => ({ markings: DEFAULT_MARKINGS, book: { id: 'summit', title: 'Summit', sections: [] }, items: [], itemVersions: {} }),
    };
    render(
      <QueryClientProvider client={createQueryClient()}>
        <ExportDialog bookId="summit" onClose={() => undefined} onOpenItem={() => undefined} onSaved={async () => undefined} />
      </QueryClientProvider>,
    );
    const picker = (await screen.findByRole('combobox', { name: /Changes since an edition/ })) as HTMLSelectElement;
    await waitFor(() => expect(picker.disabled).toBe(false));
    expect(within(picker).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'None: no change bars',
      expect.stringMatching(/^Since .* \(second\.pdf\), the last$/),
      expect.stringMatching(/^Since .* \(first\.pdf\)$/),
    ]);
    fireEvent.change(picker, { target: { value: '7' } });
    fireEvent.click(makePdf());
    await waitFor(() => expect(asked).toContainEqual({ bookId: 'summit', since: 7 }));
  });
});
