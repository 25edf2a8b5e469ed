import { useCallback, useRef } from 'react';
import { VaultGate } from '../features/vault';
import { App } from './App';
import { START_PLACE, type Place } from './route';

/**
 * The window: the vault gate decides whether the app may be drawn at all (lock screen,
 * recovery). Where the user was is kept here as ids, so unlocking returns there.
 */
export function Root() {
  const place = useRef<Place>(START_PLACE);
  const remember = useCallback((next: Place) => {
    place.current = next;
  }, []);
  const restart = useCallback(() => {
    place.current = START_PLACE;
  }, []);
  return <VaultGate onRestart={restart}>{(generation) => <App key={generation} initialPlace={place.current} onPlace={remember} />}</VaultGate>;
}
