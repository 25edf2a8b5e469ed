/**
 * How one contract method is declared: its input schema, its output type and its effect. The
 * effect is the one place that says whether a method only reads (and which entities its answer
 * depends on) or writes (and which entities it changes); the store's "did this call write?"
 * check and the renderer's cache invalidation are both derived from it, so a new method cannot
 * be forgotten in either: {@link method} will not compile without an effect.
 */
import { z } from 'zod';
import { LIMITS } from '../domain';
import { strictVariant } from '../strict-schema';

/** What a method's answer depends on, or what a write changes. */
export const ENTITIES = [
  /** library items and their history */
  'items',
  /** books, their headers and sections */
  'books',
  /** the classification scheme */
  'markings',
  /** the export log */
  'exports',
  /** the audit log */
  'audit',
  /** renderer settings */
  'settings',
  /** lock state, encryption, idle lock */
  'vault',
  /** rolling backups */
  'backups',
  /** the library file as a whole: which file is open, whether the sample is offered */
  'library',
  /** the list of recently opened library files */
  'recent',
] as const;
export type Entity = (typeof ENTITIES)[number];

/** Everything a library holds: what opening another library or restoring a backup replaces. */
export const LIBRARY_DATA = ENTITIES.filter((entity): entity is Exclude<Entity, 'recent'> => entity !== 'recent');

export type Effect =
  | { readonly effect: 'read'; readonly reads: readonly Entity[] }
  | { readonly effect: 'write'; readonly touches: readonly Entity[] };

/** A method that changes nothing; its answer depends on `entities`. */
export function read<const E extends readonly Entity[]>(...entities: E): { readonly effect: 'read'; readonly reads: E } {
  return { effect: 'read', reads: entities };
}

/** A method that changes `entities`: every read of them is stale afterwards. */
export function write<const E extends readonly Entity[]>(...entities: E): { readonly effect: 'write'; readonly touches: E } {
  return { effect: 'write', touches: entities };
}

/** One method as the contract declares it. `effect` is required: a method without one does not compile. */
export interface MethodDefinition<I extends z.ZodType = z.ZodType, O = unknown, F extends Effect = Effect> {
  readonly input: I;
  readonly output: O;
  readonly effect: F;
}

/** A contract: method name → definition. */
export type ContractDefinition = Readonly<Record<string, MethodDefinition>>;

// Input pieces every part of the contract uses: strict objects, bounded sizes (docs/security.md IPC-1)

/** A short text field (topic, owner, tag, name...). */
export const short = z.string().max(LIMITS.short);
/** The input of a method that takes none. */
export const none = z.strictObject({});

/** A phantom value that carries a method's output type. */
export function returns<O>(): O {
  return undefined as unknown as O;
}

/**
 * One contract method. Its input schema is made strict at every depth (strictVariant): nested
 * shapes shared with the exchange file, which keeps unknown properties, refuse them here.
 */
export function method<I extends z.ZodType, O, F extends Effect>(input: I, output: O, effect: F): MethodDefinition<I, O, F> {
  return { input: strictVariant(input), output, effect };
}

/** The names of a contract's read methods, or of its write methods. */
export type ReadMethodOf<C> = { [M in keyof C]: C[M] extends { effect: { effect: 'read' } } ? M : never }[keyof C];
export type WriteMethodOf<C> = { [M in keyof C]: C[M] extends { effect: { effect: 'write' } } ? M : never }[keyof C];

/** The methods of `contract` whose effect is `read`. */
export function readMethodsOf<C extends ContractDefinition>(contract: C): ReadonlySet<ReadMethodOf<C>> {
  return new Set(Object.keys(contract).filter((name) => contract[name].effect.effect === 'read') as ReadMethodOf<C>[]);
}

/**
 * The read methods whose answers a write method may have changed: those that read any entity it
 * touches.
 */
export function readsAffectedBy<C extends ContractDefinition>(contract: C, writeMethod: WriteMethodOf<C>): ReadMethodOf<C>[] {
  const effect = contract[writeMethod as string].effect;
  if (effect.effect !== 'write') return [];
  const touched = new Set<Entity>(effect.touches);
  return Object.keys(contract).filter((name) => {
    const other = contract[name].effect;
    return other.effect === 'read' && other.reads.some((entity) => touched.has(entity));
  }) as ReadMethodOf<C>[];
}
