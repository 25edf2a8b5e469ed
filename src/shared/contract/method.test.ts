import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { apiContract, STORE_READ_METHODS, storeContract, type ApiMethod } from '.';
import { ENTITIES, method, read, readsAffectedBy, returns, write, type ContractDefinition, type Entity } from './method';

const methods = Object.keys(apiContract) as ApiMethod[];

describe('method effects (declared once in the contract)', () => {
  it('a method without an effect does not compile', () => {
    // @ts-expect-error the effect (read or write) is a required argument
    const missing = method(z.strictObject({}), returns<number>());
    const contract = {
      'things.list': method(z.strictObject({}), returns<number>(), read('items')),
      // @ts-expect-error a definition without `effect` is not a method definition
      'things.save': { input: z.strictObject({}), output: returns<number>() },
    } satisfies ContractDefinition;
    expect(missing.effect).toBeUndefined();
    expect(Object.keys(contract)).toHaveLength(2);
  });

  it('an effect names only known entities', () => {
    // @ts-expect-error 'widgets' is not an entity
    expect(write('widgets').touches).toEqual(['widgets']);
  });

  it('every method of the API declares read or write', () => {
    for (const name of methods) expect(['read', 'write'], name).toContain(apiContract[name].effect.effect);
  });

  it("the store's read methods are the contract's read methods (no rolling backup after them)", () => {
    expect([...STORE_READ_METHODS].sort()).toEqual(
      (Object.keys(storeContract) as (keyof typeof storeContract)[]).filter((m) => storeContract[m].effect.effect === 'read').sort(),
    );
    expect(STORE_READ_METHODS.has('items.list')).toBe(true);
    expect(STORE_READ_METHODS.has('settings.get')).toBe(true);
    expect(STORE_READ_METHODS.has('items.save')).toBe(false);
    expect(STORE_READ_METHODS.has('settings.set')).toBe(false);
  });

  it("a write's invalidation covers every read of an entity it touches, and no other", () => {
    for (const writer of methods) {
      const effect = apiContract[writer].effect;
      if (effect.effect !== 'write') continue;
      const touched = new Set<Entity>(effect.touches);
      const affected = new Set<string>(readsAffectedBy(apiContract, writer as never));
      for (const reader of methods) {
        const readEffect = apiContract[reader].effect;
        if (readEffect.effect !== 'read') continue;
        const reads = readEffect.reads.some((entity) => touched.has(entity));
        expect(affected.has(reader), `${writer} → ${reader}`).toBe(reads);
      }
    }
  });

  it('every entity a read depends on is changed by some write (no answer stays stale for ever)', () => {
    const touched = new Set<Entity>();
    for (const name of methods) {
      const effect = apiContract[name].effect;
      if (effect.effect === 'write') for (const entity of effect.touches) touched.add(entity);
    }
    for (const name of methods) {
      const effect = apiContract[name].effect;
      if (effect.effect === 'read') for (const entity of effect.reads) expect(touched.has(entity), `${name} reads ${entity}`).toBe(true);
    }
    expect([...touched].sort()).toEqual([...ENTITIES].sort());
  });

  it('saving an item makes the library table, the books, search, the library info and the export log stale', () => {
    const affected = readsAffectedBy(apiContract, 'items.save');
    for (const reader of ['items.list', 'items.facets', 'items.get', 'items.history', 'items.usedIn', 'search.query', 'books.list', 'books.get', 'books.content', 'library.info', 'exports.list'] as const) {
      expect(affected).toContain(reader);
    }
    expect(affected).not.toContain('settings.get');
    expect(affected).not.toContain('vault.status');
  });

  it('a section write makes the books, the library table (used-in counts) and the export log stale', () => {
    const affected = readsAffectedBy(apiContract, 'sections.moveItem');
    for (const reader of ['books.list', 'books.get', 'books.content', 'items.list', 'items.usedIn', 'library.info', 'exports.list'] as const) {
      expect(affected).toContain(reader);
    }
    expect(affected).not.toContain('items.get');
  });

  it('saving a PDF makes the export log and the library info (last export) stale', () => {
    expect(readsAffectedBy(apiContract, 'files.savePdf')).toEqual(expect.arrayContaining(['exports.list', 'library.info']));
    expect(readsAffectedBy(apiContract, 'files.savePdf')).not.toContain('books.get');
  });
});
