/**
 * The names of every `window.briefbook` method as a plain list, and how a call and its error
 * cross the process boundary. The sandboxed preload bundles this file: it must stay free of
 * zod and of the contract's schemas (the type import below is erased at build time; errors.ts is
 * plain).
 * The compiler checks the list against the contract (below); tests/security/preload-api.test.ts
 * proves it equals `Object.keys(apiContract)`, in order, without duplicates.
 */
import type { ApiMethod } from './contract';
import { isApiErrorCode, type ApiErrorShape } from './errors';

export const API_METHODS = [
  'library.info',
  'library.validate',
  'library.importPlan',
  'library.import',
  'library.export',
  'library.loadSample',
  'library.declineSample',
  'markings.get',
  'markings.set',
  'exports.list',
  'imports.list',
  'imports.undo',
  'audit.list',
  'settings.get',
  'settings.set',
  'items.list',
  'items.facets',
  'items.get',
  'items.save',
  'items.setStatus',
  'items.delete',
  'items.undelete',
  'items.history',
  'items.restoreVersion',
  'items.usedIn',
  'search.query',
  'books.list',
  'books.get',
  'books.create',
  'books.save',
  'books.duplicate',
  'books.delete',
  'books.content',
  'books.changesSince',
  'books.reorderSections',
  'sections.add',
  'sections.rename',
  'sections.delete',
  'sections.addItems',
  'sections.createItems',
  'sections.moveItem',
  'sections.requestPaper',
  'sections.removeItem',
  'vault.status',
  'vault.unlock',
  'vault.lock',
  'vault.encrypt',
  'vault.decrypt',
  'vault.changePassphrase',
  'vault.rotateKey',
  'vault.setIdleLock',
  'items.purge',
  'backups.list',
  'backups.create',
  'backups.restore',
  'app.info',
  'files.savePdf',
  'files.saveExchange',
  'files.chooseExchange',
  'files.importExchange',
  'files.previewDocx',
  'files.openLibrary',
  'files.newLibrary',
  'files.recentLibraries',
] as const satisfies readonly ApiMethod[];

// A contract method missing from the list above fails to compile here.
type Missing = Exclude<ApiMethod, (typeof API_METHODS)[number]>;
const everyMethodListed: [Missing] extends [never] ? true : Missing = true;
void everyMethodListed;

/** The ipc channel of a method: `bb:items.save`. */
export const IPC_PREFIX = 'bb:';

export function channelOf(method: ApiMethod): string {
  return IPC_PREFIX + method;
}

/** What the main process answers on every channel: never a thrown error (IPC-2). */
export type IpcOutcome = { ok: true; value: unknown } | { ok: false; error: ApiErrorShape };

/**
 * Errors thrown across Electron's contextBridge lose every property but `message`, so the
 * preload carries the code inside the message as `[code] message`; {@link apiErrorOf} reads it
 * back on the renderer side (and also accepts an error that still has its `code`).
 */
export function apiErrorMessage(error: ApiErrorShape): string {
  return `[${error.code}] ${error.message}`;
}

const CODED_MESSAGE = /^\[([a-z][a-z0-9_]{0,63})\] ([\s\S]*)$/;

/** The `{ code, message }` of an error thrown by a `window.briefbook` method. */
export function apiErrorOf(error: unknown): ApiErrorShape {
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  const code = (error as { code?: unknown } | null)?.code;
  const coded = CODED_MESSAGE.exec(message);
  if (coded !== null && isApiErrorCode(coded[1])) return { code: isApiErrorCode(code) ? code : coded[1], message: coded[2] };
  if (isApiErrorCode(code)) return { code, message };
  return { code: 'internal', message: message || 'Something went wrong.' };
}
