import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { apiContract, ApiError, type ApiErrorCode, type ApiMethod } from '../../../src/shared/contract';
import type { IpcOutcome } from '../../../src/shared/api-methods';
import { WriteFailedError } from '../../store/atomic-write';
import { dispatch, toErrorShape, type HandlersFor } from './dispatch';
import { FUZZ_RUNS, overIpc, payloads, specialPayloads } from './ipc-fuzz';
import { scanJson } from '../../../src/shared/exchange-scan';

const methods = Object.keys(apiContract) as ApiMethod[];

/** Handlers that record what reached them and answer a plain value. */
function recordingHandlers(): { handlers: HandlersFor<typeof apiContract>; calls: { method: string; input: unknown }[] } {
  const calls: { method: string; input: unknown }[] = [];
  const handlers: Record<string, (input: unknown) => unknown> = {};
  for (const method of methods) {
    handlers[method] = (input) => {
      calls.push({ method, input });
      return { ok: true };
    };
  }
  return { handlers: handlers as HandlersFor<typeof apiContract>, calls };
}

/** An answer that may cross the boundary: a value, or { code, message } without stack or path. */
function expectWellFormed(outcome: IpcOutcome): void {
  expect(typeof outcome.ok).toBe('boolean');
  if (!outcome.ok) {
    expect(Object.keys(outcome.error).sort()).toEqual(['code', 'message']);
    expect(outcome.error.code).toMatch(/^[a-z][a-z0-9_]*$/);
    expect(typeof outcome.error.message).toBe('string');
    expect(outcome.error.message.length).toBeLessThanOrEqual(500);
    expect(outcome.error.message).not.toMatch(/\n\s+at |\/home\/|\/tmp\/|[A-Z]:\\|node_modules|\.ts:\d/);
  }
}

describe('dispatch: parsing at the boundary (docs/security.md IPC-1, IPC-2)', () => {
  it('passes a valid call to its handler, parsed', async () => {
    const { handlers, calls } = recordingHandlers();
    const outcome = await dispatch(apiContract, handlers, 'items.get', { id: 'rl-flex' });
    expect(outcome).toEqual({ ok: true, value: { ok: true } });
    expect(calls).toEqual([{ method: 'items.get', input: { id: 'rl-flex' } }]);
  });

  it('names the field of an invalid input, and never calls the handler', async () => {
    const { handlers, calls } = recordingHandlers();
    const outcome = await dispatch(apiContract, handlers, 'items.setStatus', { id: 'rl-flex', status: 'approved', by: 'desk' });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.error.code).toBe('invalid_input');
      expect(outcome.error.message).toMatch(/^status: /);
    }
    const extra = await dispatch(apiContract, handlers, 'items.get', { id: 'x', sql: 'DROP TABLE items' });
    expect(extra).toEqual({ ok: false, error: { code: 'invalid_input', message: 'input: unexpected field "sql"' } });
    const nested = await dispatch(apiContract, handlers, 'sections.addItems', { bookId: 'b1', sectionId: 's1', itemIds: ['a', 7] });
    expect(!nested.ok && nested.error.message).toMatch(/^itemIds\[1\]: /);
    expect(calls).toEqual([]);
  });

  it.each([undefined, null, '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'items.get ', 'ITEMS.GET', 42, {}])(
    'refuses the unknown method %j',
    async (method) => {
      const { handlers, calls } = recordingHandlers();
      expect(await dispatch(apiContract, handlers, method, {})).toEqual({ ok: false, error: { code: 'unknown_method', message: 'There is no such method.' } });
      expect(calls).toEqual([]);
    },
  );

  it('maps handler errors to { code, message } with no stack and no path', async () => {
    const logged: unknown[] = [];
    const log = (_method: string, error: unknown) => logged.push(error);
    const failing = (error: unknown) => ({ ...recordingHandlers().handlers, 'items.get': () => { throw error; } }) as HandlersFor<typeof apiContract>;

    const apiError = await dispatch(apiContract, failing(new ApiError('not_found', 'No item rl-flex')), 'items.get', { id: 'rl-flex' }, log);
    expect(apiError).toEqual({ ok: false, error: { code: 'not_found', message: 'No item rl-flex' } });

    const withPath = await dispatch(apiContract, failing(new ApiError('locked', 'cannot open /home/desk/Briefbook/library.briefbook now')), 'items.get', { id: 'x' }, log);
    expect(!withPath.ok && withPath.error.message).toBe('cannot open … now');

    const crash = new TypeError("Cannot read properties of undefined (reading 'title') at /work/main/electron/store/service.ts:12:3");
    const internal = await dispatch(apiContract, failing(crash), 'items.get', { id: 'x' }, log);
    expect(internal.ok).toBe(false);
    if (!internal.ok) {
      expect(internal.error.code).toBe('internal');
      expect(internal.error.message).not.toContain('title');
      expect(internal.error.message).not.toContain('/work');
    }
    expect(logged).toContain(crash);

    const zodError = z.strictObject({ title: z.string() }).safeParse({ title: 1 }).error;
    const invalid = await dispatch(apiContract, failing(zodError), 'items.get', { id: 'x' }, log);
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(!invalid.ok && invalid.error.message).toMatch(/^title: /);

    const full = await dispatch(apiContract, failing(new WriteFailedError('/home/desk/book.pdf', 'the disk is full', 'ENOSPC')), 'items.get', { id: 'x' }, log);
    expect(full).toEqual({ ok: false, error: { code: 'write_failed', message: 'could not write book.pdf: the disk is full; the previous file, if any, is unchanged' } });

    for (const thrown of [null, undefined, 'string', 42, { code: 'x' }, Symbol('s')]) {
      expectWellFormed(await dispatch(apiContract, failing(thrown), 'items.get', { id: 'x' }, log));
    }
  });

  it('refuses an ApiError code that is not one of the API_ERROR_CODES', () => {
    // the compiler refuses such a code; a cast (or plain JavaScript) could still bring one in
    expect(toErrorShape(new ApiError('<script>' as ApiErrorCode, 'x'), 'items.get').code).toBe('internal');
    expect(toErrorShape(new ApiError('no_such_code' as ApiErrorCode, 'x'), 'items.get').code).toBe('internal');
  });

  it('awaits async handlers and maps their rejections', async () => {
    const handlers = { ...recordingHandlers().handlers, 'app.info': async () => { throw new ApiError('busy', 'Try again'); } } as HandlersFor<typeof apiContract>;
    expect(await dispatch(apiContract, handlers, 'app.info', {})).toEqual({ ok: false, error: { code: 'busy', message: 'Try again' } });
  });
});

describe('malformed text in a payload (issue 11)', () => {
  it('a lone surrogate, a "__proto__" key or deep nesting is refused naming the field; the handler is not called', async () => {
    const { handlers, calls } = recordingHandlers();
    const item = { kind: 'red_line', title: 'No increase \ud800', body: '', classification: 'C', status: 'draft' };
    const surrogate = await dispatch(apiContract, handlers, 'items.save', { item });
    expect(surrogate).toEqual({ ok: false, error: { code: 'invalid_input', message: 'item.title: a lone surrogate (U+D800) at character 13: text must be valid Unicode' } });
    const proto = await dispatch(apiContract, handlers, 'items.save', JSON.parse('{"item":{"kind":"ask","title":"t","body":"","classification":"C","status":"draft","translations":{"__proto__":{"title":"x"}}}}'));
    expect(proto.ok).toBe(false);
    if (!proto.ok) expect(proto.error.message).toMatch(/^item\.translations\.__proto__: the key "__proto__" is not allowed/);
    let deep: unknown = 'x';
    for (let i = 0; i < 10_000; i += 1) deep = [deep];
    const nested = await dispatch(apiContract, handlers, 'items.list', { tags: deep });
    expect(nested.ok).toBe(false);
    if (!nested.ok) expect(nested.error.message).toMatch(/nested too deeply/);
    expect(calls).toEqual([]);
  });
});

describe('dispatch fuzz: arbitrary payloads for every method (docs/security.md IPC-3)', () => {
  it.each(methods)('%s: never crashes, answers well-formed, and rejects what its schema rejects', async (method) => {
    const { handlers, calls } = recordingHandlers();
    const schema = apiContract[method].input;
    await fc.assert(
      fc.asyncProperty(payloads(schema), async (raw) => {
        const delivered = overIpc(raw);
        fc.pre(delivered !== null);
        const before = calls.length;
        const outcome = await dispatch(apiContract, handlers, method, delivered!.value);
        expectWellFormed(outcome);
        // what the schema accepts, minus malformed text, "__proto__" keys and deep nesting
        const valid = schema.safeParse(delivered!.value).success && scanJson(delivered!.value).problems.length === 0;
        expect(outcome.ok).toBe(valid);
        expect(calls.length - before).toBe(valid ? 1 : 0);
      }),
      { numRuns: FUZZ_RUNS },
    );
    for (const special of specialPayloads(schema)) {
      const delivered = overIpc(special);
      if (delivered === null) continue;
      const outcome = await dispatch(apiContract, handlers, method, delivered.value);
      expectWellFormed(outcome);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});
