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
import type { PreviewFocus } from './preview-protocol';
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

/**
 * `item` is the item as the editor holds it now; `edits` counts the user's edits to it (typing,
 * undo, redo): only an edit takes the pane back to the item's page. A new item that comes from
 * the save (its status after a withdrawn clearance, say) is laid out where the pane is.
 */
export default function LivePreview({ item, edits, scheme, onClose }: { item: ExchangeItem; edits: number; scheme: MarkingScheme; onClose: () => void }) {
  const usage = useQuery(apiQuery('items.usedIn', { id: item.id }));
  const books = useMemo(() => [...new Map((usage.data ?? []).map((u) => [u.bookId, u.bookTitle])).entries()], [usage.data]);
  const [chosen, setChosen] = useState<string | null>(null);
  const bookId = chosen !== null && books.some(([id]) => id === chosen) ? chosen : (books[0]?.[0] ?? null);
  const content = useQuery({ ...apiQuery('books.content', { id: bookId ?? '' }), enabled: bookId !== null });
  const [shown, setShown] = useState<Shown | null>(null);
  const [state, setState] = useState<{ kind: 'working' | 'settled' | 'absent' } | { kind: 'failed'; message: string }>({ kind: 'working' });

  /**
   * What the pane shows: the page of the item being edited, until the user turns a page; then
   * that page, until the user edits again (or asks for "The item's page"). A save, a refetched
   * book or a late re-flow does not move it. `job` is the request that set it: an answer to an
   * older request is not shown over it.
   */
  const [focus, setFocusState] = useState<PreviewFocus>({ itemId: item.id });
  const focusNow = useRef<{ focus: PreviewFocus; job: number }>({ focus: { itemId: item.id }, job: 0 });
  const setFocus = (next: PreviewFocus, job: number) => {
    focusNow.current = { focus: next, job };
    setFocusState(next);
  };
  /** the newest request this pane sent: the pane is settled only when it is */
  const newest = useRef(0);
  const sent = (job: number) => {
    newest.current = job;
    return job;
  };
  /** the item's text as last sent, the edits it had seen, and the book (and item) it was sent into */
  const sentItem = useRef<string | null>(null);
  const sentEdits = useRef(edits);
  const sentInto = useRef<string | null>(null);

  // the book (or the item alone) goes to the worker when it is known or changes
  const single = usage.isSuccess && books.length === 0;
  const bookContent = single ? null : (content.data ?? null);
  // (the item's later edits go as edits, below, not as a new book)
  const itemNow = useRef(item);
  itemNow.current = item;
  const itemId = item.id;
  const into = `${itemId} in ${single ? '(its own page)' : (bookId ?? '')}`;
  useEffect(() => {
    const book = single ? singleItemBook(itemNow.current, scheme) : bookContent;
    if (book === null) return;
    // another item or another book: its page; the same book again (refetched after a save, or
    // changed elsewhere): the page the user is on stays, where its content went
    const moved = sentInto.current !== into;
    const target: PreviewFocus = moved ? { itemId } : focusNow.current.focus;
    const job = sent(previewRequests.book(book, OPTIONS, target));
    // the stored book may hold an older text of the item (it is refetched after each save, while
    // typing goes on): the item as typed now replaces it
    sent(previewRequests.edit(itemNow.current, target));
    sentItem.current = JSON.stringify(itemNow.current);
    sentInto.current = into;
    if (moved) setFocus(target, job);
    setState({ kind: 'working' });
  }, [single, bookContent, scheme, itemId, into]);
  // every edit: the item as typed replaces the stored one, and its page is shown; the item as
  // the save left it (a new copy, or a new status) replaces it too, without moving the pane
  useEffect(() => {
    if (!single && bookContent === null) return;
    const text = JSON.stringify(item);
    const edited = edits !== sentEdits.current;
    if (text === sentItem.current && !edited) return;
    const target: PreviewFocus = edited ? { itemId: item.id } : focusNow.current.focus;
    const job = sent(previewRequests.edit(item, target));
    sentItem.current = text;
    sentEdits.current = edits;
    if (edited) setFocus(target, job);
    setState({ kind: 'working' });
  }, [item, edits, single, bookContent]);

  useEffect(() => {
    let latestShown = 0;
    let cancelled = false;
    /** the document on screen, ended when the next one replaces it or the pane closes */
    let current: PDFDocumentProxy | null = null;
    const unsubscribe = onPreviewMessage((message) => {
      if (message.job < latestShown) return;
      if (message.type === 'page') {
        // a page asked for before the user turned a page (or came back to the item's) is not shown over it
        if (message.job < focusNow.current.job) return;
        latestShown = message.job;
        const task = getDocument({ data: message.bytes, isEvalSupported: false, useSystemFonts: false, useWasm: false, enableXfa: false });
        task.promise
          .then(async (doc) => {
            const page = await doc.getPage(1);
            const text = (await page.getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' ');
            if (cancelled || message.job < latestShown || message.job < focusNow.current.job) {
              void doc.destroy();
              return;
            }
            const old = current;
            current = doc;
            setShown({ doc, pageNumber: message.pageNumber, pageCount: message.pageCount, text });
            // the page turned to, as the book now numbers it (a re-flow may have moved it)
            const { focus: now, job } = focusNow.current;
            if ('page' in now) setFocus({ page: message.pageNumber, ...(message.anchor === undefined ? {} : { anchor: message.anchor }) }, job);
            if (old !== null) void old.destroy();
          })
          .catch((error: unknown) => {
            if (!cancelled) setState({ kind: 'failed', message: error instanceof Error ? error.message : 'the page could not be read' });
          });
        return;
      }
      // the pane is settled, absent or failed by its newest request, not by one it has since replaced
      if (message.job < newest.current) return;
      if (message.type === 'settled') setState({ kind: 'settled' });
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

  /** ‹ and › count from the page turned to (its answer may not be in yet), else from the page shown */
  const at = shown === null ? 0 : 'page' in focus ? focus.page : shown.pageNumber;
  const go = (next: PreviewFocus) => setFocus(next, sent(previewRequests.show(next)));
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
            <button type="button" aria-label="Previous page" disabled={at <= 1} onClick={() => go({ page: at - 1 })}>
              ‹
            </button>
            <span>
              Page {shown.pageNumber} of {shown.pageCount}
              {state.kind === 'working' ? ' · updating…' : ''}
            </span>
            <button type="button" aria-label="Next page" disabled={at >= shown.pageCount} onClick={() => go({ page: at + 1 })}>
              ›
            </button>
            <button type="button" className="link" onClick={() => go({ itemId: item.id })}>
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
