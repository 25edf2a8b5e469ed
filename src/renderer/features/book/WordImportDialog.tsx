import { useEffect, useRef, useState } from 'react';
import { DOCX_MAX_BYTES, docxTooLarge, type DocxPreview, type MarkingScheme, type SectionDetail } from '../../../shared/contract';
import { plainText } from '../../../shared/briefbook-text';
import type { ItemKind } from '../../../shared/domain';
import { naturalKind } from '../../../shared/section-kind';
import { Dialog } from '../../components/Dialog';
import { call, errorMessage } from '../../lib/api';
import { plural } from '../../lib/format';
import { KindSelect } from '../../components/Kind';

/** Where the paper comes from: a file dropped on a section, or the main process's open dialog. */
export type PaperSource = { file: File } | { choose: true };

export interface PaperItems {
  fileName: string;
  classification: string;
  items: { kind: ItemKind; title: string; body: string }[];
}

type State = { name: 'reading'; fileName: string | null } | { name: 'refused'; message: string } | { name: 'ready'; preview: Extract<DocxPreview, { cancelled: false }> };

async function readPaper(source: PaperSource): Promise<DocxPreview> {
  if ('choose' in source) return call('files.previewDocx', {});
  const { file } = source;
  // the contract refuses more; saying so here spares sending 50 MB to be told
  if (file.size > DOCX_MAX_BYTES) throw new Error(`${docxTooLarge(file.name, file.size)} Nothing was imported.`);
  return call('files.previewDocx', { file: { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) } });
}

/**
 * A Word paper into a section (docs/ux.md, "Word papers"): the items it will make are listed —
 * title, kind, level, first words — before anything is written; a paper that cannot be
 * imported is one line in words and nothing else. Import hands the items back to the book view.
 */
export function WordImportDialog({ source, section, scheme, bookLevel, onClose, onImport }: { source: PaperSource; section: SectionDetail; scheme: MarkingScheme | undefined; bookLevel: string; onClose: () => void; onImport: (paper: PaperItems) => void }) {
  const [state, setState] = useState<State>({ name: 'reading', fileName: 'file' in source ? source.file.name : null });
  const guessed = naturalKind(section);
  const [kind, setKind] = useState<ItemKind>(guessed);
  const levels = scheme?.levels ?? [];
  const [level, setLevel] = useState<string>('');
  /** the items unticked in the preview (by their place in the paper): not imported */
  const [left, setLeft] = useState<ReadonlySet<number>>(new Set());
  const classification = level !== '' ? level : levels.some((l) => l.code === bookLevel) ? bookLevel : (levels[0]?.code ?? '');

  // read once per dialog: an effect may run twice (React's strict mode), the open dialog must not
  const reading = useRef<Promise<DocxPreview> | null>(null);
  useEffect(() => {
    let live = true;
    reading.current ??= readPaper(source);
    reading.current.then(
      (preview) => {
        if (!live) return;
        if (preview.cancelled) onClose();
        else setState({ name: 'ready', preview });
      },
      (error: unknown) => live && setState({ name: 'refused', message: errorMessage(error) }),
    );
    return () => {
      live = false;
    };
    // read once, when the dialog opens
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const ready = state.name === 'ready' ? state.preview : null;
  // the preview's first field takes the focus when it shows, as a dialog's first field does on opening
  const firstField = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    if (ready !== null) firstField.current?.focus();
  }, [ready]);
  const submit = () => {
    if (ready === null || classification === '') return;
    const items = ready.items.filter((_, n) => !left.has(n)).map((item) => ({ kind, title: item.title, body: item.body }));
    if (items.length > 0) onImport({ fileName: ready.fileName, classification, items });
  };
  const count = ready === null ? 0 : ready.items.length - left.size;
  const toggle = (n: number) =>
    setLeft((was) => {
      const next = new Set(was);
      if (!next.delete(n)) next.add(n);
      return next;
    });

  return (
    <Dialog
      title={`Import a Word file into ${section.title}`}
      onClose={onClose}
      // a kind, level or item left out here is input not kept yet: Esc or × ask first (the file stays on disk)
      unsaved={ready !== null && (kind !== guessed || level !== '' || left.size > 0)}
      wide
      footer={
        <>
          <span className="grow muted">{ready === null ? '' : 'Nothing is written until you import.'}</span>
          <button type="button" onClick={onClose}>
            {ready === null ? 'Close' : 'Cancel'}
          </button>
          {ready !== null && (
            <button type="submit" form="word-import-form" className="primary" disabled={classification === '' || count === 0}>
              Import {plural(count, 'item')}
            </button>
          )}
        </>
      }
    >
      {state.name === 'reading' && <p className="muted" role="status">{state.fileName === null ? 'Choose a Word file (.docx)…' : `Reading ${state.fileName}…`}</p>}
      {state.name === 'refused' && (
        <p className="paper-refusal" role="alert">
          {state.message}
        </p>
      )}
      {ready !== null && (
        <form
          id="word-import-form"
          className="paper-preview"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <p>
            <strong>{ready.fileName}</strong> makes {plural(ready.items.length, 'item')}, one per heading, at the end of {section.title}. Untick one to leave it out:
          </p>
          <div className="paper-choices">
            <label className="field">
              <span>Kind</span>
              <KindSelect selectRef={firstField} value={kind} onChange={setKind} />
            </label>
            <label className="field">
              <span>Classification</span>
              <select value={classification} onChange={(e) => setLevel(e.target.value)}>
                {levels.map((l) => (
                  <option key={l.code} value={l.code}>
                    {l.banner}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <ol className="paper-items" aria-label={`Items from ${ready.fileName}`}>
            {/* a paper's headings may repeat: its order is the key */}
            {ready.items.map((item, n) => {
              const words = plainText(item.body).replace(/\s+/g, ' ').trim();
              return (
                <li key={n} className={`paper-item kind-${kind} ${left.has(n) ? 'left-out' : ''}`}>
                  <span className="stripe" aria-hidden="true" />
                  <input type="checkbox" checked={!left.has(n)} onChange={() => toggle(n)} aria-label={`Import “${item.title}”`} />
                  <span className="paper-item-title" title={item.title}>
                    {item.title}
                    {item.beforeFirstHeading === true && <span className="muted"> — the text before the first heading</span>}
                  </span>
                  <span className="paper-item-words muted" title={words}>
                    {words === '' ? 'No text under this heading' : words}
                  </span>
                </li>
              );
            })}
          </ol>
        </form>
      )}
    </Dialog>
  );
}
