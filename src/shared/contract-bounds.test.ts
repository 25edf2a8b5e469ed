/**
 * Strict, bounded IPC inputs (IPC-1, docs/security.md; issue 10, point 4): every
 * object at any depth of every method's input refuses unknown keys, every string, array and
 * record has a bound — while the exchange file, which shares the shapes, keeps accepting
 * extension properties.
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { apiContract, type ApiMethod } from './contract';
import { exchangeFileSchema, LIMITS } from './domain';

type Def = { type: string; checks?: { _zod: { def: { check: string } } }[] } & Record<string, unknown>;
const defOf = (schema: unknown) => (schema as z.ZodType)._zod.def as unknown as Def;
const checks = (def: Def) => (def.checks ?? []).map((c) => c._zod.def.check);

/** Every problem with strictness or bounds in a schema, as "path: what". */
function problems(schema: unknown, path: string): string[] {
  const def = defOf(schema);
  switch (def.type) {
    case 'object': {
      const found: string[] = [];
      if (defOf(def.catchall ?? { _zod: { def: { type: 'none' } } }).type !== 'never') found.push(`${path}: an object that accepts unknown keys`);
      for (const [key, value] of Object.entries(def.shape as Record<string, unknown>)) found.push(...problems(value, `${path}.${key}`));
      return found;
    }
    case 'string':
      return checks(def).includes('max_length') ? [] : [`${path}: a string without a maximum length`];
    case 'array':
      return [...(checks(def).includes('max_length') ? [] : [`${path}: an array without a maximum length`]), ...problems(def.element, `${path}[]`)];
    case 'record':
      return [...(checks(def).length > 0 ? [] : [`${path}: a record without a bound on its entries`]), ...problems(def.keyType, `${path}{key}`), ...problems(def.valueType, `${path}{}`)];
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
      return problems(def.innerType, path);
    case 'union':
      return (def.options as unknown[]).flatMap((o, i) => problems(o, `${path}|${i}`));
    case 'pipe':
      return problems(def.in, path);
    default:
      return [];
  }
}

const methods = Object.keys(apiContract) as ApiMethod[];

describe('IPC input schemas', () => {
  it.each(methods)('%s: strict at every depth, every string, array and record bounded', (method) => {
    expect(problems(apiContract[method].input, method)).toEqual([]);
  });

  it('the walk itself finds a loose object and an unbounded string or array', async () => {
    const { z } = await import('zod');
    expect(problems(z.strictObject({ a: z.looseObject({ b: z.string() }), c: z.array(z.number()) }), 'x')).toEqual([
      'x.a: an object that accepts unknown keys',
      'x.a.b: a string without a maximum length',
      'x.c: an array without a maximum length',
    ]);
  });

  it("refuses the issue's payloads: an unknown key inside a source, 5 000 translations, unknown keys in a marking scheme", () => {
    const item = { kind: 'red_line', title: 'T', body: 'b', classification: 'S', status: 'draft' };
    const save = apiContract['items.save'].input;
    expect(save.safeParse({ item }).success).toBe(true);
    expect(save.safeParse({ item: { ...item, sources: [{ title: 'ok', smuggled: 'x'.repeat(1000) }] } }).success).toBe(false);
    const translations = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`l${i}`, { title: 't' }]));
    expect(save.safeParse({ item: { ...item, translations } }).success).toBe(false);
    expect(save.safeParse({ item: { ...item, translations: { fr: { title: 't', extra: 1 } } } }).success).toBe(false);
    const set = apiContract['markings.set'].input;
    const scheme = { scheme: 's', levels: [{ code: 'U', banner: 'UNCLASSIFIED', portion: 'U' }] };
    expect(set.safeParse({ scheme }).success).toBe(true);
    expect(set.safeParse({ scheme: { ...scheme, smuggled: 'x' } }).success).toBe(false);
    expect(set.safeParse({ scheme: { ...scheme, levels: [{ ...scheme.levels[0], smuggled: 'x' }] } }).success).toBe(false);
    const book = apiContract['books.save'].input;
    expect(book.safeParse({ book: { id: 'b', title: 'B', meeting: { date: '2026', smuggled: 1 } } }).success).toBe(false);
  });

  it('the exchange file still keeps extension properties at every level', () => {
    const file = {
      format: 'briefbook/v1',
      'x-tool': { version: 2 },
      markings: { scheme: 's', levels: [{ code: 'U', banner: 'UNCLASSIFIED', portion: 'U', 'x-colour': 'green' }], 'x-note': 'n' },
      items: [{ id: 'i', kind: 'ask', title: 'T', body: 'b', classification: 'U', status: 'draft', sources: [{ title: 's', 'x-page': 4 }], 'x-flag': true }],
      books: [{ id: 'b', title: 'B', meeting: { date: 'd', 'x-room': '3' }, sections: [{ id: 's', title: 'S', items: ['i'], 'x-k': 1 }] }],
    };
    const parsed = exchangeFileSchema.safeParse(file);
    expect(parsed.success).toBe(true);
    expect(parsed.data?.items[0].sources?.[0]).toEqual({ title: 's', 'x-page': 4 });
    expect(LIMITS.translations).toBe(20);
  });
});
