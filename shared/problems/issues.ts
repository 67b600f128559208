import { suggestFix, type FixContext, type FixSuggestion } from '../fix';
import type { FieldDef, Lookups, Template } from '../template';
import {
  type DuplicateGroup,
  type DuplicateMatch,
  type Finding,
  type IssueCode,
  type Locale,
  type MessageGroup,
  messageTables,
  optInWordsOf,
  seeksCellFix,
  type Severity,
} from '../validate';

/** A duplicate group as an issue points at it: the same `id` on every member's issue, described once. */
export type IssueGroup = Readonly<{
  id: number;
  match: DuplicateMatch;
  /** How many rows are in the group, this one included. */
  size: number;
  /** The group's first rows (1-based, as people see them), ascending. */
  rows: readonly number[];
}>;

/** Rows named in a duplicate message besides the rest ("rows 3, 7, 9, 12, 15 and 99,994 more"). */
const namedRows = 5;

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
  /** For duplicates: the groups of rows the row shares a value with (see `Finding.groups`). */
  groups?: readonly IssueGroup[];
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
  /** The template, for the words of group keys and the CRM's name (else the fix context's). */
  template?: Template;
  /** The account's lists and words, for the values a list column takes (else the fix context's). */
  lookups?: Lookups;
}>;

const orWords = { en: 'or', nb: 'eller' } as const;
const yesNo = { en: ['yes', 'no'], nb: ['ja', 'nei'] } as const;

function listItems(list: readonly { id: string; name: string }[]): string {
  const shown = list
    .slice(0, 8)
    .map((item) => (item.name && item.name !== item.id ? `${item.id} (${item.name})` : item.id));
  return list.length > 8 ? `${shown.join(', ')}…` : shown.join(', ');
}

function allowedValues(
  field: FieldDef,
  finding: Finding,
  context: DescribeContext,
  template: Template | undefined,
): string {
  const { locale } = context;
  const lookups: Lookups | undefined = context.lookups ?? context.fixContext?.lookups;
  if (finding.code === 'keys.noneFilled') {
    const keys = template?.groups.find((g) => g.id === field.group)?.keys ?? [];
    const labels = keys.map((key) => template?.fields.find((f) => f.header === key)?.label[locale] ?? key);
    return labels.length > 1
      ? `${labels.slice(0, -1).join(', ')} ${orWords[locale]} ${labels[labels.length - 1]}`
      : (labels[0] ?? '');
  }
  if (field.kind === 'choice' && field.choices) {
    return field.choices.map((c) => `${c.value} (${c.label[locale]})`).join(', ');
  }
  if (field.kind === 'optIn') {
    const words = optInWordsOf(field, lookups);
    const side = (list: readonly string[], meaning: string) =>
      `${list.join(` ${orWords[locale]} `)} (${meaning})`;
    return `${side(words.yes, yesNo[locale][0])} ${orWords[locale]} ${side(words.no, yesNo[locale][1])}`;
  }
  if ((field.kind === 'idRef' || field.kind === 'listItem' || field.kind === 'country') && field.lookup) {
    return listItems(lookups?.[field.lookup] ?? []);
  }
  return '';
}

/** A group with its first rows numbered as people see them. */
export function issueGroup(group: DuplicateGroup, rowNumber: (rowId: number) => number): IssueGroup {
  const rows = group.firstRows.map(rowNumber).sort((a, b) => a - b);
  return { id: group.id, match: group.match, size: group.size, rows };
}

/** A group as one member's message names it: up to five other rows, and how many more there are. */
function messageGroup(group: IssueGroup, self: number): MessageGroup {
  const rows = group.rows.filter((row) => row !== self).slice(0, namedRows);
  return { match: group.match, rows, more: group.size - 1 - rows.length };
}

/** Words a finding for people in the chosen language and attaches the safe fix, if there is one. */
export function describeFinding(finding: Finding, context: DescribeContext): Issue {
  const field = context.columns[finding.col];
  const value = context.values[finding.col] ?? '';
  const label = field ? field.label[context.locale] : `Column ${finding.col + 1}`;
  const groups = finding.groups?.map((group) => issueGroup(group, context.rowNumber));
  const self = context.rowNumber(finding.rowId);
  const template = context.template ?? context.fixContext?.template;
  const group = field?.group ? template?.groups.find((g) => g.id === field.group) : undefined;
  const message = messageTables[context.locale][finding.code]({
    label,
    value,
    groups: groups?.map((group) => messageGroup(group, self)) ?? [],
    allowed: field ? allowedValues(field, finding, context, template) : '',
    group: group?.label[context.locale] ?? '',
    crm: template?.crm ?? '',
  });
  let fix: FixSuggestion | null = null;
  if (field && context.fixContext && seeksCellFix(finding.code)) {
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
    ...(groups?.length ? { groups } : {}),
    ...(fix ? { fix } : {}),
  };
}
