import { useRef, useState, type ReactNode } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { LIMITS, type ItemKind } from '../../../shared/domain';
import type { ClearanceState } from '../../../shared/clearance';
import { Dialog } from '../../components/Dialog';
import { ErrorState } from '../../components/EmptyState';
import { KindLabel, StatusLabel } from '../../components/Kind';
import { PortionMark } from '../../components/Marking';
import { Segments } from '../../components/Segments';
import { apiQuery, errorMessage } from '../../lib/api';
import { plural } from '../../lib/format';

interface Choice {
  id: string;
  kind: ItemKind;
  title: ReactNode;
  plainTitle: string;
  classification: string;
  caveats: string[];
  state: ClearanceState;
}

/** Type to search, arrow keys to move, Space to pick several, Enter to add (docs/ux.md). */
export function ItemPicker({ sectionTitle, already, onClose, onAdd }: { sectionTitle: string; already: Set<string>; onClose: () => void; onAdd: (itemIds: string[]) => void }) {
  const [q, setQ] = useState('');
  const [picked, setPicked] = useState<string[]>([]);
  const [active, setActive] = useState(0);
  const listRef = useRef<HTMLUListElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const searching = q.trim() !== '';
  const search = useQuery({ ...apiQuery('search.query', { q: q.trim(), limit: 100 }), enabled: searching, placeholderData: keepPreviousData });
  const scheme = useQuery(apiQuery('library.info', {})).data?.markings;
  const recent = useQuery({ ...apiQuery('items.list', { sort: { by: 'updatedAt', dir: 'desc' }, offset: 0, limit: 100 }), enabled: !searching });
  const choices: Choice[] = searching
    ? (search.data ?? []).map((h) => ({ id: h.id, kind: h.kind, title: <Segments segments={h.titleSegments} />, plainTitle: h.title, classification: h.classification, caveats: h.caveats, state: h.clearanceState }))
    : (recent.data?.rows ?? []).map((r) => ({ id: r.id, kind: r.kind, title: r.title, plainTitle: r.title, classification: r.classification, caveats: r.caveats, state: r.clearanceState }));
  const error = searching ? search.error : recent.error;

  const togglePick = (id: string) => {
    if (already.has(id)) return;
    setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id]));
  };
  const focusOption = (index: number) => {
    const next = Math.max(0, Math.min(choices.length - 1, index));
    setActive(next);
    const el = listRef.current?.children[next] as HTMLElement | undefined;
    el?.focus();
    el?.scrollIntoView({ block: 'nearest' });
  };
  const submit = () => {
    const ids = picked.length > 0 ? picked : choices[active] !== undefined && !already.has(choices[active].id) ? [choices[active].id] : [];
    if (ids.length > 0) onAdd(ids);
  };

  return (
    <Dialog
      title={`Add items to ${sectionTitle}`}
      onClose={onClose}
      unsaved={picked.length > 0}
      footer={
        <>
          <span className="grow muted">{picked.length === 0 ? 'Space selects several; Enter adds.' : `${picked.length} selected`}</span>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="primary" disabled={picked.length === 0 && choices.length === 0} onClick={submit}>
            Add {picked.length > 1 ? `${picked.length} items` : 'to section'}
          </button>
        </>
      }
    >
      <input
        ref={inputRef}
        className="picker-search"
        type="search"
        autoFocus
        aria-label="Search items to add"
        placeholder="Search the library (English or 한국어)…"
        value={q}
        maxLength={LIMITS.short}
        onChange={(e) => {
          setQ(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            focusOption(active);
          } else if (e.key === 'Enter') {
            e.preventDefault();
            submit();
          }
        }}
      />
      {error !== null && error !== undefined && <ErrorState message={errorMessage(error)} />}
      <div className="picker-caption muted">{searching ? plural(choices.length, 'match', 'matches') : 'Recently changed'}</div>
      <ul ref={listRef} className="picker-list" role="listbox" aria-label="Items" aria-multiselectable="true">
        {choices.map((c, index) => {
          const inSection = already.has(c.id);
          const isPicked = picked.includes(c.id);
          return (
            <li
              key={c.id}
              role="option"
              tabIndex={index === active ? 0 : -1}
              aria-selected={isPicked}
              aria-disabled={inSection}
              data-item-id={c.id}
              className={`picker-option kind-${c.kind} ${isPicked ? 'picked' : ''} ${inSection ? 'in-section' : ''}`}
              onClick={() => {
                setActive(index);
                togglePick(c.id);
              }}
              onDoubleClick={() => !inSection && onAdd([...new Set([...picked, c.id])])}
              onKeyDown={(e) => {
                if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                  e.preventDefault();
                  if (e.key === 'ArrowUp' && index === 0) inputRef.current?.focus();
                  else focusOption(index + (e.key === 'ArrowDown' ? 1 : -1));
                } else if (e.key === ' ') {
                  e.preventDefault();
                  togglePick(c.id);
                } else if (e.key === 'Enter') {
                  e.preventDefault();
                  submit();
                } else if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
                  inputRef.current?.focus();
                }
              }}
            >
              <span className="check" aria-hidden="true">
                {inSection ? '✓' : isPicked ? '☑' : '☐'}
              </span>
              <span className="stripe" aria-hidden="true" />
              <span className="hit-mark">
                <PortionMark scheme={scheme} item={c} />
              </span>
              <span className="picker-title" title={c.plainTitle}>
                {c.title}
              </span>
              {inSection ? <span className="muted">already here</span> : <KindLabel kind={c.kind} />}
              <StatusLabel state={c.state} />
            </li>
          );
        })}
      </ul>
    </Dialog>
  );
}
