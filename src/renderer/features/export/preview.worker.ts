/// <reference lib="webworker" />
/**
 * The live preview's engine, off the main thread so typing never waits for it: the jobs of
 * preview-session.ts, fed by the page's messages, with the fonts read from the app's own origin.
 */
import '../../lib/zod-jitless';
import { LiveLayout } from '../../../pdf';
import { loadFonts } from './worker-fonts';
import type { ToPreviewWorker } from './preview-protocol';
import { PreviewSession } from './preview-session';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const session = new PreviewSession(
  async () => new LiveLayout(await loadFonts()),
  (message, transfer) => scope.postMessage(message, transfer),
);

scope.onmessage = (event: MessageEvent<ToPreviewWorker>) => {
  void session.receive(event.data);
};
