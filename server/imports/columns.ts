import { customFieldPrefix, type RequestIssue } from '../../shared/api';
import { customFieldDef } from '../../shared/mapping';
import { type FieldDef, headerIndex, type Template } from '../../shared/template';
import { columnsFromHeaders } from '../../shared/validate';
import { ApiError } from '../http/api-error';
import type { CustomFieldRow } from '../lookups/lookup-store';

/** What one column of the sheet feeds: a template field, or an account custom field. */
export type ImportColumn =
  | Readonly<{ kind: 'field'; field: FieldDef }>
  | Readonly<{ kind: 'custom'; custom: CustomFieldRow; field: FieldDef }>;

export type ResolvedColumns = Readonly<{
  headers: readonly string[];
  /** Per column; null for a column that is not imported (kept as an `[import]` note or dropped). */
  targets: readonly (ImportColumn | null)[];
  /** Per column, what the shared validator checks it as. */
  validatorColumns: readonly (FieldDef | null)[];
}>;

/**
 * Resolves the request's mapping (or, without one, the headers by exact name) to targets. Refuses with 422
 * `mapping.invalid` a target that does not exist, one used twice, or a required field left unmapped: the
 * validator cannot report a missing column, so this is checked here.
 */
export function resolveColumns(
  template: Template,
  customFields: readonly CustomFieldRow[],
  headers: readonly string[],
  mapping: readonly (string | null)[] | undefined,
): ResolvedColumns {
  const issues: RequestIssue[] = [];
  let targets: (ImportColumn | null)[];
  if (mapping === undefined) {
    targets = columnsFromHeaders(template, headers).map((field) => (field ? { kind: 'field', field } : null));
  } else {
    if (mapping.length !== headers.length) {
      throw new ApiError(
        'mapping.invalid',
        `The mapping has ${mapping.length} entries but the sheet has ${headers.length} columns; give one per column (null to skip it).`,
      );
    }
    const byHeader = headerIndex(template);
    const customByKey = new Map(customFields.map((c) => [c.key, c]));
    const used = new Map<string, number>();
    targets = mapping.map((target, column) => {
      if (target === null) return null;
      let resolved: ImportColumn | null = null;
      if (target.startsWith(customFieldPrefix)) {
        const custom = customByKey.get(target.slice(customFieldPrefix.length));
        if (custom) resolved = { kind: 'custom', custom, field: customFieldDef(custom) };
      } else {
        const at = byHeader.get(target.trim().toLowerCase());
        if (at !== undefined) resolved = { kind: 'field', field: template.fields[at] };
      }
      if (!resolved) {
        issues.push({
          path: `mapping.${column}`,
          code: 'mapping.unknownTarget',
          message: `"${target}" is neither a template column nor one of the account's custom fields.`,
        });
        return null;
      }
      const before = used.get(resolved.field.header);
      if (before !== undefined) {
        issues.push({
          path: `mapping.${column}`,
          code: 'mapping.duplicateTarget',
          message: `Columns ${before + 1} and ${column + 1} are both mapped to ${resolved.field.header}.`,
        });
      }
      used.set(resolved.field.header, column);
      return resolved;
    });
  }
  const mapped = new Set(targets.flatMap((t) => (t ? [t.field.header] : [])));
  for (const field of template.fields) {
    if (field.required && !mapped.has(field.header)) {
      issues.push({
        path: 'mapping',
        code: 'mapping.requiredMissing',
        message: `No column is mapped to ${field.header} (${field.label.en}), which every contact needs.`,
      });
    }
  }
  if (issues.length) throw new ApiError('mapping.invalid', issues[0].message, issues);
  return { headers, targets, validatorColumns: targets.map((t) => t?.field ?? null) };
}
