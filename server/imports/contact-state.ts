import type { FieldChange } from '../../shared/api';
import type { LookupList, Template } from '../../shared/template';
import { nameKey, phoneKey, uniqueKey } from '../../shared/validate';
import { customFieldPrefix } from '../../shared/api';
import type { ResolvedColumns } from './columns';

/** The contact columns an ID column of the template feeds, by the account list it points at. */
export const refKeys = ['actionPlanId', 'salesCycleId', 'leadSourceId', 'assignedUserId'] as const;
export type RefKey = (typeof refKeys)[number];
// Only ClientTether's ID lists feed a contact's references (other targets' lists never reach the server).
const refKeyOfList: Readonly<Partial<Record<LookupList, RefKey>>> = {
  actionPlans: 'actionPlanId',
  salesCycles: 'salesCycleId',
  leadSources: 'leadSourceId',
  users: 'assignedUserId',
};
export type Refs = Record<RefKey, number | null>;

/** Everything an import can set on a contact, tags aside. */
export type ContactState = {
  /** Template values by header (ID and tag columns live elsewhere); null is empty, dropped when stored. */
  fields: Record<string, string | null>;
  custom: Record<string, string>;
  refs: Refs;
};

export type ContactKeys = Readonly<{
  emailKey: string | null;
  phoneKey: string | null;
  nameKey: string | null;
  externalId: string | null;
}>;

/** Where the roles sit in a template, found once per import. */
export type TemplateRoles = Readonly<{
  firstName?: string;
  lastName?: string;
  email?: string;
  phone?: string;
  externalId?: string;
  /** The template header of each ID column, for change lists. */
  refHeaders: ReadonlyMap<RefKey, string>;
}>;

export function rolesOf(template: Template): TemplateRoles {
  const byRole = (role: string) => template.fields.find((f) => f.role === role)?.header;
  const refHeaders = new Map<RefKey, string>();
  for (const field of template.fields) {
    const ref = field.kind === 'idRef' && field.lookup ? refKeyOfList[field.lookup] : undefined;
    if (ref) refHeaders.set(ref, field.header);
  }
  return {
    firstName: byRole('firstName'),
    lastName: byRole('lastName'),
    email: byRole('email'),
    phone: byRole('phone'),
    externalId: byRole('externalId'),
    refHeaders,
  };
}

export function keysOf(roles: TemplateRoles, fields: Readonly<Record<string, string | null>>): ContactKeys {
  const get = (header: string | undefined) => (header ? (fields[header] ?? '') : '');
  const external = get(roles.externalId).trim();
  return {
    emailKey: uniqueKey(get(roles.email)) ?? null,
    phoneKey: phoneKey(get(roles.phone)) ?? null,
    nameKey: nameKey(get(roles.firstName), get(roles.lastName)) ?? null,
    externalId: external === '' ? null : external,
  };
}

export const noRefs = (): Refs => ({
  actionPlanId: null,
  salesCycleId: null,
  leadSourceId: null,
  assignedUserId: null,
});

/** What one row of the sheet brings, read through the mapping. Empty cells bring nothing. */
export type RowValues = {
  /** Every mapped template column, null where the cell is empty. */
  fields: Record<string, string | null>;
  custom: Record<string, string>;
  refs: Partial<Refs>;
  tags: string[];
  /** Non-empty cells of unmapped columns, as [header, value]. */
  unmapped: [string, string][];
};

/** Splits a tag cell: trimmed names, empty ones dropped, the first spelling of a repeated name kept. */
export function splitTags(cell: string): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const part of cell.split(',')) {
    const name = part.trim();
    const key = name.toLowerCase();
    if (name === '' || seen.has(key)) continue;
    seen.add(key);
    tags.push(name);
  }
  return tags;
}

/**
 * A function that builds a row's template values as one object literal with the same keys in the same order
 * for every row (null for an empty cell). V8 then shares one object shape between all rows; adding only the
 * non-empty keys made each row a slow dictionary, a second per 100,000 rows. The generated code holds only
 * column numbers and the headers as JSON string literals, never cell text.
 */
function fieldsReader(
  plain: readonly (readonly [number, string])[],
): (row: readonly string[]) => Record<string, string | null> {
  const properties = plain.map(([col, header]) => `${JSON.stringify(header)}: r[${col}] || null`);
  return new Function('r', `return { ${properties.join(', ')} };`) as (
    row: readonly string[],
  ) => Record<string, string | null>;
}

/**
 * Reads rows through the mapping. The columns are sorted by what they feed once, so reading 100,000 rows is
 * a few tight loops per row rather than a dispatch per cell.
 */
export function rowReader(columns: ResolvedColumns): (row: readonly string[]) => RowValues {
  const plain: [number, string][] = [];
  const custom: [number, string][] = [];
  const refs: [number, RefKey][] = [];
  const unmapped: [number, string][] = [];
  let tagCol = -1;
  columns.headers.forEach((header, col) => {
    const target = columns.targets[col];
    const ref =
      target?.kind === 'field' && target.field.kind === 'idRef' && target.field.lookup
        ? refKeyOfList[target.field.lookup]
        : undefined;
    if (target === null) unmapped.push([col, header]);
    else if (target.kind === 'custom') custom.push([col, target.custom.key]);
    else if (target.field.kind === 'tags') tagCol = col;
    else if (ref) refs.push([col, ref]);
    else plain.push([col, target.field.header]);
  });
  const readFields = fieldsReader(plain);
  return (row) => {
    const values: RowValues = { fields: readFields(row), custom: {}, refs: {}, tags: [], unmapped: [] };
    for (const [col, key] of custom) {
      const cell = row[col];
      if (cell) values.custom[key] = cell;
    }
    for (const [col, key] of refs) {
      const cell = row[col];
      if (cell) values.refs[key] = Number(cell);
    }
    if (tagCol >= 0 && row[tagCol]) values.tags = splitTags(row[tagCol]);
    for (const [col, header] of unmapped) {
      const cell = row[col];
      if (cell && cell.trim() !== '') values.unmapped.push([header, cell]);
    }
    return values;
  };
}

export function readRow(columns: ResolvedColumns, row: readonly string[]): RowValues {
  return rowReader(columns)(row);
}

/** The new state of a matched contact and what changed, by the match mode. Tags are handled by the caller. */
export function mergeState(
  existing: ContactState,
  incoming: RowValues,
  mode: 'overwrite' | 'fill-blanks',
  roles: TemplateRoles,
): { state: ContactState; changes: FieldChange[] } {
  const changes: FieldChange[] = [];
  const takes = (current: string, next: string) => (mode === 'overwrite' ? next !== current : current === '');
  const fields = { ...existing.fields };
  for (const [header, value] of Object.entries(incoming.fields)) {
    if (value === null) continue;
    const current = fields[header] ?? '';
    if (takes(current, value)) {
      fields[header] = value;
      changes.push({ field: header, from: current, to: value });
    }
  }
  const custom = { ...existing.custom };
  for (const [key, value] of Object.entries(incoming.custom)) {
    const current = custom[key] ?? '';
    if (takes(current, value)) {
      custom[key] = value;
      changes.push({ field: `${customFieldPrefix}${key}`, from: current, to: value });
    }
  }
  const refs = { ...existing.refs };
  for (const key of refKeys) {
    const value = incoming.refs[key];
    if (value === undefined) continue;
    const current = refs[key];
    if (takes(current === null ? '' : String(current), String(value))) {
      refs[key] = value;
      changes.push({
        field: roles.refHeaders.get(key) ?? key,
        from: current === null ? '' : String(current),
        to: String(value),
      });
    }
  }
  return { state: { fields, custom, refs }, changes };
}
