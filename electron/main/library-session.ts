/**
 * What the main process needs from an open library: the store and vault services of the
 * contract (synchronous, inputs already parsed), the export log, and closing. electron/store
 * provides it; the shell only routes calls to whichever library is open now.
 */
import type { NewExportRecord, StoreService, VaultService } from '../../src/shared/contract';

export interface LibrarySession extends StoreService, VaultService {
  /** writes one entry into the export log */
  recordExport(entry: NewExportRecord): unknown;
  close(): void;
}
