// The entry of a sheet-reading thread: the server runs from TypeScript sources (tsx), and a worker thread
// starts without the loader, so it registers it before loading the worker itself.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
