/**
 * The export feature as the rest of the renderer sees it. The export dialog (with pdf.js for its
 * preview) is loaded only when first opened, so it is reached through `loadExportDialog`, never
 * re-exported here: a static re-export would pull it into the first screen's bundle.
 */
import { lazy } from 'react';

export { ExportLog } from './ExportLog';
export { buildInWorker, releasePdfWorker } from './build-pdf';
export { releasePreviewWorker } from './preview-client';

export const loadExportDialog = () => import('./ExportDialog');
/** The live page preview beside the item editor (with pdf.js), loaded when first shown. */
export const LazyLivePreview = lazy(() => import('./LivePreview'));
