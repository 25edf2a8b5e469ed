import { useEffect, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { PdfOptions } from '../../../shared/contract';
import type { PdfProblem } from '../../../pdf';
import { LANGUAGE_NAMES } from '../../../pdf/styles';
import { Dialog } from '../../components/Dialog';
import { ErrorState } from '../../components/EmptyState';
import { apiQuery, call, errorMessage } from '../../lib/api';
import { formatDateTime, plural } from '../../lib/format';
import { notify } from '../../lib/notices';
import { trackWrite } from '../../lib/save-status';
import { bookRollUp } from '../../lib/book-marking';
import { buildInWorker, PdfBuildFailed } from './build-pdf';
import { EmptySectionsOption } from './EmptySectionsOption';
import { ExportLog } from './ExportLog';
import { MarkingCheck } from './MarkingCheck';
import { PdfPreview } from './PdfPreview';
import type { BuiltPdf, OutputSpec } from './worker-protocol';
import './export.css';
import { LIMITS } from '../../../shared/domain';

type Phase =
  | { name: 'options' }
  | { name: 'building'; fraction: number; stage: string }
  | { name: 'failed'; message: string; problems: PdfProblem[] }
  | { name: 'preview'; outputs: BuiltPdf[]; shown: number }
  | { name: 'saving'; outputs: BuiltPdf[]; shown: number }
  | { name: 'saved'; outputs: BuiltPdf[]; shown: number; files: { fileName: string; sha256: string }[]; cancelled: number };

const PROBLEM_TITLES: Record<PdfProblem['code'], string> = {
  not_cleared: 'Not cleared',
  missing_glyph: 'Missing character',
  pocket_card_overflow: 'Pocket card does not fit',
  unknown_level: 'Unknown classification',
  dangling_item: 'Missing item',
  empty_book: 'Nothing to print',
  missing_authority: 'Authority block incomplete',
  marking: 'Marking',
};

/** One dialog: options, a worker typesetting with a progress bar, the real PDF previewed, then Save. */
/** `onSaved` marks what the saved files changed as stale (lib/invalidate, which this lazily loaded screen must not import). */
export function ExportDialog({ bookId, onClose, onOpenItem, onSaved }: { bookId: string; onClose: () => void; onOpenItem: (itemId: string) => void; onSaved: () => Promise<void> }) {
  const book = useQuery(apiQuery('books.get', { id: bookId }));
  const info = useQuery(apiQuery('library.info', {}));
  const [mode, setMode] = useState<PdfOptions['mode']>('working');
  const [watermark, setWatermark] = useState('');
  const [pocketCard, setPocketCard] = useState(false);
  const [numberedCopies, setNumberedCopies] = useState(false);
  const [maxLevel, setMaxLevel] = useState('');
  const [atAGlance, setAtAGlance] = useState(true);
  const [thumbTabs, setThumbTabs] = useState(true);
  const [sectionDividers, setSectionDividers] = useState(false);
  const [includeEmptySections, setIncludeEmptySections] = useState(false);
  const [clearancePage, setClearancePage] = useState(false);
  const [sources, setSources] = useState<NonNullable<PdfOptions['sources']>>('endnotes');
  const [hyphenate, setHyphenate] = useState(false);
  const [bilingual, setBilingual] = useState('');
  const [bilingualLayout, setBilingualLayout] = useState<NonNullable<PdfOptions['bilingualLayout']>>('columns');
  const [pocketCardSize, setPocketCardSize] = useState<NonNullable<PdfOptions['pocketCardSize']>>('a6');
  /** '' none, 'last', or an export id: change bars and a changes page since that edition */
  const [changesSince, setChangesSince] = useState('');
  // the book's editions to compare with (answered with the changes since the last; an error: none yet)
  const editions = useQuery({ ...apiQuery('books.changesSince', { bookId, since: 'last' }), retry: false });
  /** the options the shown PDF was built with: "last" resolved to its export id, for the export log */
  const builtOptions = useRef<PdfOptions | null>(null);
  const [phase, setPhase] = useState<Phase>({ name: 'options' });
  const cancelRef = useRef<(() => void) | null>(null);
  useEffect(() => () => cancelRef.current?.(), []);

  const recipients = book.data?.book.distribution ?? [];
  const scheme = info.data?.markings;
  const options: PdfOptions = { mode };
  if (watermark.trim() !== '') options.watermark = watermark.trim();
  if (pocketCard) options.pocketCard = true;
  if (pocketCard && pocketCardSize !== 'a6') options.pocketCardSize = pocketCardSize;
  if (numberedCopies) options.numberedCopies = true;
  if (maxLevel !== '') options.maxLevel = maxLevel;
  if (!atAGlance) options.atAGlance = false;
  if (!thumbTabs) options.thumbTabs = false;
  if (sectionDividers) options.sectionDividers = true;
  if (includeEmptySections) options.includeEmptySections = true;
  if (clearancePage) options.clearancePage = true;
  if (sources !== 'endnotes') options.sources = sources;
  if (hyphenate) options.hyphenate = true;
  if (changesSince !== '') options.changesSince = changesSince === 'last' ? 'last' : Number(changesSince);
  if (bilingual !== '') {
    options.bilingual = bilingual;
    if (bilingualLayout !== 'columns') options.bilingualLayout = bilingualLayout;
  }
  const notCleared = book.data?.clearance.notCleared ?? [];
  // the marking this edition will print, and what a final export lacks (docs/spec/EXCHANGE.md)
  const rollUp = book.data !== undefined && scheme !== undefined ? bookRollUp(book.data, scheme, maxLevel) : null;
  const authorityMissing = mode === 'final' && rollUp?.ok === true ? rollUp.authority : [];
  const refused = authorityMissing.length > 0;

  const outputs = (): OutputSpec[] => {
    const specs: OutputSpec[] = [];
    if (numberedCopies) recipients.forEach((recipient, i) => specs.push({ kind: 'book', label: `copy ${i + 1} of ${recipients.length} (${recipient})`, copy: { number: i + 1, of: recipients.length, recipient } }));
    else specs.push({ kind: 'book', label: 'the book' });
    if (pocketCard) specs.push({ kind: 'card', label: 'the pocket card' });
    return specs;
  };

  const build = async () => {
    setPhase({ name: 'building', fraction: 0, stage: 'Collecting the book' });
    try {
      let content = await call('books.content', { id: bookId });
      let used = options;
      if (options.changesSince !== undefined) {
        const changes = await call('books.changesSince', { bookId, since: options.changesSince });
        content = { ...content, changes };
        used = { ...options, changesSince: changes.since.exportId };
      }
      builtOptions.current = used;
      const job = buildInWorker(content, used, outputs(), (fraction, stage) => setPhase({ name: 'building', fraction, stage }));
      cancelRef.current = job.cancel;
      const built = await job.result;
      cancelRef.current = null;
      setPhase({ name: 'preview', outputs: built, shown: 0 });
    } catch (error) {
      cancelRef.current = null;
      if (error instanceof PdfBuildFailed) setPhase({ name: 'failed', message: error.message, problems: error.problems });
      else setPhase({ name: 'failed', message: errorMessage(error), problems: [] });
    }
  };

  const save = async (built: BuiltPdf[], shown: number) => {
    if (refused) return;
    setPhase({ name: 'saving', outputs: built, shown });
    const files: { fileName: string; sha256: string }[] = [];
    let cancelled = 0;
    try {
      for (const pdf of built) {
        // one save dialog per export: the copies and the pocket card follow the first file
        const sameFolderAsLast = files.length > 0;
        const result = await trackWrite(() =>
          call('files.savePdf', {
            bookId,
            suggestedName: pdf.fileName,
            bytes: pdf.bytes as Uint8Array<ArrayBuffer>,
            options: builtOptions.current ?? options,
            pageCount: pdf.pageCount,
            document: pdf.spec.kind === 'card' ? 'pocketCard' : 'book',
            copy: pdf.spec.copy?.number,
            sameFolderAsLast,
          }),
        );
        if (result.saved) files.push({ fileName: result.fileName, sha256: result.sha256 });
        else cancelled += 1;
      }
      await onSaved();
      setPhase({ name: 'saved', outputs: built, shown, files, cancelled });
      if (files.length > 0) notify(`Saved ${files.map((f) => f.fileName).join(', ')}`);
    } catch (error) {
      setPhase({ name: 'failed', message: `The PDF was made but not saved: ${errorMessage(error)}`, problems: [] });
    }
  };

  /** "“Title” (Section)" for a problem that names an item of this book, else null. */
  const where = (p: PdfProblem): string | null => {
    for (const section of book.data?.sections ?? []) {
      const item = section.items.find((i) => i.id === p.itemId);
      if (item !== undefined) return `“${item.title}” in ${section.title}`;
    }
    return null;
  };
  const describe = (p: PdfProblem): string => {
    const place = where(p);
    if (p.code === 'not_cleared' && place !== null) {
      const state = book.data?.clearance.notCleared.find((n) => n.id === p.itemId)?.clearanceState;
      return `${place} is ${state === 'in_review' ? 'in review' : state === 'draft' ? 'a draft' : state === 'changed' ? 'changed since it was cleared' : 'not cleared'}.`;
    }
    return place === null ? p.message : `${place}: ${p.message}`;
  };

  const problemList = (problems: PdfProblem[], blocking: boolean) =>
    problems.length > 0 && (
      <section className={`problems ${blocking ? 'blocking' : ''}`} aria-label="Problems">
        <h3>{blocking ? 'The PDF cannot be made as asked' : 'Check before sending'}</h3>
        <ul>
          {problems.map((p, i) => (
            <li key={i}>
              <strong>{PROBLEM_TITLES[p.code] ?? p.code}:</strong> <span title={p.message}>{describe(p)}</span>{' '}
              {p.itemId !== undefined && (
                <button type="button" className="link" onClick={() => onOpenItem(p.itemId as string)}>
                  Open the item
                </button>
              )}
            </li>
          ))}
        </ul>
      </section>
    );

  const running = phase.name === 'building' || phase.name === 'saving';
  const hasResult = phase.name === 'preview' || phase.name === 'saving' || phase.name === 'saved';

  let footer;
  if (phase.name === 'building') {
    footer = (
      <button type="button" onClick={() => cancelRef.current?.()}>
        Cancel
      </button>
    );
  } else if (hasResult) {
    footer = (
      <>
        <button type="button" onClick={() => setPhase({ name: 'options' })} disabled={running}>
          Change options
        </button>
        <span className="grow" />
        <button type="button" onClick={onClose}>
          Close
        </button>
        {phase.name !== 'saved' && (
          <button type="button" className="primary" disabled={running || refused} onClick={() => void save(phase.outputs, phase.shown)}>
            {phase.name === 'saving' ? 'Saving…' : phase.outputs.length > 1 ? `Save ${phase.outputs.length} PDFs…` : 'Save PDF…'}
          </button>
        )}
      </>
    );
  } else {
    footer = (
      <>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" form="export-options" className="primary" disabled={book.data === undefined || (numberedCopies && recipients.length === 0) || refused}>
          Make PDF
        </button>
      </>
    );
  }

  return (
    <Dialog title={book.data ? `Export “${book.data.book.title}”` : 'Export'} onClose={running ? () => cancelRef.current?.() : onClose} wide footer={footer} unsaved={!running && phase.name !== 'saved' && watermark.trim() !== ''}>
      {book.isError && <ErrorState message={errorMessage(book.error)} />}
      {(phase.name === 'options' || phase.name === 'failed') && (
        <div className="export-options">
          <form
            id="export-options"
            className="options-form"
            onSubmit={(e) => {
              e.preventDefault();
              if (!refused) void build();
            }}
          >
            <fieldset>
              <legend>Edition</legend>
              <label className="radio">
                <input type="radio" name="mode" checked={mode === 'working'} onChange={() => setMode('working')} />
                <span>
                  <strong>Working copy</strong> — every item, marked as it stands; for review.
                </span>
              </label>
              <label className="radio">
                <input type="radio" name="mode" checked={mode === 'final'} onChange={() => setMode('final')} />
                <span>
                  <strong>Final</strong> — only when every item is cleared and, for a classified book, the authority block is complete.
                  {notCleared.length > 0 && <span className="warn"> {notCleared.length} not cleared yet.</span>}
                </span>
              </label>
            </fieldset>
            <label className="field">
              <span>Watermark</span>
              <input value={watermark} maxLength={LIMITS.watermark} placeholder="e.g. DRAFT — leave empty for none" onChange={(e) => setWatermark(e.target.value)} />
            </label>
            <label className="field">
              <span>Releasable edition</span>
              <select value={maxLevel} onChange={(e) => setMaxLevel(e.target.value)}>
                <option value="">Full book (all levels)</option>
                {scheme?.levels.map((l) => (
                  <option key={l.code} value={l.code}>
                    Only items up to {l.banner}
                  </option>
                ))}
              </select>
              <small>Items above the level are left out of the file entirely, not hidden; each leaves a line with its number, and sections and numbers stay as in the full book.</small>
            </label>
            <fieldset className="field">
              <legend>Layout</legend>
              <label className="check">
                <input type="checkbox" checked={atAGlance} onChange={(e) => setAtAGlance(e.target.checked)} />
                “At a glance” page: red lines, asks and objectives with their pages
              </label>
              <label className="check">
                <input type="checkbox" checked={thumbTabs} onChange={(e) => setThumbTabs(e.target.checked)} />
                Thumb tabs on the outer edge, one per section
              </label>
              <label className="check">
                <input type="checkbox" checked={sectionDividers} onChange={(e) => setSectionDividers(e.target.checked)} />
                A divider page before each section
              </label>
              <EmptySectionsOption sections={book.data?.sections} checked={includeEmptySections} onChange={setIncludeEmptySections} />
              <label className="check">
                <input type="checkbox" checked={clearancePage} onChange={(e) => setClearancePage(e.target.checked)} />
                Clearance page after the contents: each paper’s drafter and clearing offices, with dates
              </label>
              <label className="check">
                <input type="checkbox" checked={hyphenate} onChange={(e) => setHyphenate(e.target.checked)} />
                Hyphenate English body text
              </label>
              <label className="field">
                <span>Bilingual pages</span>
                <select value={bilingual} onChange={(e) => setBilingual(e.target.value)}>
                  <option value="">No: translations under each item</option>
                  {Object.entries(LANGUAGE_NAMES)
                    .filter(([code]) => code !== 'en')
                    .map(([code, name]) => (
                      <option key={code} value={code}>
                        With the {name} ({code}) translation
                      </option>
                    ))}
                </select>
              </label>
              {bilingual !== '' && (
                <label className="field">
                  <span>Translation</span>
                  <select value={bilingualLayout} onChange={(e) => setBilingualLayout(e.target.value as NonNullable<PdfOptions['bilingualLayout']>)}>
                    <option value="columns">Beside the text, paragraph by paragraph</option>
                    <option value="below">Below the text</option>
                  </select>
                </label>
              )}
              <label className="field">
                <span>Sources</span>
                <select value={sources} onChange={(e) => setSources(e.target.value as NonNullable<PdfOptions['sources']>)}>
                  <option value="endnotes">As endnotes at the end of each section</option>
                  <option value="omit">Left out</option>
                </select>
              </label>
            </fieldset>
            <label className="field">
              <span>Changes since an edition</span>
              <select value={changesSince} disabled={editions.data === undefined} onChange={(e) => setChangesSince(e.target.value)}>
                <option value="">None: no change bars</option>
                {editions.data?.editions.map((edition, i) => (
                  <option key={edition.exportId} value={i === 0 ? 'last' : String(edition.exportId)}>
                    Since {formatDateTime(edition.exportedAt)} ({edition.fileName}){i === 0 ? ', the last' : ''}
                  </option>
                ))}
              </select>
              <small>
                {editions.isError
                  ? 'No PDF of this book was saved yet: there is no edition to compare with.'
                  : 'A bar in the outer margin beside every item added or edited since, and a “Changes since the edition of …” page after the contents.'}
              </small>
            </label>
            <label className="check">
              <input type="checkbox" checked={pocketCard} onChange={(e) => setPocketCard(e.target.checked)} />
              Also make the pocket card (red lines, asks, talking points, if raised)
            </label>
            {pocketCard && (
              <label className="field">
                <span>Pocket card size</span>
                <select value={pocketCardSize} onChange={(e) => setPocketCardSize(e.target.value as NonNullable<PdfOptions['pocketCardSize']>)}>
                  <option value="a6">A6 (105 × 148 mm)</option>
                  <option value="4x6">4 × 6 in</option>
                </select>
              </label>
            )}
            <label className="check">
              <input type="checkbox" checked={numberedCopies} onChange={(e) => setNumberedCopies(e.target.checked)} />
              Numbered copies, one per recipient {recipients.length > 0 ? `(${recipients.length})` : ''}
            </label>
            {numberedCopies && recipients.length === 0 && <p className="warn">The distribution list is empty: add recipients in the book details first.</p>}
          </form>
          <div className="export-side">
            <MarkingCheck rollUp={rollUp} authorityMissing={authorityMissing} onOpenItem={onOpenItem} />
            {phase.name === 'failed' && (
              <>
                {phase.problems.length === 0 && (
                  <div className="error-state" role="alert">
                    <p>{phase.message}</p>
                  </div>
                )}
                {problemList(phase.problems, true)}
              </>
            )}
            <h3>Export history</h3>
            <ExportLog bookId={bookId} />
          </div>
        </div>
      )}
      {phase.name === 'building' && (
        <div className="building" role="status" aria-live="polite">
          <p>{phase.stage}…</p>
          <div className="progress" role="progressbar" aria-label="Export progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(phase.fraction * 100)}>
            <div style={{ width: `${Math.round(phase.fraction * 100)}%` }} />
          </div>
          <p className="muted">The PDF is typeset in the background; you can keep reading meanwhile.</p>
        </div>
      )}
      {hasResult && (
        <div className="result">
          {refused && <MarkingCheck rollUp={rollUp} authorityMissing={authorityMissing} onOpenItem={onOpenItem} />}
          {phase.name === 'saved' && (
            <div className="saved-files" role="status">
              {phase.files.map((f) => (
                <p key={f.fileName}>
                  Saved <strong>{f.fileName}</strong> · SHA-256 <code>{f.sha256}</code>
                </p>
              ))}
              {phase.cancelled > 0 && <p className="muted">{phase.cancelled} not saved (cancelled).</p>}
            </div>
          )}
          {problemList(
            phase.outputs.flatMap((o) => o.problems).filter((p, i, all) => all.findIndex((q) => q.code === p.code && q.message === p.message) === i),
            false,
          )}
          {phase.outputs.length > 1 && (
            <div className="tabs" role="tablist" aria-label="Files">
              {phase.outputs.map((o, i) => (
                <button key={o.fileName} type="button" role="tab" aria-selected={i === phase.shown} onClick={() => setPhase({ ...phase, shown: i })}>
                  {o.fileName}
                </button>
              ))}
            </div>
          )}
          <div className="result-meta">
            <strong>{phase.outputs[phase.shown].fileName}</strong> · {plural(phase.outputs[phase.shown].pageCount, 'page')} · {(phase.outputs[phase.shown].bytes.byteLength / 1024).toFixed(0)} KB
          </div>
          <PdfPreview key={phase.shown} bytes={phase.outputs[phase.shown].bytes} label={phase.outputs[phase.shown].fileName} />
        </div>
      )}
    </Dialog>
  );
}
