import type { GridProblem } from '../../upload';
import type { IssueCode } from '../../validate';
import type { CellIssue, CellMark } from '../protocol';

/**
 * Problems the import server found that the app's own validator cannot know (an email another contact in the
 * CRM already has, two rows matching one contact, an ID the account no longer has), kept in the worker
 * beside the validator's findings and counted with them (worker/list-problems.ts: counts, "only rows with
 * problems", next/previous problem). A row the user changes loses them: the server's verdict was about the
 * old values, and the next dry run gives a new one. They are not journaled; uploading again brings them back.
 */
export class ServerMarks {
  private byKey = new Map<number, Map<number, GridProblem>>();

  /** Replaces every mark with these. */
  set(problems: readonly GridProblem[]): void {
    this.byKey = new Map();
    for (const p of problems) {
      let row = this.byKey.get(p.key);
      if (!row) {
        row = new Map();
        this.byKey.set(p.key, row);
      }
      // One mark per cell, the first: the server sends a row's issues in column order.
      if (!row.has(p.col)) row.set(p.col, p);
    }
  }

  clear(): void {
    this.byKey.clear();
  }

  forget(keys: Iterable<number>): void {
    if (this.byKey.size === 0) return;
    for (const key of keys) this.byKey.delete(key);
  }

  get rowCount(): number {
    return this.byKey.size;
  }

  hasRow(key: number): boolean {
    return this.byKey.has(key);
  }

  has(key: number, col: number): boolean {
    return this.byKey.get(key)?.has(col) ?? false;
  }

  /** A row's marks, one per cell. */
  ofRow(key: number): Iterable<GridProblem> {
    return this.byKey.get(key)?.values() ?? [];
  }

  /** Every mark, one per cell. */
  *all(): Iterable<GridProblem> {
    for (const row of this.byKey.values()) yield* row.values();
  }

  /**
   * Adds the row's server marks to the grid's marks where the validator has none. Server codes are not the
   * validator's, but the grid only shows a mark's severity and message, so they travel in the same field.
   */
  addTo(key: number, width: number, marks: (CellMark | null)[] | null): (CellMark | null)[] | null {
    const row = this.byKey.get(key);
    if (!row) return marks;
    const out = marks ?? new Array<CellMark | null>(width).fill(null);
    for (const [col, p] of row) {
      if (col < width && !out[col])
        out[col] = { code: p.code as IssueCode, severity: p.severity, message: p.message };
    }
    return out;
  }

  /** The side panel's entries for one cell. */
  describe(key: number, col: number, value: string): CellIssue[] {
    const p = this.byKey.get(key)?.get(col);
    if (!p) return [];
    return [
      { code: p.code as IssueCode, value, severity: p.severity, message: p.message, related: [], fix: null },
    ];
  }
}
