import type { z } from 'zod';
import {
  type Account,
  accountsResponseSchema,
  apiErrorBodySchema,
  apiPaths,
  type ContactsResponse,
  contactsResponseSchema,
  type DryRun,
  dryRunResponseSchema,
  type ImportJob,
  type ImportRequestInput,
  importIssuesResponseSchema,
  importJobResponseSchema,
  importListResponseSchema,
  importRowsResponseSchema,
  type LookupsResponse,
  lookupsResponseSchema,
  type MeResponse,
  meResponseSchema,
  type RequestIssue,
  type RowIssue,
} from '../api';
import type { ApiRequest, ApiResponse } from '../bridge';
import type { UploadFailure } from './failure';
import type { Transport } from './transport';
import { isPolicyRefusal } from './transport-policy';

/**
 * An import request as the list engine sends it: JSON encoded once into bytes (a large list's rows are most of
 * it), used as it is for the dry run and the import.
 */
export type EncodedImportRequest = Readonly<{ encoded: Uint8Array; rows: number }>;

/** What `dryRun` and `startImport` take: the request as data, or already encoded. */
export type ImportRequestBody = ImportRequestInput | EncodedImportRequest;

function bodyOf(request: ImportRequestBody): Pick<ApiRequest, 'body' | 'encodedJson'> {
  return 'encoded' in request ? { body: request.encoded, encodedJson: true } : { body: request };
}

/** An answer from the import server as data: the parsed body, or why there is none. */
export type ApiOutcome<T> =
  | Readonly<{ ok: true; value: T; status: number }>
  | Readonly<{ ok: false; failure: UploadFailure }>;

export type Page<T> = Readonly<{ items: T[]; total: number }>;

// 429: too many requests with this key, or for this account, at once; 503: the server is busy or starting.
const retryStatuses = new Set([429, 502, 503, 504]);

/** Turns an HTTP answer that is not a success into a failure people can read. */
export function failureOf(response: ApiResponse): UploadFailure {
  const { status, body } = response;
  const parsed = apiErrorBodySchema.safeParse(body);
  // A server newer than this client may answer with a code this contract does not list: keep its words.
  const loose = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  const code = parsed.success ? parsed.data.error.code : typeof loose?.code === 'string' ? loose.code : '';
  const message = parsed.success
    ? parsed.data.error.message
    : typeof loose?.message === 'string'
      ? loose.message
      : `The server answered ${status} without saying why.`;
  const issues: (RowIssue | RequestIssue)[] = parsed.success ? (parsed.data.error.issues ?? []) : [];
  if (retryStatuses.has(status)) {
    // The wait the server asks for travels in the body too (`error.retryAfter`, seconds): the app's transport
    // passes the body, not the headers.
    const seconds = parsed.success ? parsed.data.error.retryAfter : undefined;
    return {
      kind: 'unavailable',
      code: code || `http.${status}`,
      message,
      status,
      issues,
      ...(seconds !== undefined ? { retryAfterMs: seconds * 1000 } : {}),
    };
  }
  if (status === 401 || status === 403)
    return { kind: 'auth', code: code || 'auth.invalid', message, status, issues };
  if (status >= 400 && status < 500 && code) return { kind: 'refused', code, message, status, issues };
  return { kind: 'protocol', code: code || `http.${status}`, message, status, issues };
}

/**
 * The import server's routes as typed calls over a Transport. Every answer is checked against the shared
 * contract (`shared/api`), so a wrong address or another server version is a `protocol` failure, not a crash.
 */
export class ApiClient {
  constructor(private readonly transport: Transport) {}

  /** One request, its answer parsed with `schema` when the status is one of `ok`. */
  async call<S extends z.ZodType>(
    request: ApiRequest,
    schema: S,
    ok: readonly number[] = [200],
  ): Promise<ApiOutcome<z.output<S>>> {
    const answer = await this.transport(request);
    if (!answer.ok) {
      return {
        ok: false,
        failure: {
          // A refusal of the transport policy comes again on every try: not a network to wait for.
          kind: isPolicyRefusal(answer.error.code) ? 'protocol' : 'offline',
          code: answer.error.code,
          message: answer.error.message,
          status: null,
          issues: [],
        },
      };
    }
    const { status, body } = answer.value;
    if (!ok.includes(status)) return { ok: false, failure: failureOf(answer.value) };
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      return {
        ok: false,
        failure: {
          kind: 'protocol',
          code: 'response.unexpected',
          message: `The server's answer to ${request.method} ${request.path.split('?')[0]} is not what ListPrep expects (${parsed.error.issues[0]?.path.join('.') ?? ''}: ${parsed.error.issues[0]?.message ?? ''}). Is this a ListPrep import server of the same version?`,
          status,
          issues: [],
        },
      };
    }
    return { ok: true, value: parsed.data, status };
  }

  me(): Promise<ApiOutcome<MeResponse>> {
    return this.call({ method: 'GET', path: apiPaths.me() }, meResponseSchema);
  }

  async accounts(): Promise<ApiOutcome<Account[]>> {
    const answer = await this.call({ method: 'GET', path: apiPaths.accounts() }, accountsResponseSchema);
    return answer.ok ? { ...answer, value: answer.value.accounts } : answer;
  }

  lookups(accountId: string): Promise<ApiOutcome<LookupsResponse>> {
    return this.call({ method: 'GET', path: apiPaths.lookups(accountId) }, lookupsResponseSchema);
  }

  async dryRun(accountId: string, request: ImportRequestBody): Promise<ApiOutcome<DryRun>> {
    const answer = await this.call(
      { method: 'POST', path: apiPaths.dryRun(accountId), ...bodyOf(request) },
      dryRunResponseSchema,
    );
    return answer.ok ? { ...answer, value: answer.value.dryRun } : answer;
  }

  /** Queues the import. The server answers 202 for a new job and for a replay of the same key. */
  async startImport(
    accountId: string,
    request: ImportRequestBody,
    idempotencyKey: string,
  ): Promise<ApiOutcome<ImportJob>> {
    const answer = await this.call(
      { method: 'POST', path: apiPaths.imports(accountId), ...bodyOf(request), idempotencyKey },
      importJobResponseSchema,
      [200, 201, 202],
    );
    return answer.ok ? { ...answer, value: answer.value.job } : answer;
  }

  async job(accountId: string, importId: string): Promise<ApiOutcome<ImportJob>> {
    const answer = await this.call(
      { method: 'GET', path: apiPaths.importJob(accountId, importId) },
      importJobResponseSchema,
    );
    return answer.ok ? { ...answer, value: answer.value.job } : answer;
  }

  async outcomes(accountId: string, importId: string, offset: number, limit: number) {
    const answer = await this.call(
      { method: 'GET', path: `${apiPaths.importRows(accountId, importId)}?offset=${offset}&limit=${limit}` },
      importRowsResponseSchema,
    );
    return answer.ok ? { ...answer, value: { items: answer.value.rows, total: answer.value.total } } : answer;
  }

  async issues(accountId: string, importId: string, offset: number, limit: number) {
    const answer = await this.call(
      {
        method: 'GET',
        path: `${apiPaths.importIssues(accountId, importId)}?offset=${offset}&limit=${limit}`,
      },
      importIssuesResponseSchema,
    );
    return answer.ok
      ? { ...answer, value: { items: answer.value.issues, total: answer.value.total } }
      : answer;
  }

  /** The account's imports, newest first; pass `nextBefore` of one page as `before` for the next. */
  async history(accountId: string, before?: string, limit = 20) {
    const query = `?limit=${limit}${before ? `&before=${encodeURIComponent(before)}` : ''}`;
    return this.call(
      { method: 'GET', path: `${apiPaths.imports(accountId)}${query}` },
      importListResponseSchema,
    );
  }

  async rollback(accountId: string, importId: string): Promise<ApiOutcome<ImportJob>> {
    const answer = await this.call(
      { method: 'POST', path: apiPaths.rollback(accountId, importId), body: {} },
      importJobResponseSchema,
    );
    return answer.ok ? { ...answer, value: answer.value.job } : answer;
  }

  /** A page of the account's contacts. (The server can also filter by email; no client may: URLs are logged.) */
  contacts(accountId: string, query: { offset?: number; limit?: number } = {}) {
    const params = Object.entries(query)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
      .join('&');
    return this.call<typeof contactsResponseSchema>(
      { method: 'GET', path: `${apiPaths.contacts(accountId)}${params ? `?${params}` : ''}` },
      contactsResponseSchema,
    ) as Promise<ApiOutcome<ContactsResponse>>;
  }
}

/** Reads every page of a paged list (outcomes, issues) in order. */
export async function readAllPages<T>(
  read: (offset: number, limit: number) => Promise<ApiOutcome<Page<T>>>,
  pageSize = 1000,
): Promise<ApiOutcome<T[]>> {
  const all: T[] = [];
  for (;;) {
    const page = await read(all.length, pageSize);
    if (!page.ok) return page;
    all.push(...page.value.items);
    if (page.value.items.length === 0 || all.length >= page.value.total)
      return { ok: true, value: all, status: page.status };
  }
}
