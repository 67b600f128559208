import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { AppProvider } from './app/AppContext';
import { AppController } from './app/app-controller';
import { WorkerClient } from './client/worker-client';
import { pickBridge } from './platform/pick-bridge';
import { warmUpGrid } from './screens/fix/ContactGrid';
import './styles.css';

declare global {
  interface Window {
    /** The running app, for the end-to-end tests and the bench (which read marks and wait on the journal). */
    __listprep?: AppController;
  }
}

async function start(): Promise<void> {
  const bridge = await pickBridge();
  const controller = new AppController(bridge, WorkerClient.start());
  window.__listprep = controller;
  const root = document.getElementById('root');
  if (!root) throw new Error('no #root element');
  createRoot(root).render(
    <StrictMode>
      <AppProvider controller={controller}>
        <App />
      </AppProvider>
    </StrictMode>,
  );
  await controller.start(new URLSearchParams(location.search).get('open'));
  const idle = window.requestIdleCallback ?? ((run: () => void) => setTimeout(run, 200));
  idle(() => warmUpGrid());
}

void start();
