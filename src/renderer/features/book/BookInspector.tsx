import { useEffect, useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { BookDetail, BookHeader, MarkingScheme } from '../../../shared/contract';
import { LIMITS } from '../../../shared/domain';
import { StatusLabel } from '../../components/Kind';
import { ErrorState } from '../../components/EmptyState';
import { MarkingBadge } from '../../components/Marking';
import { apiKey, apiQuery, call, errorMessage } from '../../lib/api';
import { invalidate } from '../../lib/invalidate';
import { formatTime } from '../../lib/format';
import { trackWrite } from '../../lib/save-status';
import { ExportLog } from '../export';
import { bookRollUp } from '../../lib/book-marking';
import './book.css';

export function BookInspector({ bookId, onOpenItem }: { bookId: string; onOpenItem: (itemId: string) => void }) {
  const book = useQuery(apiQuery('books.get', { id: bookId }));
  const info = useQuery(apiQuery('library.info', {}));
  if (book.isError) return <ErrorState message={errorMessage(book.error)} />;
  if (!book.isSuccess || !info.isSuccess) return <div className="loading">Loading…</div>;
  const detail = book.data;
  const { clearance } = detail;
  return (
    <div className="book-inspector">
      <MarkingRollUp detail={detail} scheme={info.data.markings} onOpenItem={onOpenItem} />
      <section className="insp-section" aria-labelledby="insp-clearance">
        <h3 id="insp-clearance">Clearance</h3>
        <p className={clearance.cleared === clearance.total ? 'all-cleared' : 'not-all-cleared'}>
          {clearance.total === 0 ? 'No items yet.' : `${clearance.cleared} of ${clearance.total} items cleared`}
          {clearance.total > 0 && clearance.cleared === clearance.total && ' — ready for a final export'}
        </p>
        {clearance.waiting.length > 0 && (
          <ul className="not-cleared" aria-label="Still to clear">
            {clearance.waiting.map((item) => (
              <li key={item.id}>
                <button type="button" className="link" onClick={() => onOpenItem(item.id)}>
                  {item.title}
                </button>{' '}
                <StatusLabel state={item.clearanceState} />
                {item.offices.length > 0 && <span className="waiting-on"> · waiting on {item.offices.join(', ')}</span>}
              </li>
            ))}
          </ul>
        )}
      </section>
      <BookDetailsForm key={detail.book.id} detail={detail} scheme={info.data.markings} readOnly={info.data.readOnly} />
      <section className="insp-section" aria-labelledby="insp-exports">
        <h3 id="insp-exports">Export history</h3>
        <ExportLog bookId={bookId} compact />
      </section>
    </div>
  );
}

/** The overall marking as the PDF prints it, and why, in words (docs/spec/EXCHANGE.md, "Markings"). */
function MarkingRollUp({ detail, scheme, onOpenItem }: { detail: BookDetail; scheme: MarkingScheme; onOpenItem: (itemId: string) => void }) {
  const rollUp = bookRollUp(detail, scheme);
  const where =
    scheme.pageMarking === 'page'
      ? 'As the PDF prints it on the covers and the first page; each interior page carries the marking of the highest item printed on it.'
      : 'As the PDF prints it at the top and bottom of every page, and on the back cover.';
  return (
    <section className="insp-section" aria-labelledby="insp-marking">
      <h3 id="insp-marking">Overall marking</h3>
      {!rollUp.ok ? (
        <div className="marking-problem" role="alert">
          <MarkingBadge scheme={scheme} level={null} text={null} />
          <p>{rollUp.message}</p>
          {rollUp.itemId !== undefined && (
            <button type="button" className="link" onClick={() => onOpenItem(rollUp.itemId as string)}>
              Open the item
            </button>
          )}
        </div>
      ) : (
        <>
          <div className="marking-line">
            <MarkingBadge scheme={scheme} level={rollUp.overall.level.code} text={rollUp.overall.text} />
          </div>
          <small className="muted">{where}</small>
          <ul className="marking-reasons" aria-label="Why the book is marked so">
            <li>{rollUp.levelWords}</li>
            {rollUp.caveatWords.map((words) => (
              <li key={words}>{words}</li>
            ))}
            {rollUp.overall.reasons.map((reason, i) => (
              <li key={i} className={`reason-${reason.kind}`}>
                {reason.message}
                {reason.itemId !== undefined && (
                  <>
                    {' '}
                    <button type="button" className="link" aria-label={`Open “${reason.itemTitle ?? reason.itemId}”`} onClick={() => onOpenItem(reason.itemId as string)}>
                      Open
                    </button>
                  </>
                )}
              </li>
            ))}
          </ul>
          {rollUp.authority.length > 0 && (
            <div className="authority-missing" role="note">
              <p>A final export is refused until the authority block below is complete:</p>
              <ul>
                {rollUp.authority.map((problem) => (
                  <li key={problem}>{problem}</li>
                ))}
              </ul>
            </div>
          )}
        </>
      )}
    </section>
  );
}

interface HeaderDraft {
  title: string;
  subtitle: string;
  date: string;
  location: string;
  principal: string;
  counterpart: string;
  format: string;
  preparedBy: string;
  floor: string;
  classifiedBy: string;
  derivedFrom: string;
  reason: string;
  declassifyOn: string;
  distribution: string;
}

function headerDraft(book: BookHeader): HeaderDraft {
  return {
    title: book.title,
    subtitle: book.subtitle ?? '',
    date: book.meeting?.date ?? '',
    location: book.meeting?.location ?? '',
    principal: book.meeting?.principal ?? '',
    counterpart: book.meeting?.counterpart ?? '',
    format: book.meeting?.format ?? '',
    preparedBy: book.preparedBy ?? '',
    floor: book.floor ?? '',
    classifiedBy: book.classificationAuthority?.classifiedBy ?? '',
    derivedFrom: book.classificationAuthority?.derivedFrom ?? '',
    reason: book.classificationAuthority?.reason ?? '',
    declassifyOn: book.classificationAuthority?.declassifyOn ?? '',
    distribution: (book.distribution ?? []).join('\n'),
  };
}

/** Only the fields that are filled go to the store: an empty field is "not set", not "". */
function toHeader(id: string, d: HeaderDraft): BookHeader {
  const opt = (v: string) => (v.trim() === '' ? undefined : v.trim());
  const pick = <T extends object>(o: T): T | undefined => {
    const entries = Object.entries(o).filter(([, v]) => v !== undefined);
    return entries.length === 0 ? undefined : (Object.fromEntries(entries) as T);
  };
  const header: BookHeader = { id, title: d.title.trim() };
  const subtitle = opt(d.subtitle);
  if (subtitle) header.subtitle = subtitle;
  const meeting = pick({ date: opt(d.date), location: opt(d.location), principal: opt(d.principal), counterpart: opt(d.counterpart), format: opt(d.format) });
  if (meeting) header.meeting = meeting;
  const preparedBy = opt(d.preparedBy);
  if (preparedBy) header.preparedBy = preparedBy;
  if (d.floor !== '') header.floor = d.floor;
  const authority = pick({ classifiedBy: opt(d.classifiedBy), derivedFrom: opt(d.derivedFrom), reason: opt(d.reason), declassifyOn: opt(d.declassifyOn) });
  if (authority) header.classificationAuthority = authority;
  const distribution = d.distribution.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  if (distribution.length > 0) header.distribution = [...new Set(distribution)];
  return header;
}

function BookDetailsForm({ detail, scheme, readOnly }: { detail: BookDetail; scheme: MarkingScheme; readOnly: boolean }) {
  const client = useQueryClient();
  const [draft, setDraft] = useState(() => headerDraft(detail.book));
  const [state, setState] = useState<{ s: 'idle' } | { s: 'saving' } | { s: 'saved'; at: Date; keptTitle: string | null } | { s: 'error'; message: string }>({ s: 'idle' });
  const latest = useRef(draft);
  const confirmed = useRef(JSON.stringify(toHeader(detail.book.id, draft)));
  // The store needs a title: while the box is empty the book keeps its last stored title and
  // every other field is saved (docs/ux.md, "Nothing lost").
  const storedTitle = useRef(detail.book.title);
  const timer = useRef<number | undefined>(undefined);
  const busy = useRef(false);
  const bookId = detail.book.id;

  const flush = async () => {
    window.clearTimeout(timer.current);
    const header = toHeader(bookId, latest.current);
    const text = JSON.stringify(header);
    if (text === confirmed.current || busy.current) return;
    const keptTitle = header.title === '' ? storedTitle.current : null;
    if (keptTitle !== null) header.title = keptTitle;
    busy.current = true;
    setState({ s: 'saving' });
    try {
      const saved = await trackWrite(() => call('books.save', { book: header }));
      confirmed.current = text;
      storedTitle.current = saved.book.title;
      client.setQueryData(apiKey('books.get', { id: bookId }), saved);
      void invalidate(client, 'books.save', apiKey('books.get', { id: bookId }));
      setState({ s: 'saved', at: new Date(), keptTitle });
    } catch (error) {
      setState({ s: 'error', message: errorMessage(error) });
    } finally {
      busy.current = false;
      if (JSON.stringify(toHeader(bookId, latest.current)) !== confirmed.current) timer.current = window.setTimeout(() => void flush(), 700);
    }
  };
  const flushRef = useRef(flush);
  useEffect(() => {
    flushRef.current = flush;
  });
  useEffect(() => () => void flushRef.current(), []);

  const field = (key: keyof HeaderDraft, label: string, options: { placeholder?: string; type?: string; wide?: boolean } = {}) => (
    <label className={`field ${options.wide ? 'span-2' : ''}`}>
      <span>{label}</span>
      <input
        type={options.type ?? 'text'}
        value={draft[key]}
        readOnly={readOnly}
        placeholder={key === 'title' ? detail.book.title : options.placeholder}
        maxLength={key === 'title' ? LIMITS.title : LIMITS.short}
        onChange={(e) => update(key, e.target.value)}
        onBlur={() => void flush()}
      />
    </label>
  );
  const update = (key: keyof HeaderDraft, value: string) => {
    const next = { ...latest.current, [key]: value };
    latest.current = next;
    setDraft(next);
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void flush(), 700);
  };

  return (
    <section className="insp-section" aria-labelledby="insp-details">
      <h3 id="insp-details" className="with-state">
        Book details
        <span className={`save-indicator ${state.s}`} role="status">
          {state.s === 'saving' && 'Saving…'}
          {state.s === 'saved' && `Saved ${formatTime(state.at)}`}
          {state.s === 'saved' && state.keptTitle !== null && ` · the title stays “${state.keptTitle}” until you type one`}
          {state.s === 'error' && `Not saved: ${state.message}`}
        </span>
      </h3>
      <div className="prop-grid">
        {field('title', 'Title', { wide: true })}
        {field('subtitle', 'Subtitle', { wide: true })}
        {field('date', 'Meeting date', { type: 'date' })}
        {field('format', 'Format', { placeholder: 'Bilateral, working lunch…' })}
        {field('location', 'Location', { wide: true })}
        {field('principal', 'Principal')}
        {field('counterpart', 'Counterpart')}
        {field('preparedBy', 'Prepared by', { wide: true })}
        <label className="field span-2">
          <span>Classification floor</span>
          <select value={draft.floor} disabled={readOnly} onChange={(e) => update('floor', e.target.value)} onBlur={() => void flush()}>
            <option value="">None (the highest item decides)</option>
            {scheme.levels.map((l) => (
              <option key={l.code} value={l.code}>
                At least {l.banner}
              </option>
            ))}
          </select>
        </label>
      </div>
      <fieldset className="authority">
        <legend>Classification authority block</legend>
        <div className="prop-grid">
          {field('classifiedBy', 'Classified by')}
          {field('derivedFrom', 'Derived from')}
          {field('reason', 'Reason', { wide: true })}
          {field('declassifyOn', 'Declassify on', { wide: true })}
        </div>
      </fieldset>
      <label className="field">
        <span>Distribution (one recipient per line)</span>
        <textarea rows={5} value={draft.distribution} readOnly={readOnly} onChange={(e) => update('distribution', e.target.value)} onBlur={() => void flush()} />
        <small>Numbered copies print one PDF per recipient.</small>
      </label>
    </section>
  );
}
