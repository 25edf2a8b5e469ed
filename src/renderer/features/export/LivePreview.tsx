/**
 * The live page preview beside the item editor (docs/ux.md, "Live preview"): the page of the
 * book that carries the item, as it prints, following the text as it is typed. The layout runs
 * in a worker (preview.worker.ts), so typing never waits for it; each edit supersedes the last.
 * An item in several books offers a choice; an item in none shows on a page of its own.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { getDocument, type PDFDocumentProxy } from 'pdfjs-dist';
import type { BookContent, MarkingScheme, PdfOptions } from '../../../shared/contract';
import type { ExchangeItem } from '../../../shared/domain';
import { apiQuery, errorMessage } from '../../lib/api';
import { PageCanvas } from './PdfPreview';
import { onPreviewMessage, previewRequests } from './preview-client';
import './live-preview.css';

/** What the preview prints: a working copy with the book's usual navigation. */
const OPTIONS: PdfOptions = { mode: 'working' };

/** A book of the one item, for an item no book carries yet. */
export function singleItemBook(item: ExchangeItem, markings: MarkingScheme): BookContent {
  return {
    markings,
    book: { id: 'item-preview', title: item.title.trim() === '' ? 'Untitled item' : item.title, sections: [{ id: 'item-preview', title: 'Not in a book yet', items: [item.id] }] },
    items: [item],
    itemVersions: { [item.id]: 1 },
  };
}

interface Shown {
  doc: PDFDocumentProxy;
  pageNumber: number;
  pageCount: number;
  text: string;
}

export default function LivePreview({ item, scheme, onClose }: { item: ExchangeItem; scheme: MarkingScheme; onClose: () => void }) {
  const usage = useQuery(apiQuery('items.usedIn', { id: item.id }));
  const books = useMemo(() => [...new Map((usage.data ?? []).map((u) => [u.bookId, u.bookTitle])).entries()], [usage.data]);
  const [chosen, setChosen] = useState<string | null>(null);
  const bookId = chosen !== null && books.some(([id]) => id === chosen) ? chosen : (books[0]?.[0] ?? null);
  const content = useQuery({ ...apiQuery('books.content', { id: bookId ?? '' }), enabled: bookId !== null });
  const [shown, setShown] = useState<Shown | null>(null);
  const [pageNumber, setPageNumber] = useState<number | null>(null);
  const [state, setState] = useState<{ kind: 'working' | 'settled' | 'absent' } | { kind: 'failed'; message: string }>({ kind: 'working' });

  // the book (or the item alone) goes to the worker when it is known or changes
  const single = usage.isSuccess && books.length === 0;
  const bookContent = single ? null : (content.data ?? null);
  // (the item's later edits go as edits, below, not as a new book)
  const itemNow = useRef(item);
  itemNow.current = item;
  const itemId = item.id;
  useEffect(() => {
    if (single) previewRequests.book(singleItemBook(itemNow.current, scheme), OPTIONS, { itemId });
    else if (bookContent !== null) previewRequests.book(bookContent, OPTIONS, { itemId });
    else return;
    // the stored book may hold an older text of the item (it is refetched after each save, while
    // typing goes on): the item as typed now replaces it
    previewRequests.edit(itemNow.current, { itemId });
    setState({ kind: 'working' });
  }, [single, bookContent, scheme, itemId]);
  // every edit: the item as typed replaces the stored one, and its page is shown
  useEffect(() => {
    if (!single && bookContent === null) return;
    previewRequests.edit(item, { itemId: item.id });
    setState({ kind: 'working' });
  }, [item, single, bookContent]);

  useEffect(() => {
    let latestShown = 0;
    let cancelled = false;
    /** the document on screen, ended when the next one replaces it or the pane closes */
    let current: PDFDocumentProxy | null = null;
    const unsubscribe = onPreviewMessage((message) => {
      if (message.job < latestShown) return;
      if (message.type === 'page') {
        latestShown = message.job;
        const task = getDocument({ data: message.bytes, isEvalSupported: false, useSystemFonts: false, useWasm: false, enableXfa: false });
        task.promise
          .then(async (doc) => {
            const page = await doc.getPage(1);
            const text = (await page.getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' ');
            if (cancelled || message.job < latestShown) {
              void doc.destroy();
              return;
            }
            const old = current;
            current = doc;
            setShown({ doc, pageNumber: message.pageNumber, pageCount: message.pageCount, text });
            setPageNumber(message.pageNumber);
            if (old !== null) void old.destroy();
          })
          .catch((error: unknown) => {
            if (!cancelled) setState({ kind: 'failed', message: error instanceof Error ? error.message : 'the page could not be read' });
          });
      } else if (message.type === 'settled') setState({ kind: 'settled' });
      else if (message.type === 'absent') setState({ kind: 'absent' });
      else setState({ kind: 'failed', message: message.message });
    });
    return () => {
      cancelled = true;
      unsubscribe();
      void current?.destroy();
    };
  }, []);

  // the page as wide as the pane (beside the large editor, or under the inspector's)
  const pane = useRef<HTMLElement>(null);
  const [width, setWidth] = useState(420);
  useEffect(() => {
    const element = pane.current;
    if (element === null) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.max(200, Math.min(560, Math.floor(entry.contentRect.width - 8)))));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const go = (n: number) => {
    setPageNumber(n);
    previewRequests.show({ page: n });
  };
  const error = usage.isError ? errorMessage(usage.error) : content.isError ? errorMessage(content.error) : state.kind === 'failed' ? state.message : null;
  return (
    <aside ref={pane} className="live-preview" aria-label="Page preview">
      <div className="live-preview-head">
        <strong>Page preview</strong>
        {books.length > 1 && (
          <select aria-label="Book to preview" value={bookId ?? ''} onChange={(e) => setChosen(e.target.value)}>
            {books.map(([id, title]) => (
              <option key={id} value={id}>
                {title}
              </option>
            ))}
          </select>
        )}
        {books.length === 1 && <span className="muted live-preview-book">{books[0][1]}</span>}
        {single && <span className="muted live-preview-book">Not in a book yet: the item alone</span>}
        <span className="grow" />
        <button type="button" className="ghost" onClick={onClose} title="Hide the page preview (Ctrl+Shift+P)">
          Hide
        </button>
      </div>
      {error !== null && <div className="error-state">The preview could not be drawn: {error}</div>}
      {state.kind === 'absent' && <p className="muted">This book does not print the item.</p>}
      {shown === null ? (
        error === null && state.kind !== 'absent' && <div className="loading">Laying out the page…</div>
      ) : (
        <figure className="live-preview-page" aria-busy={state.kind === 'working'}>
          <div className="page-nav">
            <button type="button" aria-label="Previous page" disabled={(pageNumber ?? shown.pageNumber) <= 1} onClick={() => go((pageNumber ?? shown.pageNumber) - 1)}>
              ‹
            </button>
            <span>
              Page {shown.pageNumber} of {shown.pageCount}
              {state.kind === 'working' ? ' · updating…' : ''}
            </span>
            <button type="button" aria-label="Next page" disabled={(pageNumber ?? shown.pageNumber) >= shown.pageCount} onClick={() => go((pageNumber ?? shown.pageNumber) + 1)}>
              ›
            </button>
            <button type="button" className="link" onClick={() => previewRequests.show({ itemId: item.id })}>
              The item’s page
            </button>
          </div>
          <PageCanvas doc={shown.doc} pageNumber={1} width={width} />
          <figcaption className="visually-hidden" data-testid="preview-text">
            {shown.text}
          </figcaption>
        </figure>
      )}
    </aside>
  );
}
