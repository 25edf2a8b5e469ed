/**
 * The item editor: one form over one autosave cycle (draft, last confirmed version, the save in
 * flight, conflicts, undo). Over ~400 lines because that cycle and the fields it saves are read
 * together; the parts that stand alone (sources, used-in, history, preview, the rich-text body)
 * are modules of their own.
 */
import { Suspense, useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ItemRecord, MarkingScheme } from '../../../shared/contract';
import { ITEM_STATUSES, LIMITS, STATUS_LABELS, type ExchangeItem, type ItemStatus } from '../../../shared/domain';
import { clearedBy } from '../../../shared/clearance';
import { portionMark } from '../../../shared/markings';
import { CaveatInput } from '../../components/CaveatInput';
import { ChipInput } from '../../components/ChipInput';
import { ErrorState } from '../../components/EmptyState';
import { KindLabel, KindSelect, StatusLabel } from '../../components/Kind';
import { PortionMark } from '../../components/Marking';
import { apiKey, apiQuery, BriefbookError, call, errorMessage } from '../../lib/api';
import { invalidate } from '../../lib/invalidate';
import { formatDateTime, formatTime, formatWhen, plural } from '../../lib/format';
import { notify, notifyError } from '../../lib/notices';
import { setUnsaved, trackWrite } from '../../lib/save-status';
import { appUndo } from '../../lib/undo-stack';
import { LazyLivePreview } from '../export';
import { useSetting, useUserName } from '../settings';
import { EditHistory } from './edit-history';
import { HistoryTab } from './HistoryTab';
import { clearanceWithdrawn, deleteItem, purgeItem, setStatus } from './item-commands';
import { ClearanceChainEditor } from './ClearanceChainEditor';
import { draftFrom, draftProblem, sameDraft, storableDraft, toItemDraft, type Draft } from './item-draft';
import { Preview } from './Preview';
import { SourcesEditor } from './SourcesEditor';
import { UsedIn } from './UsedIn';
import { LazyRichTextEditor as RichTextEditor } from './rich-text/LazyRichTextEditor';
import './editor.css';

interface ItemEditorProps {
  itemId: string;
  layout: 'inspector' | 'large';
  onOpenLarge?: () => void;
  onBack?: () => void;
  backLabel?: string;
  onOpenBook: (bookId: string) => void;
  onDeleted: () => void;
  /** a new item: its title is focused and selected, so typing replaces "Untitled item" */
  selectTitle?: boolean;
}

export function ItemEditor(props: ItemEditorProps) {
  const item = useQuery(apiQuery('items.get', { id: props.itemId }));
  const info = useQuery(apiQuery('library.info', {}));
  if (item.isError) {
    return <ErrorState message={`This item could not be opened. ${errorMessage(item.error)}`} onRetry={() => void item.refetch()} />;
  }
  if (!item.isSuccess || !info.isSuccess) return <div className="loading">Opening…</div>;
  return <ItemForm {...props} record={item.data} scheme={info.data.markings} readOnly={info.data.readOnly} />;
}

type SaveView = { state: 'saved'; at: Date | null; keptTitle?: string } | { state: 'dirty' } | { state: 'saving' } | { state: 'invalid'; message: string } | { state: 'error'; message: string };

type Tab = 'text' | 'translation' | 'sources' | 'clearance' | 'history' | 'usedIn';
const TABS: [Tab, string][] = [
  ['text', 'Text'],
  ['translation', 'Korean'],
  ['sources', 'Sources'],
  ['clearance', 'Clearance'],
  ['history', 'History'],
  ['usedIn', 'Used in'],
];

const AUTOSAVE_MS = 600;

function ItemForm({ record, scheme, readOnly, layout, onOpenLarge, onBack, backLabel, onOpenBook, onDeleted, selectTitle = false }: ItemEditorProps & { record: ItemRecord; scheme: MarkingScheme; readOnly: boolean }) {
  const client = useQueryClient();
  const titleRef = useRef<HTMLInputElement>(null);
  const selectTitleOnce = useRef(selectTitle);
  useEffect(() => {
    if (!selectTitleOnce.current) return;
    titleRef.current?.focus();
    titleRef.current?.select();
  }, []);
  const uid = useId();
  const [draft, setDraft] = useState<Draft>(() => draftFrom(record));
  const [tab, setTab] = useState<Tab>('text');
  const [save, setSave] = useState<SaveView>({ state: 'saved', at: null });
  /** the user's edits (typing, undo, redo), counted: the live preview follows the item on each */
  const [edits, setEdits] = useState(0);
  const history = useRef<EditHistory<Draft> | null>(null);
  if (history.current === null) history.current = new EditHistory(draftFrom(record));

  // What the main process last confirmed: the version a save builds on, and its content.
  const confirmed = useRef({ version: record.version, draft: draftFrom(record), status: record.status, record });
  const latest = useRef(draft);
  const inFlight = useRef(false);
  const timer = useRef<number | undefined>(undefined);

  const flush = useCallback(async (): Promise<void> => {
    window.clearTimeout(timer.current);
    const sending = latest.current;
    if (sameDraft(sending, confirmed.current.draft)) {
      setSave((s) => (s.state === 'saved' ? s : { state: 'saved', at: s.state === 'saving' ? new Date() : null }));
      return;
    }
    const problem = draftProblem(sending);
    if (problem !== null) {
      setSave({ state: 'invalid', message: problem });
      return;
    }
    if (inFlight.current) return;
    inFlight.current = true;
    setSave({ state: 'saving' });
    const base = confirmed.current;
    const storable = storableDraft(sending, base.record.title);
    try {
      const saved = await trackWrite(() => call('items.save', { item: toItemDraft(base.record, storable.draft, base.status), baseVersion: base.version }));
      confirmed.current = { version: saved.version, draft: sending, status: saved.status, record: saved };
      client.setQueryData(apiKey('items.get', { id: saved.id }), saved);
      if (base.status === 'cleared' && saved.status !== 'cleared') clearanceWithdrawn(client, base.record, saved);
      inFlight.current = false;
      void invalidate(client, 'items.save', apiKey('items.get', { id: saved.id }));
      if (!sameDraft(latest.current, sending)) {
        setSave({ state: 'dirty' });
        timer.current = window.setTimeout(() => void flush(), AUTOSAVE_MS);
      } else {
        setSave({ state: 'saved', at: new Date(), keptTitle: storable.keptTitle ?? undefined });
      }
    } catch (error) {
      inFlight.current = false;
      const message = error instanceof BriefbookError && error.code === 'conflict' ? 'This item was changed elsewhere; your text is kept here but not saved. Copy it, then reopen the item.' : errorMessage(error);
      setSave({ state: 'error', message });
    }
  }, [client]);

  // the status bar says "Unsaved changes" while this editor holds text not yet written
  useEffect(() => {
    setUnsaved(uid, save.state === 'dirty' || save.state === 'invalid' || save.state === 'error');
  }, [uid, save.state]);
  useEffect(() => () => setUnsaved(uid, false), [uid]);

  // A newer version arrived from elsewhere (a status change, a restore): adopt it as the base.
  useEffect(() => {
    if (record.version > confirmed.current.version || record.status !== confirmed.current.status) {
      const clean = sameDraft(latest.current, confirmed.current.draft);
      const incoming = draftFrom(record);
      confirmed.current = { version: record.version, draft: incoming, status: record.status, record };
      if (clean && !sameDraft(incoming, latest.current)) {
        latest.current = incoming;
        setDraft(incoming);
        history.current?.reset(incoming);
      }
    }
  }, [record]);

  // Switching items or closing the editor saves what is pending.
  useEffect(
    () => () => {
      window.clearTimeout(timer.current);
      const pending = latest.current;
      if (sameDraft(pending, confirmed.current.draft) || inFlight.current) return;
      const problem = draftProblem(pending);
      if (problem !== null) {
        notify(`“${pending.title || confirmed.current.record.title}” was not saved: ${problem}`, { tone: 'error' });
        return;
      }
      const base = confirmed.current;
      const storable = storableDraft(pending, base.record.title).draft;
      void trackWrite(() => call('items.save', { item: toItemDraft(base.record, storable, base.status), baseVersion: base.version }))
        .then((saved) => {
          client.setQueryData(apiKey('items.get', { id: saved.id }), saved);
          return invalidate(client, 'items.save');
        })
        .catch((error: unknown) => notifyError(error, `“${storable.title}” was not saved`));
    },
    [client],
  );

  /** Shows a draft as the current text and schedules its autosave (edits, undo and redo alike). */
  const adopt = (next: Draft) => {
    latest.current = next;
    setDraft(next);
    setSave({ state: 'dirty' });
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void flush(), AUTOSAVE_MS);
    setEdits((t) => t + 1);
  };
  const apply = (next: Draft, key: string | null) => {
    if (readOnly) return;
    history.current?.push(next, key, Date.now());
    adopt(next);
  };
  const set = <K extends keyof Draft>(field: K, value: Draft[K], typing = false) => apply({ ...latest.current, [field]: value }, typing ? field : null);

  const step = (redo: boolean) => {
    const h = history.current;
    const next = h === null ? null : redo ? h.redo() : h.undo();
    if (next === null) return;
    adopt(next);
  };

  const [userName, setUserName] = useUserName();
  const [askName, setAskName] = useState<ItemStatus | null>(null);
  const [nameDraft, setNameDraft] = useState('');
  const moveStatus = async (status: ItemStatus, by = userName) => {
    // clearing again an item changed since it was cleared clears its text as it is now
    if (status === confirmed.current.status && !(status === 'cleared' && record.clearanceState === 'changed')) return;
    if (by.trim() === '') {
      setAskName(status);
      return;
    }
    try {
      await flush();
      await setStatus(client, { id: record.id, title: latest.current.title, status: confirmed.current.status }, status, by.trim());
    } catch (error) {
      notifyError(error, 'Could not change the status');
    }
  };

  const remove = async () => {
    try {
      await flush();
      await deleteItem(client, { id: record.id, title: latest.current.title });
      notify(`Deleted “${latest.current.title}”. Books no longer print it.`, { action: { label: 'Undo', run: () => void appUndo.undo().catch((e: unknown) => notifyError(e, 'Could not undo')) } });
      onDeleted();
    } catch (error) {
      notifyError(error, 'Could not delete the item');
    }
  };

  /** Erases the item for good; the main process asks the person in a native dialog. */
  const purge = async () => {
    if (userName.trim() === '') {
      notify('Purging is recorded with your name: set it in Settings → General first.');
      return;
    }
    try {
      await flush();
      const result = await purgeItem(client, { id: record.id }, userName.trim());
      const left = result.backupsLeft.length;
      notify(
        `The item is purged: every version of it is erased from the library and from ${plural(result.backupsPurged, 'backup')}.` +
          (left > 0 ? ` ${plural(left, 'backup')} may still hold it: ${result.backupsLeft.map((b) => b.name).join(', ')}.` : ''),
      );
      onDeleted();
    } catch (error) {
      if (error instanceof BriefbookError && error.code === 'cancelled') return;
      notifyError(error, 'Could not purge the item');
    }
  };


  // the preview prints what the PDF prints: no portion mark when the scheme turns them off
  let portion = scheme.portionMarks === false ? '' : `(${draft.classification})`;
  try {
    if (portion !== '') portion = portionMark({ id: record.id, classification: draft.classification, caveats: draft.caveats }, scheme);
  } catch {
    // an unknown level shows as its raw code; the classification select offers the valid ones
  }
  const facets = useQuery(apiQuery('items.facets', {}));
  const large = layout === 'large';
  // the live page preview: the item as typed, on its page of the book (docs/ux.md, "Live preview")
  const [pagePreview, setPagePreview] = useSetting('editor.pagePreview');
  const togglePreview = () => void setPagePreview(!pagePreview).catch((e: unknown) => notifyError(e, 'Could not remember the preview setting'));
  const previewItem = useMemo<ExchangeItem>(() => ({ ...toItemDraft(record, storableDraft(draft, record.title).draft, record.status), id: record.id }), [draft, record]);

  const body = (
    <div className={`body-editor ${large ? 'side-by-side' : ''}`}>
      <div className="body-input">
        <RichTextEditor id={`${uid}-body`} label="Body" value={draft.body} readOnly={readOnly} rows={large ? 24 : 12} onChange={(text) => set('body', text, true)} />
      </div>
      <Preview kind={draft.kind} title={draft.title} body={draft.body} portion={portion} />
    </div>
  );

  return (
    <div
      className={`item-editor ${large ? 'large' : 'compact'} kind-${draft.kind}`}
      onKeyDownCapture={(e) => {
        const ctrl = e.ctrlKey || e.metaKey;
        if (!ctrl || e.altKey) return;
        const key = e.key.toLowerCase();
        if (key === 'p' && e.shiftKey) {
          e.preventDefault();
          togglePreview();
        } else if (key === 'z' || key === 'y') {
          const redo = key === 'y' || e.shiftKey;
          const h = history.current;
          // nothing of the draft to step back or forward: the key is the app's (a status move,
          // a delete), as on a button of the editor after the app's undo put focus there
          if (h === null || !(redo ? h.canRedo : h.canUndo)) return;
          e.preventDefault();
          e.stopPropagation();
          step(redo);
        } else if (key === 's') {
          e.preventDefault();
          void flush();
        }
      }}
    >
      <header className="editor-head">
        <span className="stripe" aria-hidden="true" />
        {large && onBack !== undefined && (
          <button type="button" onClick={onBack}>
            ← {backLabel ?? 'Back'}
          </button>
        )}
        <PortionMark scheme={scheme} item={{ id: record.id, classification: draft.classification, caveats: draft.caveats }} />
        <KindLabel kind={draft.kind} />
        <span className="grow" />
        <SaveIndicator save={save} onRetry={() => void flush()} />
        <button type="button" className="ghost" aria-pressed={pagePreview} onClick={togglePreview} title="The page as it prints, following your typing (Ctrl+Shift+P)">
          Page preview
        </button>
        {!large && onOpenLarge !== undefined && (
          <button type="button" className="ghost" onClick={onOpenLarge} title="Open large (Enter in the list)">
            Open large
          </button>
        )}
      </header>
      <div className="editor-main">
      <div className="editor-scroll">
        <div className="editor-props">
          <label className="field title-field">
            <span>Title</span>
            <input ref={titleRef} id={large ? 'item-title-large' : 'item-title'} value={draft.title} placeholder={record.title} readOnly={readOnly} maxLength={LIMITS.title} onChange={(e) => set('title', e.target.value, true)} />
          </label>
          <div className="prop-grid">
            <label className="field">
              <span>Kind</span>
              <KindSelect value={draft.kind} disabled={readOnly} onChange={(kind) => set('kind', kind)} />
            </label>
            <label className="field">
              <span>Classification</span>
              <select value={draft.classification} disabled={readOnly} onChange={(e) => set('classification', e.target.value)}>
                {!scheme.levels.some((l) => l.code === draft.classification) && <option value={draft.classification}>{draft.classification} (not in the scheme)</option>}
                {scheme.levels.map((level) => (
                  <option key={level.code} value={level.code}>
                    {level.banner} ({level.portion})
                  </option>
                ))}
              </select>
            </label>
            <div className="field span-2">
              <span id={`${uid}-caveats`}>Caveats</span>
              <CaveatInput values={draft.caveats} scheme={scheme} readOnly={readOnly} labelledBy={`${uid}-caveats`} onChange={(v) => set('caveats', v)} />
            </div>
            <div className="field span-2">
              <span id={`${uid}-status`}>Status</span>
              <div className="workflow" role="group" aria-labelledby={`${uid}-status`}>
                {ITEM_STATUSES.map((s, i) => (
                  <span key={s} className="workflow-step">
                    {i > 0 && <span aria-hidden="true">→</span>}
                    <button type="button" className={`toggle-chip status-chip`} data-status={s} aria-pressed={record.clearanceState === s} disabled={readOnly} onClick={() => void moveStatus(s)}>
                      <span className={`status-label status-${s}`}>{STATUS_LABELS[s]}</span>
                    </button>
                  </span>
                ))}
              </div>
              {record.clearanceState === 'changed' ? (
                <p className="clearance-changed" role="note">
                  <StatusLabel state="changed" />: {record.clearance === undefined ? 'cleared' : `${clearedBy(record.clearance)} ${formatDateTime(record.clearance.at)}`}, on words it no longer prints. A final export refuses it until it is cleared again.
                </p>
              ) : record.status === 'cleared' && record.clearance !== undefined ? (
                <small>
                  {clearedBy(record.clearance)}, {formatDateTime(record.clearance.at)}, on this text
                </small>
              ) : (
                record.statusChangedBy !== undefined &&
                record.statusChangedAt !== undefined && (
                  <small>
                    {STATUS_LABELS[record.status]} by {record.statusChangedBy}, {formatDateTime(record.statusChangedAt)}
                  </small>
                )
              )}
              {askName !== null && (
                <form
                  className="ask-name"
                  onSubmit={(e) => {
                    e.preventDefault();
                    const name = nameDraft.trim();
                    if (name === '') return;
                    const next = askName;
                    setAskName(null);
                    void setUserName(name).catch(() => undefined);
                    void moveStatus(next, name);
                  }}
                >
                  <label>
                    Your name, recorded with the change
                    <input autoFocus value={nameDraft} maxLength={LIMITS.short} onChange={(e) => setNameDraft(e.target.value)} />
                  </label>
                  <button type="submit" className="primary">
                    Mark {STATUS_LABELS[askName]}
                  </button>
                  <button type="button" onClick={() => setAskName(null)}>
                    Cancel
                  </button>
                </form>
              )}
            </div>
            <label className="field">
              <span>Topic</span>
              <input value={draft.topic} readOnly={readOnly} list={`${uid}-topics`} maxLength={LIMITS.short} onChange={(e) => set('topic', e.target.value, true)} />
              <datalist id={`${uid}-topics`}>
                {facets.data?.topics.slice(0, 300).map((t) => <option key={t.value} value={t.value} />)}
              </datalist>
            </label>
            <label className="field">
              <span>Owner</span>
              <input value={draft.owner} readOnly={readOnly} maxLength={LIMITS.short} onChange={(e) => set('owner', e.target.value, true)} />
            </label>
            <label className="field">
              <span>Due</span>
              <input type="date" value={draft.due} readOnly={readOnly} onChange={(e) => set('due', e.target.value, true)} />
            </label>
            <label className="field span-2">
              <span>Card line</span>
              <input
                value={draft.cardLine}
                readOnly={readOnly}
                maxLength={LIMITS.title}
                placeholder="What the pocket card prints (default: the first sentence)"
                onChange={(e) => set('cardLine', e.target.value, true)}
              />
            </label>
            <div className="field span-2">
              <span>Tags</span>
              <ChipInput label="Tag" values={draft.tags} onChange={(v) => set('tags', v)} suggestions={facets.data?.tags.map((t) => t.value)} id={`${uid}-tags`} />
            </div>
          </div>
        </div>
        <div className="tabs" role="tablist" aria-label="Item details">
          {TABS.map(([id, label]) => (
            <button key={id} type="button" role="tab" id={`${uid}-tab-${id}`} aria-selected={tab === id} aria-controls={`${uid}-panel`} tabIndex={tab === id ? 0 : -1} onClick={() => setTab(id)}
              onKeyDown={(e) => {
                const at = TABS.findIndex(([t]) => t === tab);
                if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
                  e.preventDefault();
                  const next = TABS[(at + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length][0];
                  setTab(next);
                  document.getElementById(`${uid}-tab-${next}`)?.focus();
                }
              }}
            >
              {label}
            </button>
          ))}
        </div>
        <div className="tab-panel" role="tabpanel" id={`${uid}-panel`} aria-labelledby={`${uid}-tab-${tab}`}>
          {tab === 'text' && body}
          {tab === 'translation' && (
            <div className="translation">
              <label className="field">
                <span>Korean title (한국어 제목)</span>
                <input lang="ko" value={draft.translationTitle} readOnly={readOnly} maxLength={LIMITS.title} onChange={(e) => set('translationTitle', e.target.value, true)} />
              </label>
              <div className="field">
                <span aria-hidden="true">Korean text (한국어 본문)</span>
                <RichTextEditor id={`${uid}-ko-body`} label="Korean text (한국어 본문)" lang="ko" value={draft.translationBody} readOnly={readOnly} rows={large ? 16 : 10} onChange={(text) => set('translationBody', text, true)} />
              </div>
              {(draft.translationTitle !== '' || draft.translationBody !== '') && <Preview kind={draft.kind} title={draft.translationTitle || draft.title} body={draft.translationBody} portion={portion} label="Korean preview" />}
            </div>
          )}
          {tab === 'sources' && <SourcesEditor sources={draft.sources} readOnly={readOnly} onChange={(sources, typing) => set('sources', sources, typing)} />}
          {tab === 'clearance' && (
            <ClearanceChainEditor
              drafter={draft.drafter}
              chain={draft.clearances}
              contentHash={record.contentHash}
              readOnly={readOnly}
              onDrafter={(drafter) => set('drafter', drafter, true)}
              onChain={(chain, typing) => set('clearances', chain, typing)}
            />
          )}
          {tab === 'history' && (
            <HistoryTab
              itemId={record.id}
              current={record}
              large={large}
              onRestored={(restored) => {
                const incoming = draftFrom(restored);
                window.clearTimeout(timer.current);
                confirmed.current = { version: restored.version, draft: incoming, status: restored.status, record: restored };
                latest.current = incoming;
                setDraft(incoming);
                history.current?.reset(incoming);
                setSave({ state: 'saved', at: new Date() });
              }}
            />
          )}
          {tab === 'usedIn' && <UsedIn itemId={record.id} onOpenBook={onOpenBook} />}
        </div>
        <footer className="editor-foot">
          <span>
            Version {record.version} · created {formatWhen(record.createdAt)} · changed {formatWhen(record.updatedAt)}
          </span>
          <span className="grow" />
          <button type="button" className="danger" disabled={readOnly} onClick={() => void remove()}>
            Delete item
          </button>
          <button type="button" className="danger" disabled={readOnly} title="Erase every version of this item for good (an item entered at too high a level)" onClick={() => void purge()}>
            Purge…
          </button>
        </footer>
      </div>
      {pagePreview && (
        <Suspense fallback={<div className="loading">Opening the page preview…</div>}>
          <LazyLivePreview item={previewItem} edits={edits} scheme={scheme} onClose={togglePreview} />
        </Suspense>
      )}
      </div>
    </div>
  );
}

function SaveIndicator({ save, onRetry }: { save: SaveView; onRetry: () => void }) {
  return (
    <span className={`save-indicator ${save.state}`} role="status" aria-live="polite">
      {save.state === 'saved' && save.at !== null && `Saved ${formatTime(save.at)}`}
      {save.state === 'saved' && save.keptTitle !== undefined && ` · the title stays “${save.keptTitle}” until you type one`}
      {save.state === 'dirty' && 'Unsaved changes'}
      {save.state === 'saving' && 'Saving…'}
      {save.state === 'invalid' && save.message}
      {save.state === 'error' && (
        <>
          Not saved: {save.message}{' '}
          <button type="button" className="link" onClick={onRetry}>
            Try again
          </button>
        </>
      )}
    </span>
  );
}
