import { ColumnAnalyzer } from '../../fix';
import type { DocColumn } from './doc-columns';
import type { SheetDocument } from './sheet-document';

/** A document validated row by row as the file is read (see `SheetDocument.stream`). */
export class StreamingBuild {
  private readonly analyzer: ColumnAnalyzer;
  private readonly tableCols: Int32Array;
  private readonly values: string[];

  constructor(
    private readonly doc: SheetDocument,
    columns: readonly DocColumn[],
  ) {
    this.analyzer = new ColumnAnalyzer(columns.map((c) => c.field));
    this.tableCols = Int32Array.from(columns.map((c) => c.tableCol));
    this.values = new Array<string>(columns.length).fill('');
  }

  /** Validates one row from the parser's cells (not yet stored cells: no need to split them again). */
  add(raw: number, cells: readonly string[]): void {
    const values = this.values;
    for (let c = 0; c < values.length; c++) values[c] = cells[this.tableCols[c]] ?? '';
    this.doc.appendValidated(raw, values);
    this.analyzer.add(values);
  }

  finish(): SheetDocument {
    this.doc.dateOrderByField = this.analyzer.result().dateOrderByField;
    this.doc.structureVersion++;
    return this.doc;
  }
}
