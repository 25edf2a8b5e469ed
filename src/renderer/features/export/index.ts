/**
 * The export feature as the rest of the renderer sees it. The export dialog (with pdf.js for its
 * preview) is loaded only when first opened, so it is reached through `loadExportDialog`, never
 * re-exported here: a static re-export would pull it into the first screen's bundle.
 */
export { ExportLog } from './ExportLog';
export { buildInWorker, releasePdfWorker } from './build-pdf';

export const loadExportDialog = () => import('./ExportDialog');
