/**
 * `npm run demo`: prints the bundled sample book and its pocket card to ./out/demo/ and says
 * where, so a newcomer on any machine sees the main job work. Reads the exchange file directly:
 * no library, no setup.
 */
import { resolve } from 'node:path';
import { SAMPLE_BOOK_PATH } from '../store';
import { pdfCommand } from './commands/pdf';
import type { CliIo } from './command';

const SAMPLE_BOOK_ID = 'summit-2025-08-25';

const io: CliIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  env: process.env,
  prompt: async () => null,
};

const out = resolve('out/demo', `${SAMPLE_BOOK_ID}.pdf`);
const started = performance.now();
pdfCommand
  .run(['--from', SAMPLE_BOOK_PATH, '--book', SAMPLE_BOOK_ID, '--out', out, '--pocket-card'], io)
  .then(
    (code) => {
      if (code === 0) io.out(`Done in ${((performance.now() - started) / 1000).toFixed(1)} s. Open the files above in any PDF viewer.`);
      process.exitCode = code;
    },
    (error: unknown) => {
      io.err(`demo failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );
