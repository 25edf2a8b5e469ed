/** The import feature as the rest of the renderer sees it: choosing a file and the preview dialog (its log is in Settings). */
export { chooseImport, ImportDialog, type Chosen as ChosenImport } from './ImportDialog';
