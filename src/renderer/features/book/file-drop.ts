/**
 * A file dragged from the desktop onto a section (the outline row or the section's cards): the
 * HTML drag events, apart from the cards' own pointer dragging (dnd-kit), which carries no files.
 */
import type { DragEvent } from 'react';

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
