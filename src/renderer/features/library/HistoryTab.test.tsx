// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import { storeBridge, type StoreBridge } from '../../../../tests/support/store-bridge';
import { createQueryClient } from '../../lib/api';
import { HistoryTab } from './HistoryTab';
import { MAX_EDITS } from '../../../shared/word-diff';

let bridge: StoreBridge | undefined;

afterEach(() => {
  cleanup();
  delete window.briefbook;
  bridge?.library.dispose();
  bridge = undefined;
});

/** A real library holding one item saved twice: first `before`, then `after` as its body. */
async function showHistory(before: string[], after: string[]) {
  const item = { id: 'bg-alliance', kind: 'background' as const, title: 'Alliance history', classification: 'U', status: 'draft' as const };
  bridge = storeBridge(JSON.stringify({ format: 'briefbook/v1', items: [{ ...item, body: before.join('\n') }], books: [] }));
  window.briefbook = bridge.api;
  const current = bridge.library.service['items.save']({ item: { ...item, body: after.join('\n') } });
  const view = render(
    <QueryClientProvider client={createQueryClient()}>
      <HistoryTab itemId={item.id} current={current} large={false} onRestored={() => undefined} />
    </QueryClientProvider>,
  );
  await screen.findByRole('table', { name: 'Body, line by line' });
  return view.container;
}

// short lines: 2,500 of them stay within the 100,000 characters a body may hold
const paragraphs = (n: number) => Array.from({ length: n }, (_, i) => `Point ${i}: the agenda.`);

describe('the version history', () => {
  it('shows one changed row for one changed line in a 2,500-line body', async () => {
    const before = paragraphs(2500);
    const after = [...before];
    after[110] = 'Point 110: the revised agenda.';
    after.push('Closing remark.');
    const page = await showHistory(before, after);
    const changed = [...page.querySelectorAll('table.diff-table:not(.fields) tr.diff-changed')];
    expect(changed).toHaveLength(1);
    expect(changed[0].querySelector('.diff-right .diff-changed')?.textContent?.trim()).toBe('revised');
    expect(page.querySelectorAll('tr.diff-added')).toHaveLength(1);
    expect(screen.queryByText(/lines differ, too many to match up/)).toBeNull();
  });

  it(`says so when more than ${MAX_EDITS} lines differ and it sets lines side by side as they stand`, async () => {
    const before = paragraphs(1500);
    const after = before.map((line, i) => (i % 7 === 0 ? line : `${line} Reworded.`));
    const page = await showHistory(before, after);
    await screen.findByText(`More than ${MAX_EDITS} lines differ, too many to match up: each line is shown beside the line in the same place.`);
    expect(page.querySelectorAll('table.diff-table:not(.fields) tr')).toHaveLength(1500);
  });
});
