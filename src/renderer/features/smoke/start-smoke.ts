/**
 * The renderer's side of `briefbook --smoke` (docs/release.md): when the main process says it
 * was started with the switch (`app.info` → smoke), runs the start-up check through
 * `window.briefbook`, the page and the PDF worker, and reports on the console, where the main
 * process reads it. Loaded only in that case (a separate chunk).
 */
import { buildInWorker } from '../export';
import { call } from '../../lib/api';
import { runSmokeSequence, SMOKE_REPORT_PREFIX } from '../../../shared/smoke-check';

/** Resolves with the text of #root once React has drawn something there. */
function firstScreen(): Promise<string> {
  const root = document.getElementById('root');
  if (root === null) return Promise.reject(new Error('the page has no #root'));
  const text = () => root.innerText ?? root.textContent ?? '';
  if (text().trim() !== '') return Promise.resolve(text());
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (text().trim() === '') return;
      observer.disconnect();
      resolve(text());
    });
    observer.observe(root, { childList: true, subtree: true, characterData: true });
  });
}

export async function startSmoke(): Promise<void> {
  try {
    const report = await runSmokeSequence({
      call,
      firstScreen,
      buildPdf: async (content, options) => {
        const [pdf] = await buildInWorker(content, options, [{ kind: 'book', label: 'the book' }], () => {}).result;
        return pdf;
      },
    });
    console.info(`${SMOKE_REPORT_PREFIX}${JSON.stringify({ ok: true, report })}`);
  } catch (error) {
    console.error(`${SMOKE_REPORT_PREFIX}${JSON.stringify({ ok: false, message: error instanceof Error ? error.message : String(error) })}`);
  }
}
