import { splitFullName } from './full-name';
import type { Mapping } from './types';
import { mapValue } from './value-map';

/** A source row in the template's columns. */
export type MappedRow = Readonly<{
  /** One value per template field, in template order. The `[import]` note is already in the note field. */
  values: string[];
  /** The `[import]` note made of this row's kept columns (empty when none had a value). */
  note: string;
  /** Values of the custom-field columns, in the order of `customFieldNames(mapping)`. */
  custom: string[];
}>;

type Plan = {
  width: number;
  /** Source column of each template field, or -1. */
  source: Int32Array;
  /** A person's value map per template field, where there is one. */
  valueMaps: (Readonly<Record<string, string>> | undefined)[];
  splitFrom: number;
  firstAt: number;
  lastAt: number;
  noteAt: number;
  noteColumns: readonly { column: number; label: string }[];
  customColumns: readonly number[];
};

const plans = new WeakMap<Mapping, Plan>();

function planOf(mapping: Mapping): Plan {
  let plan = plans.get(mapping);
  if (plan) return plan;
  const at = (header: string | null | undefined) => (header ? mapping.fields.indexOf(header) : -1);
  const source = new Int32Array(mapping.fields.length).fill(-1);
  const valueMaps: (Readonly<Record<string, string>> | undefined)[] = new Array(mapping.fields.length);
  let splitFrom = -1;
  let firstAt = -1;
  let lastAt = -1;
  const noteColumns: { column: number; label: string }[] = [];
  const customColumns: number[] = [];
  for (const column of mapping.columns) {
    const target = column.target;
    if (target.kind === 'field') {
      const field = at(target.header);
      if (field >= 0 && source[field] === -1) {
        source[field] = column.column;
        valueMaps[field] = target.values;
      }
    } else if (target.kind === 'split') {
      splitFrom = column.column;
      firstAt = at(target.fields[0]);
      lastAt = at(target.fields[1]);
    } else if (target.kind === 'note') {
      noteColumns.push({ column: column.column, label: `[import] ${column.header}: ` });
    } else if (target.kind === 'custom') {
      customColumns.push(column.column);
    }
  }
  plan = {
    width: mapping.fields.length,
    source,
    valueMaps,
    splitFrom,
    firstAt,
    lastAt,
    noteAt: at(mapping.noteField),
    noteColumns,
    customColumns,
  };
  plans.set(mapping, plan);
  return plan;
}

/** The names of the custom fields a mapping creates, in the order `applyMapping` returns their values. */
export function customFieldNames(mapping: Mapping): string[] {
  return mapping.columns.flatMap((c) => (c.target.kind === 'custom' ? [c.target.name] : []));
}

/** The `[import]` note for a row: one line per kept column that has a value, e.g. `[import] Country: Norway`. */
export function importNote(mapping: Mapping, sourceRow: readonly string[]): string {
  return noteOf(planOf(mapping), sourceRow);
}

function noteOf(plan: Plan, row: readonly string[]): string {
  let note = '';
  for (const { column, label } of plan.noteColumns) {
    const value = row[column];
    if (value === undefined || value.trim() === '') continue;
    note += note === '' ? label + value : `\n${label}${value}`;
  }
  return note;
}

export type ApplyOptions = Readonly<{
  /**
   * False: the note field keeps only its own value, and the row's `[import]` note is in `note` alone, to be
   * folded in when the row is written (`foldImportNote`). That is the row the validator checks, in the app,
   * the CLI and the server alike: the notes are ListPrep's additions, not a cell anyone typed.
   */
  foldNote?: boolean;
}>;

/**
 * Turns a source row into a template row: each field takes its column's value (untouched: fixing is a
 * separate, reported step), a full-name column is split into first and last name, and the kept columns
 * become the `[import]` note, appended to the note field's own value (unless `foldNote: false`). The plan is
 * compiled once per mapping object, so a million rows cost one array each.
 */
export function applyMapping(
  mapping: Mapping,
  sourceRow: readonly string[],
  options: ApplyOptions = {},
): MappedRow {
  const plan = planOf(mapping);
  const values = new Array<string>(plan.width);
  const source = plan.source;
  for (let i = 0; i < plan.width; i++) {
    const column = source[i];
    values[i] = column >= 0 ? mapValue(plan.valueMaps[i], sourceRow[column] ?? '') : '';
  }
  if (plan.splitFrom >= 0) {
    const { first, last } = splitFullName(sourceRow[plan.splitFrom] ?? '');
    if (plan.firstAt >= 0) values[plan.firstAt] = first;
    if (plan.lastAt >= 0) values[plan.lastAt] = last;
  }
  const note = plan.noteColumns.length ? noteOf(plan, sourceRow) : '';
  if (options.foldNote !== false) foldNoteAt(plan.noteAt, values, note);
  const custom = plan.customColumns.map((column) => sourceRow[column] ?? '');
  return { values, note, custom };
}

function foldNoteAt(noteAt: number, values: string[], note: string): void {
  if (note === '' || noteAt < 0) return;
  const own = values[noteAt];
  values[noteAt] = own.trim() === '' ? note : `${own}\n${note}`;
}

/** Appends a row's `[import]` note to its note field, as it is written (see `foldNote`); returns `values`. */
export function foldImportNote(mapping: Mapping, values: string[], note: string): string[] {
  foldNoteAt(planOf(mapping).noteAt, values, note);
  return values;
}
