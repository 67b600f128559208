import { describe, expect, it } from 'vitest';
import type { ApiResponse, BridgeResult } from '../bridge';
import { ApiClient } from './api-client';
import { LookupsCache, memoryStore } from './lookups-cache';

function lookupsBody(version: string) {
  return {
    accountId: '2',
    version,
    template: { id: 'clienttether-contacts', version: '1' },
    actionPlans: [],
    salesCycles: [],
    leadSources: [{ id: '9', name: 'Trade Show' }],
    users: [],
    tags: [],
    customFields: [],
    lookups: { actionPlans: [], salesCycles: [], leadSources: [{ id: '9', name: 'Trade Show' }], users: [] },
  };
}

/** A server whose answer the test changes, or takes away. */
function server() {
  let reply: BridgeResult<ApiResponse> = { ok: true, value: { status: 200, body: lookupsBody('v1') } };
  let calls = 0;
  const client = new ApiClient(async () => {
    calls++;
    return reply;
  });
  return {
    client,
    calls: () => calls,
    answer: (version: string) => {
      reply = { ok: true, value: { status: 200, body: lookupsBody(version) } };
    },
    goOffline: () => {
      reply = { ok: false, error: { code: 'connection.network', message: 'offline' } };
    },
  };
}

describe('the lookups cache', () => {
  it('answers from the cache while it is fresh and asks the server once it is stale', async () => {
    const s = server();
    let now = Date.parse('2026-03-01T10:00:00Z');
    const cache = new LookupsCache(s.client, {
      store: memoryStore(),
      serverUrl: 'https://a',
      maxAgeMs: 60_000,
      now: () => now,
    });
    expect((await cache.load('2')).ok).toBe(true);
    now += 30_000;
    const fresh = await cache.load('2');
    expect(fresh.ok && fresh.value.source).toBe('cache');
    expect(s.calls()).toBe(1);
    now += 60_000;
    s.answer('v2');
    const refreshed = await cache.load('2');
    expect(refreshed.ok && [refreshed.value.source, refreshed.value.changed]).toEqual(['server', true]);
    expect(s.calls()).toBe(2);
  });

  it('falls back to the cached copy, marked stale, when the server cannot be reached', async () => {
    const s = server();
    const store = memoryStore();
    await new LookupsCache(s.client, { store, serverUrl: 'https://a' }).refresh('2');
    s.goOffline();
    const offline = await new LookupsCache(s.client, { store, serverUrl: 'https://a' }).refresh('2');
    expect(offline.ok && [offline.value.source, offline.value.stale]).toEqual(['cache', true]);
    expect(offline.ok && offline.value.lookups.leadSources[0].name).toBe('Trade Show');
  });

  it('keeps each server’s account apart', async () => {
    const s = server();
    const store = memoryStore();
    await new LookupsCache(s.client, { store, serverUrl: 'https://a' }).refresh('2');
    s.goOffline();
    const other = await new LookupsCache(s.client, { store, serverUrl: 'https://b' }).load('2');
    expect(!other.ok && other.failure.kind).toBe('offline');
  });
});
