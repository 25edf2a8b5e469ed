// @vitest-environment jsdom
/** The export history says whether each PDF printed only text that was cleared. */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import type { ExportRecord } from '../../../shared/contract';
import { createQueryClient } from '../../lib/api';
import { ExportLog } from './ExportLog';

const HASH = `sha256:${'a'.repeat(64)}`;
const record = (id: number, clearance: ExportRecord['clearance']): ExportRecord => ({
  id,
  bookId: 'summit',
  bookTitle: 'Summit',
  exportedAt: '2026-11-30T09:00:00.000Z',
  kind: 'pdf',
  fileName: `summit-${id}.pdf`,
  options: { mode: 'working' },
  pageCount: 12,
  sha256: String(id).repeat(64).slice(0, 64),
  itemVersions: { a: 1, b: 1 },
  changedSince: [],
  clearance,
});

afterEach(() => {
  cleanup();
  delete window.briefbook;
});

describe('the export history', () => {
  it('says per PDF whether every item was cleared as printed, and nothing when it was not recorded', async () => {
    window.briefbook = {
      'exports.list': async () => [
        record(1, { a: { contentHash: HASH, cleared: true }, b: { contentHash: HASH, cleared: true } }),
        record(2, { a: { contentHash: HASH, cleared: true }, b: { contentHash: HASH, cleared: false } }),
        record(3, null),
      ],
    };
    render(
      <QueryClientProvider client={createQueryClient()}>
        <ExportLog bookId="summit" />
      </QueryClientProvider>,
    );
    const items = await screen.findAllByRole('listitem');
    expect(items[0].textContent).toContain('All 2 items cleared as printed');
    expect(items[1].textContent).toContain('1 of 2 items not cleared as printed');
    expect(items[2].textContent).not.toContain('cleared as printed');
  });
});
