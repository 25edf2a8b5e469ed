// @vitest-environment jsdom
/**
 * The book inspector explains the roll-up in words: the overall marking as the PDF prints it,
 * where its level comes from, why REL TO was dropped for NOFORN, and what a final export still
 * lacks of the authority block.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import type { BookDetail, BookHeader, ItemRow, LibraryInfo } from '../../../shared/contract';
import { DEFAULT_MARKINGS } from '../../../shared/domain';
import { createQueryClient } from '../../lib/api';
import { BookInspector } from './BookInspector';

function row(id: string, title: string, classification: string, caveats: string[]): ItemRow {
  return { id, kind: 'talking_point', title, topic: null, tags: [], classification, caveats, status: 'cleared', clearanceState: 'cleared', owner: null, version: 1, updatedAt: '2025-08-20T09:00:00.000Z', excerpt: '', usedIn: 1, due: null };
}

function install(items: ItemRow[], book: Partial<BookHeader> = {}, clearance?: BookDetail['clearance']) {
  const detail: BookDetail = {
    book: { id: 'summit', title: 'Summit', ...book },
    sections: [{ id: 's1', title: 'Talking points', items }],
    overallMarking: 'stale text the inspector must not trust',
    overallLevel: 'U',
    clearance: clearance ?? { total: items.length, cleared: items.length, notCleared: [], waiting: [] },
    updatedAt: '2025-08-20T09:00:00.000Z',
  };
  window.briefbook = {
    'books.get': async () => detail,
    'library.info': async () => ({ readOnly: false, markings: DEFAULT_MARKINGS }) as LibraryInfo,
    'exports.list': async () => [],
  };
  render(
    <QueryClientProvider client={createQueryClient()}>
      <BookInspector bookId="summit" onOpenItem={() => undefined} />
    </QueryClientProvider>,
  );
}

afterEach(() => {
  cleanup();
  delete window.briefbook;
});

describe('the book inspector', () => {
  it('lists, per paper, who still has to clear it, and a paper changed since it was cleared', async () => {
    const items = [row('a', 'Alliance modernisation', 'C', []), row('b', 'Exercises', 'C', []), row('c', 'Press line', 'U', [])];
    install(items, {}, {
      total: 3,
      cleared: 2,
      notCleared: [{ id: 'b', title: 'Exercises', status: 'cleared', clearanceState: 'changed' }],
      waiting: [
        { id: 'a', title: 'Alliance modernisation', clearanceState: 'cleared', offices: ['OSD'] },
        { id: 'b', title: 'Exercises', clearanceState: 'changed', offices: ['EAP/K', 'PM'] },
      ],
    });
    const list = await screen.findByRole('list', { name: 'Still to clear' });
    expect(within(list).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Alliance modernisation Cleared · waiting on OSD',
      'Exercises Changed since cleared · waiting on EAP/K, PM',
    ]);
    expect(screen.getByText('2 of 3 items cleared')).toBeTruthy();
  });

  it('says why a NOFORN item and a REL TO item give SECRET//NOFORN, and what a final export lacks', async () => {
    install([
      row('joint', 'Joint statement on the alliance and extended deterrence', 'S', ['NOFORN']),
      row('burden', 'Keep burden sharing separate from the SMA', 'C', ['REL TO USA, KOR']),
    ]);
    const reasons = await screen.findByRole('list', { name: 'Why the book is marked so' });
    expect(screen.getByTitle('Overall marking: SECRET//NOFORN').textContent).toBe('SECRET//NOFORN');
    expect(within(reasons).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'SECRET because “Joint statement on the alliance and extended deterrence” is SECRET.',
      'NOFORN because "Joint statement on the alliance and ext…" is NOFORN; REL TO dropped Open',
    ]);
    const missing = screen.getByRole('note');
    expect(missing.textContent).toMatch(/A final export is refused until the authority block below is complete/);
    expect(missing.textContent).toMatch(/"Classified by" \(classifiedBy\) is missing/);
    expect(missing.textContent).toMatch(/"Declassify on" \(declassifyOn\) is missing/);
  });

  it('says when REL TO falls back to NOFORN because a classified item lacks it', async () => {
    install(
      [row('a', 'Alliance modernisation', 'S', ['REL TO USA, KOR, JPN']), row('b', 'Tariff talking points', 'C', [])],
      { classificationAuthority: { classifiedBy: 'J. Park', reason: '1.4(d)', declassifyOn: '2050-12-31' } },
    );
    await screen.findByRole('list', { name: 'Why the book is marked so' });
    expect(screen.getByTitle('Overall marking: SECRET//NOFORN')).toBeTruthy();
    expect(screen.getByText(/^NOFORN instead of REL TO: "Tariff talking points" is classified and carries no REL TO/)).toBeTruthy();
    expect(screen.queryByRole('note')).toBeNull();
  });

  it('prints the common REL TO countries when every classified item carries REL TO', async () => {
    install([row('a', 'Alliance modernisation', 'S', ['REL TO USA, KOR, JPN']), row('b', 'Exercises', 'C', ['REL TO KOR, USA']), row('c', 'Press line', 'U', [])]);
    await screen.findByRole('list', { name: 'Why the book is marked so' });
    expect(screen.getByTitle('Overall marking: SECRET//REL TO USA, KOR')).toBeTruthy();
    expect(within(screen.getByRole('list', { name: 'Why the book is marked so' })).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'SECRET because “Alliance modernisation” is SECRET.',
      'REL TO USA, KOR: every classified item carries REL TO, and these are the countries all of them share.',
    ]);
  });

  it('names the item each caveat comes from', async () => {
    install([row('a', 'Alliance modernisation', 'C', []), row('b', 'Exercise schedule', 'C', ['NOFORN']), row('c', 'Source reporting', 'U', ['ORCON'])]);
    await screen.findByRole('list', { name: 'Why the book is marked so' });
    expect(screen.getByTitle('Overall marking: CONFIDENTIAL//ORCON/NOFORN')).toBeTruthy();
    expect(within(screen.getByRole('list', { name: 'Why the book is marked so' })).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'CONFIDENTIAL because “Alliance modernisation” is CONFIDENTIAL.',
      'ORCON because “Source reporting” is ORCON.',
      'NOFORN because “Exercise schedule” is NOFORN.',
    ]);
  });

  it('saves a Location typed while the title is empty, under the last stored title, and says so', async () => {
    install([]);
    const saved: BookHeader[] = [];
    window.briefbook!['books.save'] = async (input) => {
      const book = (input as { book: BookHeader }).book;
      saved.push(book);
      return { ...(await window.briefbook!['books.get']!({ id: 'summit' })), book } as BookDetail;
    };
    const title = (await screen.findByLabelText('Title')) as HTMLInputElement;
    fireEvent.change(title, { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Location'), { target: { value: 'Oval Office' } });
    fireEvent.blur(screen.getByLabelText('Location'));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]).toMatchObject({ title: 'Summit', meeting: { location: 'Oval Office' } });
    await screen.findByText('· the title stays “Summit” until you type one', { exact: false });
    expect(screen.queryByText(/A book needs a title/)).toBeNull();
  });
});
