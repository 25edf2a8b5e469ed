/**
 * A file dragged from the desktop onto a section (the outline row, the section's cards, or the
 * section in the whole-book view): the HTML drag events, apart from the cards' own pointer
 * dragging (dnd-kit), which carries no files.
 */
import { useState, type DragEvent } from 'react';

const carriesFiles = (e: DragEvent) => Array.from(e.dataTransfer.types).includes('Files');

/** Handlers for an element a file may be dropped on; `onOver` says when one is over it. */
export function fileDropHandlers(onFile: (file: File) => void, onOver: (over: boolean) => void) {
  return {
    onDragOver: (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
      onOver(true);
    },
    onDragLeave: (e: DragEvent) => {
      // leaving for a child of the same target is not leaving
      if (e.relatedTarget instanceof Node && e.currentTarget.contains(e.relatedTarget)) return;
      onOver(false);
    },
    onDrop: (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      onOver(false);
      const file = e.dataTransfer.files[0];
      if (file !== undefined) onFile(file);
    },
  };
}

export type FileDropHandlers = ReturnType<typeof fileDropHandlers>;

/**
 * One drop target for files, as every section target uses it: whether a file is over it now (for
 * the drop indication) and the handlers to spread on it; none when `handlersFor` is null (no
 * section to drop into).
 */
export function useFileDropTarget(handlersFor: ((onOver: (over: boolean) => void) => FileDropHandlers) | null): { over: boolean; handlers: Partial<FileDropHandlers> } {
  const [over, setOver] = useState(false);
  return handlersFor === null ? { over: false, handlers: {} } : { over, handlers: handlersFor(setOver) };
}
