import {
  type Compliance,
  complianceOf,
  type DryRun,
  type FieldChange,
  type ImportCounts,
  type ImportOptions,
  isLargeImport,
  type MatchKey,
  type RowIssue,
  type RowOutcome,
  textConsentHeader,
} from '../../shared/api';
import type { Template } from '../../shared/template';
import type { Sql } from '../db/database';
import {
  type AccountLookups,
  immediateCallsOf,
  type PlanRow,
  sendsOf,
  versionOf,
} from '../lookups/lookup-store';
import type { ImportColumn, ResolvedColumns } from './columns';
import {
  type ContactKeys,
  type ContactState,
  keysOf,
  mergeState,
  noRefs,
  rowReader,
  type RowValues,
  rolesOf,
} from './contact-state';
import { type ContactSnapshot, loadCandidates } from './match';
import { serverMessages } from './messages';
import type { SourceTable } from './source';

/** Everything an import reads before it touches contacts; built the same way for a dry run and a job. */
export type PreparedImport = Readonly<{
  accountId: number;
  template: Template;
  lookups: AccountLookups;
  options: ImportOptions;
  source: SourceTable;
  columns: ResolvedColumns;
  compliance: Compliance;
}>;

export type Validation = Readonly<{ issues: RowIssue[]; errorRows: ReadonlySet<number> }>;

type Matched = Readonly<{ row: number; contactId: number; matchedBy: MatchKey }>;
export type PlannedCreate = Readonly<{
  kind: 'create';
  row: number;
  state: ContactState;
  keys: ContactKeys;
  tags: string[];
  linkedTo: number | null;
  matchedBy: MatchKey | null;
  importNote: string | null;
}>;
export type PlannedUpdate = Matched &
  Readonly<{
    kind: 'update';
    state: ContactState;
    keys: ContactKeys;
    before: ContactSnapshot;
    changes: FieldChange[];
    newTags: string[];
    /** The action plan the update moves the contact into, whose steps are scheduled; null if none. */
    startPlanId: number | null;
    importNote: string | null;
  }>;
export type PlannedKeep = Matched & Readonly<{ kind: 'unchanged' | 'skip' }>;
export type PlannedRow = PlannedCreate | PlannedUpdate | PlannedKeep;

export type ActionPlanUse = {
  id: string;
  name: string;
  isDefault: boolean;
  contacts: number;
  pendingActions: number;
  immediateCalls: number;
  sends: ('email' | 'text')[];
};

export type ImportPlan = Readonly<{
  /** Per row (0-based); null for a row with an error. */
  rows: readonly (PlannedRow | null)[];
  issues: RowIssue[];
  errorRows: ReadonlySet<number>;
  counts: ImportCounts;
  actionPlans: ActionPlanUse[];
  warnings: DryRun['warnings'];
}>;

/** Rows planned between two turns of the event loop: planning 100,000 rows never holds up other requests. */
const rowsPerTurn = 5_000;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

// ClientTether's contact-type column. The template has no role for it: it is this CRM's own, so it is named
// here, beside the rule that reads it.
const contactTypeHeader = 'contact_type';

/** Who gave consent to be texted or emailed, by the rule every client applies too (shared/api). */
export function sheetCompliance(columns: ResolvedColumns, rows: readonly (readonly string[])[]): Compliance {
  const colOf = (test: (t: ImportColumn) => boolean) =>
    columns.targets.findIndex((t) => t !== null && test(t));
  return complianceOf(
    rows,
    colOf((t) => t.kind === 'field' && t.field.header === textConsentHeader),
    colOf((t) => t.kind === 'field' && t.field.role === 'email'),
  );
}

/**
 * Decides what every row does against the account's contacts as they are now: the single source of truth for
 * both the dry run and the import, so the two cannot disagree. Reads, never writes.
 */
export async function planImport(
  sql: Sql,
  input: PreparedImport,
  validation: Validation,
): Promise<ImportPlan> {
  const { template, options, lookups, columns, source } = input;
  const words = serverMessages[options.locale];
  const roles = rolesOf(template);
  const read = rowReader(columns);
  const values: RowValues[] = new Array(source.rows.length);
  const keys: ContactKeys[] = new Array(source.rows.length);
  for (let row = 0; row < source.rows.length; row++) {
    values[row] = read(source.rows[row]);
    keys[row] = keysOf(roles, values[row].fields);
    if (row % rowsPerTurn === rowsPerTurn - 1) await yieldToEventLoop();
  }
  const matchKeys: MatchKey[] = [options.duplicateKey.primary, options.duplicateKey.secondary].filter(
    (k) => k !== 'none',
  );
  const wants = (k: MatchKey) => matchKeys.includes(k);
  const tagHeader = template.fields.find((f) => f.kind === 'tags')?.header;
  const tagsMapped = columns.targets.some((t) => t?.kind === 'field' && t.field.kind === 'tags');
  const candidates = await loadCandidates(sql, {
    accountId: input.accountId,
    rowKeys: keys.filter((_, i) => !validation.errorRows.has(i)),
    byPhone: wants('phone') || wants('two-of-name-phone-email'),
    byName: wants('two-of-name-phone-email'),
    byExternalId: wants('external_id'),
    withTags: tagsMapped,
  });

  const plansById = new Map(lookups.actionPlans.map((p) => [p.id, p]));
  const defaultPlan = lookups.actionPlans.find((p) => p.isDefault) ?? null;
  const firstCycleStep = new Map<number, number>();
  for (const step of lookups.salesCycles) {
    if (step.active && !firstCycleStep.has(step.contactType)) firstCycleStep.set(step.contactType, step.id);
  }
  const emailCol = columns.targets.findIndex((t) => t?.field.role === 'email');
  const nameCol = Math.max(
    0,
    columns.targets.findIndex((t) => t?.field.role === 'firstName'),
  );

  const issues = [...validation.issues];
  const errorRows = new Set(validation.errorRows);
  const rowError = (row: number, issue: Omit<RowIssue, 'row' | 'severity'>) => {
    issues.push({ ...issue, row: row + 1, severity: 'error' });
    errorRows.add(row);
  };
  const usage = new Map<number, ActionPlanUse>();
  let defaultPlanContacts = 0;
  const enterPlan = (plan: PlanRow | undefined) => {
    if (!plan) return;
    let use = usage.get(plan.id);
    if (!use) {
      use = {
        id: String(plan.id),
        name: plan.name,
        isDefault: plan.isDefault,
        contacts: 0,
        pendingActions: 0,
        immediateCalls: 0,
        sends: sendsOf(plan),
      };
      usage.set(plan.id, use);
    }
    use.contacts++;
    use.pendingActions += plan.steps.length;
    use.immediateCalls += immediateCallsOf(plan);
  };
  const importNote = (v: RowValues) =>
    options.unmappedColumns === 'note' && v.unmapped.length
      ? `${words.importNotePrefix} ${v.unmapped.map(([h, value]) => `${h}: ${value}`).join('\n')}`
      : null;

  const firstRowOfContact = new Map<number, number>();
  const planned: (PlannedRow | null)[] = new Array(source.rows.length).fill(null);
  for (let row = 0; row < source.rows.length; row++) {
    if (row % rowsPerTurn === rowsPerTurn - 1) await yieldToEventLoop();
    if (errorRows.has(row)) continue;
    const v = values[row];
    const k = keys[row];
    let match = null;
    let matchedBy: MatchKey | null = null;
    for (const key of matchKeys) {
      match = candidates.find(key, k);
      if (match) {
        matchedBy = key;
        break;
      }
    }
    if (!match || options.onMatch === 'create') {
      const linkedTo = match ? match.id : null;
      const holder = k.emailKey === null ? undefined : candidates.byEmail.get(k.emailKey);
      if (linkedTo === null && holder) {
        rowError(row, {
          column: Math.max(emailCol, 0),
          field: roles.email ?? '',
          code: 'contact.emailTaken',
          message: words.emailTaken({ value: v.fields[roles.email ?? ''] ?? '', contactId: holder.id }),
          value: v.fields[roles.email ?? ''] ?? '',
          contactId: String(holder.id),
        });
        continue;
      }
      const refs = { ...noRefs(), ...v.refs };
      let plan: PlanRow | undefined;
      if (options.actionPlanId !== null) plan = plansById.get(Number(options.actionPlanId));
      else if (v.refs.actionPlanId != null) plan = plansById.get(v.refs.actionPlanId);
      else if (defaultPlan) {
        plan = defaultPlan;
        defaultPlanContacts++;
      }
      refs.actionPlanId = plan?.id ?? null;
      if (refs.leadSourceId === null && options.leadSourceId !== null)
        refs.leadSourceId = Number(options.leadSourceId);
      if (refs.salesCycleId === null) {
        refs.salesCycleId =
          options.salesCycleId !== null
            ? Number(options.salesCycleId)
            : (firstCycleStep.get(Number(v.fields[contactTypeHeader] ?? '1') || 1) ?? null);
      }
      enterPlan(plan);
      planned[row] = {
        kind: 'create',
        row,
        state: { fields: v.fields, custom: v.custom, refs },
        keys: k,
        tags: v.tags,
        linkedTo,
        matchedBy,
        importNote: importNote(v),
      };
      continue;
    }
    const matched = { row, contactId: match.id, matchedBy: matchedBy as MatchKey };
    if (options.onMatch === 'skip') {
      planned[row] = { ...matched, kind: 'skip' };
      continue;
    }
    const earlier = firstRowOfContact.get(match.id);
    if (earlier !== undefined) {
      rowError(row, {
        column: nameCol,
        field: roles.firstName ?? '',
        code: 'contact.matchedTwice',
        message: words.matchedTwice({ contactId: match.id, otherRow: earlier + 1 }),
        value: source.rows[row][nameCol] ?? '',
        related: [earlier + 1],
        contactId: String(match.id),
      });
      continue;
    }
    firstRowOfContact.set(match.id, row);
    const { state, changes } = mergeState(match.state, v, options.onMatch, roles);
    const known = new Set(match.tags.map((t) => t.toLowerCase()));
    const newTags = v.tags.filter((t) => !known.has(t.toLowerCase()));
    if (newTags.length) {
      changes.push({
        field: tagHeader ?? 'tags',
        from: match.tags.join(', '),
        to: [...match.tags, ...newTags].join(', '),
      });
    }
    if (changes.length === 0) {
      planned[row] = { ...matched, kind: 'unchanged' };
      continue;
    }
    const newKeys = keysOf(roles, state.fields);
    if (newKeys.emailKey !== null && newKeys.emailKey !== match.keys.emailKey) {
      const holder = candidates.byEmail.get(newKeys.emailKey);
      if (holder && holder.id !== match.id) {
        rowError(row, {
          column: Math.max(emailCol, 0),
          field: roles.email ?? '',
          code: 'contact.emailTaken',
          message: words.emailTaken({ value: state.fields[roles.email ?? ''] ?? '', contactId: holder.id }),
          value: state.fields[roles.email ?? ''] ?? '',
          contactId: String(holder.id),
        });
        continue;
      }
    }
    const newPlanId = state.refs.actionPlanId;
    const startPlanId = newPlanId !== null && newPlanId !== match.state.refs.actionPlanId ? newPlanId : null;
    if (startPlanId !== null) enterPlan(plansById.get(startPlanId));
    planned[row] = {
      ...matched,
      kind: 'update',
      state,
      keys: newKeys,
      before: match.snapshot,
      changes,
      newTags,
      startPlanId,
      importNote: importNote(v),
    };
  }
  // Server findings join the validator's: one list in row order, each row's cell issues first.
  issues.sort((a, b) => a.row - b.row);

  const counts: ImportCounts = {
    processed: source.rows.length,
    created: 0,
    updated: 0,
    unchanged: 0,
    skipped: 0,
    linked: 0,
    errors: errorRows.size,
    pendingActions: 0,
    immediateCalls: 0,
  };
  for (const p of planned) {
    if (!p) continue;
    if (p.kind === 'create') {
      counts.created++;
      if (p.linkedTo !== null) counts.linked++;
    } else if (p.kind === 'update') counts.updated++;
    else if (p.kind === 'unchanged') counts.unchanged++;
    else counts.skipped++;
  }
  const actionPlans = [...usage.values()].sort((a, b) => Number(a.id) - Number(b.id));
  for (const use of actionPlans) {
    counts.pendingActions += use.pendingActions;
    counts.immediateCalls += use.immediateCalls;
  }
  const warnings: DryRun['warnings'] = [];
  if (defaultPlan && defaultPlanContacts > 0) {
    warnings.push({
      code: 'actionPlan.default',
      count: defaultPlanContacts,
      message: words.defaultPlan({
        count: defaultPlanContacts,
        plan: defaultPlan.name,
        sends: sendsOf(defaultPlan).join(' + '),
      }),
    });
  }
  if (counts.immediateCalls > 0) {
    warnings.push({
      code: 'actionPlan.immediateCalls',
      count: counts.immediateCalls,
      message: words.immediateCalls({ count: counts.immediateCalls }),
    });
  }
  if (isLargeImport(source.rows.length)) {
    warnings.push({
      code: 'import.large',
      count: source.rows.length,
      message: words.large({ count: source.rows.length }),
    });
  }
  return { rows: planned, issues, errorRows, counts, actionPlans, warnings };
}

/** The per-row outcome people see; `createdId` is the new contact's id once the import wrote it. */
export function outcomeOf(p: PlannedRow, createdId?: number): RowOutcome {
  const out: RowOutcome = { row: p.row + 1, action: p.kind };
  if (p.kind === 'create') {
    if (createdId !== undefined) out.contactId = String(createdId);
    if (p.matchedBy !== null) out.matchedBy = p.matchedBy;
    if (p.linkedTo !== null) out.linkedTo = String(p.linkedTo);
    if (p.state.refs.actionPlanId !== null) out.actionPlanId = String(p.state.refs.actionPlanId);
    return out;
  }
  out.contactId = String(p.contactId);
  out.matchedBy = p.matchedBy;
  if (p.kind === 'update') {
    out.changes = p.changes;
    if (p.startPlanId !== null) out.actionPlanId = String(p.startPlanId);
  }
  return out;
}

export function toDryRun(input: PreparedImport, plan: ImportPlan): DryRun {
  return {
    counts: plan.counts,
    issues: plan.issues,
    outcomes: plan.rows.map((p, row) => (p ? outcomeOf(p) : { row: row + 1, action: 'error' })),
    actionPlans: plan.actionPlans,
    warnings: plan.warnings,
    compliance: input.compliance,
    large: isLargeImport(input.source.rows.length),
    templateVersion: input.template.version,
    lookupsVersion: versionOf(input.lookups, input.template),
  };
}
