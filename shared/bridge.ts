// The one interface the renderer may ask of its platform. Two implementations stand beside the app:
// renderer/platform/bridge.electron.ts (window.listprep, the preload) and bridge.web.ts (file input,
// download, IndexedDB, fetch). Both `satisfies Bridge`, so the app never knows which one it runs on.
// Everything crosses as plain data (structured-clone safe); failures are values, never thrown strings.
import type { MappingProfile } from './mapping';

/** A failure that crossed the boundary: a stable code and a sentence for people. */
export type BridgeError = Readonly<{ code: string; message: string }>;
export type BridgeResult<T> = Readonly<{ ok: true; value: T }> | Readonly<{ ok: false; error: BridgeError }>;

/** A file the user chose. `handle` reopens it later (a path in Electron, an id in the browser). */
export type OpenedFile = Readonly<{
  name: string;
  size: number;
  bytes: Uint8Array;
  handle?: string;
}>;

export type RecentFile = Readonly<{ name: string; handle: string; openedAt: string }>;

export type SaveRequest = Readonly<{
  suggestedName: string;
  /** What is being saved, for the dialog's filters. */
  kind: 'xlsx' | 'csv' | 'json';
  bytes: Uint8Array;
}>;

/** Where the file went (a path or a download name), or null when the user cancelled. */
export type SaveOutcome = Readonly<{ savedAs: string } | null>;

/** One unsaved list in the autosave journal. */
export type JournalSummary = Readonly<{ listId: string; name: string; updatedAt: string; entries: number }>;

/** The journal stores opaque JSON entries in order; the app decides what they mean (snapshot, edit…). */
export type Journal = Readonly<{
  append(listId: string, name: string, entries: readonly unknown[]): Promise<BridgeResult<void>>;
  read(listId: string): Promise<BridgeResult<readonly unknown[]>>;
  list(): Promise<BridgeResult<readonly JournalSummary[]>>;
  discard(listId: string): Promise<BridgeResult<void>>;
}>;

/** A server connection as the renderer may see it: never the API key itself. */
export type ConnectionInfo = Readonly<{
  serverUrl: string;
  connected: boolean;
  who?: string;
  /**
   * Plain http to another computer, allowed when the app started (LISTPREP_INSECURE_SERVER): the key and the
   * list travel unencrypted, and the app says so while connected.
   */
  unencrypted?: boolean;
}>;

/**
 * What the page posts to its own window with a MessagePort for the worker's upload requests; in the desktop
 * app the preload passes the port on to the main process, which answers over it with the stored key.
 */
export const connectionPortMessage = 'listprep:connection-port';

export type ApiRequest = Readonly<{
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path on the import server, starting with `/`. */
  path: string;
  body?: unknown;
  /**
   * The body is JSON already encoded as UTF-8 bytes: a large request (an import's rows) built once by the list
   * engine and sent as it is, with no second serialisation on the way.
   */
  encodedJson?: boolean;
  /** Sent as the Idempotency-Key header. */
  idempotencyKey?: string;
  /** An uploaded file's name, sent as the X-File-Name header (percent-encoded), never in the URL. */
  fileName?: string;
}>;
export type ApiResponse = Readonly<{ status: number; body: unknown }>;

/**
 * Saved mapping profiles (shared/mapping/profile-store.ts). The desktop app keeps them in the configuration
 * folder, where `listprep map --save` writes its own, so each offers what the other saved; a browser keeps
 * them in its local storage.
 */
export type Profiles = Readonly<{
  list(): Promise<BridgeResult<readonly MappingProfile[]>>;
  /** The profile for a file with these headers (in any order) and template, the most recently saved; or null. */
  find(headers: readonly string[], templateId: string): Promise<BridgeResult<MappingProfile | null>>;
  /** Saves a profile, replacing one of the same name (`profile.name` when the name is not one a file can have). */
  save(profile: MappingProfile): Promise<BridgeResult<void>>;
  /** Forgets the profile of that name; false when there was none. */
  remove(name: string): Promise<BridgeResult<boolean>>;
}>;

export type Bridge = Readonly<{
  platform: 'electron' | 'web';
  /** Shows the platform's open dialog; null when the user cancelled. */
  openFile(): Promise<BridgeResult<OpenedFile | null>>;
  /** Reopens a recent file by its handle. */
  reopenFile(handle: string): Promise<BridgeResult<OpenedFile>>;
  recentFiles(): Promise<BridgeResult<readonly RecentFile[]>>;
  /** Takes a file off the recent list (it failed to open: the list offers only files that open). */
  forgetRecent(handle: string): Promise<BridgeResult<void>>;
  /** Saves bytes where the user chooses (Electron: atomic write; browser: a download). */
  saveFile(request: SaveRequest): Promise<BridgeResult<SaveOutcome>>;
  journal: Journal;
  profiles: Profiles;
  connection: Readonly<{
    /** Stores the key where the platform keeps secrets (safeStorage; the browser: this session only). */
    connect(serverUrl: string, apiKey: string): Promise<BridgeResult<ConnectionInfo>>;
    info(): Promise<BridgeResult<ConnectionInfo | null>>;
    disconnect(): Promise<BridgeResult<void>>;
    /** A request to the import server with the stored key; in Electron the main process makes it. */
    request(request: ApiRequest): Promise<BridgeResult<ApiResponse>>;
  }>;
}>;
