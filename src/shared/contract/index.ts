/**
 * The process boundary. Every method the renderer may call is declared once, as `domain.verb`,
 * with the zod schema its input must pass (strict objects, bounded strings and arrays), the type
 * of its output and its effect (./method.ts), in the module of its domain beside this one
 * (items, books, library, vault, shell); this module assembles them. The store's service object implements the store methods and `satisfies`
 * {@link StoreService}; electron/main implements the shell methods; the preload exposes exactly
 * these names. A missing or renamed handler fails to compile.
 */
import type { z } from 'zod';
import type { BookContent, ItemKind, ItemStatus, MarkingScheme } from '../domain';
import { bookMethods } from './books';
import { itemMethods } from './items';
import { libraryMethods } from './library';
import { readMethodsOf, type ContractDefinition, type ReadMethodOf, type WriteMethodOf } from './method';
import { shellContract } from './shell';
import { vaultContract } from './vault';

export * from './books';
export * from './items';
export * from './library';
export * from './shell';
export * from './vault';

/** The methods the store's service object answers. */
export const storeContract = { ...libraryMethods, ...itemMethods, ...bookMethods } as const satisfies ContractDefinition;

/** Everything `window.briefbook` offers, in one list (the preload is generated from it). */
export const apiContract = { ...storeContract, ...vaultContract, ...shellContract } as const;
export type ApiContract = typeof apiContract;
export type ApiMethod = keyof ApiContract;
/** Methods that change nothing, and methods that change something (their `effect`). */
export type ReadMethod = ReadMethodOf<ApiContract>;
export type WriteMethod = WriteMethodOf<ApiContract>;

/** The renderer's view: every method async, inputs before parsing. */
export type BriefbookApi = {
  [M in ApiMethod]: (input: MethodInput<ApiContract, M>) => Promise<MethodOutput<ApiContract, M>>;
};

export type VaultContract = typeof vaultContract;
export type VaultMethod = keyof VaultContract;
export type ShellContract = typeof shellContract;
export type ShellMethod = keyof ShellContract;

export type StoreContract = typeof storeContract;
export type StoreMethod = keyof StoreContract;
/** The store methods that change nothing: no rolling backup follows them. */
export const STORE_READ_METHODS: ReadonlySet<StoreMethod> = readMethodsOf(storeContract);
export type MethodInput<C, M extends keyof C> = C[M] extends { input: infer I extends z.ZodType } ? z.input<I> : never;
export type ParsedInput<C, M extends keyof C> = C[M] extends { input: infer I extends z.ZodType } ? z.output<I> : never;
export type MethodOutput<C, M extends keyof C> = C[M] extends { output: infer O } ? O : never;

/** What the store's service object must satisfy: synchronous, inputs already parsed. */
export type StoreService = {
  [M in StoreMethod]: (input: ParsedInput<StoreContract, M>) => MethodOutput<StoreContract, M>;
};

export { ApiError, type ApiErrorCode, type ApiErrorShape } from '../errors';

export type { BookContent, ItemKind, ItemStatus, MarkingScheme };

/** What the vault (encrypted-library session) must satisfy: synchronous, inputs already parsed. */
export type VaultService = {
  [M in VaultMethod]: (input: ParsedInput<VaultContract, M>) => MethodOutput<VaultContract, M>;
};

/** What electron/main must implement itself: async (dialogs), inputs already parsed. */
export type ShellService = {
  [M in ShellMethod]: (input: ParsedInput<ShellContract, M>) => Promise<MethodOutput<ShellContract, M>>;
};
