import { reportExtraHeaders } from '../export/report-headers';
import { cleanCell } from '../fix/text';
import { foldKey, foldWords } from '../fix/fold';
import type { Template } from '../template';
import type { FieldName } from './field-names';
import { contentCandidates } from './content';
import { familyNameColumn } from './family-name';
import { defaultNoteField, fieldNameIndex, fieldNameWords, siblingFields } from './field-names';
import { containsName, headerWordList } from './header-words';
import { isTypeHeader, nameCandidates, numberedHeader } from './name-candidates';
import { isRedundantName, namedAsSomethingElse, type SystemColumn, systemColumn } from './system-columns';
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
// A field's name among other words ("Prospect First Name") is weaker evidence than the name alone.
const containedWeight = 0.85;

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
  const keep = (name: FieldName, weight: number, via: string) => {
    const confidence = name.score * weight;
    const priority = name.rank * weight;
    const before = best.get(name.field);
    if (before && before.priority >= priority) return;
    best.set(name.field, {
      column,
      field: name.field,
      confidence,
      priority,
      reason: name.reason,
      detail: `${name.reason} "${name.name}"${via}`,
    });
  };
  for (const candidate of nameCandidates(header, siblingType)) {
    for (const name of index.get(candidate.key) ?? []) {
      keep(name, candidate.weight, candidate.via ? `, ${candidate.via}` : '');
    }
  }
  if (best.size === 0) {
    // The name among words that say nothing about the field: "Prospect First Name", "Owns Home?", "TelCellHome".
    const words = headerWordList(header);
    for (const entry of fieldNameWords(template)) {
      if (!containsName(words, entry.words)) continue;
      for (const name of entry.names) keep(name, containedWeight, ' among the header’s words');
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
 * common exports, qualifier words removed, Google's numbered type/value pairs, a field's name among other
 * words), then by content where names fail - a content match is a guess (`guess: true`) until a person
 * confirms it, and a column whose name says it is something else (an ID, an offset, a rating) is never
 * claimed by its values. Each field goes to one column, the most confident first (fuller columns first among
 * equals); a column that loses a phone or anniversary field falls back to the sibling field. A `Name` column
 * holding family names beside a given-name column is the last name; otherwise a full-name column is split when
 * no column holds either name. Columns left over keep their values as an `[import]` note, except empty ones,
 * repeats of other columns and the old system's own columns (IDs, ratings, coordinates, time zones, labels of
 * other columns, filler), which are left out and say why.
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
  const words = headers.map(headerWordList);
  const system = headers.map((header, col) => systemColumn(header, words[col], samples[col].values, headers));
  // These are never a template field, whatever their name resembles (Mailchimp's REGION is a guess from an IP).
  const neverAField = (col: number) => {
    const kind = system[col]?.kind;
    return kind === 'coordinates' || kind === 'timeZone' || kind === 'rating' || kind === 'label';
  };

  const candidates: Candidate[] = [];
  headers.forEach((header, column) => {
    if (typeColumns.has(column) || reportExtraHeaders.includes(header.trim()) || neverAField(column)) return;
    const byName = nameMatches(template, header, types[column], column);
    if (byName.length) {
      candidates.push(...withSiblings(template, byName));
      return;
    }
    if (
      isFullNameHeader(header) ||
      notTemplateHeaders.has(foldKey(header)) ||
      namedAsSomethingElse(words[column]) ||
      system[column] ||
      namesAnotherOwner(template, words[column])
    ) {
      return;
    }
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

  const firstNameAt = template.fields.findIndex((f) => f.role === 'firstName');
  const lastNameAt = template.fields.findIndex((f) => f.role === 'lastName');
  const firstName = template.fields[firstNameAt];
  const lastName = template.fields[lastNameAt];
  // A vCard converter's `Name` is the family name (N's first part) when the given names have their own column.
  const givenColumn = [...chosen].find(([, c]) => c.field === firstNameAt)?.[0];
  if (lastName && givenColumn !== undefined && !takenFields.has(lastNameAt)) {
    const family = familyNameColumn(
      headers.map((h, col) => (!chosen.has(col) && isFullNameHeader(h) ? col : -1)).filter((c) => c >= 0),
      givenColumn,
      rows,
      options.sampleRows ?? 1000,
    );
    if (family !== null) {
      chosen.set(family, {
        column: family,
        field: lastNameAt,
        confidence: 0.85,
        priority: 0.85,
        reason: 'synonym',
        detail: `holds the family name: the given names are in "${headers[givenColumn]}"`,
      });
      takenFields.add(lastNameAt);
    }
  }
  const namesMapped = [...takenFields].some((f) => f === firstNameAt || f === lastNameAt);
  const bothNamesMapped = takenFields.has(firstNameAt) && takenFields.has(lastNameAt);
  let splitColumn = -1;
  if (firstName && lastName && !namesMapped) {
    splitColumn = headers.findIndex((h, col) => !chosen.has(col) && isFullNameHeader(h));
  }
  const streetGroups = new Set(
    [...chosen.keys()].flatMap((col) => {
      const parts = numberedHeader(headers[col]);
      return parts && parts.part === 'street' ? [`${parts.group} ${parts.index}`] : [];
    }),
  );

  // A template without a notes field (MainBrainer) has nowhere to keep an `[import]` note: leftover columns
  // are left out, for a person to make a custom field of where the template has them.
  const notesKept = defaultNoteField(template) !== null;
  const columns: ColumnMapping[] = headers.map((header, column) => {
    const pick = chosen.get(column);
    if (pick) {
      const field = template.fields[pick.field].header;
      return {
        column,
        header,
        target:
          pick.reason === 'content'
            ? { kind: 'field', header: field, guess: true }
            : { kind: 'field', header: field },
        confidence: round(pick.confidence),
        reason: pick.reason,
        detail: pick.reason === 'content' ? `guessed from the values: ${pick.detail}` : pick.detail,
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
    if (bothNamesMapped && (isFullNameHeader(header) || isRedundantName(words[column]))) {
      return dropped(column, header, 'the first and last name columns hold it');
    }
    const parts = numberedHeader(header);
    if (parts?.part === 'formatted' && streetGroups.has(`${parts.group} ${parts.index}`)) {
      return dropped(column, header, 'the whole address again: its parts are mapped');
    }
    if (reportExtraHeaders.includes(header.trim())) {
      // A returned error report: its Problems column says what was wrong then; never a field or a note.
      return dropped(column, header, 'the error report’s Problems column');
    }
    const empty = samples[column].values.length === 0;
    if (empty) {
      return {
        column,
        header,
        target: { kind: 'skip' },
        confidence: 0,
        reason: 'none',
        detail: 'empty in the rows read',
      };
    }
    const own = system[column];
    if (own) return leftOut(column, header, own);
    return {
      column,
      header,
      target: { kind: notesKept ? 'note' : 'skip' },
      confidence: 0,
      reason: 'none',
      detail: notesKept
        ? 'no template field; kept as an [import] note'
        : 'no template field, and no notes field to keep it in',
    };
  });

  return {
    template: template.id,
    fields: template.fields.map((f) => f.header),
    columns,
    noteField: options.noteField === undefined ? defaultNoteField(template) : options.noteField,
  };
}

/**
 * Whether a header names a field among words that make it someone else's ("Assistant's Phone", "Spouse First
 * Name"): its values look like the field's, but they belong to another person, so they are no evidence.
 */
function namesAnotherOwner(template: Template, words: readonly string[]): boolean {
  return fieldNameWords(template).some((entry) => entry.words.every((w) => words.includes(w)));
}

/** The old system's own column, left out by default with the reason a person can read (and overrule). */
function leftOut(column: number, header: string, system: SystemColumn): ColumnMapping {
  return {
    column,
    header,
    target: { kind: 'skip' },
    confidence: 0,
    reason: 'none',
    detail: `left out: ${system.detail}`,
    system: system.kind,
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
