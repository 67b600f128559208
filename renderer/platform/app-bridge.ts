import type { Bridge, BridgeResult } from '../../shared/bridge';
import type { WorkerConnection } from '../worker/protocol';
import type { OpenedBlob } from './opened-blob';

/**
 * The Bridge with what only the renderer needs of its platform: the browser's File handed over unread, and how
 * the worker, which holds the list and sends its uploads, reaches the import server.
 */
export type AppBridge = Bridge &
  Readonly<{
    adoptFile?: (file: File) => OpenedBlob;
    openFileBlob?: () => Promise<BridgeResult<OpenedBlob | null>>;
    /**
     * The worker's connection now: a new port to the main process (desktop), or the address and key the page
     * holds (browser); null while not connected. Asked again after every connect.
     */
    workerConnection: () => WorkerConnection | null;
  }>;
