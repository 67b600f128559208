import type { FieldDef, FieldKind, Lookups, Template } from '../template';
import type { Locale } from '../validate/locales';
import { type CellCheck, compileCellCheck } from '../validate/cell-checks';
import type { CellChange } from './apply';
import { noteLine, withNoteLine } from './multi-value';

// A Norwegian or British list has phone numbers and postcodes the template cannot hold at all: no fix can make
// `+47 912 34 567` a US number. Sixty errors with no way out is a dead end; instead each such column is named
// once, plainly, with what is possible: move those values to the notes, clear them, or keep them for a person.

/** The template kinds that hold only North American values. */
export type DeadEndKind = 'phone' | 'postal' | 'region';

const kinds: Partial<Record<FieldKind, DeadEndKind>> = {
  phone10: 'phone',
  postal: 'postal',
  region: 'region',
};

/** What a person can do with the values a column cannot hold. */
export type DeadEndAction = 'notes' | 'clear' | 'keep';

/** A column many of whose values the template cannot take, even after every certain fix. */
export type DeadEnd = Readonly<{
  /** The column's position. */
  col: number;
  kind: DeadEndKind;
  /** Values that cannot go in. */
  count: number;
  /** Values in the column. */
  filled: number;
  /** A few of them, as written. */
  examples: readonly string[];
}>;

// A column is a dead end when at least this share of its values cannot go in (a few typos in a US list are
// single errors for a person, not a column to move aside), or this many.
const deadEndShare = 0.2;
const deadEndCount = 20;
const exampleCount = 3;

export function deadEndKind(field: FieldDef | null): DeadEndKind | null {
  return field ? (kinds[field.kind] ?? null) : null;
}

/**
 * The columns of rows (as they are after every certain fix) whose values the template cannot hold. Each value
 * that still fails the column's rule counts: the fixes have already taken every one that has a safe reading.
 */
export function findDeadEnds(
  template: Template,
  columns: readonly (FieldDef | null)[],
  lookups: Lookups | undefined,
  rows: Iterable<readonly string[]>,
): DeadEnd[] {
  const watched: {
    col: number;
    kind: DeadEndKind;
    check: CellCheck;
    count: number;
    filled: number;
    examples: string[];
  }[] = [];
  columns.forEach((field, col) => {
    const kind = deadEndKind(field);
    if (field && kind)
      watched.push({
        col,
        kind,
        check: compileCellCheck(field, template, lookups),
        count: 0,
        filled: 0,
        examples: [],
      });
  });
  if (watched.length === 0) return [];
  for (const row of rows) {
    for (const w of watched) {
      const value = row[w.col] ?? '';
      if (value.trim() === '') continue;
      w.filled++;
      if (w.check(value) === null) continue;
      w.count++;
      if (w.examples.length < exampleCount) w.examples.push(value);
    }
  }
  return watched
    .filter((w) => w.count > 0 && (w.count >= deadEndCount || w.count >= w.filled * deadEndShare))
    .map(({ col, kind, count, filled, examples }) => ({ col, kind, count, filled, examples }));
}

/**
 * A person's choice for a value the column cannot hold, applied to one row in place: the cell is emptied, and
 * with `notes` its value (as written) becomes an `[import] Header: value` line of the notes column.
 */
export function setAside(
  values: string[],
  col: number,
  action: 'notes' | 'clear',
  where: Readonly<{ notesColumn: number; label: string; fields: readonly string[] }>,
): CellChange[] {
  const value = values[col];
  const fix = action === 'notes' ? 'unfit.notes' : 'unfit.clear';
  const changes: CellChange[] = [{ column: col, field: where.fields[col] ?? '', from: value, to: '', fix }];
  values[col] = '';
  if (action === 'notes') {
    const notes = values[where.notesColumn] ?? '';
    const to = withNoteLine(notes, noteLine(where.label, value));
    changes.push({
      column: where.notesColumn,
      field: where.fields[where.notesColumn] ?? '',
      from: notes,
      to,
      fix,
    });
    values[where.notesColumn] = to;
  }
  return changes;
}

const sentences: Readonly<Record<Locale, Readonly<Record<DeadEndKind, (crm: string) => string>>>> = {
  en: {
    phone: (crm) => `${crm} takes US and Canadian phone numbers only.`,
    postal: (crm) => `${crm} takes US ZIP codes and Canadian postal codes only.`,
    region: (crm) => `${crm} takes US states and Canadian provinces only.`,
  },
  nb: {
    phone: (crm) => `${crm} tar bare imot amerikanske og kanadiske telefonnumre.`,
    postal: (crm) => `${crm} tar bare imot amerikanske ZIP-koder og kanadiske postnumre.`,
    region: (crm) => `${crm} tar bare imot amerikanske delstater og kanadiske provinser.`,
  },
};

/** The plain sentence that says why a column's values cannot go in ("ClientTether takes US and … only."). */
export function deadEndSentence(kind: DeadEndKind, crm: string, locale: Locale): string {
  return sentences[locale][kind](crm);
}
