import type { Contact, ContactDetail, ContactsResponse } from '../../shared/api';
import type { Sql } from '../db/database';
import { publishedByImport, publishedContact } from '../imports/published';

type ContactRow = {
  id: number;
  account_id: number;
  fields: Record<string, string>;
  custom: Record<string, string>;
  tags: string[] | null;
  action_plan_id: number | null;
  sales_cycle_id: number | null;
  lead_source_id: number | null;
  assigned_user_id: number | null;
  duplicate_of: number | null;
  created_import_id: number | null;
  last_import_id: number | null;
  created_at: Date;
  updated_at: Date;
};

// Only what is published: contacts of an import being written, and the notes, tags and actions it adds to
// existing contacts, appear when it completes (published.ts).
const contactColumns = `c.id, c.account_id, c.fields, c.custom, c.action_plan_id, c.sales_cycle_id, c.lead_source_id,
  c.assigned_user_id, c.duplicate_of, c.created_import_id, c.last_import_id, c.created_at, c.updated_at,
  (SELECT jsonb_agg(t.name ORDER BY t.id) FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id
    WHERE ct.contact_id = c.id AND ${publishedByImport('ct.import_id')}) AS tags`;

const idText = (id: number | null) => (id === null ? null : String(id));

function toContact(row: ContactRow): Contact {
  return {
    id: String(row.id),
    accountId: String(row.account_id),
    fields: row.fields,
    custom: row.custom,
    tags: row.tags ?? [],
    actionPlanId: idText(row.action_plan_id),
    salesCycleId: idText(row.sales_cycle_id),
    leadSourceId: idText(row.lead_source_id),
    assignedUserId: idText(row.assigned_user_id),
    duplicateOf: idText(row.duplicate_of),
    createdImportId: idText(row.created_import_id),
    lastImportId: idText(row.last_import_id),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** A page of the account's contacts, oldest first; `email` narrows to that address as imports compare it. */
export async function listContacts(
  sql: Sql,
  accountId: number,
  { offset, limit, email }: { offset: number; limit: number; email?: string },
): Promise<ContactsResponse> {
  const emailKey = email === undefined ? null : email.trim().toLowerCase();
  const { rows } = await sql.query<ContactRow>(
    `SELECT ${contactColumns} FROM contacts c
      WHERE c.account_id = $1 AND ($2::text IS NULL OR c.email_key = $2) AND ${publishedContact('c')}
      ORDER BY c.id OFFSET $3 LIMIT $4`,
    [accountId, emailKey, offset, limit],
  );
  const total = await sql.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM contacts c
      WHERE c.account_id = $1 AND ($2::text IS NULL OR c.email_key = $2) AND ${publishedContact('c')}`,
    [accountId, emailKey],
  );
  return { contacts: rows.map(toContact), total: total.rows[0].n, offset };
}

export async function getContactDetail(
  sql: Sql,
  accountId: number,
  contactId: number,
): Promise<ContactDetail | null> {
  const { rows } = await sql.query<ContactRow>(
    `SELECT ${contactColumns} FROM contacts c WHERE c.id = $1 AND c.account_id = $2 AND ${publishedContact('c')}`,
    [contactId, accountId],
  );
  if (!rows[0]) return null;
  const notes = await sql.query<{
    kind: 'history' | 'import';
    body: string;
    import_id: number | null;
    created_at: Date;
  }>(
    `SELECT kind, body, import_id, created_at FROM contact_notes
      WHERE contact_id = $1 AND ${publishedByImport('import_id')} ORDER BY id`,
    [contactId],
  );
  const actions = await sql.query<{
    kind: 'email' | 'text' | 'call' | 'task';
    title: string;
    plan_id: number;
    due_at: Date;
    status: 'pending';
    import_id: number | null;
  }>(
    `SELECT a.kind, s.title, a.plan_id, a.due_at, a.status, a.import_id
       FROM pending_actions a JOIN action_plan_steps s ON s.plan_id = a.plan_id AND s.position = a.step_position
      WHERE a.contact_id = $1 AND ${publishedByImport('a.import_id')} ORDER BY a.due_at, a.step_position`,
    [contactId],
  );
  return {
    ...toContact(rows[0]),
    notes: notes.rows.map((n) => ({
      kind: n.kind,
      body: n.body,
      importId: idText(n.import_id),
      createdAt: n.created_at.toISOString(),
    })),
    pendingActions: actions.rows.map((a) => ({
      kind: a.kind,
      title: a.title,
      actionPlanId: String(a.plan_id),
      dueAt: a.due_at.toISOString(),
      status: a.status,
      importId: idText(a.import_id),
    })),
  };
}
