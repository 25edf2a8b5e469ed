import { useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { SortableContext, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import type { BookDetail, SectionDetail } from '../../../shared/contract';
import { LIMITS } from '../../../shared/domain';
import { plural } from '../../lib/format';
import { useFileDropTarget, type FileDropHandlers } from './file-drop';
import { sectionKey, transformStyle } from './sortable-keys';

/** The book's outline: its sections in order, each renamed, moved (drag or Alt+arrows) or deleted in place, and a field to add one. */
export function Outline({ detail, currentId, onSection, onMove, onRename, onDelete, onAdd, dropFileOn, dropTarget, readOnly = false }: { detail: BookDetail; currentId: string | undefined; onSection: (id: string) => void; onMove: (id: string, delta: number) => void; onRename: (id: string, title: string) => void; onDelete: (id: string) => void; onAdd: (title: string) => void; dropFileOn: (id: string, onOver: (over: boolean) => void) => FileDropHandlers; dropTarget: boolean; readOnly?: boolean }) {
  const [adding, setAdding] = useState('');
  return (
    <nav className={`outline ${dropTarget ? 'drop-target' : ''}`} aria-label="Sections">
      <h3 className="outline-title">Sections</h3>
      <SortableContext items={detail.sections.map((s) => sectionKey(s.id))} strategy={verticalListSortingStrategy}>
        <ol className="outline-list" aria-label="Sections (Alt+Up/Down moves, F2 renames, Delete deletes)">
          {detail.sections.map((section, index) => (
            <OutlineRow key={section.id} section={section} index={index} count={detail.sections.length} current={section.id === currentId} onSelect={() => onSection(section.id)} onMove={(d) => onMove(section.id, d)} onRename={(t) => onRename(section.id, t)} onDelete={() => onDelete(section.id)} dropFileOn={(onOver) => dropFileOn(section.id, onOver)} />
          ))}
        </ol>
      </SortableContext>
      <form
        className="add-section"
        onSubmit={(e) => {
          e.preventDefault();
          const title = adding.trim();
          if (title === '') return;
          onAdd(title);
          setAdding('');
        }}
      >
        <input aria-label="New section title" placeholder="New section…" value={adding} maxLength={LIMITS.title} disabled={readOnly} onChange={(e) => setAdding(e.target.value)} />
        <button type="submit" disabled={readOnly || adding.trim() === ''}>
          Add
        </button>
      </form>
    </nav>
  );
}

function OutlineRow({ section, index, count, current, onSelect, onMove, onRename, onDelete, dropFileOn }: { section: SectionDetail; index: number; count: number; current: boolean; onSelect: () => void; onMove: (delta: number) => void; onRename: (title: string) => void; onDelete: () => void; dropFileOn: (onOver: (over: boolean) => void) => FileDropHandlers }) {
  const sortable = useSortable({ id: sectionKey(section.id), data: { type: 'section' } });
  const [editing, setEditing] = useState<string | null>(null);
  // a Word file dragged from the desktop onto the row goes into this section
  const drop = useFileDropTarget(dropFileOn);
  const onKeyDown = (e: ReactKeyboardEvent) => {
    if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
      e.preventDefault();
      onMove(e.key === 'ArrowUp' ? -1 : 1);
    } else if (e.key === 'F2') {
      e.preventDefault();
      setEditing(section.title);
    } else if (e.key === 'Delete') {
      e.preventDefault();
      onDelete();
    } else if (!e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
      e.preventDefault();
      const rows = [...document.querySelectorAll<HTMLElement>('.outline-select')];
      rows[Math.max(0, Math.min(rows.length - 1, index + (e.key === 'ArrowUp' ? -1 : 1)))]?.focus();
    }
  };
  return (
    <li
      ref={sortable.setNodeRef}
      className={`outline-row ${current ? 'current' : ''} ${sortable.isDragging ? 'dragging' : ''} ${(sortable.isOver && !sortable.isSorting) || drop.over ? 'over' : ''}`}
      style={transformStyle(sortable.transform, sortable.transition)}
      data-section-id={section.id}
      {...drop.handlers}
    >
      {/* one tab stop per row (docs/ux.md, "Keyboard"): the section's name; its buttons are for the
          mouse, and the keys do the same on the name (Alt+↑/↓ move, F2 renames, Delete deletes) */}
      <button type="button" ref={sortable.setActivatorNodeRef} className="handle" aria-label={`Drag section ${section.title}`} title="Drag to reorder (or Alt+↑/↓)" {...sortable.attributes} tabIndex={-1} {...sortable.listeners}>
        ⋮⋮
      </button>
      {editing !== null ? (
        <form
          className="rename"
          onSubmit={(e) => {
            e.preventDefault();
            const title = editing.trim();
            if (title !== '' && title !== section.title) onRename(title);
            setEditing(null);
          }}
        >
          <input
            autoFocus
            aria-label={`New title for section ${section.title}`}
            value={editing}
            maxLength={LIMITS.title}
            onChange={(e) => setEditing(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.preventDefault();
                e.stopPropagation();
                setEditing(null);
              }
            }}
            onBlur={(e) => e.currentTarget.form?.requestSubmit()}
          />
        </form>
      ) : (
        <button type="button" className="outline-select" tabIndex={current ? 0 : -1} aria-current={current ? 'true' : undefined} onClick={onSelect} onDoubleClick={() => setEditing(section.title)} onKeyDown={onKeyDown} title={`${section.title} — ${plural(section.items.length, 'item')}`}>
          <span className="outline-name">{section.title}</span>
          <span className="count">{section.items.length}</span>
        </button>
      )}
      <span className="row-actions">
        <button type="button" className="icon-button" tabIndex={-1} aria-label={`Move section ${section.title} up`} title="Move up (Alt+↑)" disabled={index === 0} onClick={() => onMove(-1)}>
          ↑
        </button>
        <button type="button" className="icon-button" tabIndex={-1} aria-label={`Move section ${section.title} down`} title="Move down (Alt+↓)" disabled={index === count - 1} onClick={() => onMove(1)}>
          ↓
        </button>
        <button type="button" className="icon-button" tabIndex={-1} aria-label={`Rename section ${section.title}`} title="Rename (F2)" onClick={() => setEditing(section.title)}>
          ✎
        </button>
        <button type="button" className="icon-button" tabIndex={-1} aria-label={`Delete section ${section.title}`} title="Delete section (its items stay in the library)" onClick={onDelete}>
          ×
        </button>
      </span>
    </li>
  );
}
