/** The import feature as the rest of the renderer sees it: the preview dialog and the import log. */
export { ImportDialog } from './ImportDialog';
export { ImportLog } from './ImportLog';
