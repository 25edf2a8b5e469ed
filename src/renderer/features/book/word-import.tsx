/**
 * The book view's Word papers (docs/ux.md, "Word papers"): a .docx dropped on a section or
 * chosen with its "Import Word file…", the preview (WordImportDialog), then the write
 * (`createItems`, undoable), a notice and focus on the first new card.
 */
import { useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { BookDetail, MarkingScheme } from '../../../shared/contract';
import { plural } from '../../lib/format';
import { notify, notifyError } from '../../lib/notices';
import { appUndo } from '../../lib/undo-stack';
import { createItems } from './book-commands';
import { fileDropHandlers, type FileDropHandlers } from './file-drop';
import { WordImportDialog, type PaperItems, type PaperSource } from './WordImportDialog';

export interface WordImport {
  /** handlers for an element a .docx may be dropped on, for the section `sectionId` */
  dropOn: (sectionId: string, onOver: (over: boolean) => void) => FileDropHandlers;
  /** "Import Word file…": the main process's open dialog, then the preview */
  choose: (sectionId: string) => void;
  /** the preview, while one is open */
  dialog: ReactNode;
}

export function useWordImport({ detail, scheme, readOnly, onImported }: { detail: BookDetail | undefined; scheme: MarkingScheme | undefined; readOnly: boolean; onImported: (sectionId: string, itemIds: string[]) => void }): WordImport {
  const client = useQueryClient();
  const [paper, setPaper] = useState<{ sectionId: string; source: PaperSource } | null>(null);

  const write = (sectionId: string, { fileName, classification, items }: PaperItems) => {
    const section = detail?.sections.find((s) => s.id === sectionId);
    setPaper(null);
    if (detail === undefined || section === undefined) return;
    createItems(client, detail.book.id, section, classification, items, fileName).then(
      (itemIds) => {
        onImported(section.id, itemIds);
        notify(`Imported ${plural(itemIds.length, 'item')} from ${fileName} into ${section.title}`, { action: { label: 'Undo', run: () => void appUndo.undo().catch((e: unknown) => notifyError(e, 'Could not undo')) } });
      },
      (error: unknown) => notifyError(error, 'Could not import the Word file'),
    );
  };

  const open = (sectionId: string, source: PaperSource) => {
    if (readOnly) notify('The library is open read-only: nothing can be imported.', { tone: 'error' });
    else setPaper({ sectionId, source });
  };

  const target = paper === null ? undefined : detail?.sections.find((s) => s.id === paper.sectionId);
  return {
    dropOn: (sectionId, onOver) => fileDropHandlers((file) => open(sectionId, { file }), onOver),
    choose: (sectionId) => open(sectionId, { choose: true }),
    dialog:
      paper === null || detail === undefined || target === undefined ? null : (
        <WordImportDialog source={paper.source} section={target} scheme={scheme} bookLevel={detail.overallLevel} onClose={() => setPaper(null)} onImport={(items) => write(target.id, items)} />
      ),
  };
}
