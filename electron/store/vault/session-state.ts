/**
 * What a library session holds while it lives: the connection and service of the moment, the
 * data key, the state shown to the user and why. One object, shared by the session's parts
 * (lifecycle, idle lock, rolling backups, restore), so that each reads the same truth.
 */
import { basename } from 'node:path';
import type { VaultStatus } from '../../../src/shared/contract';
import type { Db } from '../db';
import type { Problem } from '../errors';
import type { LibraryService } from '../service';
import type { BackupPlace } from './backups';

export interface SessionState {
  readonly path: string;
  readonly place: BackupPlace;
  db: Db | null;
  service: LibraryService | null;
  /** the data key of an open encrypted library; zeroed when dropped */
  key: Buffer | null;
  state: VaultStatus['state'];
  encrypted: boolean;
  problem: Problem | null;
  idleMinutes: number;
  closed: boolean;
}

export function sessionState(path: string, place: BackupPlace, idleMinutes: number): SessionState {
  return { path, place, db: null, service: null, key: null, state: 'recovery', encrypted: false, problem: null, idleMinutes, closed: false };
}

export function statusOf(s: SessionState): VaultStatus {
  return {
    fileName: basename(s.path),
    state: s.state,
    encrypted: s.encrypted,
    readOnly: s.state !== 'open',
    problem: s.problem,
    idleLockMinutes: s.idleMinutes,
  };
}

export function dropConnection(s: SessionState): void {
  s.service = null;
  if (s.db !== null && s.db.open) s.db.close();
  s.db = null;
}

export function dropKey(s: SessionState): void {
  if (s.key !== null) s.key.fill(0);
  s.key = null;
}
