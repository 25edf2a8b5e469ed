import { type RefObject } from 'react';
import { useQuery } from '@tanstack/react-query';
import { CLEARANCE_STATES, CLEARANCE_STATE_LABELS } from '../../../shared/clearance';
import { KIND_LABELS, LIMITS } from '../../../shared/domain';
import { PortionMark } from '../../components/Marking';
import { apiQuery } from '../../lib/api';
import { isFiltered, NO_FILTER, toggle, type LibraryFilter } from './filters';
import { LibraryTable } from './LibraryTable';
import { SearchResults } from './SearchResults';
import './library.css';

interface LibraryViewProps {
  filter: LibraryFilter;
  onFilter: (filter: LibraryFilter) => void;
  search: string;
  onSearch: (q: string) => void;
  searchRef: RefObject<HTMLInputElement | null>;
  selectedId: string | null;
  onSelect: (id: string) => void;
  onOpen: (id: string) => void;
  onNewItem: () => void;
}

export function LibraryView(props: LibraryViewProps) {
  const { filter, onFilter } = props;
  const facets = useQuery(apiQuery('items.facets', {}));
  const scheme = useQuery(apiQuery('library.info', {})).data?.markings;
  const searching = props.search.trim() !== '';
  return (
    <div className="library">
      <div className="view-head library-head">
        <h1>Library</h1>
        <div className="search-box">
          <input
            ref={props.searchRef}
            type="search"
            aria-label="Search the library"
            placeholder="Search titles, text, tags, translations…  (Ctrl+K)"
            value={props.search}
            maxLength={LIMITS.short}
            onChange={(e) => props.onSearch(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape' && props.search !== '') {
                e.preventDefault();
                props.onSearch('');
              }
            }}
            aria-controls={searching ? 'search-results' : 'library-table'}
          />
        </div>
        <span className="grow" />
        <button type="button" onClick={props.onNewItem} title="New item (Ctrl+N)">
          New item
        </button>
      </div>
      <div className="filter-bar" role="group" aria-label="Filters">
        <div className="chip-group" role="group" aria-label="Kind">
          {facets.data?.kinds
            .filter((k) => k.count > 0)
            .map((k) => (
              <button key={k.value} type="button" className={`toggle-chip kind-${k.value}`} aria-pressed={filter.kinds.includes(k.value)} onClick={() => onFilter({ ...filter, kinds: toggle(filter.kinds, k.value) })}>
                <span className="kind-dot" aria-hidden="true" />
                {KIND_LABELS[k.value]}
              </button>
            ))}
        </div>
        <div className="chip-group" role="group" aria-label="Status">
          {CLEARANCE_STATES.map((s) => (
            <button key={s} type="button" className="toggle-chip" aria-pressed={filter.statuses.includes(s)} onClick={() => onFilter({ ...filter, statuses: toggle(filter.statuses, s) })}>
              <span className={`status-label status-${s}`}>{CLEARANCE_STATE_LABELS[s]}</span>
              <span className="n">{facets.data?.statuses.find((x) => x.value === s)?.count ?? 0}</span>
            </button>
          ))}
        </div>
        <div className="chip-group" role="group" aria-label="Classification">
          {facets.data?.classifications.map((c) => (
            <button key={c.value} type="button" className="toggle-chip" aria-pressed={filter.classifications.includes(c.value)} onClick={() => onFilter({ ...filter, classifications: toggle(filter.classifications, c.value) })}>
              <PortionMark scheme={scheme} item={{ id: `level-${c.value}`, classification: c.value }} />
              <span className="n">{c.count}</span>
            </button>
          ))}
        </div>
        <select aria-label="Topic" value={filter.topics[0] ?? ''} onChange={(e) => onFilter({ ...filter, topics: e.target.value === '' ? [] : [e.target.value] })}>
          <option value="">Any topic</option>
          {facets.data?.topics.map((t) => (
            <option key={t.value} value={t.value}>
              {t.value} ({t.count})
            </option>
          ))}
        </select>
        <select aria-label="Tag" value={filter.tags[0] ?? ''} onChange={(e) => onFilter({ ...filter, tags: e.target.value === '' ? [] : [e.target.value] })}>
          <option value="">Any tag</option>
          {facets.data?.tags.map((t) => (
            <option key={t.value} value={t.value}>
              {t.value} ({t.count})
            </option>
          ))}
        </select>
        {isFiltered(filter) && (
          <button type="button" className="link" onClick={() => onFilter(NO_FILTER)}>
            Clear filters
          </button>
        )}
      </div>
      {searching ? (
        <SearchResults q={props.search.trim()} kinds={filter.kinds} selectedId={props.selectedId} onSelect={props.onSelect} onOpen={props.onOpen} inputRef={props.searchRef} />
      ) : (
        <LibraryTable filter={filter} selectedId={props.selectedId} onSelect={props.onSelect} onOpen={props.onOpen} onNewItem={props.onNewItem} onClearFilter={() => onFilter(NO_FILTER)} />
      )}
    </div>
  );
}
