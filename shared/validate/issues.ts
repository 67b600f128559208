import { suggestFix, type FixContext, type FixSuggestion } from '../fix';
import type { FieldDef } from '../template';
import type { IssueCode, Severity } from './codes';
import { type Locale, messageTables } from './locales';
import type { Finding } from './sheet-validator';

/** A problem worded for people: the shape the CLI prints, the grid shows and the server returns. */
export type Issue = Readonly<{
  /** 1-based data row. */
  row: number;
  /** 0-based column position in the sheet. */
  column: number;
  /** The template header of the column. */
  field: string;
  code: IssueCode;
  severity: Severity;
  message: string;
  value: string;
  /** 1-based rows of the other rows involved, for duplicates. */
  related?: readonly number[];
  fix?: FixSuggestion;
}>;

export type DescribeContext = Readonly<{
  locale: Locale;
  columns: readonly (FieldDef | null)[];
  /** The 1-based row number people see for a row id. */
  rowNumber: (rowId: number) => number;
  /** The row's values, to quote the cell and to let fixes read the rest of the row. */
  values: readonly string[];
  fixContext?: Omit<FixContext, 'rowValue'>;
}>;

function allowedValues(field: FieldDef, context: DescribeContext): string {
  if (field.kind === 'choice' && field.choices) {
    return field.choices.map((c) => `${c.value} (${c.label[context.locale]})`).join(', ');
  }
  if (field.kind === 'idRef' && field.lookup) {
    const list = context.fixContext?.lookups?.[field.lookup] ?? [];
    const shown = list.slice(0, 8).map((item) => `${item.id} (${item.name})`);
    return list.length > 8 ? `${shown.join(', ')}…` : shown.join(', ');
  }
  return '';
}

/** Words a finding for people in the chosen language and attaches the safe fix, if there is one. */
export function describeFinding(finding: Finding, context: DescribeContext): Issue {
  const field = context.columns[finding.col];
  const value = context.values[finding.col] ?? '';
  const label = field ? field.label[context.locale] : `Column ${finding.col + 1}`;
  const related = finding.related?.map(context.rowNumber).sort((a, b) => a - b);
  const message = messageTables[context.locale][finding.code]({
    label,
    value,
    related: related ?? [],
    allowed: field ? allowedValues(field, context) : '',
  });
  let fix: FixSuggestion | null = null;
  if (
    field &&
    context.fixContext &&
    finding.code !== 'required.missing' &&
    !finding.code.endsWith('uplicate')
  ) {
    const headerIndex = new Map(context.columns.map((f, i) => [f?.header ?? '', i]));
    fix = suggestFix(field, value, {
      ...context.fixContext,
      rowValue: (header) => context.values[headerIndex.get(header) ?? -1] ?? '',
    });
  }
  return {
    row: context.rowNumber(finding.rowId),
    column: finding.col,
    field: field?.header ?? '',
    code: finding.code,
    severity: finding.severity,
    message,
    value,
    ...(related?.length ? { related } : {}),
    ...(fix ? { fix } : {}),
  };
}
