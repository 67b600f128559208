import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  idempotentReplayedHeader,
  type ImportIssuesResponse,
  type ImportJobResponse,
  type ImportRowsResponse,
  pageQuerySchema,
  type RowOutcome,
} from '../../shared/api';
import type { AppDeps } from '../app-deps';
import { ApiError } from '../http/api-error';
import { accountFor, pathId, principalOf } from '../http/auth';
import { parseRequest } from '../http/parse';
import { requestCancel } from './job-queue';
import { getJob, type JobRow, jobIssues, toJob } from './job-store';
import { serverMessages } from './messages';
import { resultsCsv } from './results';
import { rollbackImport } from './rollback';

type ImportParams = { Params: { accountId: string; importId: string } };

export function sendJob(reply: FastifyReply, job: JobRow, status: number, replayed?: boolean): FastifyReply {
  if (replayed !== undefined) void reply.header(idempotentReplayedHeader, String(replayed));
  const body: ImportJobResponse = { job: toJob(job) };
  return reply.status(status).send(body);
}

/** An import's own routes: its state, rows, issues, results file, cancel and rollback. */
export function jobRoutes(app: FastifyInstance, { db }: AppDeps): void {
  const jobOf = async (request: FastifyRequest, accountId: string, importId: string) => {
    const account = await accountFor(db, request, accountId);
    const id = pathId(importId);
    const job = id === null ? null : await getJob(db, account.id, id);
    if (!job) throw new ApiError('import.notFound', `No import ${importId} in this account.`);
    return { account, job };
  };

  app.get<ImportParams>('/v1/accounts/:accountId/imports/:importId', async (request, reply) => {
    const { job } = await jobOf(request, request.params.accountId, request.params.importId);
    return sendJob(reply, job, 200);
  });

  app.get<ImportParams>(
    '/v1/accounts/:accountId/imports/:importId/rows',
    async (request): Promise<ImportRowsResponse> => {
      const { job } = await jobOf(request, request.params.accountId, request.params.importId);
      const { offset, limit } = parseRequest(pageQuerySchema, request.query, 'query');
      // The rows of an import being written are not results yet (published.ts).
      if (job.status !== 'completed' && job.status !== 'rolled_back') return { rows: [], total: 0, offset };
      const { rows } = await db.query<{
        row_number: number;
        action: RowOutcome['action'];
        contact_id: number | null;
        matched_by: RowOutcome['matchedBy'] | null;
        linked_to: number | null;
        action_plan_id: number | null;
        changes: RowOutcome['changes'] | null;
      }>(
        `SELECT row_number, action, contact_id, matched_by, linked_to, action_plan_id, changes
         FROM import_rows WHERE import_id = $1 ORDER BY row_number OFFSET $2 LIMIT $3`,
        [job.id, offset, limit],
      );
      const total = await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM import_rows WHERE import_id = $1',
        [job.id],
      );
      return {
        rows: rows.map((r) => ({
          row: r.row_number,
          action: r.action,
          ...(r.contact_id !== null ? { contactId: String(r.contact_id) } : {}),
          ...(r.matched_by ? { matchedBy: r.matched_by } : {}),
          ...(r.linked_to !== null ? { linkedTo: String(r.linked_to) } : {}),
          ...(r.changes ? { changes: r.changes } : {}),
          ...(r.action_plan_id !== null ? { actionPlanId: String(r.action_plan_id) } : {}),
        })),
        total: total.rows[0].n,
        offset,
      };
    },
  );

  app.get<ImportParams>(
    '/v1/accounts/:accountId/imports/:importId/issues',
    async (request): Promise<ImportIssuesResponse> => {
      const { account, job } = await jobOf(request, request.params.accountId, request.params.importId);
      const { offset, limit } = parseRequest(pageQuerySchema, request.query, 'query');
      const page = await jobIssues(db, account.id, job.id, offset, limit);
      return { issues: page?.issues ?? [], total: page?.total ?? 0, offset };
    },
  );

  // One line per row of the file: created, updated, unchanged, skipped, rejected (with its errors) or
  // not_imported (with the reason), streamed a page of rows at a time.
  app.get<ImportParams>('/v1/accounts/:accountId/imports/:importId/results.csv', async (request, reply) => {
    const { job } = await jobOf(request, request.params.accountId, request.params.importId);
    if (job.status === 'queued' || job.status === 'processing') {
      throw new ApiError(
        'import.notFinished',
        `Import ${job.id} is ${job.status}; its results file exists once it has ended.`,
        undefined,
        5,
      );
    }
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="import-${job.id}-results.csv"`);
    return reply.send(Readable.from(resultsCsv(db, job)));
  });

  app.post<ImportParams>('/v1/accounts/:accountId/imports/:importId/cancel', async (request, reply) => {
    const { account, job } = await jobOf(request, request.params.accountId, request.params.importId);
    const words = serverMessages[job.options.locale ?? 'en'];
    const outcome = await requestCancel(db, account.id, job.id, words.cancelled);
    const now = (await getJob(db, account.id, job.id)) as JobRow;
    if (outcome === null && now.status !== 'cancelled') {
      throw new ApiError(
        'import.notCancellable',
        `Import ${job.id} has already ended (${now.status}); ${now.status === 'completed' ? 'roll it back instead' : 'there is nothing to cancel'}.`,
      );
    }
    // A running import stops at its next step and deletes what it wrote: 202, follow the job to `cancelled`.
    return sendJob(reply, now, outcome === 'requested' ? 202 : 200);
  });

  app.post<ImportParams>('/v1/accounts/:accountId/imports/:importId/rollback', async (request, reply) => {
    const { account, job } = await jobOf(request, request.params.accountId, request.params.importId);
    await rollbackImport(db, {
      accountId: account.id,
      importId: job.id,
      userId: principalOf(request).userId,
    });
    return sendJob(reply, (await getJob(db, account.id, job.id)) as JobRow, 200);
  });
}
