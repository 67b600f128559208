import { type DryRun, isLargeImport, type LookupsResponse } from '../api';
import type { UploadChoices } from './choices';
import type { SheetFacts } from './sheet';

/** An action plan contacts will enter, and what that sets off. */
export type PlanUse = Readonly<{
  id: string;
  name: string;
  isDefault: boolean;
  contacts: number;
  /** Calls due the moment the import finishes (the plan's first step is a call with no delay). */
  immediateCalls: number;
  sends: readonly ('email' | 'text')[];
}>;

/**
 * What an upload will set off, for the options screen and the confirmation. Before a dry run the counts are
 * upper bounds (every row might create a contact); after one they are the server's own.
 */
export type Consequences = Readonly<{
  exact: boolean;
  rows: number;
  plans: readonly PlanUse[];
  /** Set when no plan was chosen and contacts go to the account's Default Action Plan, messages and all. */
  defaultPlan: PlanUse | null;
  immediateCalls: number;
  /** More than 1,000 rows: the CRM flags the import as large. */
  large: boolean;
  compliance: Readonly<{ required: boolean; textConsentRows: number; emailRows: number }>;
  unmapped: Readonly<{ mode: 'note' | 'drop'; columns: readonly string[] }>;
}>;

type Plan = LookupsResponse['actionPlans'][number];

function planUseOf(plan: Plan, contacts: number): PlanUse {
  return {
    id: plan.id,
    name: plan.name,
    isDefault: plan.isDefault,
    contacts,
    immediateCalls: plan.startsWithImmediateCall ? contacts : 0,
    sends: plan.sends,
  };
}

/** Estimates from the rows and the account's lists, or takes the dry run's figures when there is one. */
export function consequencesOf(
  facts: SheetFacts,
  lookups: LookupsResponse | null,
  choices: UploadChoices,
  dryRun?: Pick<DryRun, 'actionPlans' | 'counts' | 'compliance'> | null,
): Consequences {
  const base = {
    rows: facts.rows,
    large: isLargeImport(facts.rows),
    compliance: {
      required: facts.textConsentRows + facts.emailRows > 0,
      textConsentRows: facts.textConsentRows,
      emailRows: facts.emailRows,
    },
    unmapped: { mode: choices.unmappedColumns, columns: facts.unmappedColumns },
  };
  if (dryRun) {
    const plans = dryRun.actionPlans.map((p) => ({ ...p }));
    return {
      ...base,
      exact: true,
      plans,
      defaultPlan: choices.actionPlanId === null ? (plans.find((p) => p.isDefault) ?? null) : null,
      immediateCalls: dryRun.counts.immediateCalls,
      compliance: dryRun.compliance,
    };
  }
  const all = lookups?.actionPlans ?? [];
  const plans: PlanUse[] = [];
  let defaultPlan: PlanUse | null = null;
  if (choices.actionPlanId !== null) {
    const chosen = all.find((p) => p.id === choices.actionPlanId);
    if (chosen) plans.push(planUseOf(chosen, facts.rows));
  } else {
    // Rows naming a plan enter it; the rest go to the Default Action Plan. One entry per plan.
    const contacts = new Map<string, number>();
    let rest = facts.rows;
    for (const [id, count] of facts.rowsByPlan) {
      if (!all.some((p) => p.id === id)) continue;
      contacts.set(id, (contacts.get(id) ?? 0) + count);
      rest -= count;
    }
    const fallback = all.find((p) => p.isDefault);
    if (fallback && rest > 0) {
      defaultPlan = planUseOf(fallback, rest);
      contacts.set(fallback.id, (contacts.get(fallback.id) ?? 0) + rest);
    }
    for (const plan of all) {
      const count = contacts.get(plan.id);
      if (count) plans.push(planUseOf(plan, count));
    }
  }
  return {
    ...base,
    exact: false,
    plans,
    defaultPlan,
    immediateCalls: plans.reduce((n, p) => n + p.immediateCalls, 0),
  };
}
