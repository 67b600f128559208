import { createContext, type ReactNode, useContext } from 'react';
import type { AppController } from './app-controller';

const Context = createContext<AppController | null>(null);

export function AppProvider({ controller, children }: { controller: AppController; children: ReactNode }) {
  return <Context.Provider value={controller}>{children}</Context.Provider>;
}

export function useController(): AppController {
  const controller = useContext(Context);
  if (!controller) throw new Error('useController outside AppProvider');
  return controller;
}
