/** The import feature as the rest of the renderer sees it: the preview dialog and the import log. */
export { chooseImport, ImportDialog, type Chosen as ChosenImport } from './ImportDialog';
export { ImportLog } from './ImportLog';
