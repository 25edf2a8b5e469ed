/**
 * Opens a library file as a {@link LibrarySession}: the store's service, plus the vault methods.
 * electron/store does not ship its vault (encryption, lock, backups) yet: a plain library here
 * answers `vault.status` truthfully (open, not encrypted) and refuses the other vault methods
 * with `not_available`. A library that cannot be opened at start-up becomes a recovery session
 * (SECURITY.md DATA-3): nothing is deleted or recreated, every store method answers the open
 * error, and `vault.status` says `recovery` with the problem in words.
 */
import { basename } from 'node:path';
import { ApiError, storeContract, type StoreMethod, type StoreService, type VaultService, type VaultStatus } from '../../src/shared/contract';
import { openLibrary } from '../store/index';
import type { LibrarySession } from './library-session';

export interface SessionOptions {
  /** the bundled sample book, as exchange-file text */
  sampleText: () => string;
  /** create the file when it is not there (a new library); otherwise it must exist */
  create: boolean;
}

const STORE_METHODS = Object.keys(storeContract) as StoreMethod[];
const VAULT_NOT_AVAILABLE = 'Encryption, locking and backups are not available in this build of Briefbook.';

function vaultFor(status: () => VaultStatus): VaultService {
  const refuse = (): never => {
    throw new ApiError('not_available', VAULT_NOT_AVAILABLE);
  };
  return {
    'vault.status': () => status(),
    'vault.unlock': refuse,
    'vault.lock': refuse,
    'vault.encrypt': refuse,
    'vault.decrypt': refuse,
    'vault.changePassphrase': refuse,
    'vault.setIdleLock': refuse,
    'backups.list': () => [],
    'backups.create': refuse,
    'backups.restore': refuse,
  };
}

/** Opens a library; throws the store's ApiError (with a code and words) when it cannot. */
export function openLibrarySession(path: string, options: SessionOptions): LibrarySession {
  const library = openLibrary(path, { sampleText: options.sampleText, mustExist: !options.create });
  const { service } = library;
  const vault = vaultFor(() => ({
    state: 'open',
    encrypted: false,
    readOnly: service['library.info']({}).readOnly,
    problem: null,
    idleLockMinutes: 0,
  }));
  // exactly the contract's store methods: nothing else of the service reaches the binding
  const store = Object.fromEntries(
    STORE_METHODS.map((method) => [method, (input: never) => (service[method] as (input: never) => unknown)(input)]),
  ) as unknown as StoreService;
  return {
    ...store,
    ...vault,
    recordExport: (entry) => service.recordExport(entry),
    close: () => library.close(),
  };
}

/**
 * A library that could not be opened: the file is left exactly as it is, the renderer shows the
 * problem (vault.status is `recovery`), and every store method answers the same error.
 */
export function recoverySession(path: string, error: unknown): LibrarySession {
  const problem =
    error instanceof ApiError
      ? { code: error.code, message: error.message }
      : { code: 'open_failed', message: `The library ${basename(path)} could not be opened.` };
  const refuse = (): never => {
    throw new ApiError(problem.code, problem.message);
  };
  const store = Object.fromEntries(STORE_METHODS.map((method) => [method, refuse])) as unknown as StoreService;
  return {
    ...store,
    ...vaultFor(() => ({ state: 'recovery', encrypted: false, readOnly: true, problem, idleLockMinutes: 0 })),
    recordExport: refuse,
    close: () => undefined,
  };
}
