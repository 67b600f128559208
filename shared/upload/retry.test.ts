import { describe, expect, it } from 'vitest';
import type { ApiRequest, ApiResponse, BridgeResult } from '../bridge';
import { ApiClient, failureOf } from './api-client';
import { type RetryPolicy, retryDelay, withRetry } from './retry';

const policy: RetryPolicy = { baseDelayMs: 500, maxDelayMs: 4000, maxAttempts: 6 };
const offline: BridgeResult<ApiResponse> = {
  ok: false,
  error: { code: 'connection.network', message: 'no route' },
};
const answer = (status: number, body: unknown): BridgeResult<ApiResponse> => ({
  ok: true,
  value: { status, body },
});
const meBody = {
  user: { id: '1', name: 'Ann', email: 'ann@example.com' },
  account: { id: '1', name: 'Acme', kind: 'standalone', parentId: null, createdAt: '2026-01-01T00:00:00Z' },
  accounts: [
    { id: '1', name: 'Acme', kind: 'standalone', parentId: null, createdAt: '2026-01-01T00:00:00Z' },
  ],
};

/** A transport that answers from a script and records what it was asked. */
function scripted(answers: BridgeResult<ApiResponse>[]) {
  const seen: ApiRequest[] = [];
  const transport = async (request: ApiRequest) => {
    seen.push(request);
    return answers[Math.min(seen.length - 1, answers.length - 1)];
  };
  return { seen, client: new ApiClient(transport) };
}

function recorder() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

describe('retrying with backoff', () => {
  it('doubles the wait after each failed try, up to the ceiling', () => {
    expect([1, 2, 3, 4, 5].map((n) => retryDelay(n, policy))).toEqual([500, 1000, 2000, 4000, 4000]);
  });

  it('retries a call that got no answer and a 502, 503 or 504, then returns the answer', async () => {
    const { seen, client } = scripted([
      offline,
      answer(502, 'Bad Gateway'),
      answer(503, { error: { code: 'internal', message: 'closing' } }),
      answer(504, ''),
      answer(200, meBody),
    ]);
    const { waits, sleep } = recorder();
    const notices: number[] = [];
    const result = await withRetry(() => client.me(), {
      policy,
      sleep,
      onRetry: (n) => notices.push(n.attempt),
    });
    expect(result.ok && result.value.user.name).toBe('Ann');
    expect(seen).toHaveLength(5);
    expect(waits).toEqual([500, 1000, 2000, 4000]);
    expect(notices).toEqual([1, 2, 3, 4]);
  });

  it('waits as long as the server asks on 429 and 503, within the policy’s ceiling', async () => {
    const { seen, client } = scripted([
      answer(429, { error: { code: 'rate.limited', message: 'slow down', retryAfter: 3 } }),
      answer(503, { error: { code: 'server.busy', message: 'busy', retryAfter: 2 } }),
      answer(429, { error: { code: 'account.busy', message: 'busy', retryAfter: 60 } }),
      answer(429, { error: { code: 'future.limit', message: 'no wait said' } }),
      answer(200, meBody),
    ]);
    const { waits, sleep } = recorder();
    const result = await withRetry(() => client.me(), { policy, sleep });
    expect(result.ok).toBe(true);
    expect(seen).toHaveLength(5);
    expect(waits).toEqual([3000, 2000, 4000, 4000]);
  });

  it('sends the same idempotency key and body on every try of an import', async () => {
    const { seen, client } = scripted([
      offline,
      offline,
      answer(401, { error: { code: 'auth.invalid', message: 'no' } }),
    ]);
    const request = { source: { kind: 'rows' as const, headers: ['firstName'], rows: [['Ann']] } };
    await withRetry(() => client.startImport('7', request, 'key-1'), { policy, sleep: recorder().sleep });
    expect(seen.map((r) => r.idempotencyKey)).toEqual(['key-1', 'key-1', 'key-1']);
    expect(new Set(seen.map((r) => JSON.stringify(r.body))).size).toBe(1);
  });

  it('does not retry the server’s considered answers: a refused key, a refused request, a bad answer', async () => {
    for (const reply of [
      answer(401, { error: { code: 'auth.invalid', message: 'The API key is not valid.' } }),
      answer(422, { error: { code: 'compliance.required', message: 'confirm consent' } }),
      answer(200, { not: 'a me answer' }),
    ]) {
      const { seen, client } = scripted([reply]);
      const result = await withRetry(() => client.me(), { policy, sleep: recorder().sleep });
      expect(result.ok).toBe(false);
      expect(seen).toHaveLength(1);
    }
  });

  it('gives up after the policy’s tries with the last failure, and stops when cancelled', async () => {
    const { seen, client } = scripted([offline]);
    const result = await withRetry(() => client.me(), { policy, sleep: recorder().sleep });
    expect(seen).toHaveLength(6);
    expect(!result.ok && result.failure.kind).toBe('offline');
    let cancelled = false;
    const again = scripted([offline]);
    await withRetry(() => again.client.me(), {
      policy: { ...policy, maxAttempts: Number.POSITIVE_INFINITY },
      sleep: async () => {
        cancelled = true;
      },
      cancelled: () => cancelled,
    });
    expect(again.seen).toHaveLength(1);
  });
});

describe('reading failures', () => {
  it('sorts answers by what the client should do about them', () => {
    const of = (status: number, body: unknown) => failureOf({ status, body });
    expect(of(503, null).kind).toBe('unavailable');
    expect(of(429, { error: { code: 'rate.limited', message: 'm', retryAfter: 1 } })).toMatchObject({
      kind: 'unavailable',
      code: 'rate.limited',
      retryAfterMs: 1000,
    });
    expect(of(401, { error: { code: 'auth.missing', message: 'm' } }).kind).toBe('auth');
    expect(of(409, { error: { code: 'idempotency.conflict', message: 'm' } })).toMatchObject({
      kind: 'refused',
      code: 'idempotency.conflict',
    });
    expect(of(500, { error: { code: 'internal', message: 'm' } }).kind).toBe('protocol');
    expect(of(404, '<html>not here</html>').kind).toBe('protocol');
  });

  it('keeps the words of an error code this client does not know yet', () => {
    expect(
      failureOf({ status: 422, body: { error: { code: 'future.rule', message: 'A newer rule.' } } }),
    ).toMatchObject({
      kind: 'refused',
      code: 'future.rule',
      message: 'A newer rule.',
    });
  });
});
