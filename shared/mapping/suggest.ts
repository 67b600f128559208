import { reportExtraHeaders } from '../export/report-headers';
import { cleanCell } from '../fix/text';
import { foldKey, foldWords } from '../fix/fold';
import type { Template } from '../template';
import { contentCandidates } from './content';
import { defaultNoteField, fieldNameIndex, siblingFields } from './field-names';
import { isTypeHeader, nameCandidates, numberedHeader } from './name-candidates';
import type { ColumnMapping, Mapping, MappingReason } from './types';
import { fullNameHeaders, notTemplateHeaders, withoutQualifiers } from './vocabulary';

export type SuggestOptions = Readonly<{
  /** Rows read for content and fill (default 1,000): enough to see the shape, cheap on a million rows. */
  sampleRows?: number;
  /** Where `[import]` notes go; default: the template's notes field. */
  noteField?: string | null;
}>;

type Candidate = {
  column: number;
  field: number;
  confidence: number;
  /** Confidence adjusted for how full the column is: the order in which columns claim fields. */
  priority: number;
  reason: MappingReason;
  detail: string;
};

type ColumnSample = { values: string[]; fill: number };

// A sibling type column names its value column's kind only when most rows agree.
const typeMajority = 0.6;
// Taking a sibling field (second_Phone after phone) is a second choice.
const siblingDiscount = 0.75;

function sampleColumns(headers: readonly string[], rows: readonly (readonly string[])[], limit: number) {
  const count = Math.min(rows.length, limit);
  return headers.map((_, col): ColumnSample => {
    const values: string[] = [];
    for (let r = 0; r < count; r++) {
      const value = cleanCell(rows[r][col] ?? '');
      if (value !== '') values.push(value);
    }
    return { values, fill: count ? values.length / count : 0 };
  });
}

/** For each "X N - Value" column, the type its "X N - Type" sibling gives most rows (`mobile`), if any. */
function siblingTypes(headers: readonly string[], samples: readonly ColumnSample[]): (string | undefined)[] {
  const parts = headers.map(numberedHeader);
  return parts.map((self) => {
    if (!self || isTypeHeader(self)) return undefined;
    const typeCol = parts.findIndex(
      (other) =>
        other !== null && isTypeHeader(other) && other.group === self.group && other.index === self.index,
    );
    if (typeCol < 0) return undefined;
    const counts = new Map<string, number>();
    for (const value of samples[typeCol].values) {
      // Google writes "* Mobile" for the primary entry and "Mobile ::: Work" when several were merged.
      const type = foldWords(value.split(':::')[0].replace(/^\*\s*/, ''));
      if (type) counts.set(type, (counts.get(type) ?? 0) + 1);
    }
    const total = samples[typeCol].values.length;
    for (const [type, n] of counts) if (n / total >= typeMajority) return type;
    return undefined;
  });
}

function nameMatches(template: Template, header: string, siblingType: string | undefined, column: number) {
  const index = fieldNameIndex(template);
  const best = new Map<number, Candidate>();
  for (const candidate of nameCandidates(header, siblingType)) {
    for (const name of index.get(candidate.key) ?? []) {
      const confidence = name.score * candidate.weight;
      const priority = name.rank * candidate.weight;
      const before = best.get(name.field);
      if (before && before.priority >= priority) continue;
      const via = candidate.via ? `, ${candidate.via}` : '';
      best.set(name.field, {
        column,
        field: name.field,
        confidence,
        priority,
        reason: name.reason,
        detail: `${name.reason} "${name.name}"${via}`,
      });
    }
  }
  return [...best.values()];
}

function withSiblings(template: Template, matches: Candidate[]): Candidate[] {
  const out = [...matches];
  for (const match of matches) {
    for (const sibling of siblingFields(template, match.field)) {
      if (out.some((c) => c.field === sibling && c.priority >= match.priority * siblingDiscount)) continue;
      out.push({
        ...match,
        field: sibling,
        confidence: match.confidence * siblingDiscount,
        priority: match.priority * siblingDiscount,
        detail: `${match.detail}; ${template.fields[match.field].header} was taken`,
      });
    }
  }
  return out;
}

/** A column whose values another column already carries, or that is no contact data: dropped, never a note. */
function dropped(column: number, header: string, detail: string): ColumnMapping {
  return { column, header, target: { kind: 'skip' }, confidence: 1, reason: 'none', detail };
}

function isFullNameHeader(header: string): boolean {
  const words = foldWords(header);
  return fullNameHeaders.has(foldKey(words)) || fullNameHeaders.has(foldKey(withoutQualifiers(words) ?? ''));
}

/**
 * Suggests a field for each column of a file: by name (template header, labels, synonyms, the vocabularies of
 * common exports, qualifier words removed, Google's numbered type/value pairs), then by content where names
 * fail. Each field goes to one column, the most confident first (fuller columns first among equals); a
 * column that loses a phone or anniversary field falls back to the sibling field. A full-name column is split
 * into first and last name when no column holds either. Columns left over keep their values as an
 * `[import]` note, except empty ones and the type columns already used.
 */
export function suggestMapping(
  template: Template,
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  options: SuggestOptions = {},
): Mapping {
  const samples = sampleColumns(headers, rows, options.sampleRows ?? 1000);
  const types = siblingTypes(headers, samples);
  const typeColumns = new Set<number>();
  headers.forEach((header, col) => {
    if (
      isTypeHeader(numberedHeader(header)) &&
      types.some((_, v) => types[v] && sameGroup(headers, v, col))
    ) {
      typeColumns.add(col);
    }
  });

  const candidates: Candidate[] = [];
  headers.forEach((header, column) => {
    if (typeColumns.has(column) || reportExtraHeaders.includes(header.trim())) return;
    const byName = nameMatches(template, header, types[column], column);
    if (byName.length) {
      candidates.push(...withSiblings(template, byName));
      return;
    }
    if (isFullNameHeader(header) || notTemplateHeaders.has(foldKey(header))) return;
    for (const found of contentCandidates(template, samples[column].values)) {
      candidates.push({ column, ...found, priority: found.confidence, reason: 'content' });
    }
  });
  // Fuller columns claim first among equals; a column empty in every row read claims only what nobody wants.
  const sampled = Math.min(rows.length, options.sampleRows ?? 1000);
  for (const candidate of candidates) {
    const fill = samples[candidate.column].fill;
    candidate.priority *= sampled === 0 ? 1 : fill === 0 ? 0.5 : 0.9 + 0.1 * fill;
  }
  candidates.sort((a, b) => b.priority - a.priority || a.column - b.column || a.field - b.field);

  const chosen = new Map<number, Candidate>();
  const takenFields = new Set<number>();
  for (const candidate of candidates) {
    if (chosen.has(candidate.column) || takenFields.has(candidate.field)) continue;
    chosen.set(candidate.column, candidate);
    takenFields.add(candidate.field);
  }

  const firstName = template.fields.find((f) => f.role === 'firstName');
  const lastName = template.fields.find((f) => f.role === 'lastName');
  const namesMapped = [...takenFields].some((f) => {
    const role = template.fields[f].role;
    return role === 'firstName' || role === 'lastName';
  });
  const bothNamesMapped =
    [...takenFields].filter((f) => ['firstName', 'lastName'].includes(template.fields[f].role ?? ''))
      .length === 2;
  let splitColumn = -1;
  if (firstName && lastName && !namesMapped) {
    splitColumn = headers.findIndex((h, col) => !chosen.has(col) && isFullNameHeader(h));
  }

  const columns: ColumnMapping[] = headers.map((header, column) => {
    const pick = chosen.get(column);
    if (pick) {
      return {
        column,
        header,
        target: { kind: 'field', header: template.fields[pick.field].header },
        confidence: round(pick.confidence),
        reason: pick.reason,
        detail: pick.detail,
      };
    }
    if (column === splitColumn && firstName && lastName) {
      return {
        column,
        header,
        target: { kind: 'split', fields: [firstName.header, lastName.header] },
        confidence: 0.85,
        reason: 'fullName',
        detail: `no first or last name column; "${header}" is split at the last word`,
      };
    }
    if (typeColumns.has(column)) {
      return dropped(column, header, 'read as the type of its value column');
    }
    if (bothNamesMapped && isFullNameHeader(header)) {
      return dropped(column, header, 'the first and last name columns hold it');
    }
    if (reportExtraHeaders.includes(header.trim())) {
      // A returned error report: its Problems column says what was wrong then; never a field or a note.
      return dropped(column, header, 'the error report’s Problems column');
    }
    const empty = samples[column].values.length === 0;
    return {
      column,
      header,
      target: { kind: empty ? 'skip' : 'note' },
      confidence: 0,
      reason: 'none',
      detail: empty ? 'empty in the rows read' : 'no template field; kept as an [import] note',
    };
  });

  return {
    template: template.id,
    fields: template.fields.map((f) => f.header),
    columns,
    noteField: options.noteField === undefined ? defaultNoteField(template) : options.noteField,
  };
}

function sameGroup(headers: readonly string[], valueCol: number, typeCol: number): boolean {
  const a = numberedHeader(headers[valueCol]);
  const b = numberedHeader(headers[typeCol]);
  return a !== null && b !== null && a.group === b.group && a.index === b.index;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
