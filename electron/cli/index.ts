/**
 * `briefbook`: the command line over a library (`npm run -s briefbook -- <command>`).
 * Plain Node, no 'electron'.
 */
// first: V8's flags for a one-shot process hold before any other module runs
import './v8-tuning';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import type { CliIo } from './command';
import { runCli } from './run';

/** Reads a line from the terminal without echoing it (passphrases). */
function promptSecret(question: string): Promise<string | null> {
  if (!process.stdin.isTTY) return Promise.resolve(null);
  return new Promise((resolvePrompt) => {
    let muted = false;
    const output = new Writable({
      write(chunk, _encoding, callback) {
        if (!muted) process.stderr.write(chunk);
        callback();
      },
    });
    const rl = createInterface({ input: process.stdin, output, terminal: true });
    rl.question(question, (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolvePrompt(answer);
    });
    muted = true;
  });
}

/**
 * A reader that stops early (`briefbook list items | head -1`) closes the pipe: that is not an
 * error, so the command ends quietly instead of printing a stack. Whatever it had written to
 * the library was committed before it printed.
 */
function quietOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}
quietOnClosedPipe(process.stdout);
quietOnClosedPipe(process.stderr);

const io: CliIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  env: process.env,
  prompt: promptSecret,
};

runCli(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`briefbook: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
