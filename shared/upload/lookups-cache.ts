import { type LookupsResponse, lookupsResponseSchema } from '../api';
import type { ApiClient, ApiOutcome } from './api-client';

/** Where cached lookups live: localStorage in the app, memory in tests. Values are JSON text. */
export type KeyValueStore = Readonly<{
  get(key: string): string | null;
  set(key: string, value: string): void;
}>;

export type LookupsState = Readonly<{
  lookups: LookupsResponse;
  /** When the server gave this copy (ISO time). */
  fetchedAt: string;
  source: 'server' | 'cache';
  /** Older than the freshness limit, or the server could not be asked: refresh before an upload. */
  stale: boolean;
  /** The server's lists differ from the copy cached before (the sheet needs checking again). */
  changed: boolean;
}>;

export type LookupsCacheOptions = Readonly<{
  store: KeyValueStore;
  /** Cached lookups are keyed by server and account: two servers may both have an account 12. */
  serverUrl: string;
  /** A copy older than this is stale. */
  maxAgeMs?: number;
  now?: () => number;
}>;

type Stored = { fetchedAt: string; lookups: unknown };

const defaultMaxAgeMs = 60 * 60 * 1000;

/**
 * The account's lookups (action plans, sales cycles, lead sources, users…), kept so ID columns can be checked
 * offline. `load` answers from the cache while it is fresh; `refresh` always asks the server (before every
 * upload) and falls back to the cache, marked stale, when the server cannot be reached.
 */
export class LookupsCache {
  private readonly maxAgeMs: number;
  private readonly now: () => number;

  constructor(
    private readonly client: ApiClient,
    private readonly options: LookupsCacheOptions,
  ) {
    this.maxAgeMs = options.maxAgeMs ?? defaultMaxAgeMs;
    this.now = options.now ?? Date.now;
  }

  private key(accountId: string): string {
    return `listprep.lookups:${this.options.serverUrl}:${accountId}`;
  }

  /** The cached copy, or null (never cached, or unreadable). */
  cached(accountId: string): Omit<LookupsState, 'changed'> | null {
    const text = this.options.store.get(this.key(accountId));
    if (!text) return null;
    try {
      const stored = JSON.parse(text) as Stored;
      const parsed = lookupsResponseSchema.safeParse(stored.lookups);
      if (!parsed.success || typeof stored.fetchedAt !== 'string') return null;
      const age = this.now() - Date.parse(stored.fetchedAt);
      return {
        lookups: parsed.data,
        fetchedAt: stored.fetchedAt,
        source: 'cache',
        stale: !(age < this.maxAgeMs),
      };
    } catch {
      return null;
    }
  }

  /** A fresh cached copy, else the server's; a stale copy when the server cannot be reached. */
  async load(accountId: string): Promise<ApiOutcome<LookupsState>> {
    const cached = this.cached(accountId);
    if (cached && !cached.stale) return { ok: true, value: { ...cached, changed: false }, status: 200 };
    return this.refresh(accountId);
  }

  /** Asks the server; on no answer, the cached copy marked stale (or the failure when there is none). */
  async refresh(accountId: string): Promise<ApiOutcome<LookupsState>> {
    const cached = this.cached(accountId);
    const answer = await this.client.lookups(accountId);
    if (!answer.ok) {
      if (cached && (answer.failure.kind === 'offline' || answer.failure.kind === 'unavailable')) {
        return { ok: true, value: { ...cached, stale: true, changed: false }, status: 200 };
      }
      return answer;
    }
    const fetchedAt = new Date(this.now()).toISOString();
    const stored: Stored = { fetchedAt, lookups: answer.value };
    try {
      this.options.store.set(this.key(accountId), JSON.stringify(stored));
    } catch {
      // A full or refused store only costs offline use; the lists in hand are still right.
    }
    const changed = cached !== null && cached.lookups.version !== answer.value.version;
    return {
      ok: true,
      value: { lookups: answer.value, fetchedAt, source: 'server', stale: false, changed },
      status: answer.status,
    };
  }
}

/** A store in memory (the CLI, tests). */
export function memoryStore(): KeyValueStore {
  const map = new Map<string, string>();
  return { get: (key) => map.get(key) ?? null, set: (key, value) => void map.set(key, value) };
}
