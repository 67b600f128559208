import { customFieldPrefix } from '../api/rules';
import type { FieldDef, Template } from '../template';
import { splitFullName } from './full-name';
import { type AccountCustomField, customFieldColumn } from './custom-fields';
import { defaultNoteField } from './field-names';
import type { ColumnTarget, FieldTarget } from './types';
import { mapValue } from './value-map';

export type DocColumnKind = 'field' | 'custom' | 'note';

/** A column of the list to fix, before any cell is read: what it is and which source column feeds it. */
export type PlannedColumn = Readonly<{
  kind: DocColumnKind;
  /** The header written on export: template header, custom field name, or the source header (notes). */
  header: string;
  /** The file's header, when the column comes from the file. */
  sourceHeader: string | null;
  /**
   * What its cells are checked as: the template field, the account's custom field (see customFieldDef), or
   * null for notes and for a custom field the account does not have (or is not known yet).
   */
  field: FieldDef | null;
  /** For a custom-field column: the account's field it fills, when the account has one by that name. */
  custom: AccountCustomField | null;
  /** The source column, or null for a required field the file does not have (an empty column to fill). */
  source: number | null;
  /** For a full name split into two fields: which part of the source column's value this column holds. */
  part?: 'first' | 'last';
  /** A field read from the values that no person has confirmed: its values go in as written, never fixed. */
  guess?: boolean;
  /** A person's translation of the source values into the field's (see value-map.ts). */
  values?: Readonly<Record<string, string>>;
}>;

export function sourceHeaderName(headers: readonly string[], source: number): string {
  return headers[source]?.trim() || `Column ${source + 1}`;
}

/**
 * The list's columns from a mapping: mapped template fields in template order (required ones and the notes
 * field even when the file lacks them, so they can be filled in), then custom fields, then `[import]` notes in
 * file order.
 * Custom-field columns are checked as the account's custom field of that name when it is known, exactly as
 * the import server checks them. Pure, so the UI can lay out the grid while the worker is still validating.
 */
export function planColumns(
  template: Template,
  headers: readonly string[],
  targets: readonly ColumnTarget[],
  customFields: readonly AccountCustomField[] = [],
): PlannedColumn[] {
  const columns: PlannedColumn[] = [];
  const notesField = defaultNoteField(template);
  const toFill = keysToFill(template, targets);
  for (const field of template.fields) {
    const source = targets.findIndex((t) => t.kind === 'field' && t.header === field.header);
    const split = targets.findIndex((t) => t.kind === 'split' && t.fields.includes(field.header));
    if (source >= 0) {
      const target = targets[source] as FieldTarget;
      columns.push({
        kind: 'field',
        header: field.header,
        sourceHeader: sourceHeaderName(headers, source),
        field,
        custom: null,
        source,
        ...(target.guess ? { guess: true } : {}),
        ...(target.values && Object.keys(target.values).length ? { values: target.values } : {}),
      });
    } else if (split >= 0) {
      const target = targets[split] as Extract<ColumnTarget, { kind: 'split' }>;
      columns.push({
        kind: 'field',
        header: field.header,
        sourceHeader: sourceHeaderName(headers, split),
        field,
        custom: null,
        source: split,
        part: target.fields[0] === field.header ? 'first' : 'last',
      });
    } else if (field.required || field.header === notesField || toFill.has(field.header)) {
      // Required fields and a used group's key identifiers are there to be filled in; the notes field takes
      // what is moved aside (`[import]` lines).
      columns.push({
        kind: 'field',
        header: field.header,
        sourceHeader: null,
        field,
        custom: null,
        source: null,
      });
    }
  }
  targets.forEach((t, source) => {
    if (t.kind === 'custom') {
      columns.push({
        kind: 'custom',
        header: t.name,
        sourceHeader: sourceHeaderName(headers, source),
        ...customFieldColumn(t.name, customFields),
        source,
      });
    }
  });
  targets.forEach((t, source) => {
    if (t.kind === 'note') {
      const name = sourceHeaderName(headers, source);
      columns.push({ kind: 'note', header: name, sourceHeader: name, field: null, custom: null, source });
    }
  });
  return columns;
}

/**
 * Key identifiers the mapping leaves without a column, to be filled in (the group rules of the validator
 * find them missing): every key of a group some mapped field belongs to, unless one is enough (`any`) and one
 * is mapped; for a group every row uses, its first key when none is mapped.
 */
function keysToFill(template: Template, targets: readonly ColumnTarget[]): Set<string> {
  const mapped = new Set<string>();
  for (const t of targets) {
    if (t.kind === 'field') mapped.add(t.header);
    else if (t.kind === 'split') for (const f of t.fields) mapped.add(f);
  }
  const fill = new Set<string>();
  for (const group of template.groups) {
    if (group.keys.length === 0) continue;
    const used = group.always || template.fields.some((f) => f.group === group.id && mapped.has(f.header));
    if (!used) continue;
    if (group.keyRule === 'all') for (const key of group.keys) fill.add(key);
    else if (!group.keys.some((key) => mapped.has(key))) fill.add(group.keys[0]);
  }
  return fill;
}

/**
 * A source row's values in the plan's columns: a split name's part, a value as a person's value map translates
 * it, an empty cell for a column to fill.
 */
export function plannedValues(planned: readonly PlannedColumn[], sourceRow: readonly string[]): string[] {
  return planned.map((c) => {
    if (c.source === null) return '';
    const value = sourceRow[c.source] ?? '';
    if (c.values) return mapValue(c.values, value);
    if (!c.part) return value;
    const name = splitFullName(value);
    return c.part === 'first' ? name.first : name.last;
  });
}

/**
 * Each column as the import API's mapping names it: its template header, `custom:<key>` for the account's
 * custom field, or null for a column sent unmapped (an `[import]` note, or a custom field the account does not
 * have: the upload's options keep it as a note or drop it).
 */
export function wireMappingOf(
  columns: readonly Pick<PlannedColumn, 'kind' | 'header' | 'custom'>[],
): (string | null)[] {
  return columns.map((c) => {
    if (c.kind === 'field') return c.header;
    if (c.kind === 'custom') return c.custom ? `${customFieldPrefix}${c.custom.key}` : null;
    return null;
  });
}
