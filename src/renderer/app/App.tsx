import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ItemKind } from '../../shared/domain';
import { naturalKind } from '../../shared/section-kind';
import { SETTINGS, type SettingValue } from '../../shared/settings';
import { EmptyState, ErrorState } from '../components/EmptyState';
import { addItems, BookInspector, BookView, NewBookDialog } from '../features/book';
import { loadExportDialog } from '../features/export';
import { chooseImport, ImportDialog, type ChosenImport } from '../features/import';
import { createItem, ItemEditor, LibraryView, NO_FILTER, type LibraryFilter } from '../features/library';
import { AboutDialog, SettingsDialog, ShortcutSheet, useSetting } from '../features/settings';
import { apiQuery, call, errorMessage, hasMethod } from '../lib/api';
import { invalidate } from '../lib/invalidate';
import { notify, notifyError } from '../lib/notices';
import { trackWrite } from '../lib/save-status';
import { focusWhenShown, type FocusTarget } from '../lib/focus-target';
import { appUndo } from '../lib/undo-stack';
import { FirstRunDialog } from './FirstRunDialog';
import { Notices } from './Notices';
import { cycleRegion } from './regions';
import { START_PLACE, type Place, type Route } from './route';
import { Sidebar } from './Sidebar';
import { Splitter } from './Splitter';
import { StatusBar } from './StatusBar';
import { ViewBoundary } from './ViewBoundary';

// pdf.js and the export UI load when first needed, keeping the start-up bundle small
const ExportDialog = lazy(() => loadExportDialog().then((m) => ({ default: m.ExportDialog })));

type Modal = null | { name: 'firstRun' } | { name: 'newBook' } | { name: 'export'; bookId: string } | { name: 'shortcuts' } | { name: 'settings' } | { name: 'about' } | { name: 'import'; chosen: ChosenImport };

type Layout = SettingValue<'layout'>;
const DEFAULT_LAYOUT: Layout = SETTINGS.layout.default;

const READ_ONLY_WORDS = 'The library is open read-only (recovery mode): nothing can be added or changed. Restore a backup to edit again.';

function isTextField(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (el === null) return false;
  return el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable;
}

interface AppProps {
  /** where to start: the library, or where the user was before the library locked */
  initialPlace?: Place;
  /** told where the user is, so unlocking can return there */
  onPlace?: (place: Place) => void;
}

export function App({ initialPlace = START_PLACE, onPlace }: AppProps = {}) {
  const client = useQueryClient();
  const [route, setRoute] = useState<Route>(initialPlace.route);
  const [filter, setFilter] = useState<LibraryFilter>(NO_FILTER);
  const [search, setSearch] = useState('');
  const [selectedItem, setSelectedItem] = useState<string | null>(initialPlace.selectedItem);
  useEffect(() => {
    onPlace?.({ route, selectedItem });
  }, [onPlace, route, selectedItem]);
  const [modal, setModal] = useState<Modal>(null);
  const closeModal = useCallback(() => setModal(null), []);
  /** the book just created in this window, whose view opens with focus on its title */
  const [createdBook, setCreatedBook] = useState<string | null>(null);
  /** the item just made with New item: its editor opens with the title selected */
  const [newItemId, setNewItemId] = useState<string | null>(null);
  /** an item open beside its book, in the book's inspector (New item in a book) */
  const [bookItem, setBookItem] = useState<{ bookId: string; itemId: string } | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const focusSearchSoon = useRef(false);

  const [savedLayout, saveLayout, layoutLoaded] = useSetting('layout');
  const [layout, setLayout] = useState<Layout>(DEFAULT_LAYOUT);
  const layoutApplied = useRef(false);
  useEffect(() => {
    if (layoutLoaded && !layoutApplied.current) {
      layoutApplied.current = true;
      setLayout({ ...DEFAULT_LAYOUT, ...savedLayout });
    }
  }, [layoutLoaded, savedLayout]);

  const info = useQuery(apiQuery('library.info', {}));
  const books = useQuery(apiQuery('books.list', {}));
  const readOnly = info.data?.readOnly === true;

  // First run asks: the sample book, an empty library, or a library file (FirstRunDialog).
  const firstRun = useRef(false);
  const appInfo = useQuery({ ...apiQuery('app.info', {}), enabled: hasMethod('app.info') });
  const loadSample = useCallback(async () => {
    try {
      await trackWrite(() => call('library.loadSample', {}));
      await invalidate(client, 'library.loadSample');
      const list = await client.fetchQuery(apiQuery('books.list', {}));
      if (list.length > 0) setRoute({ name: 'book', bookId: list[0].id });
    } catch (error) {
      notifyError(error, 'Could not open the sample book');
    }
  }, [client]);
  useEffect(() => {
    // the start-up check (--smoke) loads the sample itself: no question in its way
    const smokeKnown = !hasMethod('app.info') || appInfo.isFetched;
    if (info.data?.offerSample === true && info.data.bookCount === 0 && !info.data.readOnly && !firstRun.current && smokeKnown && appInfo.data?.smoke !== true) {
      firstRun.current = true;
      setModal({ name: 'firstRun' });
    }
  }, [info.data, appInfo.isFetched, appInfo.data]);

  const openLibrary = useCallback((kind: ItemKind | null) => {
    setRoute({ name: 'library' });
    setFilter((f) => ({ ...f, kinds: kind === null ? [] : [kind] }));
  }, []);

  const focusSearch = useCallback(() => {
    setRoute((r) => (r.name === 'library' ? r : { name: 'library' }));
    focusSearchSoon.current = true;
    searchRef.current?.focus();
    searchRef.current?.select();
  }, []);
  useEffect(() => {
    if (focusSearchSoon.current && route.name === 'library') {
      focusSearchSoon.current = false;
      searchRef.current?.focus();
      searchRef.current?.select();
    }
  }, [route]);

  const openItem = useCallback((itemId: string) => {
    setRoute((back) => ({ name: 'item', itemId, back: back.name === 'item' ? back.back : back }));
  }, []);

  const newItem = useCallback(async () => {
    if (readOnly) {
      notify(READ_ONLY_WORDS, { tone: 'error' });
      return;
    }
    try {
      const scheme = info.data?.markings ?? (await client.fetchQuery(apiQuery('markings.get', {})));
      if (route.name === 'book') {
        // in a book: the item is written into the section shown, with that section's kind, and
        // opens beside it (docs/ux.md, "Book")
        const detail = await client.fetchQuery(apiQuery('books.get', { id: route.bookId }));
        const section = detail.sections.find((s) => s.id === route.sectionId) ?? detail.sections[0];
        if (section !== undefined) {
          const record = await createItem(client, scheme.levels[0].code, naturalKind(section));
          await addItems(client, detail.book.id, section.id, section.title, [record.id]);
          setNewItemId(record.id);
          setBookItem({ bookId: detail.book.id, itemId: record.id });
          return;
        }
      }
      const record = await createItem(client, scheme.levels[0].code);
      setSearch('');
      setRoute({ name: 'library' });
      setNewItemId(record.id);
      setSelectedItem(record.id);
    } catch (error) {
      notifyError(error, 'Could not create an item');
    }
  }, [client, info.data, readOnly, route]);

  const newBook = useCallback(() => {
    if (readOnly) notify(READ_ONLY_WORDS, { tone: 'error' });
    else setModal({ name: 'newBook' });
  }, [readOnly]);

  const currentBookId = route.name === 'book' ? route.bookId : route.name === 'item' && route.back.name === 'book' ? route.back.bookId : null;

  // After an undo or a redo, the app goes where the thing that changed is and focus lands on it
  // (docs/ux.md, "Keyboard"); the commands name it (lib/focus-target.ts).
  const routeRef = useRef(route);
  routeRef.current = route;
  useEffect(() => {
    appUndo.onReveal((target: FocusTarget) => {
      const place = target.place;
      const here = routeRef.current;
      if (place === undefined) {
        // nowhere to go: only the focus moves
      } else if ('book' in place) {
        const section = place.section ?? (here.name === 'book' && here.bookId === place.book ? here.sectionId : undefined);
        setRoute({ name: 'book', bookId: place.book, sectionId: section });
      } else if ('item' in place) {
        if (here.name === 'item') setRoute({ name: 'item', itemId: place.item, back: here.back });
        else if (here.name === 'book') setBookItem({ bookId: here.bookId, itemId: place.item });
        else setSelectedItem(place.item);
      } else if ('gone' in place) {
        if (here.name === 'item' && here.itemId === place.gone) setRoute(here.back);
        setSelectedItem((id) => (id === place.gone ? null : id));
        setBookItem((open) => (open?.itemId === place.gone ? null : open));
      } else {
        setRoute({ name: 'library' });
      }
      focusWhenShown(target.selector);
    });
    return () => appUndo.onReveal(null);
  }, []);

  const runUndo = useCallback(
    async (redo: boolean) => {
      try {
        const label = redo ? await appUndo.redo() : await appUndo.undo();
        if (label !== null) notify(`${redo ? 'Redone' : 'Undone'}: ${label}`);
      } catch (error) {
        notifyError(error, redo ? 'Could not redo' : 'Could not undo');
      }
    },
    [],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const ctrl = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (e.key === 'F1' && document.querySelector('dialog[open]') === null) {
        e.preventDefault();
        setModal({ name: 'shortcuts' });
        return;
      }
      if (e.key === 'F6' && !ctrl && !e.altKey && document.querySelector('dialog[open]') === null) {
        e.preventDefault();
        cycleRegion(e.shiftKey);
        return;
      }
      if (!ctrl || e.altKey) return;
      // a dialog keeps the keyboard to itself (it has its own Esc and Enter)
      if (document.querySelector('dialog[open]') !== null) return;
      if (key === 'n' && !e.shiftKey) {
        e.preventDefault();
        void newItem();
      } else if (key === 'n' && e.shiftKey) {
        e.preventDefault();
        newBook();
      } else if (key === 'e' && !e.shiftKey) {
        e.preventDefault();
        const bookId = currentBookId ?? books.data?.[0]?.id;
        if (bookId !== undefined) setModal({ name: 'export', bookId });
        else notify('Open a book to export it.');
      } else if (key === 'o' && e.shiftKey) {
        // File → Import Exchange File… sends this keystroke too: the preview comes first
        e.preventDefault();
        if (readOnly) notify(READ_ONLY_WORDS, { tone: 'error' });
        else if (hasMethod('files.chooseExchange')) {
          chooseImport()
            .then((chosen) => {
              if (chosen !== null) setModal({ name: 'import', chosen });
            })
            .catch((error: unknown) => notifyError(error, 'Could not read the exchange file'));
        }
      } else if ((key === 'k' || key === 'f') && !e.shiftKey) {
        e.preventDefault();
        focusSearch();
      } else if ((key === 'z' || key === 'y') && !isTextField(e.target)) {
        // text fields keep their own undo (the item editor its draft history)
        e.preventDefault();
        void runUndo(key === 'y' || e.shiftKey);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [books.data, currentBookId, focusSearch, newBook, newItem, readOnly, runUndo]);

  const offerSample = info.data?.offerSample === true ? () => void loadSample() : null;
  const showInspector = route.name !== 'item';

  let main;
  let inspector = null;
  if (info.isError) {
    main = <ErrorState message={`The library could not be read. ${errorMessage(info.error)}`} onRetry={() => void info.refetch()} />;
  } else if (route.name === 'library') {
    main = (
      <LibraryView
        filter={filter}
        onFilter={setFilter}
        search={search}
        onSearch={setSearch}
        searchRef={searchRef}
        selectedId={selectedItem}
        onSelect={setSelectedItem}
        onOpen={openItem}
        onNewItem={() => void newItem()}
      />
    );
    inspector =
      selectedItem !== null ? (
        <ItemEditor key={selectedItem} itemId={selectedItem} layout="inspector" selectTitle={selectedItem === newItemId} onOpenLarge={() => openItem(selectedItem)} onOpenBook={(bookId) => setRoute({ name: 'book', bookId })} onDeleted={() => setSelectedItem(null)} />
      ) : (
        <EmptyState title="No item selected">
          <p>Select an item in the list to see and edit it here, or press Ctrl+N for a new one.</p>
        </EmptyState>
      );
  } else if (route.name === 'book') {
    main = (
      <BookView
        key={route.bookId}
        bookId={route.bookId}
        sectionId={route.sectionId}
        onSection={(sectionId) => setRoute({ name: 'book', bookId: route.bookId, sectionId })}
        onOpenItem={openItem}
        onExport={() => setModal({ name: 'export', bookId: route.bookId })}
        onNewFrom={newBook}
        onDeleted={() => setRoute({ name: 'library' })}
        focusOnOpen={createdBook === route.bookId}
      />
    );
    const besideBook = bookItem !== null && bookItem.bookId === route.bookId ? bookItem.itemId : null;
    inspector =
      besideBook !== null ? (
        <div className="book-item">
          <button type="button" className="link" onClick={() => setBookItem(null)}>
            ← Book details
          </button>
          <ItemEditor key={besideBook} itemId={besideBook} layout="inspector" selectTitle={besideBook === newItemId} onOpenLarge={() => openItem(besideBook)} onOpenBook={(bookId) => setRoute({ name: 'book', bookId })} onDeleted={() => setBookItem(null)} />
        </div>
      ) : (
        <BookInspector key={route.bookId} bookId={route.bookId} onOpenItem={openItem} />
      );
  } else {
    const back = route.back;
    main = (
      <ItemEditor
        key={route.itemId}
        itemId={route.itemId}
        layout="large"
        onBack={() => setRoute(back)}
        backLabel={back.name === 'book' ? 'Back to the book' : 'Back to the library'}
        onOpenBook={(bookId) => setRoute({ name: 'book', bookId })}
        onDeleted={() => setRoute(back)}
      />
    );
  }

  return (
    <div
      className={`app ${showInspector ? '' : 'no-inspector'}`}
      style={{ gridTemplateColumns: showInspector ? `${layout.sidebar}px 4px minmax(0, 1fr) 4px ${layout.inspector}px` : `${layout.sidebar}px 4px minmax(0, 1fr) 0 0` }}
    >
      <Sidebar
        route={route}
        kindFilter={filter.kinds}
        onOpenBook={(bookId) => setRoute({ name: 'book', bookId })}
        onOpenLibrary={openLibrary}
        onSearch={focusSearch}
        onNewItem={() => void newItem()}
        onNewBook={newBook}
        onLoadSample={offerSample}
        readOnly={readOnly}
        onHelp={() => setModal({ name: 'shortcuts' })}
        onSettings={() => setModal({ name: 'settings' })}
        onAbout={() => setModal({ name: 'about' })}
      />
      <Splitter
        className="s1"
        label="Resize the sidebar"
        side="left"
        value={layout.sidebar}
        min={180}
        max={420}
        onChange={(sidebar) => setLayout((l) => ({ ...l, sidebar }))}
        onCommit={(sidebar) => void saveLayout({ ...layout, sidebar }).catch(() => undefined)}
      />
      <main className="main" aria-label={route.name === 'book' ? 'Book' : route.name === 'item' ? 'Item' : 'Library'}>
        <ViewBoundary key={route.name === 'book' ? route.bookId : route.name === 'item' ? route.itemId : 'library'} name={route.name === 'book' ? 'book' : route.name === 'item' ? 'item' : 'library'}>
          {main}
        </ViewBoundary>
      </main>
      {showInspector && (
        <>
          <Splitter
            className="s2"
            label="Resize the inspector"
            side="right"
            value={layout.inspector}
            min={300}
            max={720}
            onChange={(width) => setLayout((l) => ({ ...l, inspector: width }))}
            onCommit={(width) => void saveLayout({ ...layout, inspector: width }).catch(() => undefined)}
          />
          <aside className="inspector" aria-label="Inspector">
            <ViewBoundary key={selectedItem ?? route.name} name="inspector">
              {inspector}
            </ViewBoundary>
          </aside>
        </>
      )}
      <StatusBar />
      <Notices />
      {modal?.name === 'firstRun' && (
        <FirstRunDialog
          onClose={() => setModal(null)}
          onSample={async () => {
            setModal(null);
            await loadSample();
          }}
          onEmpty={async () => {
            await trackWrite(() => call('library.declineSample', {}));
            await invalidate(client, 'library.declineSample');
            setModal(null);
          }}
        />
      )}
      {modal?.name === 'newBook' && (
        <NewBookDialog
          fromBookId={currentBookId}
          onClose={() => setModal(null)}
          onCreated={(bookId) => {
            setModal(null);
            setCreatedBook(bookId);
            setRoute({ name: 'book', bookId });
          }}
        />
      )}
      {modal?.name === 'export' && (
        <Suspense fallback={null}>
          <ExportDialog
          bookId={modal.bookId}
          onClose={() => setModal(null)}
          onSaved={() => invalidate(client, 'files.savePdf')}
          onOpenItem={(itemId) => {
            setModal(null);
            openItem(itemId);
          }}
          />
        </Suspense>
      )}
      {modal?.name === 'shortcuts' && <ShortcutSheet onClose={() => setModal(null)} />}
      {modal?.name === 'settings' && <SettingsDialog onClose={() => setModal(null)} />}
      {modal?.name === 'about' && <AboutDialog onClose={() => setModal(null)} />}
      {modal?.name === 'import' && <ImportDialog chosen={modal.chosen} onClose={closeModal} />}
    </div>
  );
}
