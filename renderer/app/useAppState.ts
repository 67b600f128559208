import { useSyncExternalStore } from 'react';
import type { AppState } from './app-state';
import { useController } from './AppContext';

/** A slice of the app state; the component re-renders only when that slice changes. */
export function useAppState<T>(select: (state: AppState) => T): T {
  const controller = useController();
  return useSyncExternalStore(controller.subscribe, () => select(controller.getState()));
}
