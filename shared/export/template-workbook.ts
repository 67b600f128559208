import type { Lookups, Template } from '../template';
import type { Locale } from '../validate';
import { pullChunks, pullChunksAsync } from './chunks';
import { DataSheetWriter, type ExtraColumn } from './data-sheet';
import { referenceSheet } from './reference-sheets';
import type { ChunkSink } from './xlsx-package';
import { type WorkbookOptions, XlsxWorkbookWriter } from './xlsx-workbook';

export type TemplateWorkbookOptions = Readonly<{
  template: Template;
  /** The account's lists: the ID sheets list them and the ID columns get dropdowns. */
  lookups?: Lookups;
  /** Language of the Instructions and the other reference sheets; headers never change. */
  locale?: Locale;
  /** Columns after the template's (custom fields); each row then holds their values after the template's. */
  extraColumns?: readonly ExtraColumn[];
}> &
  WorkbookOptions;

/**
 * Writes the CRM's template workbook (TEMPLATE.md): the data sheet streamed row by row, then the reference
 * sheets. Push rows with `add` (values in the template's column order), then call `finish`; the bytes go to
 * `onChunk` as they are ready.
 */
export class TemplateWorkbookWriter {
  private readonly book: XlsxWorkbookWriter;
  private readonly data: DataSheetWriter;

  constructor(
    private readonly options: TemplateWorkbookOptions,
    onChunk: ChunkSink,
  ) {
    const { template } = options;
    this.book = new XlsxWorkbookWriter(template.sheets, onChunk, options);
    this.data = new DataSheetWriter(this.book, {
      template,
      lookups: options.lookups,
      locale: options.locale ?? 'en',
      sheetName: template.sheets[0],
      extraColumns: options.extraColumns,
    });
  }

  get rows(): number {
    return this.data.rows;
  }

  add(values: readonly string[]): void {
    this.data.add(values);
  }

  finish(): void {
    this.data.close();
    const context = {
      template: this.options.template,
      lookups: this.options.lookups,
      locale: this.options.locale ?? 'en',
    };
    for (const name of this.options.template.sheets.slice(1)) {
      const content = referenceSheet(name, context);
      if (!content) continue;
      const sheet = this.book.sheet(name, { widths: content.widths, freezeHeader: content.freezeHeader });
      for (const row of content.rows) sheet.row(row.values, row.cellStyles ?? row.style);
      this.book.closeSheet(sheet);
    }
    this.book.finish();
  }
}

/** The template workbook as a pull stream of bytes (rows in the template's column order). */
export function templateWorkbookChunks(
  options: TemplateWorkbookOptions,
  rows: Iterable<readonly string[]>,
): Generator<Uint8Array, void, undefined> {
  return pullChunks((sink) => new TemplateWorkbookWriter(options, sink), rows);
}

/** `templateWorkbookChunks` for rows that arrive asynchronously. */
export function templateWorkbookChunksAsync(
  options: TemplateWorkbookOptions,
  rows: AsyncIterable<readonly string[]> | Iterable<readonly string[]>,
): AsyncGenerator<Uint8Array, void, undefined> {
  return pullChunksAsync((sink) => new TemplateWorkbookWriter(options, sink), rows);
}
