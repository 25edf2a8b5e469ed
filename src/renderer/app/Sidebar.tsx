import { useQuery } from '@tanstack/react-query';
import { KIND_LABELS, type ItemKind } from '../../shared/domain';
import { MarkingBadge } from '../components/Marking';
import { apiQuery } from '../lib/api';
import { formatDay } from '../lib/format';
import type { Route } from './route';

interface SidebarProps {
  route: Route;
  kindFilter: ItemKind[];
  onOpenBook: (bookId: string) => void;
  onOpenLibrary: (kind: ItemKind | null) => void;
  onSearch: () => void;
  onNewItem: () => void;
  onNewBook: () => void;
  onLoadSample: (() => void) | null;
  onHelp: () => void;
  onSettings: () => void;
  onAbout: () => void;
  /** recovery mode: nothing can be added */
  readOnly?: boolean;
}

export function Sidebar(props: SidebarProps) {
  const { route } = props;
  const books = useQuery(apiQuery('books.list', {}));
  const facets = useQuery(apiQuery('items.facets', {}));
  const info = useQuery(apiQuery('library.info', {}));
  const scheme = info.data?.markings;
  const libraryActive = route.name === 'library';
  return (
    <nav className="sidebar" aria-label="Books and library">
      <div className="sidebar-head">
        <span className="brand">Briefbook</span>
        <button type="button" className="ghost" onClick={props.onNewItem} disabled={props.readOnly} title={props.readOnly ? 'Read-only: recovery mode' : 'New item (Ctrl+N)'}>
          + Item
        </button>
        <button type="button" className="ghost" onClick={props.onNewBook} disabled={props.readOnly} title={props.readOnly ? 'Read-only: recovery mode' : 'New book (Ctrl+Shift+N)'}>
          + Book
        </button>
      </div>
      <div className="sidebar-scroll">
        <section className="sidebar-group" aria-labelledby="sidebar-books">
          <h3 id="sidebar-books">Books</h3>
          {books.isSuccess && books.data.length === 0 && (
            <div className="sidebar-empty">
              No books yet — {props.onLoadSample ? 'start from the sample, or ' : ''}create a new book.
              <div className="actions">
                {props.onLoadSample && (
                  <button type="button" onClick={props.onLoadSample}>
                    Open the sample
                  </button>
                )}
                <button type="button" onClick={props.onNewBook}>
                  New book
                </button>
              </div>
            </div>
          )}
          <ul className="nav-list">
            {books.data?.map((book) => (
              <li key={book.id}>
                <button
                  type="button"
                  className="nav-item nav-book"
                  aria-current={route.name === 'book' && route.bookId === book.id ? 'page' : undefined}
                  onClick={() => props.onOpenBook(book.id)}
                  title={book.subtitle ? `${book.title} — ${book.subtitle}` : book.title}
                >
                  <span className="title">{book.title}</span>
                  <span className="meta">
                    <span>{book.meetingDate === null ? 'No date' : formatDay(book.meetingDate)}</span>
                    <MarkingBadge scheme={scheme} level={book.overallLevel} text={book.overallMarking} size="small" />
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </section>
        <section className="sidebar-group" aria-labelledby="sidebar-library">
          <h3 id="sidebar-library">Library</h3>
          <ul className="nav-list">
            <li>
              <button type="button" className="nav-item" aria-current={libraryActive && props.kindFilter.length === 0 ? 'page' : undefined} onClick={() => props.onOpenLibrary(null)}>
                All items <span className="count">{facets.data?.total.toLocaleString('en-US') ?? ''}</span>
              </button>
            </li>
            {facets.data?.kinds
              .filter((k) => k.count > 0)
              .map((k) => (
                <li key={k.value}>
                  <button
                    type="button"
                    className={`nav-item kind-${k.value}`}
                    aria-current={libraryActive && props.kindFilter.length === 1 && props.kindFilter[0] === k.value ? 'page' : undefined}
                    onClick={() => props.onOpenLibrary(k.value)}
                  >
                    <span className="kind-dot" aria-hidden="true" />
                    {KIND_LABELS[k.value]}
                    <span className="count">{k.count.toLocaleString('en-US')}</span>
                  </button>
                </li>
              ))}
          </ul>
        </section>
        <section className="sidebar-group" aria-labelledby="sidebar-search">
          <h3 id="sidebar-search">Search</h3>
          <ul className="nav-list">
            <li>
              <button type="button" className="nav-item" onClick={props.onSearch}>
                Search the library… <span className="count">Ctrl+K</span>
              </button>
            </li>
          </ul>
        </section>
      </div>
      <div className="sidebar-foot">
        <button type="button" className="ghost" onClick={props.onHelp} title="Keyboard shortcuts (F1)">
          Help
        </button>
        <button type="button" className="ghost" onClick={props.onSettings}>
          Settings
        </button>
        <button type="button" className="ghost" onClick={props.onAbout}>
          About
        </button>
      </div>
    </nav>
  );
}
