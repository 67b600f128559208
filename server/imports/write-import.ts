import type { Locale } from '../../shared/validate';
import type { Database } from '../db/database';
import {
  applyWaitingUpdates,
  type BatchContext,
  ensureTags,
  writeCreates,
  writeKept,
  writeUpdates,
} from './apply';
import { type ClaimedJob, completeJob, holdClaim } from './job-queue';
import { serverMessages } from './messages';
import type { ImportPlan, PlannedCreate, PlannedKeep, PlannedUpdate } from './plan';

export type WriteContext = Readonly<{
  job: ClaimedJob;
  accountId: number;
  sourceName: string;
  userName: string;
  locale: Locale;
  /** One timestamp for the whole import: created, updated, notes and the base of every due date. */
  now: Date;
  batchSize: number;
  /** After each batch's transaction: progress, a turn of the event loop, and where tests inject a failure. */
  onBatch?: (done: number, total: number) => Promise<void>;
}>;

function split(plan: ImportPlan) {
  const creates: PlannedCreate[] = [];
  const updates: PlannedUpdate[] = [];
  const keeps: PlannedKeep[] = [];
  for (const p of plan.rows) {
    if (!p) throw new Error('a plan with errors cannot be written');
    if (p.kind === 'create') creates.push(p);
    else if (p.kind === 'update') updates.push(p);
    else keeps.push(p);
  }
  return { creates, updates, keeps };
}

/**
 * Writes a plan that has no errors, a batch per transaction: created contacts with their tags, notes, pending
 * actions and audit rows; the updates' notes, tags, actions and audit rows (with each contact's new state);
 * the audit rows of contacts left as they are. Readers see none of it until `publishImport`. Each transaction
 * first checks the claim: a job taken back or cancelled meanwhile stops at the next batch.
 */
export async function writeImport(db: Database, plan: ImportPlan, ctx: WriteContext): Promise<BatchContext> {
  const words = serverMessages[ctx.locale];
  const { creates, updates, keeps } = split(plan);
  const total = plan.rows.length;
  const tagNames = [...creates.flatMap((p) => p.tags), ...updates.flatMap((p) => p.newTags)];
  const tags = await db.transaction(async (tx) => {
    await holdClaim(tx, ctx.job);
    return ensureTags(tx, ctx.accountId, ctx.job.id, tagNames);
  });
  const batch: BatchContext = { importId: ctx.job.id, accountId: ctx.accountId, now: ctx.now, tags };
  const who = { importId: ctx.job.id, source: ctx.sourceName, user: ctx.userName };
  let done = 0;
  const inBatches = async <T>(
    rows: readonly T[],
    write: (tx: Parameters<typeof holdClaim>[0], part: T[]) => Promise<void>,
  ) => {
    for (let at = 0; at < rows.length; at += ctx.batchSize) {
      const part = rows.slice(at, at + ctx.batchSize);
      await db.transaction(async (tx) => {
        await holdClaim(tx, ctx.job);
        await write(tx, part);
      });
      done += part.length;
      await ctx.onBatch?.(done, total);
    }
  };
  const createdNote = words.createdNote(who);
  await inBatches(creates, (tx, part) => writeCreates(tx, part, batch, createdNote));
  const updatedNote = words.updatedNote(who);
  await inBatches(updates, (tx, part) => writeUpdates(tx, part, batch, updatedNote));
  await inBatches(keeps, (tx, part) => writeKept(tx, part, ctx.job.id));
  return batch;
}

/**
 * Makes the import visible at once: the updated contacts take their new state and the job is completed, in
 * one short transaction (no row of a create-only import is touched). The account row is locked as rollback
 * locks it; the job row too, so a cancel either comes before (and the import is not published) or finds it
 * completed.
 */
export async function publishImport(
  db: Database,
  plan: ImportPlan,
  ctx: Omit<WriteContext, 'onBatch' | 'batchSize'>,
): Promise<void> {
  const warnings = plan.issues.filter((i) => i.severity === 'warning');
  await db.transaction(async (tx) => {
    await tx.query('SELECT id FROM accounts WHERE id = $1 FOR NO KEY UPDATE', [ctx.accountId]);
    await holdClaim(tx, ctx.job, 'update');
    if (plan.counts.updated > 0) {
      const written = await applyWaitingUpdates(tx, {
        importId: ctx.job.id,
        accountId: ctx.accountId,
        now: ctx.now,
        tags: new Map(),
      });
      // Nothing else writes this account's contacts while its import runs; if one vanished anyway, stop.
      if (written !== plan.counts.updated) throw new Error('a matched contact disappeared during the import');
    }
    if (!(await completeJob(tx, ctx.job.id, ctx.job.token, plan.counts, warnings))) {
      throw new Error('the import was no longer claimed when it was published');
    }
  });
}
