import { ColumnAnalyzer, type DateOrder } from '../../fix';
import type { DocColumn } from './doc-columns';

/** Where a streamed row goes, and what ends the stream: the document's own methods (see `SheetDocument.stream`). */
export type StreamSink<T> = Readonly<{
  /** Stores and validates one row; `values` are in column order and reused for the next row. */
  append: (raw: number, values: readonly string[]) => void;
  /** Takes the date order each date column's values showed, and hands back the finished document. */
  finish: (dateOrderByField: Readonly<Record<string, DateOrder>>) => T;
}>;

/** A document validated row by row as the file is read: no second pass, no re-split of stored rows. */
export class StreamingBuild<T> {
  private readonly analyzer: ColumnAnalyzer;
  private readonly tableCols: Int32Array;
  private readonly values: string[];

  constructor(
    private readonly sink: StreamSink<T>,
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
    this.sink.append(raw, values);
    this.analyzer.add(values);
  }

  finish(): T {
    return this.sink.finish(this.analyzer.result().dateOrderByField);
  }
}
