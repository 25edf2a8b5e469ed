import { useEffect, useMemo, useRef, useState } from 'react';
import { keepPreviousData, useQueries, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ItemRow } from '../../../shared/contract';
import { KindLabel, StatusLabel } from '../../components/Kind';
import { PortionMark } from '../../components/Marking';
import { EmptyState, ErrorState } from '../../components/EmptyState';
import { apiKey, apiQuery, errorMessage, type Input, type Output } from '../../lib/api';
import { formatWhen, plural } from '../../lib/format';
import { isFiltered, NO_FILTER, type LibraryFilter } from './filters';

/** Rows come in pages as the list scrolls: 20,000 items never cross the bridge at once. */
const PAGE = 100;
const ROW = 28;

type SortBy = NonNullable<Input<'items.list'>['sort']>['by'];
type Sort = { by: SortBy; dir: 'asc' | 'desc' };

const COLUMNS: { by: SortBy | null; label: string; className: string }[] = [
  { by: 'classification', label: 'Mark', className: 'c-mark' },
  { by: 'kind', label: 'Kind', className: 'c-kind' },
  { by: 'title', label: 'Title', className: 'c-title' },
  { by: 'topic', label: 'Topic', className: 'c-topic' },
  { by: 'status', label: 'Status', className: 'c-status' },
  { by: 'updatedAt', label: 'Changed', className: 'c-when' },
  { by: 'usedIn', label: 'Used', className: 'c-used' },
];

function listInput(filter: LibraryFilter, sort: Sort): Input<'items.list'> {
  const input: Input<'items.list'> = { sort };
  if (filter.kinds.length > 0) input.kinds = filter.kinds;
  if (filter.statuses.length > 0) input.statuses = filter.statuses;
  if (filter.classifications.length > 0) input.classifications = filter.classifications;
  if (filter.topics.length > 0) input.topics = filter.topics;
  if (filter.tags.length > 0) input.tags = filter.tags;
  return input;
}

const DEFAULT_SORT: Sort = { by: 'updatedAt', dir: 'desc' };

/**
 * Asks for the table's first page before React has mounted anything, so it is first in the
 * main process's queue at start-up (ahead of the sidebar's counts).
 */
export function prefetchLibraryTable(client: QueryClient): void {
  void client.prefetchQuery(apiQuery('items.list', { ...listInput(NO_FILTER, DEFAULT_SORT), offset: 0, limit: PAGE }));
}

interface LibraryTableProps {
  filter: LibraryFilter;
  selectedId: string | null;
  onSelect: (id: string) => void;
  onOpen: (id: string) => void;
  onNewItem: () => void;
  onClearFilter: () => void;
}

export function LibraryTable({ filter, selectedId, onSelect, onOpen, onNewItem, onClearFilter }: LibraryTableProps) {
  const [sort, setSort] = useState<Sort>(DEFAULT_SORT);
  const [active, setActive] = useState(0);
  const scrollRef = useRef<HTMLDivElement>(null);
  const base = useMemo(() => listInput(filter, sort), [filter, sort]);
  const info = useQuery(apiQuery('library.info', {}));
  const scheme = info.data?.markings;

  const first = useQuery({ ...apiQuery('items.list', { ...base, offset: 0, limit: PAGE }), placeholderData: keepPreviousData });
  const total = first.data?.total ?? 0;

  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW,
    overscan: 15,
  });
  const virtualRows = virtualizer.getVirtualItems();
  const visible = [...new Set(virtualRows.map((row) => Math.floor(row.index / PAGE)))].filter((p) => p > 0).join(',');
  // While the scroll bar is dragged fast, pages fly past: ask only for the pages the view
  // rests on (80 ms), so the main process is not queued with pages nobody will see.
  const [wanted, setWanted] = useState(visible);
  const scrolling = virtualizer.isScrolling;
  useEffect(() => {
    if (visible === wanted) return;
    if (!scrolling) {
      setWanted(visible);
      return;
    }
    const timer = window.setTimeout(() => setWanted(visible), 80);
    return () => window.clearTimeout(timer);
  }, [visible, wanted, scrolling]);
  const pages = wanted === '' ? [] : wanted.split(',').map(Number);
  useQueries({
    queries: pages.map((page) => apiQuery('items.list', { ...base, offset: page * PAGE, limit: PAGE })),
  });
  const client = useQueryClient();
  // rows come from the cache: pages fetched earlier show at once, even mid-scroll
  const rowAt = (index: number): ItemRow | undefined => {
    const page = Math.floor(index / PAGE);
    const data = page === 0 ? first.data : client.getQueryData<Output<'items.list'>>(apiKey('items.list', { ...base, offset: page * PAGE, limit: PAGE }));
    return data?.rows[index - page * PAGE];
  };

  const move = (index: number) => {
    const next = Math.max(0, Math.min(total - 1, index));
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
    const row = rowAt(next);
    if (row !== undefined) onSelect(row.id);
  };

  if (first.isError) return <ErrorState message={`The library could not be listed. ${errorMessage(first.error)}`} onRetry={() => void first.refetch()} />;
  if (first.isSuccess && total === 0) {
    return isFiltered(filter) ? (
      <EmptyState title="No items match these filters">
        <button type="button" onClick={onClearFilter}>
          Clear filters
        </button>
      </EmptyState>
    ) : (
      <EmptyState title="The library is empty">
        <p>Write your first talking point, ask or red line: press Ctrl+N or</p>
        <button type="button" className="primary" onClick={onNewItem}>
          New item
        </button>
      </EmptyState>
    );
  }

  return (
    <div className="table-wrap">
      <div className="table-count" aria-live="polite">
        {first.isSuccess ? plural(total, 'item') : 'Loading…'}
      </div>
      <div
        className="lib-table"
        role="grid"
        id="library-table"
        aria-label="Library items (arrow keys move, Enter opens)"
        // the grid holds the keyboard: aria-activedescendant belongs on it, not on a row group
        tabIndex={0}
        aria-activedescendant={total > 0 ? `lib-row-${active}` : undefined}
        onKeyDown={(e) => {
          // the sort buttons in the header keep their own keys
          if (e.target !== e.currentTarget) return;
          const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 300) / ROW) - 1);
          const keys: Record<string, number> = { ArrowDown: active + 1, ArrowUp: active - 1, PageDown: active + page, PageUp: active - page, Home: 0, End: total - 1 };
          if (e.key in keys) {
            e.preventDefault();
            move(keys[e.key]);
          } else if (e.key === 'Enter') {
            e.preventDefault();
            const row = rowAt(active);
            if (row !== undefined) onOpen(row.id);
          }
        }}
        aria-rowcount={total + 1}
        aria-colcount={COLUMNS.length}
        aria-busy={first.isFetching}
      >
        <div className="lib-row lib-header" role="row" aria-rowindex={1}>
          {COLUMNS.map((col) => {
            const sorted = col.by !== null && sort.by === col.by;
            return (
              <div key={col.label} role="columnheader" className={col.className} aria-sort={sorted ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
                <button
                  type="button"
                  className="sort-button"
                  onClick={() => col.by !== null && setSort(sorted ? { by: col.by, dir: sort.dir === 'asc' ? 'desc' : 'asc' } : { by: col.by, dir: col.by === 'updatedAt' || col.by === 'usedIn' ? 'desc' : 'asc' })}
                  title={`Sort by ${col.label === 'Used' ? 'how many sections use the item' : col.label === 'Changed' ? 'last change' : col.label.toLowerCase()}`}
                >
                  {col.label}
                  <span aria-hidden="true" className="sort-arrow">
                    {sorted ? (sort.dir === 'asc' ? '▲' : '▼') : ''}
                  </span>
                </button>
              </div>
            );
          })}
        </div>
        <div ref={scrollRef} className="lib-body" role="rowgroup" aria-label="Items" tabIndex={-1}>
          <div className="lib-sizer" style={{ height: virtualizer.getTotalSize() }}>
            {virtualRows.map((v) => {
              const row = rowAt(v.index);
              const selected = row !== undefined && row.id === selectedId;
              return (
                <div
                  key={v.index}
                  id={`lib-row-${v.index}`}
                  role="row"
                  aria-rowindex={v.index + 2}
                  aria-selected={selected}
                  data-item-id={row?.id}
                  className={`lib-row ${selected ? 'selected' : ''} ${v.index === active ? 'active' : ''} ${row === undefined ? 'placeholder' : ''} ${row ? `kind-${row.kind}` : ''}`}
                  style={{ transform: `translateY(${v.start}px)` }}
                  onClick={() => {
                    setActive(v.index);
                    if (row !== undefined) onSelect(row.id);
                  }}
                  onDoubleClick={() => row !== undefined && onOpen(row.id)}
                >
                  {row === undefined ? (
                    <div role="gridcell" className="c-loading">
                      …
                    </div>
                  ) : (
                    <>
                      <div role="gridcell" className="c-mark">
                        <span className="stripe" aria-hidden="true" />
                        <PortionMark scheme={scheme} item={row} />
                      </div>
                      <div role="gridcell" className="c-kind">
                        <KindLabel kind={row.kind} />
                      </div>
                      <div role="gridcell" className="c-title" title={row.excerpt ? `${row.title}\n\n${row.excerpt}` : row.title}>
                        {row.title}
                      </div>
                      <div role="gridcell" className="c-topic" title={row.topic ?? undefined}>
                        {row.topic ?? ''}
                      </div>
                      <div role="gridcell" className="c-status">
                        <StatusLabel state={row.clearanceState} />
                      </div>
                      <div role="gridcell" className="c-when" title={row.updatedAt}>
                        {formatWhen(row.updatedAt)}
                      </div>
                      <div role="gridcell" className="c-used" title={`In ${plural(row.usedIn, 'section')}`}>
                        {row.usedIn > 0 ? row.usedIn : ''}
                      </div>
                    </>
                  )}
                </div>
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );
}
