/**
 * The idle lock (docs/security.md DATA-4): an encrypted library locks itself after `idleMinutes`
 * without calls (0: never) and on request; locking zeroes the key and closes the connection.
 */
import type { VaultStatus } from '../../../src/shared/contract';
import { dropConnection, dropKey, statusOf, type SessionState } from './session-state';

export function idleLock(s: SessionState) {
  let timer: ReturnType<typeof setTimeout> | null = null;

  function stop(): void {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  }

  /** Activity: restarts the timer (only an open encrypted library has one). */
  function touch(): void {
    stop();
    if (s.closed || !s.encrypted || s.key === null || s.idleMinutes <= 0) return;
    timer = setTimeout(() => {
      timer = null;
      lock();
    }, s.idleMinutes * 60_000);
    timer.unref?.();
  }

  function lock(): VaultStatus {
    stop();
    if (!s.encrypted || s.key === null) return statusOf(s);
    dropConnection(s);
    dropKey(s);
    s.state = 'locked';
    s.problem = null;
    return statusOf(s);
  }

  return { touch, stop, lock };
}

export type IdleLock = ReturnType<typeof idleLock>;
