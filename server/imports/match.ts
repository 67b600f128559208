import type { MatchKey } from '../../shared/api';
import type { Sql } from '../db/database';
import type { ContactKeys, ContactState } from './contact-state';
import { publishedByImport, publishedContact } from './published';

/** A contact as stored, the way the audit keeps it: a rollback writes exactly this back. */
export type ContactSnapshot = {
  fields: Record<string, string>;
  custom: Record<string, string>;
  email_key: string | null;
  phone_key: string | null;
  name_key: string | null;
  external_id: string | null;
  action_plan_id: number | null;
  sales_cycle_id: number | null;
  lead_source_id: number | null;
  assigned_user_id: number | null;
  last_import_id: number | null;
  updated_at: string;
};

export type ExistingContact = Readonly<{
  id: number;
  state: ContactState;
  keys: ContactKeys;
  tags: string[];
  snapshot: ContactSnapshot;
}>;

type ContactRow = Omit<ContactSnapshot, 'updated_at'> & { id: number; updated_at: Date };

const columns = `id, fields, custom, email_key, phone_key, name_key, external_id, action_plan_id, sales_cycle_id,
  lead_source_id, assigned_user_id, last_import_id, updated_at`;

/** Existing contacts of an account that rows of an import may match, indexed by each key. */
export class Candidates {
  readonly byId = new Map<number, ExistingContact>();
  readonly byEmail = new Map<string, ExistingContact>();
  private readonly byPhone = new Map<string, ExistingContact[]>();
  private readonly byName = new Map<string, ExistingContact[]>();
  private readonly byExternal = new Map<string, ExistingContact[]>();

  add(contact: ExistingContact): void {
    if (this.byId.has(contact.id)) return;
    this.byId.set(contact.id, contact);
    const { emailKey, phoneKey, nameKey, externalId } = contact.keys;
    if (emailKey !== null) this.byEmail.set(emailKey, contact);
    push(this.byPhone, phoneKey, contact);
    push(this.byName, nameKey, contact);
    push(this.byExternal, externalId, contact);
  }

  /**
   * The existing contact a row matches by one key, or null. Phones, names and external ids are not unique:
   * the oldest contact (lowest id) wins, which is the one people have worked with longest.
   */
  find(key: MatchKey, keys: ContactKeys): ExistingContact | null {
    switch (key) {
      case 'none':
        return null;
      case 'email':
        return keys.emailKey === null ? null : (this.byEmail.get(keys.emailKey) ?? null);
      case 'phone':
        return first(this.byPhone, keys.phoneKey);
      case 'external_id':
        return first(this.byExternal, keys.externalId);
      case 'two-of-name-phone-email': {
        let best: ExistingContact | null = null;
        const consider = (c: ExistingContact | null | undefined) => {
          if (!c || (best !== null && best.id <= c.id)) return;
          if (agreements(c.keys, keys) >= 2) best = c;
        };
        if (keys.emailKey !== null) consider(this.byEmail.get(keys.emailKey));
        for (const c of (keys.phoneKey !== null && this.byPhone.get(keys.phoneKey)) || []) consider(c);
        for (const c of (keys.nameKey !== null && this.byName.get(keys.nameKey)) || []) consider(c);
        return best;
      }
    }
  }
}

function push(map: Map<string, ExistingContact[]>, key: string | null, contact: ExistingContact): void {
  if (key === null) return;
  const list = map.get(key);
  if (list) list.push(contact);
  else map.set(key, [contact]);
}

function first(map: Map<string, ExistingContact[]>, key: string | null): ExistingContact | null {
  return key === null ? null : (map.get(key)?.[0] ?? null);
}

function agreements(a: ContactKeys, b: ContactKeys): number {
  let n = 0;
  if (a.nameKey !== null && a.nameKey === b.nameKey) n++;
  if (a.phoneKey !== null && a.phoneKey === b.phoneKey) n++;
  if (a.emailKey !== null && a.emailKey === b.emailKey) n++;
  return n;
}

export type CandidateQuery = Readonly<{
  accountId: number;
  rowKeys: readonly ContactKeys[];
  byPhone: boolean;
  byName: boolean;
  byExternalId: boolean;
  withTags: boolean;
}>;

const keyColumns = {
  email: 'email_key',
  phone: 'phone_key',
  name: 'name_key',
  external: 'external_id',
} as const;

/** Keys looked up per query: a turn of the event loop between queries, and short statements on PGlite. */
const keysPerQuery = 5_000;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Loads the account's published contacts (not linked duplicates) that share a key with any row. Emails are
 * always looked up: a new contact may not take an address another contact holds. Queries per key, each
 * looking up a few thousand of the file's distinct keys as `= ANY(array)`: an index probe per key whatever
 * the statistics say (a join against the keys once became a nested loop over the whole account when the
 * planner believed the account held one contact).
 */
export async function loadCandidates(sql: Sql, query: CandidateQuery): Promise<Candidates> {
  const candidates = new Candidates();
  const lookups: [keyof typeof keyColumns, (k: ContactKeys) => string | null][] = [
    ['email', (k) => k.emailKey],
  ];
  if (query.byPhone) lookups.push(['phone', (k) => k.phoneKey]);
  if (query.byName) lookups.push(['name', (k) => k.nameKey]);
  if (query.byExternalId) lookups.push(['external', (k) => k.externalId]);
  const rows: ContactRow[] = [];
  for (const [name, keyOf] of lookups) {
    const keys = new Set<string>();
    for (const k of query.rowKeys) {
      const key = keyOf(k);
      if (key !== null) keys.add(key);
    }
    if (keys.size === 0) continue;
    const column = keyColumns[name];
    const list = [...keys];
    for (let at = 0; at < list.length; at += keysPerQuery) {
      const result = await sql.query<ContactRow>(
        `SELECT ${columns} FROM contacts c
          WHERE c.account_id = $1 AND c.duplicate_of IS NULL AND c.${column} = ANY($2::text[])
            AND ${publishedContact('c')}`,
        [query.accountId, list.slice(at, at + keysPerQuery)],
      );
      for (const row of result.rows) rows.push(row);
      await yieldToEventLoop();
    }
  }
  rows.sort((a, b) => a.id - b.id);
  const tags =
    query.withTags && rows.length
      ? await loadTags(
          sql,
          rows.map((r) => r.id),
        )
      : new Map<number, string[]>();
  for (const row of rows) {
    const { id: _id, updated_at, ...stored } = row;
    const snapshot: ContactSnapshot = { ...stored, updated_at: updated_at.toISOString() };
    candidates.add({
      id: row.id,
      snapshot,
      tags: tags.get(row.id) ?? [],
      keys: {
        emailKey: row.email_key,
        phoneKey: row.phone_key,
        nameKey: row.name_key,
        externalId: row.external_id,
      },
      state: {
        fields: row.fields,
        custom: row.custom,
        refs: {
          actionPlanId: row.action_plan_id,
          salesCycleId: row.sales_cycle_id,
          leadSourceId: row.lead_source_id,
          assignedUserId: row.assigned_user_id,
        },
      },
    });
  }
  return candidates;
}

async function loadTags(sql: Sql, contactIds: number[]): Promise<Map<number, string[]>> {
  const { rows } = await sql.query<{ contact_id: number; name: string }>(
    `SELECT ct.contact_id, t.name FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id
      WHERE ct.contact_id = ANY($1::bigint[]) AND ${publishedByImport('ct.import_id')}
      ORDER BY ct.contact_id, t.id`,
    [contactIds],
  );
  const byContact = new Map<number, string[]>();
  for (const r of rows) {
    const list = byContact.get(r.contact_id);
    if (list) list.push(r.name);
    else byContact.set(r.contact_id, [r.name]);
  }
  return byContact;
}
