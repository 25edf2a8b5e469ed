/**
 * What the main process (the shell) needs from an open library: the store and vault services of the
 * contract (synchronous, inputs already parsed), the export log, and closing. The session of
 * electron/store/session.ts provides it (and more); the shell only routes calls to whichever
 * library is open now, and tests can hand the shell a small fake.
 */
import type { NewExportRecord, StoreService, VaultService } from '../../src/shared/contract';

export interface ShellLibrary extends StoreService, VaultService {
  /** writes one entry into the export log */
  recordExport(entry: NewExportRecord): unknown;
  close(): void;
}
