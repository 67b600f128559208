import type { ApiOutcome } from './api-client';
import { isRetryable, type UploadFailure } from './failure';

/**
 * How long to keep trying a request that got no answer (or a 502/503/504). The app waits for ever (the user
 * sees "retrying" and can keep editing); the CLI gives up after a while and exits 2.
 */
export type RetryPolicy = Readonly<{
  /** The first wait; each later one doubles, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Tries in all, the first one included; Infinity to wait for the server for ever. */
  maxAttempts: number;
}>;

export const appRetryPolicy: RetryPolicy = {
  baseDelayMs: 500,
  maxDelayMs: 15_000,
  maxAttempts: Number.POSITIVE_INFINITY,
};
export const cliRetryPolicy: RetryPolicy = { baseDelayMs: 500, maxDelayMs: 8_000, maxAttempts: 12 };

/** The wait before try `attempt + 1` after `attempt` failed (attempt counts from 1). */
export function retryDelay(attempt: number, policy: RetryPolicy): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
}

export type RetryNotice = Readonly<{ attempt: number; delayMs: number; failure: UploadFailure }>;

export type RetryEnv = Readonly<{
  policy: RetryPolicy;
  /** Waits; the app's version can be woken early ("retry now", back online). */
  sleep: (ms: number) => Promise<void>;
  /** Told before each wait, so people see "retrying" rather than a frozen screen. */
  onRetry?: (notice: RetryNotice) => void;
  /** Checked before each try: true stops with the last failure. */
  cancelled?: () => boolean;
}>;

/**
 * Calls until an answer that is not worth retrying arrives. Safe only for calls that do the same thing when
 * repeated: reads, dry runs, and an import that carries one idempotency key on every try.
 */
export async function withRetry<T>(
  call: () => Promise<ApiOutcome<T>>,
  env: RetryEnv,
): Promise<ApiOutcome<T>> {
  for (let attempt = 1; ; attempt++) {
    const outcome = await call();
    if (outcome.ok || !isRetryable(outcome.failure)) return outcome;
    if (attempt >= env.policy.maxAttempts || env.cancelled?.()) return outcome;
    // The server's own wait when it gave one (429, 503), within the policy's ceiling; else the backoff.
    const asked = outcome.failure.retryAfterMs;
    const delayMs =
      asked !== undefined ? Math.min(asked, env.policy.maxDelayMs) : retryDelay(attempt, env.policy);
    env.onRetry?.({ attempt, delayMs, failure: outcome.failure });
    await env.sleep(delayMs);
    if (env.cancelled?.()) return outcome;
  }
}
