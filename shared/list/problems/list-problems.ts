import type { ServerMarks } from './server-marks';
import type { ProblemCode, ProblemCount, ProblemSummary } from '../protocol';
import type { SheetDocument } from '../sheet/sheet-document';

/**
 * The Fix screen's problems: the validator's findings and the cells the import server rejected (see
 * ServerMarks), as one. Counts, the problems-only view and next/previous problem all read them here, so a
 * rejected cell is a problem like any other until its row changes. A cell with both shows the validator's
 * finding only: the server re-validates with the same rules, and one cell is one problem to fix.
 */
export class ListProblems {
  constructor(
    private readonly doc: SheetDocument,
    private readonly server: ServerMarks,
  ) {}

  hasProblems(key: number): boolean {
    return this.doc.hasProblems(key) || (this.server.hasRow(key) && this.doc.isLive(key));
  }

  /** True when the row has an error (not only warnings): such a row stays out of a file sent to the CRM. */
  hasErrors(key: number): boolean {
    if (!this.hasProblems(key)) return false;
    if (this.doc.problems(key).some((p) => p.severity === 'error')) return true;
    for (const mark of this.server.ofRow(key)) if (mark.severity === 'error') return true;
    return false;
  }

  /** The problem a cell shows: the validator's code, else `server.rejected`, else null. */
  cellCode(key: number, col: number): ProblemCode | null {
    const code = this.doc.cellCode(key, col);
    if (code !== null) return code;
    return this.server.has(key, col) && this.doc.isLive(key) ? 'server.rejected' : null;
  }

  /** The validator's counts with the server's rejected cells added, one line per column. */
  summary(): ProblemSummary {
    const base = this.doc.summary();
    if (this.server.rowCount === 0) return base;
    let errors = base.errors;
    let warnings = base.warnings;
    const byCol = new Map<number, ProblemCount>();
    for (const mark of this.server.all()) {
      if (!this.doc.isLive(mark.key) || this.doc.cellCode(mark.key, mark.col) !== null) continue;
      if (mark.severity === 'error') errors++;
      else warnings++;
      const line = byCol.get(mark.col);
      byCol.set(mark.col, {
        col: mark.col,
        code: 'server.rejected',
        severity: line?.severity === 'error' ? 'error' : mark.severity,
        count: (line?.count ?? 0) + 1,
      });
    }
    const byColumn = [...base.byColumn, ...byCol.values()].sort((a, b) => b.count - a.count || a.col - b.col);
    return { rows: base.rows, errors, warnings, byColumn };
  }
}
