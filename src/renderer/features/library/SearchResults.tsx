import { useEffect, useRef, useState, type RefObject } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ItemKind } from '../../../shared/domain';
import { KindLabel, StatusLabel } from '../../components/Kind';
import { PortionMark } from '../../components/Marking';
import { EmptyState, ErrorState } from '../../components/EmptyState';
import { Segments } from '../../components/Segments';
import { apiQuery, errorMessage } from '../../lib/api';
import { plural } from '../../lib/format';

interface SearchResultsProps {
  q: string;
  kinds: ItemKind[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  onOpen: (id: string) => void;
  inputRef: RefObject<HTMLInputElement | null>;
}

/** the best hits; more words narrow it down (the list is for picking, not for reading all) */
const LIMIT = 50;

/**
 * Search as you type: the store's FTS index answers each keystroke; the last answer stays up
 * meanwhile. While a query is in flight, newer keystrokes wait and only the latest text is
 * asked next, so fast typing never queues a backlog of stale searches in the main process.
 */
export function SearchResults({ q, kinds, selectedId, onSelect, onOpen, inputRef }: SearchResultsProps) {
  const [asked, setAsked] = useState(q);
  const input = kinds.length > 0 ? { q: asked, limit: LIMIT, kinds } : { q: asked, limit: LIMIT };
  const results = useQuery({ ...apiQuery('search.query', input), placeholderData: keepPreviousData });
  const scheme = useQuery(apiQuery('library.info', {})).data?.markings;
  if (asked !== q && !results.isFetching) setAsked(q);
  const hits = results.data ?? [];
  const [active, setActive] = useState(0);
  const listRef = useRef<HTMLUListElement>(null);
  const [shownQ, setShownQ] = useState(q);
  if (!results.isPlaceholderData && results.isSuccess && shownQ !== asked) {
    setShownQ(asked);
    setActive(0);
  }

  const latest = useRef({ hits, active, onSelect, onOpen });
  useEffect(() => {
    latest.current = { hits, active, onSelect, onOpen };
  });
  useEffect(() => {
    const el = inputRef.current;
    if (el === null) return;
    const onKey = (e: KeyboardEvent) => {
      const { hits: list, active: at } = latest.current;
      if (list.length === 0) return;
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const next = Math.max(0, Math.min(list.length - 1, at + (e.key === 'ArrowDown' ? 1 : -1)));
        setActive(next);
        latest.current.onSelect(list[next].id);
        listRef.current?.children[next]?.scrollIntoView({ block: 'nearest' });
      } else if (e.key === 'Enter') {
        e.preventDefault();
        latest.current.onOpen(list[Math.min(at, list.length - 1)].id);
      }
    };
    el.addEventListener('keydown', onKey);
    return () => el.removeEventListener('keydown', onKey);
  }, [inputRef]);

  if (results.isError) return <ErrorState message={`Search failed. ${errorMessage(results.error)}`} />;
  const upToDate = results.isSuccess && !results.isPlaceholderData && asked === q;
  return (
    <div className="search-results" id="search-results" data-results-for={upToDate ? q : ''} aria-busy={!upToDate}>
      <div className="table-count" aria-live="polite">
        {results.isSuccess ? `${plural(hits.length, 'match', 'matches')}${hits.length === LIMIT ? ` (best ${LIMIT})` : ''} for “${upToDate ? q : shownQ}”` : 'Searching…'}
      </div>
      {results.isSuccess && hits.length === 0 && upToDate ? (
        <EmptyState title={`Nothing matches “${q}”`}>
          <p>Try fewer words, another spelling, or search in Korean (translations are searched too).</p>
        </EmptyState>
      ) : (
        <ul ref={listRef} className="hit-list" role="listbox" aria-label="Search results (arrow keys in the search box move, Enter opens)">
          {hits.map((hit, index) => (
            <li
              key={hit.id}
              role="option"
              aria-selected={hit.id === selectedId}
              className={`hit kind-${hit.kind} ${index === active ? 'active' : ''} ${hit.id === selectedId ? 'selected' : ''}`}
              data-item-id={hit.id}
              onClick={() => {
                setActive(index);
                onSelect(hit.id);
              }}
              onDoubleClick={() => onOpen(hit.id)}
            >
              <span className="stripe" aria-hidden="true" />
              <div className="hit-line">
                <span className="hit-mark">
                  <PortionMark scheme={scheme} item={hit} />
                </span>
                <span className="hit-title">
                  <Segments segments={hit.titleSegments} />
                </span>
                <KindLabel kind={hit.kind} />
                <StatusLabel state={hit.clearanceState} />
              </div>
              {hit.snippet.length > 0 && (
                <div className="hit-snippet">
                  <Segments segments={hit.snippet} />
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
