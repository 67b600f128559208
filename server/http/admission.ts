import type { FastifyReply, FastifyRequest } from 'fastify';
import { idSchema, uploadMediaTypes } from '../../shared/api';
import { ApiError } from './api-error';
import { principalOf } from './auth';
import { MemoryBudget, memoryCost } from './memory-budget';

/** What one key, one account and the whole server may ask of the server at once. */
export type AdmissionLimits = Readonly<{
  /** Requests per second one API key may make, on average. */
  keyRatePerSecond: number;
  /** Requests one API key may make in a burst above that rate. */
  keyBurst: number;
  /** Requests for one account being answered at the same time. */
  accountConcurrent: number;
  /** Imports of one account queued or running at the same time. */
  accountUnfinishedImports: number;
  /** Estimated bytes of memory large bodies and files may take at once, server-wide (see memory-budget.ts). */
  memoryBytes: number;
}>;

export const defaultAdmissionLimits: AdmissionLimits = {
  keyRatePerSecond: 100,
  keyBurst: 200,
  accountConcurrent: 16,
  accountUnfinishedImports: 50,
  memoryBytes: 2 * 1024 * 1024 * 1024,
};

/** Bodies from this size count against the memory budget; smaller ones cost next to nothing. */
const largeBodyBytes = 1024 * 1024;
/** What a client is told to wait when the server is out of memory budget, in seconds. */
const memoryRetryAfterSeconds = 5;

type Bucket = { tokens: number; at: number };

/**
 * Admits a request or refuses it before its body is read: 429 when its key asks too often (a token bucket
 * per key) or its account has too many requests under way, 503 when the server has no memory to spare for
 * its body. All in this process's memory: each server process limits what it serves itself.
 */
export class Admission {
  readonly memory: MemoryBudget;
  private readonly buckets = new Map<number, Bucket>();
  private readonly inFlight = new Map<number, number>();

  constructor(readonly limits: AdmissionLimits) {
    this.memory = new MemoryBudget(limits.memoryBytes);
  }

  /** Runs after authentication, before the body is read. Throws the refusal. */
  admit(request: FastifyRequest, reply: FastifyReply): void {
    const principal = principalOf(request);
    this.takeToken(principal.keyId);
    const params = (request.params ?? {}) as Record<string, unknown>;
    const target =
      typeof params.accountId === 'string' && idSchema.safeParse(params.accountId).success
        ? Number(params.accountId)
        : principal.accountId;
    const busy = this.inFlight.get(target) ?? 0;
    if (busy >= this.limits.accountConcurrent) {
      throw new ApiError(
        'account.busy',
        `This account has ${busy} requests under way; send at most ${this.limits.accountConcurrent} at once.`,
        undefined,
        1,
      );
    }
    this.inFlight.set(target, busy + 1);
    let reserved = 0;
    reply.raw.once('close', () => {
      const left = (this.inFlight.get(target) ?? 1) - 1;
      if (left > 0) this.inFlight.set(target, left);
      else this.inFlight.delete(target);
      if (reserved) this.memory.give(reserved);
    });
    const length = Number(request.headers['content-length'] ?? 0);
    if (length >= largeBodyBytes) {
      const cost = memoryCost(length, bodyKind(request.headers['content-type']));
      if (!this.memory.tryTake(cost)) {
        throw new ApiError(
          'server.busy',
          'The server is reading other large files right now; nothing was changed. Send this one again in a few seconds.',
          undefined,
          memoryRetryAfterSeconds,
        );
      }
      reserved = cost;
    }
  }

  private takeToken(keyId: number): void {
    const now = performance.now();
    const { keyRatePerSecond: rate, keyBurst: burst } = this.limits;
    const bucket = this.buckets.get(keyId) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * rate);
    bucket.at = now;
    this.buckets.set(keyId, bucket);
    if (this.buckets.size > 10_000) this.forgetIdle(now);
    if (bucket.tokens < 1) {
      throw new ApiError(
        'rate.limited',
        `Too many requests with this API key: at most ${rate} a second on average (${burst} at once).`,
        undefined,
        Math.max(1, Math.ceil((1 - bucket.tokens) / rate)),
      );
    }
    bucket.tokens -= 1;
  }

  /** Keys idle long enough to have a full bucket again need no entry. */
  private forgetIdle(now: number): void {
    const fullAfterMs = (this.limits.keyBurst / this.limits.keyRatePerSecond) * 1000;
    for (const [key, bucket] of this.buckets) if (now - bucket.at > fullAfterMs) this.buckets.delete(key);
  }
}

function bodyKind(contentType: string | undefined): 'json' | 'csv' | 'workbook' {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'application/json') return 'json';
  if (type === uploadMediaTypes.csv || type === 'text/plain') return 'csv';
  // A workbook, or bytes that may be one (octet-stream is sniffed): the costlier guess.
  return 'workbook';
}
