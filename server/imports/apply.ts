import type { Sql } from '../db/database';
import type { PlannedCreate, PlannedKeep, PlannedUpdate } from './plan';

// The statements that write an import. Each batch is one statement: the rows travel as one JSON parameter and
// every table they touch is written by a data-modifying CTE (all see the same snapshot, and the new contacts
// reach the others through RETURNING). One round trip and one JSON parse per batch is what keeps an import
// within a small factor of a bare bulk insert.
//
// Batches are written while the job is 'processing' (readers do not see its rows: published.ts); updates of
// existing contacts wait in import_rows.after and reach the contacts in the publishing transaction.

const insertCreated = /* sql */ `
WITH x AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(
    row_number int, fields jsonb, custom jsonb, email_key text, phone_key text, name_key text,
    external_id text, action_plan_id bigint, sales_cycle_id bigint, lead_source_id bigint,
    assigned_user_id bigint, duplicate_of bigint, matched_by text, import_note text, tag_ids jsonb)
), c AS (
  INSERT INTO contacts (account_id, fields, custom, email_key, phone_key, name_key, external_id,
    action_plan_id, sales_cycle_id, lead_source_id, assigned_user_id, duplicate_of, created_import_id,
    source_row, last_import_id, created_at, updated_at)
  SELECT $2, jsonb_strip_nulls(fields), custom, email_key, phone_key, name_key, external_id, action_plan_id,
    sales_cycle_id, lead_source_id, assigned_user_id, duplicate_of, $3, row_number, $3, $4, $4 FROM x
  RETURNING id, source_row
), y AS (
  -- Each new contact's id beside its row: the contact keeps the row number it came from.
  SELECT c.id, x.* FROM c JOIN x ON x.row_number = c.source_row
), n AS (
  INSERT INTO contact_notes (contact_id, import_id, kind, body, created_at)
  SELECT id, $3, 'history', replace($5, '{row}', row_number::text), $4 FROM y
  UNION ALL
  SELECT id, $3, 'import', import_note, $4 FROM y WHERE import_note IS NOT NULL
), t AS (
  INSERT INTO contact_tags (contact_id, tag_id, import_id)
  SELECT y.id, tag.value::bigint, $3 FROM y CROSS JOIN LATERAL jsonb_array_elements_text(y.tag_ids) AS tag(value)
  WHERE y.tag_ids IS NOT NULL
), a AS (
  INSERT INTO pending_actions (contact_id, import_id, plan_id, step_position, kind, due_at)
  SELECT y.id, $3, s.plan_id, s.position, s.kind, $4::timestamptz + s.delay_minutes * interval '1 minute'
  FROM y JOIN action_plan_steps s ON s.plan_id = y.action_plan_id
), r AS (
  INSERT INTO import_rows (import_id, row_number, action, contact_id, matched_by, linked_to, action_plan_id)
  SELECT $3, row_number, 'create', id, matched_by, duplicate_of, action_plan_id FROM y
)
SELECT count(*)::int AS written FROM c`;

// The contact's new state waits in import_rows.after; its notes, tags and pending actions are written now
// (unseen until the import is published).
const stageUpdates = /* sql */ `
WITH x AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(
    id bigint, row_number int, fields jsonb, custom jsonb, email_key text, phone_key text, name_key text,
    external_id text, action_plan_id bigint, sales_cycle_id bigint, lead_source_id bigint,
    assigned_user_id bigint, matched_by text, changes jsonb, before jsonb, changed text, start_plan_id bigint,
    import_note text, tag_ids jsonb)
), n AS (
  INSERT INTO contact_notes (contact_id, import_id, kind, body, created_at)
  SELECT id, $2::bigint, 'history', replace(replace($4, '{row}', row_number::text), '{fields}', changed),
    $3::timestamptz FROM x
  UNION ALL
  SELECT id, $2::bigint, 'import', import_note, $3::timestamptz FROM x WHERE import_note IS NOT NULL
), t AS (
  INSERT INTO contact_tags (contact_id, tag_id, import_id)
  SELECT x.id, tag.value::bigint, $2 FROM x CROSS JOIN LATERAL jsonb_array_elements_text(x.tag_ids) AS tag(value)
  WHERE x.tag_ids IS NOT NULL
), a AS (
  INSERT INTO pending_actions (contact_id, import_id, plan_id, step_position, kind, due_at)
  SELECT x.id, $2, s.plan_id, s.position, s.kind, $3::timestamptz + s.delay_minutes * interval '1 minute'
  FROM x JOIN action_plan_steps s ON s.plan_id = x.start_plan_id
), r AS (
  INSERT INTO import_rows (import_id, row_number, action, contact_id, matched_by, action_plan_id, changes, before, after)
  SELECT $2, row_number, 'update', id, matched_by, start_plan_id, changes, before,
    jsonb_build_object('fields', jsonb_strip_nulls(fields), 'custom', custom, 'email_key', email_key,
      'phone_key', phone_key, 'name_key', name_key, 'external_id', external_id, 'action_plan_id', action_plan_id,
      'sales_cycle_id', sales_cycle_id, 'lead_source_id', lead_source_id, 'assigned_user_id', assigned_user_id)
  FROM x
  RETURNING 1
)
SELECT count(*)::int AS written FROM r`;

const insertKept = /* sql */ `
INSERT INTO import_rows (import_id, row_number, action, contact_id, matched_by)
SELECT $1, row_number, action, contact_id, matched_by
FROM jsonb_to_recordset($2::jsonb) AS x(row_number int, action text, contact_id bigint, matched_by text)`;

// In the publishing transaction: every updated contact takes the state waiting for it.
const publishUpdates = /* sql */ `
WITH u AS (
  UPDATE contacts c SET
    fields = r.after->'fields',
    custom = r.after->'custom',
    email_key = r.after->>'email_key',
    phone_key = r.after->>'phone_key',
    name_key = r.after->>'name_key',
    external_id = r.after->>'external_id',
    action_plan_id = (r.after->>'action_plan_id')::bigint,
    sales_cycle_id = (r.after->>'sales_cycle_id')::bigint,
    lead_source_id = (r.after->>'lead_source_id')::bigint,
    assigned_user_id = (r.after->>'assigned_user_id')::bigint,
    last_import_id = $1,
    updated_at = $3
  FROM import_rows r
  WHERE r.import_id = $1 AND r.action = 'update' AND c.id = r.contact_id AND c.account_id = $2
  RETURNING 1
)
SELECT count(*)::int AS written FROM u`;

/** Creates the tags the import names that the account lacks; returns every named tag's id by lower-case name. */
export async function ensureTags(
  tx: Sql,
  accountId: number,
  importId: number,
  names: Iterable<string>,
): Promise<Map<string, number>> {
  const byKey = new Map<string, string>();
  for (const name of names) if (!byKey.has(name.toLowerCase())) byKey.set(name.toLowerCase(), name);
  if (byKey.size === 0) return new Map();
  await tx.query(
    `INSERT INTO tags (account_id, name, created_import_id)
     SELECT $1, name, $2 FROM jsonb_array_elements_text($3::jsonb) AS n(name)
     ON CONFLICT (account_id, lower(name)) DO NOTHING`,
    [accountId, importId, JSON.stringify([...byKey.values()])],
  );
  const { rows } = await tx.query<{ id: number; key: string }>(
    `SELECT id, lower(name) AS key FROM tags
      WHERE account_id = $1 AND lower(name) IN (SELECT jsonb_array_elements_text($2::jsonb))`,
    [accountId, JSON.stringify([...byKey.keys()])],
  );
  return new Map(rows.map((r) => [r.key, r.id]));
}

function tagIds(names: readonly string[], ids: ReadonlyMap<string, number>): number[] | null {
  return names.length ? names.map((n) => ids.get(n.toLowerCase()) as number) : null;
}

export type BatchContext = Readonly<{
  importId: number;
  accountId: number;
  /** One timestamp for the whole import: created, updated, notes and the base of every due date. */
  now: Date;
  tags: ReadonlyMap<string, number>;
}>;

/** A contact's stored columns as the batch statements read them (jsonb_to_recordset names them). */
function storedContact(p: PlannedCreate | PlannedUpdate) {
  return {
    fields: p.state.fields,
    custom: p.state.custom,
    email_key: p.keys.emailKey,
    phone_key: p.keys.phoneKey,
    name_key: p.keys.nameKey,
    external_id: p.keys.externalId,
    action_plan_id: p.state.refs.actionPlanId,
    sales_cycle_id: p.state.refs.salesCycleId,
    lead_source_id: p.state.refs.leadSourceId,
    assigned_user_id: p.state.refs.assignedUserId,
  };
}

/** Writes created contacts with their notes, tags, pending actions and audit rows. */
export async function writeCreates(
  tx: Sql,
  batch: readonly PlannedCreate[],
  ctx: BatchContext,
  createdNote: string,
): Promise<void> {
  const rows = batch.map((p) => ({
    row_number: p.row + 1,
    ...storedContact(p),
    duplicate_of: p.linkedTo,
    matched_by: p.matchedBy,
    import_note: p.importNote,
    tag_ids: tagIds(p.tags, ctx.tags),
  }));
  await tx.query(insertCreated, [
    JSON.stringify(rows),
    ctx.accountId,
    ctx.importId,
    ctx.now.toISOString(),
    createdNote,
  ]);
}

/** Writes the audit rows of updates (with the new state, for publishing) and their notes, tags and actions. */
export async function writeUpdates(
  tx: Sql,
  batch: readonly PlannedUpdate[],
  ctx: BatchContext,
  updatedNote: string,
): Promise<void> {
  const rows = batch.map((p) => ({
    id: p.contactId,
    row_number: p.row + 1,
    ...storedContact(p),
    matched_by: p.matchedBy,
    changes: p.changes,
    before: p.before,
    changed: p.changes.map((c) => c.field).join(', '),
    start_plan_id: p.startPlanId,
    import_note: p.importNote,
    tag_ids: tagIds(p.newTags, ctx.tags),
  }));
  await tx.query(stageUpdates, [JSON.stringify(rows), ctx.importId, ctx.now.toISOString(), updatedNote]);
}

/** Writes the audit rows of rows that leave their contact as it is. */
export async function writeKept(tx: Sql, batch: readonly PlannedKeep[], importId: number): Promise<void> {
  const rows = batch.map((p) => ({
    row_number: p.row + 1,
    action: p.kind,
    contact_id: p.contactId,
    matched_by: p.matchedBy,
  }));
  await tx.query(insertKept, [importId, JSON.stringify(rows)]);
}

/** In the publishing transaction: applies the waiting updates; returns how many contacts took theirs. */
export async function applyWaitingUpdates(tx: Sql, ctx: BatchContext): Promise<number> {
  const { rows } = await tx.query<{ written: number }>(publishUpdates, [
    ctx.importId,
    ctx.accountId,
    ctx.now.toISOString(),
  ]);
  return rows[0].written;
}

/**
 * Deletes what an unpublished import wrote for rows `first`…`last` (1-based): the notes, tags and pending
 * actions it added to any contact, the contacts it created, and its audit rows. import_rows lists every
 * contact the import touched, so each delete follows it instead of scanning a whole table.
 */
export async function deleteWritten(tx: Sql, importId: number, first: number, last: number): Promise<void> {
  const range = [importId, first, last];
  for (const table of ['contact_tags', 'contact_notes', 'pending_actions']) {
    await tx.query(
      `DELETE FROM ${table} x USING import_rows r
        WHERE r.import_id = $1 AND r.row_number BETWEEN $2 AND $3
          AND x.contact_id = r.contact_id AND x.import_id = $1`,
      range,
    );
  }
  await tx.query(
    `DELETE FROM contacts c USING import_rows r
      WHERE r.import_id = $1 AND r.row_number BETWEEN $2 AND $3 AND r.action = 'create'
        AND c.id = r.contact_id AND c.created_import_id = $1`,
    range,
  );
  await tx.query('DELETE FROM import_rows WHERE import_id = $1 AND row_number BETWEEN $2 AND $3', range);
}

/** The tags an unpublished import created (once its contacts' tags are gone, nothing uses them). */
export async function deleteCreatedTags(tx: Sql, importId: number): Promise<void> {
  await tx.query(
    `DELETE FROM tags t WHERE t.created_import_id = $1
        AND NOT EXISTS (SELECT 1 FROM contact_tags ct WHERE ct.tag_id = t.id)`,
    [importId],
  );
}
