/**
 * `briefbook`: the command line over a library (`npm run -s briefbook -- <command>`).
 * Plain Node, no 'electron'.
 */
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
