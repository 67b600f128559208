import type { RowIssue } from '../../shared/api';
import type { Database } from '../db/database';
import { ApiError } from '../http/api-error';
import { serverMessages } from './messages';

// Restores each updated contact to the snapshot the import took of it, in one statement.
const restoreUpdated = /* sql */ `
UPDATE contacts c SET
  fields = r.before->'fields',
  custom = r.before->'custom',
  email_key = r.before->>'email_key',
  phone_key = r.before->>'phone_key',
  name_key = r.before->>'name_key',
  external_id = r.before->>'external_id',
  action_plan_id = (r.before->>'action_plan_id')::bigint,
  sales_cycle_id = (r.before->>'sales_cycle_id')::bigint,
  lead_source_id = (r.before->>'lead_source_id')::bigint,
  assigned_user_id = (r.before->>'assigned_user_id')::bigint,
  last_import_id = (r.before->>'last_import_id')::bigint,
  updated_at = (r.before->>'updated_at')::timestamptz
FROM import_rows r
WHERE r.import_id = $1 AND r.action = 'update' AND c.id = r.contact_id`;

/**
 * Undoes a completed import: deletes the contacts it created and restores the ones it updated from the audit,
 * with their notes, tags and pending actions. Refused when a later import changed any of those contacts
 * (that import must be rolled back first), because restoring would silently undo its work too. Rolling back
 * twice answers as the first time did.
 */
export async function rollbackImport(
  db: Database,
  { accountId, importId, userId }: { accountId: number; importId: number; userId: number },
): Promise<void> {
  await db.transaction(async (tx) => {
    // The account's import lock (see the worker): never FOR UPDATE, which would block uploads and new jobs.
    await tx.query('SELECT id FROM accounts WHERE id = $1 FOR NO KEY UPDATE', [accountId]);
    const { rows } = await tx.query<{ status: string; options: { locale?: 'en' | 'nb' } }>(
      'SELECT status, options FROM import_jobs WHERE id = $1 AND account_id = $2 FOR UPDATE',
      [importId, accountId],
    );
    const job = rows[0];
    if (!job) throw new ApiError('import.notFound', `No import ${importId} in this account.`);
    if (job.status === 'rolled_back') return;
    // An import being written matched contacts as they are now; restoring some of them under it would make
    // its plan wrong. (It holds no lock meanwhile: its job says it runs. It takes the account row before it
    // reads, so a rollback that got here first ends before that import reads anything.)
    const running = await tx.query<{ id: number }>(
      `SELECT id FROM import_jobs WHERE account_id = $1 AND status = 'processing' LIMIT 1`,
      [accountId],
    );
    if (running.rows[0]) {
      throw new ApiError(
        'rollback.importRunning',
        `Import ${running.rows[0].id} of this account is being written; roll back once it has ended.`,
      );
    }
    if (job.status !== 'completed') {
      throw new ApiError(
        'rollback.notCompleted',
        `Import ${importId} is ${job.status}; only a completed import can be rolled back.`,
      );
    }
    const words = serverMessages[job.options.locale ?? 'en'];
    const later = await tx.query<{ row_number: number; contact_id: number; later_import: number }>(
      `SELECT r.row_number, c.id AS contact_id, c.last_import_id AS later_import
         FROM import_rows r JOIN contacts c ON c.id = r.contact_id
        WHERE r.import_id = $1 AND r.action IN ('create', 'update') AND c.last_import_id IS DISTINCT FROM $1
       UNION ALL
       SELECT r.row_number, d.id, d.created_import_id
         FROM import_rows r JOIN contacts d ON d.duplicate_of = r.contact_id
        WHERE r.import_id = $1 AND r.action = 'create' AND d.created_import_id IS DISTINCT FROM $1
       ORDER BY 1 LIMIT 100`,
      [importId],
    );
    if (later.rows.length) {
      const imports = [...new Set(later.rows.map((r) => r.later_import))].sort((a, b) => a - b);
      const issues: RowIssue[] = later.rows.map((r) => ({
        row: r.row_number,
        column: 0,
        field: '',
        code: 'rollback.laterChange',
        severity: 'error',
        message: words.laterChange({ contactId: r.contact_id, importId: r.later_import }),
        value: '',
        contactId: String(r.contact_id),
      }));
      throw new ApiError(
        'rollback.laterChanges',
        `Import ${importId} cannot be rolled back: later import${imports.length > 1 ? 's' : ''} ${imports.join(', ')} changed the same contacts. Roll ${imports.length > 1 ? 'those' : 'that one'} back first.`,
        issues,
      );
    }
    await tx.query(restoreUpdated, [importId]);
    await tx.query('DELETE FROM contact_tags WHERE import_id = $1', [importId]);
    await tx.query('DELETE FROM contact_notes WHERE import_id = $1', [importId]);
    await tx.query('DELETE FROM pending_actions WHERE import_id = $1', [importId]);
    await tx.query('DELETE FROM contacts WHERE created_import_id = $1 AND account_id = $2', [
      importId,
      accountId,
    ]);
    await tx.query(
      `DELETE FROM tags t WHERE t.created_import_id = $1 AND t.account_id = $2
          AND NOT EXISTS (SELECT 1 FROM contact_tags ct WHERE ct.tag_id = t.id)`,
      [importId, accountId],
    );
    await tx.query(
      `UPDATE import_jobs SET status = 'rolled_back', rolled_back_at = now(), rolled_back_by = $3
        WHERE id = $1 AND account_id = $2`,
      [importId, accountId, userId],
    );
  });
}
