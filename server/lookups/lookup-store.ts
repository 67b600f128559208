import { createHash } from 'node:crypto';
import type { ActionStepKind, CustomField, LookupsResponse } from '../../shared/api';
import type { IdList, Lookups, Template } from '../../shared/template';
import type { Sql } from '../db/database';
import { publishedByImport } from '../imports/published';

export type PlanStep = { position: number; kind: ActionStepKind; delayMinutes: number; title: string };
export type PlanRow = { id: number; name: string; isDefault: boolean; steps: PlanStep[] };
export type SalesCycleRow = {
  id: number;
  name: string;
  contactType: number;
  sortOrder: number;
  active: boolean;
};
export type CustomFieldRow = { id: number; key: string; label: string; kind: CustomField['kind'] };

/** An account's lists, loaded together: what validation, matching and the lookups route need. */
export type AccountLookups = Readonly<{
  accountId: number;
  actionPlans: PlanRow[];
  salesCycles: SalesCycleRow[];
  leadSources: { id: number; name: string }[];
  users: { id: number; name: string; email: string }[];
  tags: { id: number; name: string }[];
  customFields: CustomFieldRow[];
}>;

export async function loadLookups(sql: Sql, accountId: number): Promise<AccountLookups> {
  const plans = await sql.query<{ id: number; name: string; is_default: boolean }>(
    'SELECT id, name, is_default FROM action_plans WHERE account_id = $1 ORDER BY id',
    [accountId],
  );
  const steps = await sql.query<{
    plan_id: number;
    position: number;
    kind: ActionStepKind;
    delay_minutes: number;
    title: string;
  }>(
    `SELECT s.plan_id, s.position, s.kind, s.delay_minutes, s.title
       FROM action_plan_steps s JOIN action_plans p ON p.id = s.plan_id
      WHERE p.account_id = $1 ORDER BY s.plan_id, s.position`,
    [accountId],
  );
  const cycles = await sql.query<{
    id: number;
    name: string;
    contact_type: number;
    sort_order: number;
    active: boolean;
  }>(
    'SELECT id, name, contact_type, sort_order, active FROM sales_cycle_steps WHERE account_id = $1 ORDER BY contact_type, sort_order, id',
    [accountId],
  );
  const sources = await sql.query<{ id: number; name: string }>(
    'SELECT id, name FROM lead_sources WHERE account_id = $1 ORDER BY id',
    [accountId],
  );
  const users = await sql.query<{ id: number; name: string; email: string }>(
    'SELECT id, name, email FROM users WHERE account_id = $1 ORDER BY id',
    [accountId],
  );
  const tags = await sql.query<{ id: number; name: string }>(
    `SELECT id, name FROM tags WHERE account_id = $1 AND ${publishedByImport('created_import_id')} ORDER BY id`,
    [accountId],
  );
  const custom = await sql.query<CustomFieldRow>(
    'SELECT id, key, label, kind FROM custom_fields WHERE account_id = $1 ORDER BY id',
    [accountId],
  );
  const stepsByPlan = new Map<number, PlanStep[]>();
  for (const s of steps.rows) {
    const list = stepsByPlan.get(s.plan_id) ?? [];
    list.push({ position: s.position, kind: s.kind, delayMinutes: s.delay_minutes, title: s.title });
    stepsByPlan.set(s.plan_id, list);
  }
  return {
    accountId,
    actionPlans: plans.rows.map((p) => ({
      id: p.id,
      name: p.name,
      isDefault: p.is_default,
      steps: stepsByPlan.get(p.id) ?? [],
    })),
    salesCycles: cycles.rows.map((c) => ({
      id: c.id,
      name: c.name,
      contactType: c.contact_type,
      sortOrder: c.sort_order,
      active: c.active,
    })),
    leadSources: sources.rows,
    users: users.rows,
    tags: tags.rows,
    customFields: custom.rows,
  };
}

/** The plan's first step is a call with no delay: every contact entering it is called at once. */
export function startsWithImmediateCall(plan: PlanRow): boolean {
  const first = plan.steps[0];
  return first !== undefined && first.kind === 'call' && first.delayMinutes === 0;
}

/** Calls due the moment a contact enters the plan (every undelayed call step). */
export function immediateCallsOf(plan: PlanRow): number {
  return plan.steps.filter((s) => s.kind === 'call' && s.delayMinutes === 0).length;
}

export function sendsOf(plan: PlanRow): ('email' | 'text')[] {
  const kinds = new Set(plan.steps.map((s) => s.kind));
  return (['email', 'text'] as const).filter((k) => kinds.has(k));
}

/** The lists in the shape the shared validator checks ID columns against. */
export function validatorLookups(lookups: AccountLookups): Required<Pick<Lookups, IdList>> {
  const item = (x: { id: number; name: string }) => ({ id: String(x.id), name: x.name });
  return {
    actionPlans: lookups.actionPlans.map(item),
    salesCycles: lookups.salesCycles.map(item),
    leadSources: lookups.leadSources.map(item),
    users: lookups.users.map(item),
  };
}

export function toLookupsResponse(lookups: AccountLookups, template: Template): LookupsResponse {
  const body: Omit<LookupsResponse, 'version'> = {
    accountId: String(lookups.accountId),
    template: { id: template.id, version: template.version },
    actionPlans: lookups.actionPlans.map((p) => ({
      id: String(p.id),
      name: p.name,
      isDefault: p.isDefault,
      steps: p.steps,
      startsWithImmediateCall: startsWithImmediateCall(p),
      sends: sendsOf(p),
    })),
    salesCycles: lookups.salesCycles.map((c) => ({ ...c, id: String(c.id) })),
    leadSources: lookups.leadSources.map((s) => ({ id: String(s.id), name: s.name })),
    users: lookups.users.map((u) => ({ id: String(u.id), name: u.name, email: u.email })),
    tags: lookups.tags.map((t) => ({ id: String(t.id), name: t.name })),
    customFields: lookups.customFields.map((f) => ({ ...f, id: String(f.id) })),
    lookups: validatorLookups(lookups),
  };
  return { ...body, version: lookupsVersion(body) };
}

/** A digest of the lists: equal versions mean an app's cached copy is current. */
function lookupsVersion(body: unknown): string {
  return createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 16);
}

/** The version of an account's lookups as the lookups route reports it. */
export function versionOf(lookups: AccountLookups, template: Template): string {
  return toLookupsResponse(lookups, template).version;
}
