import type { FieldDef, Lookups, Template } from '../template';

/** Day/month order of slashed dates in a column, decided from evidence or by the user. */
export type DateOrder = 'mdy' | 'dmy';

/** What a fix may know besides the cell: the rest of the row, the account's lists, the date order. */
export type FixContext = Readonly<{
  template: Template;
  lookups?: Lookups;
  /** The order for every date column (the user's `--date-order`); `dateOrderByField` wins where it has one. */
  dateOrder?: DateOrder;
  /** The order decided per date column (template header -> order), e.g. by `analyzeColumns`. */
  dateOrderByField?: Readonly<Record<string, DateOrder>>;
  /** Another cell of the same row by template header (the state, for a ZIP that lost its zero). */
  rowValue?: (header: string) => string;
}>;

/** A suggested replacement and the name of the fix that made it (stable, for "apply all of a kind"). */
export type FixSuggestion = Readonly<{ value: string; fix: string }>;

/** A fix: the raw value in, a certain replacement or null out. Never guesses. */
export type Fix = (value: string, field: FieldDef, context: FixContext) => FixSuggestion | null;
