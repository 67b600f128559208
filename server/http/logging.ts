import { type FastifyReply, type FastifyRequest, type FastifyServerOptions, LogController } from 'fastify';
import { idSchema } from '../../shared/api';
import { knownPrincipal } from './auth';

// Logs are read by people who must not see customers' data: no cell values, no database error details or
// parameters, no query strings or file names, no API keys. What a line may say about an error is decided here.

const sqlState = /^[0-9A-Z]{5}$/;

/** True for an error the database (pg or PGlite) raised: its message and detail quote the values involved. */
function isDatabaseError(error: Error & { code?: unknown }): boolean {
  return (
    (typeof error.code === 'string' && sqlState.test(error.code)) ||
    'detail' in error ||
    'query' in error ||
    'severity' in error
  );
}

/**
 * A message with what may be data taken out: anything quoted, email addresses, long runs of digits. Our own
 * errors say what went wrong in words; a library's may quote its input (`Unexpected token … "ann@…"`).
 */
export function scrubMessage(message: string): string {
  return message
    .replace(/"[^"]*"|'[^']*'|`[^`]*`/g, '…')
    .replace(/[^\s@()]+@[^\s@()]+/g, '…')
    .replace(/\d[\d\s().+-]{5,}\d/g, '…')
    .slice(0, 300);
}

/** An error as the log and a job's reason may hold it: its kind and where it came from, never the data. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return 'an unknown error';
  const e = error as Error & { code?: unknown };
  if (isDatabaseError(e)) return `database error ${typeof e.code === 'string' ? e.code : 'without a code'}`;
  return scrubMessage(e.message);
}

/** The serializer of `err` and `error` in every log line. */
export function loggableError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const e = error as Error & { code?: unknown; constraint?: unknown; table?: unknown; column?: unknown };
  if (isDatabaseError(e)) {
    // Names of the schema's objects only: the message, detail, where, query and parameters quote values.
    const name = (value: unknown) => (typeof value === 'string' ? value : undefined);
    return {
      type: e.name,
      sqlState: name(e.code),
      constraint: name(e.constraint),
      table: name(e.table),
      column: name(e.column),
    };
  }
  const frames = (e.stack ?? '')
    .split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .slice(0, 8)
    .map((line) => line.trim());
  return {
    type: e.name,
    ...(typeof e.code === 'string' ? { code: e.code } : {}),
    message: scrubMessage(e.message),
    stack: frames,
  };
}

/** Fastify's logger with the serializers above; `false` stays off. */
export function withSafeLogging(
  logger: FastifyServerOptions['logger'] | undefined,
): FastifyServerOptions['logger'] {
  if (!logger) return false;
  const options = logger === true ? {} : (logger as Record<string, unknown>);
  const serializers = (options.serializers as Record<string, unknown>) ?? {};
  // Typed for Fastify's own error shape; ours takes any value and returns what may be logged of it.
  const safe = loggableError as never;
  return { ...options, serializers: { ...serializers, err: safe, error: safe } };
}

/** The request line's fields: what was asked and by whom, nothing of what it carried. */
function requestLine(request: FastifyRequest, reply: FastifyReply): Record<string, unknown> {
  const params = (request.params ?? {}) as Record<string, unknown>;
  const id = (value: unknown) =>
    typeof value === 'string' && idSchema.safeParse(value).success ? Number(value) : undefined;
  const principal = knownPrincipal(request);
  return {
    method: request.method,
    route: request.routeOptions.url ?? '(no route)',
    targetAccountId: id(params.accountId),
    importId: id(params.importId),
    status: reply.statusCode,
    ms: Math.round(reply.elapsedTime),
    keyId: principal?.keyId ?? null,
    accountId: principal?.accountId ?? null,
  };
}

/**
 * Fastify's own log lines, made safe: one line per request when it is answered, with the route's pattern
 * (never the URL: query strings hold emails and file names), the ids it named, the status and time, and who
 * asked (API key id and its account). No "incoming request" line (it logs the URL); errors by their kind only.
 */
export class SafeLogController extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (error) reply.log.error({ ...requestLine(request, reply), err: error }, 'request');
    else reply.log.info(requestLine(request, reply), 'request');
  }

  override defaultErrorLog(error: Error, _request: FastifyRequest, reply: FastifyReply): void {
    reply.log[reply.statusCode >= 500 ? 'error' : 'info']({ err: error }, 'request failed');
  }

  override streamError(error: Error, _request: FastifyRequest, reply: FastifyReply): void {
    reply.log.warn({ err: error }, 'response stream failed');
  }

  override routeNotFound(): void {}
}
