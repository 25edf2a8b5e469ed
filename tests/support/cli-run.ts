/**
 * The `briefbook` command line run in-process, as the tests drive it: what it printed on stdout
 * and stderr, its exit code, and the questions it asked (answered from `answers`, else as from a
 * closed terminal).
 */
import type { CliIo } from '../../electron/cli/command';
import { runCli } from '../../electron/cli/run';

export interface CliRun {
  code: number;
  out: string;
  err: string;
  prompts: string[];
}

export async function runCliCaptured(args: readonly string[], env: Record<string, string> = {}, answers: (string | null)[] = []): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const prompts: string[] = [];
  const io: CliIo = {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    env: { ...env },
    prompt: async (question) => {
      prompts.push(question);
      return answers.length > 0 ? (answers.shift() ?? null) : null;
    },
  };
  const code = await runCli(args, io);
  return { code, out: out.join('\n'), err: err.join('\n'), prompts };
}
