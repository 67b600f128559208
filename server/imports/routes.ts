import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  apiLimits,
  apiPaths,
  type DryRunResponse,
  idempotencyKeyHeader,
  type ImportListResponse,
  type ImportRequest,
  idSchema,
  importRequestSchema,
} from '../../shared/api';
import type { AppDeps } from '../app-deps';
import type { Database } from '../db/database';
import type { Admission } from '../http/admission';
import { ApiError } from '../http/api-error';
import { accountFor, principalOf } from '../http/auth';
import { jsonBody, rawJsonOf } from '../http/body';
import { memoryCost } from '../http/memory-budget';
import { parseRequest } from '../http/parse';
import { requestFingerprint } from './idempotency';
import { jobRoutes, sendJob } from './job-routes';
import { createJob, listJobs, replayJob, toJob, unfinishedJobs } from './job-store';
import { planImport, toDryRun } from './plan';
import { prepareImport } from './prepare';
import { validateSource } from './validate-source';

const gzipAsync = promisify(gzip);

type AccountParams = { Params: { accountId: string } };

const historyQuerySchema = z.strictObject({
  before: idSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

/**
 * Runs `work` with room in the memory budget for the upload it reads (a dry run or import of a stored file
 * reads all its rows); 503 when there is none now.
 */
async function withUploadMemory<T>(
  db: Database,
  admission: Admission,
  accountId: number,
  request: ImportRequest,
  work: () => Promise<T>,
): Promise<T> {
  if (request.source.kind !== 'upload') return work();
  const { rows } = await db.query<{ size: number; format: 'csv' | 'xlsx' }>(
    'SELECT size, format FROM uploads WHERE id = $1 AND account_id = $2',
    [Number(request.source.uploadId), accountId],
  );
  if (!rows[0]) return work();
  const cost = memoryCost(rows[0].size, rows[0].format === 'xlsx' ? 'workbook' : 'csvRows');
  if (!admission.memory.tryTake(cost)) {
    throw new ApiError(
      'server.busy',
      'The server is reading other large files right now; nothing was changed. Try again in a few seconds.',
      undefined,
      5,
    );
  }
  try {
    return await work();
  } finally {
    admission.memory.give(cost);
  }
}

export function importRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db, template, onJobQueued, admission } = deps;

  app.post<AccountParams>(
    '/v1/accounts/:accountId/imports/dry-run',
    async (request): Promise<DryRunResponse> => {
      const account = await accountFor(db, request, request.params.accountId);
      const body = parseRequest(importRequestSchema, jsonBody(request), 'body');
      return withUploadMemory(db, admission, account.id, body, async () => {
        const prepared = await prepareImport(db, account.id, body, template, { enforceCompliance: false });
        const plan = await planImport(db, prepared, await validateSource(prepared));
        return { dryRun: toDryRun(prepared, plan) };
      });
    },
  );

  app.post<AccountParams>('/v1/accounts/:accountId/imports', async (request, reply) => {
    const account = await accountFor(db, request, request.params.accountId);
    const key = request.headers[idempotencyKeyHeader];
    if (typeof key !== 'string' || key.trim() === '' || key.length > apiLimits.idempotencyKeyChars) {
      throw new ApiError(
        'idempotency.keyRequired',
        `Send an Idempotency-Key header (1 to ${apiLimits.idempotencyKeyChars} characters, e.g. a UUID) so a retry never imports twice.`,
      );
    }
    const body = parseRequest(importRequestSchema, jsonBody(request), 'body');
    const raw = rawJsonOf(request);
    const identity = { fingerprint: await requestFingerprint(body), bodySha256: raw.sha256 };
    const earlier = await replayJob(db, account.id, key, identity);
    if (earlier) return sendJob(reply, earlier, 202, true);
    const unfinished = await unfinishedJobs(db, account.id);
    if (unfinished >= admission.limits.accountUnfinishedImports) {
      throw new ApiError(
        'account.busy',
        `This account has ${unfinished} imports queued or running; send more once some have finished.`,
        undefined,
        5,
      );
    }
    const prepared = await withUploadMemory(db, admission, account.id, body, () =>
      prepareImport(db, account.id, body, template, { enforceCompliance: true }),
    );
    const { job, replayed } = await createJob(
      db,
      {
        accountId: account.id,
        userId: principalOf(request).userId,
        idempotencyKey: key,
        requestHash: identity.fingerprint,
        options: body.options,
        mapping: body.mapping ?? null,
        sourceKind: body.source.kind,
        sourceName: prepared.source.name,
        uploadId: body.source.kind === 'upload' ? Number(body.source.uploadId) : null,
        rowCount: prepared.source.rows.length,
        columnCount: prepared.source.headers.length,
        // Level 1: nearly all of the size gain for a fraction of the time, off the event loop.
        payload: (await gzipAsync(raw.text, { level: 1 })).toString('base64'),
      },
      identity,
    );
    if (!replayed) onJobQueued({ id: job.id, request: body });
    void reply.header('location', apiPaths.importJob(String(account.id), String(job.id)));
    return sendJob(reply, job, 202, replayed);
  });

  app.get<AccountParams>('/v1/accounts/:accountId/imports', async (request): Promise<ImportListResponse> => {
    const account = await accountFor(db, request, request.params.accountId);
    const query = parseRequest(historyQuerySchema, request.query, 'query');
    const rows = await listJobs(db, account.id, query.before ? Number(query.before) : null, query.limit + 1);
    const page = rows.slice(0, query.limit);
    return {
      imports: page.map(toJob),
      nextBefore: rows.length > query.limit ? String(page[page.length - 1].id) : null,
    };
  });

  jobRoutes(app, deps);
}
