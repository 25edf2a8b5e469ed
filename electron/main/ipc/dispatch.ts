/**
 * One call across the process boundary, minus Electron (docs/security.md IPC-1, IPC-2): look the
 * method up in the contract, parse the payload with its schema, call the handler, and answer
 * `{ ok: true, value }` or `{ ok: false, error: { code, message } }`. It never throws, and an
 * error never carries a stack or a file path. The fuzz tests drive this function directly.
 */
import { z } from 'zod';
import { ApiError, type ApiErrorShape } from '../../../src/shared/contract';
import { isApiErrorCode } from '../../../src/shared/errors';
import type { IpcOutcome } from '../../../src/shared/api-methods';
import { scanJson } from '../../../src/shared/exchange-scan';
import { messageLimit, messageSize } from './message-size';

/** A contract: method name → `{ input: zod schema }`. */
export type ContractLike = Record<string, { input: z.ZodType }>;

/** One handler per contract method; inputs arrive parsed. */
export type HandlersFor<C extends ContractLike> = {
  [M in keyof C]: (input: z.output<C[M]['input']>) => unknown;
};

/** Reports an unexpected failure (with its stack) to the main process log, never the renderer. */
export type FailureLog = (method: string, error: unknown) => void;

const MAX_MESSAGE = 500;

/** Absolute paths (POSIX, Windows drive or UNC) and file URLs inside a message. */
const PATHS = /(?:file:\/\/\S*|[A-Za-z]:\\\S*|\\\\\S+|(?<![\w.])\/(?:[\w.-]+\/)+[\w.-]*)/g;

function clean(message: string): string {
  const oneLine = message.replace(PATHS, '…').replace(/\s*\n\s*at [\s\S]*$/, '');
  return oneLine.length > MAX_MESSAGE ? `${oneLine.slice(0, MAX_MESSAGE - 1)}…` : oneLine;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('');
  const field = path === '' ? 'input' : path.replace(/^\./, '');
  if (issue.code === 'unrecognized_keys') {
    return `${field}: unexpected field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.slice(0, 5).map((k) => JSON.stringify(k)).join(', ')}`;
  }
  return `${field}: ${issue.message}`;
}

/** How an error thrown by a handler crosses the boundary. */
export function toErrorShape(error: unknown, method: string, log?: FailureLog): ApiErrorShape {
  if (error instanceof ApiError && isApiErrorCode(error.code)) {
    return { code: error.code, message: clean(error.message) };
  }
  if (error instanceof z.ZodError) {
    const first = error.issues[0];
    return { code: 'invalid_input', message: clean(first ? describeIssue(first) : 'the input is not valid') };
  }
  if (error instanceof Error && error.name === 'WriteFailedError') {
    // atomic-write's message names the file by its base name only, and says what is left
    return { code: 'write_failed', message: clean(error.message) };
  }
  log?.(method, error);
  return { code: 'internal', message: `Briefbook could not complete ${method}. The details are in the log of the main process.` };
}

/**
 * Parses and runs one call. `payload` is whatever the renderer sent: anything at all.
 */
export async function dispatch<C extends ContractLike>(
  contract: C,
  handlers: HandlersFor<C>,
  method: unknown,
  payload: unknown,
  log?: FailureLog,
): Promise<IpcOutcome> {
  if (typeof method !== 'string' || !Object.hasOwn(contract, method) || !Object.hasOwn(handlers, method)) {
    return { ok: false, error: { code: 'unknown_method', message: 'There is no such method.' } };
  }
  const name = method as keyof C & string;
  const limit = messageLimit(name);
  if (messageSize(payload, limit) > limit) {
    return { ok: false, error: { code: 'too_large', message: `input: the message is larger than ${Math.round(limit / (1024 * 1024))} MB` } };
  }
  let input: unknown;
  // every string well-formed, no "__proto__" key, bounded nesting: before the schema walks it
  const scan = scanJson(payload);
  if (scan.problems.length > 0) {
    const [first] = scan.problems;
    const field = first.path === '$' ? 'input' : first.path.replace(/^\$\.?/, '');
    return { ok: false, error: { code: 'invalid_input', message: clean(`${field}: ${first.message}`) } };
  }
  try {
    const parsed = contract[name].input.safeParse(payload);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      return { ok: false, error: { code: 'invalid_input', message: clean(first ? describeIssue(first) : 'the input is not valid') } };
    }
    input = parsed.data;
  } catch (error) {
    // a payload that makes the parser itself throw (it should not) is still just bad input
    log?.(name, error);
    return { ok: false, error: { code: 'invalid_input', message: 'input: not a valid request' } };
  }
  try {
    const value = await handlers[name](input as never);
    return { ok: true, value };
  } catch (error) {
    return { ok: false, error: toErrorShape(error, name, log) };
  }
}
