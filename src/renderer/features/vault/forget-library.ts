/**
 * When the library locks (or goes into recovery) the page keeps nothing of it: the query cache
 * loses every answer but the vault's own status and the app's, the undo stack its commands (they
 * hold titles and whole items), the notices their words, the PDF and preview workers their heaps. Only ids of
 * where the user was are kept (app/Root), so unlocking returns there.
 */
import type { QueryClient } from '@tanstack/react-query';
import { dismissAll } from '../../lib/notices';
import { resetSaveState, writesSettled } from '../../lib/save-status';
import { appUndo } from '../../lib/undo-stack';
import { releasePdfWorker, releasePreviewWorker } from '../export';

/** Answers that say nothing of the library's content. */
const KEPT = new Set(['vault.status', 'files.recentLibraries', 'app.info']);

export async function forgetLibrary(client: QueryClient): Promise<void> {
  // a view that closed saves what it had pending; let that answer (or fail) first
  await writesSettled();
  await new Promise((resolve) => window.setTimeout(resolve, 0));
  await client.cancelQueries({ predicate: (query) => !KEPT.has(String(query.queryKey[0])) });
  client.removeQueries({ predicate: (query) => !KEPT.has(String(query.queryKey[0])) });
  client.getMutationCache().clear();
  appUndo.clear();
  dismissAll();
  resetSaveState();
  releasePdfWorker();
  releasePreviewWorker();
}
