import { randomUUID } from 'node:crypto';
import { apiPaths, type ImportJob, type ImportRequestInput, importJobResponseSchema } from '../../shared/api';

export type ApiAnswer = { status: number; body: unknown; headers: Headers };

/** A small fetch client for tests: real HTTP, JSON in and out, never throws on a 4xx. */
export type ApiClient = Readonly<{
  get: (path: string) => Promise<ApiAnswer>;
  post: (path: string, body?: unknown, headers?: Record<string, string>) => Promise<ApiAnswer>;
  send: (path: string, init: RequestInit) => Promise<ApiAnswer>;
  /** POST an import with a fresh (or given) idempotency key. */
  startImport: (accountId: string, request: ImportRequestInput, key?: string) => Promise<ApiAnswer>;
  /** Polls until the import is completed, failed or rolled back. */
  waitForImport: (accountId: string, importId: string) => Promise<ImportJob>;
  /** The job once its status is `status` or later: for a test that must see it mid-way. */
  waitForImportStatus: (accountId: string, importId: string) => Promise<ImportJob>;
  /** Starts an import and waits for its end. */
  runImport: (accountId: string, request: ImportRequestInput) => Promise<ImportJob>;
}>;

async function answer(response: Response): Promise<ApiAnswer> {
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // Not JSON: keep the text, the test will say so.
  }
  return { status: response.status, body, headers: response.headers };
}

export function apiClient(baseUrl: string, key: string | null): ApiClient {
  const auth: Record<string, string> = key ? { authorization: `Bearer ${key}` } : {};
  const send = async (path: string, init: RequestInit) =>
    answer(
      await fetch(`${baseUrl}${path}`, {
        ...init,
        headers: { ...auth, ...(init.headers as Record<string, string>) },
      }),
    );
  const post = (path: string, body?: unknown, headers: Record<string, string> = {}) =>
    send(path, {
      method: 'POST',
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    });
  const startImport = (accountId: string, request: ImportRequestInput, key: string = randomUUID()) =>
    post(apiPaths.imports(accountId), request, { 'idempotency-key': key });
  const getJob = async (accountId: string, importId: string): Promise<ImportJob> => {
    for (;;) {
      const { status, body, headers } = await send(apiPaths.importJob(accountId, importId), {
        method: 'GET',
      });
      // A polite client: told to slow down (429) or that the server is busy (503), it waits as told.
      if (status === 429 || status === 503) {
        await new Promise((resolve) => setTimeout(resolve, Number(headers.get('retry-after') ?? 1) * 1000));
        continue;
      }
      if (status !== 200)
        throw new Error(`polling import ${importId}: HTTP ${status} ${JSON.stringify(body)}`);
      return importJobResponseSchema.parse(body).job;
    }
  };
  const waitForImport = async (accountId: string, importId: string): Promise<ImportJob> => {
    for (;;) {
      const job = await getJob(accountId, importId);
      if (job.status !== 'queued' && job.status !== 'processing') return job;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  return {
    get: (path) => send(path, { method: 'GET' }),
    post,
    send,
    startImport,
    waitForImport,
    waitForImportStatus: getJob,
    async runImport(accountId, request) {
      const started = await startImport(accountId, request);
      if (started.status !== 202)
        throw new Error(`import refused: HTTP ${started.status} ${JSON.stringify(started.body)}`);
      const { job } = importJobResponseSchema.parse(started.body);
      return waitForImport(accountId, job.id);
    },
  };
}
