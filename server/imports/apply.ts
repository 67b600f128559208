import type { Locale } from '../../shared/validate';
import type { Sql } from '../db/database';
import { serverMessages } from './messages';
import type { ImportPlan, PlannedCreate, PlannedKeep, PlannedUpdate } from './plan';

export type ApplyContext = Readonly<{
  importId: number;
  accountId: number;
  sourceName: string;
  userName: string;
  locale: Locale;
  /** One timestamp for the whole import: created, updated, notes and the base of every due date. */
  now: Date;
  batchSize?: number;
  /** After each batch, inside the transaction: progress, and where tests inject a failure. */
  onBatch?: (done: number, total: number) => Promise<void>;
}>;

const defaultBatchSize = 5_000;

// Each batch is one statement: the rows travel as one JSON parameter and every table they touch is written
// by a data-modifying CTE (all see the same snapshot, and the new contacts reach the others through RETURNING). One round trip and one JSON parse per few thousand rows is what keeps an import
// within a small factor of a bare bulk insert.
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

const updateMatched = /* sql */ `
WITH x AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(
    id bigint, row_number int, fields jsonb, custom jsonb, email_key text, phone_key text, name_key text,
    external_id text, action_plan_id bigint, sales_cycle_id bigint, lead_source_id bigint,
    assigned_user_id bigint, matched_by text, changes jsonb, before jsonb, changed text, start_plan_id bigint,
    import_note text, tag_ids jsonb)
), u AS (
  UPDATE contacts c SET fields = jsonb_strip_nulls(x.fields), custom = x.custom, email_key = x.email_key, phone_key = x.phone_key,
    name_key = x.name_key, external_id = x.external_id, action_plan_id = x.action_plan_id,
    sales_cycle_id = x.sales_cycle_id, lead_source_id = x.lead_source_id, assigned_user_id = x.assigned_user_id,
    last_import_id = $3, updated_at = $4
  FROM x WHERE c.id = x.id AND c.account_id = $2
  RETURNING c.id
), n AS (
  INSERT INTO contact_notes (contact_id, import_id, kind, body, created_at)
  SELECT id, $3, 'history', replace(replace($5, '{row}', row_number::text), '{fields}', changed), $4 FROM x
  UNION ALL
  SELECT id, $3, 'import', import_note, $4 FROM x WHERE import_note IS NOT NULL
), t AS (
  INSERT INTO contact_tags (contact_id, tag_id, import_id)
  SELECT x.id, tag.value::bigint, $3 FROM x CROSS JOIN LATERAL jsonb_array_elements_text(x.tag_ids) AS tag(value)
  WHERE x.tag_ids IS NOT NULL
), a AS (
  INSERT INTO pending_actions (contact_id, import_id, plan_id, step_position, kind, due_at)
  SELECT x.id, $3, s.plan_id, s.position, s.kind, $4::timestamptz + s.delay_minutes * interval '1 minute'
  FROM x JOIN action_plan_steps s ON s.plan_id = x.start_plan_id
), r AS (
  INSERT INTO import_rows (import_id, row_number, action, contact_id, matched_by, action_plan_id, changes, before)
  SELECT $3, row_number, 'update', id, matched_by, start_plan_id, changes, before FROM x
)
SELECT count(*)::int AS written FROM u`;

const insertKept = /* sql */ `
INSERT INTO import_rows (import_id, row_number, action, contact_id, matched_by)
SELECT $1, row_number, action, contact_id, matched_by
FROM jsonb_to_recordset($2::jsonb) AS x(row_number int, action text, contact_id bigint, matched_by text)`;

/** Creates the tags the import names that the account lacks; returns every named tag's id by lower-case name. */
async function ensureTags(
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

function tagIds(names: readonly string[], ids: Map<string, number>): number[] | null {
  return names.length ? names.map((n) => ids.get(n.toLowerCase()) as number) : null;
}

/**
 * Writes a plan that has no errors: contacts, tags, notes, pending actions and the per-row audit. Runs inside
 * the import's transaction; a throw anywhere leaves nothing behind.
 */
export async function applyPlan(tx: Sql, plan: ImportPlan, ctx: ApplyContext): Promise<void> {
  const words = serverMessages[ctx.locale];
  const batchSize = ctx.batchSize ?? defaultBatchSize;
  const creates: PlannedCreate[] = [];
  const updates: PlannedUpdate[] = [];
  const keeps: PlannedKeep[] = [];
  for (const p of plan.rows) {
    if (!p) throw new Error('a plan with errors cannot be written');
    if (p.kind === 'create') creates.push(p);
    else if (p.kind === 'update') updates.push(p);
    else keeps.push(p);
  }
  const total = plan.rows.length;
  let done = 0;
  const step = async (rows: number) => {
    done += rows;
    await ctx.onBatch?.(done, total);
  };

  const tagNames = [...creates.flatMap((p) => p.tags), ...updates.flatMap((p) => p.newTags)];
  const tags = await ensureTags(tx, ctx.accountId, ctx.importId, tagNames);
  const who = { importId: ctx.importId, source: ctx.sourceName, user: ctx.userName };

  const createdNote = words.createdNote(who);
  for (let at = 0; at < creates.length; at += batchSize) {
    const batch = creates.slice(at, at + batchSize).map((p) => ({
      row_number: p.row + 1,
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
      duplicate_of: p.linkedTo,
      matched_by: p.matchedBy,
      import_note: p.importNote,
      tag_ids: tagIds(p.tags, tags),
    }));
    await tx.query(insertCreated, [
      JSON.stringify(batch),
      ctx.accountId,
      ctx.importId,
      ctx.now.toISOString(),
      createdNote,
    ]);
    await step(batch.length);
  }

  const updatedNote = words.updatedNote(who);
  for (let at = 0; at < updates.length; at += batchSize) {
    const batch = updates.slice(at, at + batchSize).map((p) => ({
      id: p.contactId,
      row_number: p.row + 1,
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
      matched_by: p.matchedBy,
      changes: p.changes,
      before: p.before,
      changed: p.changes.map((c) => c.field).join(', '),
      start_plan_id: p.startPlanId,
      import_note: p.importNote,
      tag_ids: tagIds(p.newTags, tags),
    }));
    const { rows } = await tx.query<{ written: number }>(updateMatched, [
      JSON.stringify(batch),
      ctx.accountId,
      ctx.importId,
      ctx.now.toISOString(),
      updatedNote,
    ]);
    // The account is locked for the import, so a matched contact cannot vanish; if one did, stop.
    if (rows[0].written !== batch.length) throw new Error('a matched contact disappeared during the import');
    await step(batch.length);
  }

  for (let at = 0; at < keeps.length; at += batchSize) {
    const batch = keeps.slice(at, at + batchSize).map((p) => ({
      row_number: p.row + 1,
      action: p.kind,
      contact_id: p.contactId,
      matched_by: p.matchedBy,
    }));
    await tx.query(insertKept, [ctx.importId, JSON.stringify(batch)]);
    await step(batch.length);
  }
}
