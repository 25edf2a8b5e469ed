/**
 * The shape of a `briefbook` subcommand. run.ts dispatches on the first argument; each
 * command parses its own flags with {@link parseFlags} and returns an exit code:
 * 0 success, 1 bad input (a clear message on stderr), 2 wrong usage.
 */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** reads a secret from the terminal without echo (passphrases); null when not a terminal */
  prompt: (question: string) => Promise<string | null>;
}

/** What a command's module exports: its --help text and its work. */
export interface CliCommand {
  /** the full --help text, usage line first */
  help: string;
  run: (args: string[], io: CliIo) => Promise<number>;
}

/**
 * A line of the command registry (commands/index.ts): the name and summary `briefbook --help`
 * lists, and a loader for the module, so the PDF engine, the fonts and SQLite are loaded only
 * by the commands that use them.
 */
export interface CliCommandEntry {
  name: string;
  summary: string;
  load: () => Promise<CliCommand>;
}

export const EXIT_OK = 0;
export const EXIT_BAD_INPUT = 1;
export const EXIT_USAGE = 2;

/** Wrong usage: index.ts prints the message and the command's usage, and exits 2. */
export class UsageError extends Error {}

/** Bad input: index.ts prints the message and exits 1. */
export class InputError extends Error {}

export interface FlagSpec {
  /** flags that take a value, e.g. `['db', 'book', 'out']` */
  values?: readonly string[];
  /** flags that are on or off, e.g. `['final']` */
  booleans?: readonly string[];
}

export interface ParsedFlags {
  values: Record<string, string>;
  booleans: Set<string>;
  positionals: string[];
  help: boolean;
}

/** `--name value`, `--name=value` and `--flag`; anything unknown is a UsageError. */
export function parseFlags(args: readonly string[], spec: FlagSpec): ParsedFlags {
  const values: Record<string, string> = {};
  const booleans = new Set<string>();
  const positionals: string[] = [];
  let help = false;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    if (arg === '--help' || arg === '-h') {
      help = true;
      continue;
    }
    if (arg === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (spec.values?.includes(name)) {
      const value = eq < 0 ? args[++i] : arg.slice(eq + 1);
      if (value === undefined || (eq < 0 && value.startsWith('--'))) throw new UsageError(`--${name} needs a value`);
      values[name] = value;
    } else if (spec.booleans?.includes(name) && eq < 0) {
      booleans.add(name);
    } else {
      throw new UsageError(`unknown option ${arg.slice(0, eq < 0 ? undefined : eq)}`);
    }
  }
  return { values, booleans, positionals, help };
}
