/**
 * The book view: header and meeting, the outline (BookOutline), the current section's cards or
 * the whole book (WholeBook) or the papers by office (ByOffice), drag and drop across them, the
 * picker and the tasking dialogs. Over ~400 lines because
 * the drag-and-drop context and its handlers span the outline and the cards and must live where
 * both are rendered; the outline, the whole-book view, Word papers (./word-import.tsx) and the sortable
 * keys are modules of their own.
 */
import { useEffect, useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  closestCenter,
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  pointerWithin,
  useSensor,
  useSensors,
  type CollisionDetection,
  type DragEndEvent,
  type DragStartEvent,
} from '@dnd-kit/core';
import { SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import type { ItemRow, MarkingScheme, SectionDetail } from '../../../shared/contract';
import { EmptyState, ErrorState } from '../../components/EmptyState';
import { MarkingBadge, PortionMark } from '../../components/Marking';
import { apiQuery, errorMessage } from '../../lib/api';
import { cardSelector } from '../../lib/focus-target';
import { formatDay, plural } from '../../lib/format';
import { notify, notifyError } from '../../lib/notices';
import { appUndo } from '../../lib/undo-stack';
import { addItems, addSection, deleteBook, deleteSection, moveItem, removeItem, renameSection, reorderSections } from './book-commands';
import { Outline } from './BookOutline';
import { ByOffice } from './ByOffice';
import { CardBody } from './CardBody';
import { ChangesDialog } from './ChangesDialog';
import { ItemPicker } from './ItemPicker';
import { RequestPaperDialog } from './RequestPaperDialog';
import { SendForDraftingDialog } from './SendForDraftingDialog';
import { itemKey, transformStyle } from './sortable-keys';
import { WholeBook } from './WholeBook';
import { useFileDropTarget } from './file-drop';
import { useWordImport } from './word-import';
import './book.css';

interface BookViewProps {
  bookId: string;
  sectionId?: string;
  onSection: (sectionId: string) => void;
  onOpenItem: (itemId: string) => void;
  onExport: () => void;
  onNewFrom: () => void;
  onDeleted: () => void;
  /** the book was just created: focus its title once it shows, not <body> */
  focusOnOpen?: boolean;
}


/** Items drop on an outline section (pointer inside it) or among the cards; sections only among sections. */
const collision: CollisionDetection = (args) => {
  const type = args.active.data.current?.type;
  const sections = args.droppableContainers.filter((c) => c.data.current?.type === 'section');
  if (type === 'item') {
    const onSection = pointerWithin({ ...args, droppableContainers: sections });
    if (onSection.length > 0) return onSection;
    return closestCenter({ ...args, droppableContainers: args.droppableContainers.filter((c) => c.data.current?.type === 'item') });
  }
  return closestCenter({ ...args, droppableContainers: sections });
};

export function BookView(props: BookViewProps) {
  const client = useQueryClient();
  const book = useQuery(apiQuery('books.get', { id: props.bookId }));
  const info = useQuery(apiQuery('library.info', {}));
  // recovery mode: the main additions are disabled; moves and renames answer `read_only` in words
  const readOnly = info.data?.readOnly === true;
  const [picker, setPicker] = useState(false);
  const [changesOpen, setChangesOpen] = useState(false);
  const [headerOpen, setHeaderOpen] = useState(true);
  /** every section in one scroll, or the one-section view (the default, where cards move) */
  const [whole, setWhole] = useState(false);
  /** the papers by drafting office (tasking) instead of the sections' cards */
  const [byOffice, setByOffice] = useState(false);
  const [dialog, setDialog] = useState<'request' | 'send' | null>(null);
  const [dragging, setDragging] = useState<{ type: 'section' | 'item'; id: string } | null>(null);
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }));
  // Where focus goes once it is on screen (docs/ux.md, "Keyboard"): the new book's title, or the
  // card a command moved into another section (its old element is gone, focus would fall to <body>).
  const root = useRef<HTMLDivElement>(null);
  const [focusTarget, setFocusTarget] = useState<string | null>(props.focusOnOpen === true ? '.book-title h1' : null);
  useEffect(() => {
    if (focusTarget === null) return;
    const target = root.current?.querySelector<HTMLElement>(focusTarget);
    if (target === null || target === undefined) return;
    target.focus();
    setFocusTarget(null);
    // tried again when the book's data or the section shown changes: the target appears with them
  }, [focusTarget, book.data, props.sectionId]);

  // a Word paper dropped on a section or chosen for it (./word-import.tsx): focus on its first item
  const paper = useWordImport({
    detail: book.data,
    scheme: info.data?.markings,
    readOnly,
    onImported: (sectionId, itemIds) => {
      props.onSection(sectionId);
      if (itemIds.length > 0) setFocusTarget(cardSelector(itemIds[0]));
    },
  });
  // the section shown takes a Word file dragged over its cards
  const shownId = (book.data?.sections.find((s) => s.id === props.sectionId) ?? book.data?.sections[0])?.id;
  const sectionDrop = useFileDropTarget(shownId === undefined ? null : (onOver) => paper.dropOn(shownId, onOver));

  if (book.isError) return <ErrorState message={`This book could not be opened. ${errorMessage(book.error)}`} onRetry={() => void book.refetch()} />;
  if (!book.isSuccess) return <div className="loading">Opening the book…</div>;
  const detail = book.data;
  const scheme = info.data?.markings;
  const current = detail.sections.find((s) => s.id === props.sectionId) ?? detail.sections[0];
  const meeting = detail.book.meeting;

  const guard = (promise: Promise<unknown>, what: string) => void promise.catch((error: unknown) => notifyError(error, what));

  const moveSectionBy = (sectionId: string, delta: number) => {
    const from = detail.sections.findIndex((s) => s.id === sectionId);
    const to = from + delta;
    if (from < 0 || to < 0 || to >= detail.sections.length) return;
    guard(reorderSections(client, detail, from, to), 'Could not move the section');
  };

  /** Alt+↑/↓ on a card: within the section, and across into the neighbouring section at its edges. */
  const moveItemBy = (itemId: string, delta: number) => {
    if (current === undefined) return;
    const index = current.items.findIndex((i) => i.id === itemId);
    const sectionIndex = detail.sections.indexOf(current);
    const to = index + delta;
    if (to >= 0 && to < current.items.length) {
      guard(moveItem(client, detail, itemId, { sectionId: current.id, index }, { sectionId: current.id, index: to }), 'Could not move the item');
      return;
    }
    const neighbour = detail.sections[sectionIndex + delta];
    if (neighbour === undefined) return;
    const target = { sectionId: neighbour.id, index: delta < 0 ? neighbour.items.length : 0 };
    guard(
      moveItem(client, detail, itemId, { sectionId: current.id, index }, target).then(() => {
        props.onSection(neighbour.id);
        setFocusTarget(cardSelector(itemId));
        notify(`Moved to ${neighbour.title}`);
      }),
      'Could not move the item',
    );
  };

  const onDragStart = (event: DragStartEvent) => {
    const type = event.active.data.current?.type as 'section' | 'item' | undefined;
    if (type !== undefined) setDragging({ type, id: String(event.active.id).slice(type.length + 1) });
  };

  const onDragEnd = (event: DragEndEvent) => {
    setDragging(null);
    const { active, over } = event;
    if (over === null) return;
    const activeType = active.data.current?.type;
    const overType = over.data.current?.type;
    const activeId = String(active.id).replace(/^(section|item):/, '');
    const overId = String(over.id).replace(/^(section|item):/, '');
    if (activeType === 'section' && overType === 'section') {
      const from = detail.sections.findIndex((s) => s.id === activeId);
      const to = detail.sections.findIndex((s) => s.id === overId);
      if (from !== to && from >= 0 && to >= 0) guard(reorderSections(client, detail, from, to), 'Could not move the section');
    } else if (activeType === 'item' && current !== undefined) {
      const from = { sectionId: current.id, index: current.items.findIndex((i) => i.id === activeId) };
      if (overType === 'section') {
        if (overId === current.id) return;
        const target = detail.sections.find((s) => s.id === overId);
        if (target === undefined) return;
        guard(
          moveItem(client, detail, activeId, from, { sectionId: overId, index: target.items.length }).then(() => notify(`Moved to ${target.title}`, { action: { label: 'Undo', run: () => void appUndo.undo() } })),
          'Could not move the item',
        );
      } else if (overType === 'item') {
        const to = current.items.findIndex((i) => i.id === overId);
        if (to >= 0 && to !== from.index) guard(moveItem(client, detail, activeId, from, { sectionId: current.id, index: to }), 'Could not move the item');
      }
    }
  };

  const draggedItem = dragging?.type === 'item' ? current?.items.find((i) => i.id === dragging.id) : undefined;
  const draggedSection = dragging?.type === 'section' ? detail.sections.find((s) => s.id === dragging.id) : undefined;

  return (
    <div className="book-view" ref={root}>
      <div className="view-head book-head">
        <div className="book-title">
          <h1 title={detail.book.title} tabIndex={-1}>
            {detail.book.title}
          </h1>
          {detail.book.subtitle && <div className="subtitle">{detail.book.subtitle}</div>}
        </div>
        <MarkingBadge scheme={scheme} level={detail.overallLevel} text={detail.overallMarking} />
        <span className="grow" />
        <div className="toolbar">
          <button type="button" aria-pressed={whole && !byOffice} onClick={() => { setByOffice(false); setWhole((w) => !w || byOffice); }} title="Every section in one scroll, or one section at a time">
            Whole book
          </button>
          <button type="button" aria-pressed={byOffice} onClick={() => setByOffice((b) => !b)} title="The papers by drafting office: due dates, what came back, what is missing">
            By office
          </button>
          <button type="button" onClick={() => setDialog('send')} disabled={readOnly} title="Save the papers one office owns as a file for it to draft">
            Send for drafting…
          </button>
          <button type="button" onClick={() => setHeaderOpen((o) => !o)} aria-expanded={headerOpen} aria-controls="meeting-panel">
            {headerOpen ? 'Hide meeting' : 'Show meeting'}
          </button>
          <button type="button" onClick={props.onNewFrom} disabled={readOnly} title="Start the next book from this one (Ctrl+Shift+N)">
            New book from this…
          </button>
          <button type="button" onClick={() => setChangesOpen(true)} title="What changed since an earlier PDF of this book: added, edited, moved, removed">
            Changes since…
          </button>
          <button type="button" className="primary" onClick={props.onExport} title="Export a PDF (Ctrl+E)">
            Export…
          </button>
        </div>
      </div>
      {headerOpen && (
        <div className="meeting" id="meeting-panel">
          {meeting === undefined || Object.values(meeting).every((v) => v === undefined || v === '') ? (
            <span className="muted">No meeting details yet — fill them in the inspector on the right.</span>
          ) : (
            <dl>
              {(
                [
                  ['Date', meeting.date === undefined ? undefined : formatDay(meeting.date)],
                  ['Place', meeting.location],
                  ['Principal', meeting.principal],
                  ['Counterpart', meeting.counterpart],
                  ['Format', meeting.format],
                  ['Prepared by', detail.book.preparedBy],
                ] as [string, string | undefined][]
              )
                .filter(([, value]) => value !== undefined && value !== '')
                .map(([label, value]) => (
                  <div key={label} className="meeting-pair">
                    <dt>{label}</dt>
                    <dd title={value}>{value}</dd>
                  </div>
                ))}
            </dl>
          )}
        </div>
      )}
      <DndContext sensors={sensors} collisionDetection={collision} onDragStart={onDragStart} onDragEnd={onDragEnd} onDragCancel={() => setDragging(null)}
        accessibility={{
          screenReaderInstructions: { draggable: 'To pick up, press Space or Enter. Move with the arrow keys, press Space or Enter again to drop, Escape to cancel. Alt+Up and Alt+Down move without dragging.' },
        }}
      >
        <div className="book-body">
          <Outline
            readOnly={readOnly}
            detail={detail}
            currentId={current?.id}
            onSection={(sectionId) => {
              props.onSection(sectionId);
              if (whole) root.current?.querySelector(`.whole-section[data-section-id="${CSS.escape(sectionId)}"]`)?.scrollIntoView({ block: 'start' });
            }}
            onMove={moveSectionBy}
            onRename={(sectionId, title) => guard(renameSection(client, detail, sectionId, title), 'Could not rename the section')}
            onDelete={(sectionId) => {
              const section = detail.sections.find((s) => s.id === sectionId);
              guard(
                deleteSection(client, detail, sectionId).then(() => notify(`Deleted section “${section?.title}”. Its items stay in the library.`, { action: { label: 'Undo', run: () => void appUndo.undo().catch((e: unknown) => notifyError(e, 'Could not undo')) } })),
                'Could not delete the section',
              );
            }}
            onAdd={(title) =>
              guard(
                addSection(client, detail, title).then((id) => id !== null && props.onSection(id)),
                'Could not add the section',
              )
            }
            dropFileOn={paper.dropOn}
            dropTarget={dragging?.type === 'item'}
          />
          {byOffice ? (
            <ByOffice detail={detail} onOpenItem={props.onOpenItem} />
          ) : whole ? (
            <WholeBook
              detail={detail}
              scheme={scheme}
              readOnly={readOnly}
              dropFileOn={paper.dropOn}
              onImportWord={paper.choose}
              onOpenItem={props.onOpenItem}
              onSection={(sectionId) => {
                setWhole(false);
                props.onSection(sectionId);
              }}
            />
          ) : (
          <section className={`section-pane ${sectionDrop.over ? 'file-over' : ''}`} aria-label={current ? `Section ${current.title}` : 'Section'} {...sectionDrop.handlers}>
            {current === undefined ? (
              <EmptyState title="This book has no sections yet">
                <p>Add a section on the left (for example “Talking points” or “Red lines”), then add items from the library.</p>
              </EmptyState>
            ) : (
              <>
                <div className="section-head">
                  <h2 title={current.title}>{current.title}</h2>
                  <span className="muted">{plural(current.items.length, 'item')}</span>
                  <span className="grow" />
                  <button type="button" disabled={readOnly} onClick={() => setDialog('request')} title="Ask a drafting office for a paper not yet written">
                    Request a paper…
                  </button>
                  <button type="button" disabled={readOnly} onClick={() => paper.choose(current.id)} title="Each heading of a Word paper becomes an item; a .docx dropped here does the same">
                    Import Word file…
                  </button>
                  <button type="button" className="primary" disabled={readOnly} onClick={() => setPicker(true)}>
                    Add items…
                  </button>
                </div>
                {current.items.length === 0 ? (
                  <EmptyState title="This section is empty">
                    <p>Add talking points, asks or red lines from the library, or drop a Word file here: each heading becomes an item.</p>
                    <button type="button" disabled={readOnly} onClick={() => setPicker(true)}>
                      Add items…
                    </button>
                  </EmptyState>
                ) : (
                  <SortableContext items={current.items.map((i) => itemKey(i.id))} strategy={verticalListSortingStrategy}>
                    <ol className="cards" aria-label={`Items in ${current.title} (Alt+Up/Down moves, Enter opens, Delete removes)`}>
                      {current.items.map((item, index) => (
                        <ItemCard
                          key={item.id}
                          item={item}
                          index={index}
                          scheme={scheme}
                          sections={detail.sections}
                          current={current}
                          onOpen={() => props.onOpenItem(item.id)}
                          onMoveBy={(delta) => moveItemBy(item.id, delta)}
                          onMoveTo={(sectionId) => {
                            const target = detail.sections.find((s) => s.id === sectionId);
                            if (target === undefined) return;
                            guard(moveItem(client, detail, item.id, { sectionId: current.id, index }, { sectionId, index: target.items.length }).then(() => notify(`Moved to ${target.title}`)), 'Could not move the item');
                          }}
                          onRemove={() =>
                            guard(
                              removeItem(client, detail, current.id, item.id).then(() => notify(`Removed “${item.title}” from ${current.title}. It stays in the library.`, { action: { label: 'Undo', run: () => void appUndo.undo().catch((e: unknown) => notifyError(e, 'Could not undo')) } })),
                              'Could not remove the item',
                            )
                          }
                        />
                      ))}
                    </ol>
                  </SortableContext>
                )}
              </>
            )}
          </section>
          )}
        </div>
        <DragOverlay dropAnimation={null}>
          {draggedItem !== undefined ? (
            <div className={`card overlay kind-${draggedItem.kind}`}>
              <span className="stripe" aria-hidden="true" />
              <div className="card-main">
                <div className="card-line">
                  <PortionMark scheme={scheme} item={draggedItem} />
                  <span className="card-title">{draggedItem.title}</span>
                </div>
              </div>
            </div>
          ) : draggedSection !== undefined ? (
            <div className="outline-row overlay">{draggedSection.title}</div>
          ) : null}
        </DragOverlay>
      </DndContext>
      <div className="book-foot">
        <button
          type="button"
          className="danger ghost"
          disabled={readOnly}
          onClick={() =>
            guard(
              deleteBook(client, detail.book.id, detail.book.title).then(() => {
                props.onDeleted();
                notify(`Deleted book “${detail.book.title}”. Its items stay in the library.`, { action: { label: 'Undo', run: () => void appUndo.undo().catch((e: unknown) => notifyError(e, 'Could not undo')) } });
              }),
              'Could not delete the book',
            )
          }
        >
          Delete book
        </button>
      </div>
      {dialog === 'request' && current !== undefined && <RequestPaperDialog detail={detail} sectionId={current.id} onClose={() => setDialog(null)} />}
      {dialog === 'send' && <SendForDraftingDialog detail={detail} onClose={() => setDialog(null)} />}
      {paper.dialog}
      {changesOpen && <ChangesDialog bookId={detail.book.id} bookTitle={detail.book.title} onClose={() => setChangesOpen(false)} />}
      {picker && current !== undefined && (
        <ItemPicker
          sectionTitle={current.title}
          already={new Set(current.items.map((i) => i.id))}
          onClose={() => setPicker(false)}
          onAdd={(itemIds) => {
            setPicker(false);
            guard(addItems(client, detail.book.id, current.id, current.title, itemIds).then(() => notify(`Added ${plural(itemIds.length, 'item')} to ${current.title}`)), 'Could not add the items');
          }}
        />
      )}
    </div>
  );
}

function ItemCard({ item, index, scheme, sections, current, onOpen, onMoveBy, onMoveTo, onRemove }: { item: ItemRow; index: number; scheme: MarkingScheme | undefined; sections: SectionDetail[]; current: SectionDetail; onOpen: () => void; onMoveBy: (delta: number) => void; onMoveTo: (sectionId: string) => void; onRemove: () => void }) {
  const sortable = useSortable({ id: itemKey(item.id), data: { type: 'item' } });
  return (
    <li
      ref={sortable.setNodeRef}
      className={`card kind-${item.kind} ${sortable.isDragging ? 'dragging' : ''}`}
      style={transformStyle(sortable.transform, sortable.transition)}
      data-item-id={item.id}
      tabIndex={0}
      aria-label={`${index + 1}. ${item.title}`}
      onDoubleClick={onOpen}
      onKeyDown={(e) => {
        if (e.target !== e.currentTarget) return;
        if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
          e.preventDefault();
          onMoveBy(e.key === 'ArrowUp' ? -1 : 1);
        } else if (e.key === 'Enter') {
          e.preventDefault();
          onOpen();
        } else if (e.key === 'Delete') {
          e.preventDefault();
          onRemove();
        } else if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
          e.preventDefault();
          const sibling = e.key === 'ArrowUp' ? e.currentTarget.previousElementSibling : e.currentTarget.nextElementSibling;
          (sibling as HTMLElement | null)?.focus();
        }
      }}
    >
      <span className="stripe" aria-hidden="true" />
      <button type="button" ref={sortable.setActivatorNodeRef} className="handle" aria-label={`Drag ${item.title}`} title="Drag to reorder, or onto a section on the left (Alt+↑/↓ also moves)" {...sortable.attributes} {...sortable.listeners}>
        ⋮⋮
      </button>
      <CardBody item={item} scheme={scheme} onOpen={onOpen} />
      <div className="card-actions">
        <select aria-label={`Move ${item.title} to another section`} value="" onChange={(e) => e.target.value !== '' && onMoveTo(e.target.value)}>
          <option value="">Move to…</option>
          {sections
            .filter((s) => s.id !== current.id)
            .map((s) => (
              <option key={s.id} value={s.id}>
                {s.title}
              </option>
            ))}
        </select>
        <button type="button" className="icon-button" aria-label={`Remove ${item.title} from ${current.title}`} title="Remove from this section (Delete)" onClick={onRemove}>
          ×
        </button>
      </div>
    </li>
  );
}
