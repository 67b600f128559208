import type { FieldDef } from '../template';
import { addDateEvidence, type DateOrderEvidence, emptyDateEvidence, orderFromEvidence } from './dates';
import type { DateOrder } from './types';

/** What a whole column says that no single cell does. */
export type ColumnAnalysis = Readonly<{
  /** Per column position: the day/month order its values decide, or null (not a date column, or undecided). */
  dateOrder: readonly (DateOrder | null)[];
  /** Per column position: the counts behind the decision, for a date column; null for the others. */
  dateEvidence: readonly (Readonly<DateOrderEvidence> | null)[];
  /** The decided orders by template header: pass as `FixContext.dateOrderByField`. */
  dateOrderByField: Readonly<Record<string, DateOrder>>;
}>;

// Most cells of a date column are already ISO or empty; only a digit, then a separator within the first
// three characters, can be a slashed or dashed day-month date worth parsing.
function mayBeNumericDate(value: string): boolean {
  if (value.length < 8) return false;
  const c1 = value.charCodeAt(1);
  const c2 = value.charCodeAt(2);
  return c1 === 47 || c1 === 45 || c2 === 47 || c2 === 45;
}

/** Collects evidence row by row (a streamed file); `result()` may be called at any time. */
export class ColumnAnalyzer {
  private readonly dateCols: number[];
  private readonly evidence: (DateOrderEvidence | null)[];

  constructor(private readonly columns: readonly (FieldDef | null)[]) {
    this.dateCols = columns.flatMap((field, col) => (field?.kind === 'date' ? [col] : []));
    this.evidence = columns.map((field) => (field?.kind === 'date' ? emptyDateEvidence() : null));
  }

  add(values: readonly string[]): void {
    for (const col of this.dateCols) {
      const value = values[col];
      if (value && mayBeNumericDate(value)) addDateEvidence(this.evidence[col]!, value);
    }
  }

  result(): ColumnAnalysis {
    const dateOrder = this.evidence.map((e) => (e ? orderFromEvidence(e) : null));
    const dateOrderByField: Record<string, DateOrder> = {};
    dateOrder.forEach((order, col) => {
      const field = this.columns[col];
      if (order && field) dateOrderByField[field.header] = order;
    });
    return { dateOrder, dateEvidence: this.evidence.map((e) => (e ? { ...e } : null)), dateOrderByField };
  }
}

/**
 * Reads every row once and decides what needs the whole column: today, each date column's day/month order
 * (a first number over 12 anywhere means day-first). Pass `dateOrderByField` to the fixes.
 */
export function analyzeColumns(
  columns: readonly (FieldDef | null)[],
  rows: Iterable<readonly string[]>,
): ColumnAnalysis {
  const analyzer = new ColumnAnalyzer(columns);
  for (const row of rows) analyzer.add(row);
  return analyzer.result();
}
