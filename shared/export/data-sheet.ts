import type { FieldDef, Lookups, Template } from '../template';
import type { Locale } from '../validate';
import { exportWords } from './export-words';
import { optInWordsOf } from '../validate/cell-checks';
import { countryRows, sheetShowing } from './reference-sheets';
import type { ListValidation, SheetWriter } from './xlsx-sheet';
import { cellStyle } from './xlsx-styles';
import type { XlsxWorkbookWriter } from './xlsx-workbook';
import { columnLetters } from './xml-text';

/**
 * A column after the template's own: a custom field, or the error report's Problems column. `field` is the
 * header the validator names a custom field's problems by (`custom:<key>`), so the report paints its cells.
 */
export type ExtraColumn = Readonly<{ header: string; note?: string; width?: number; field?: string }>;

/** Paint and explain one cell: the error report's problem cells. `col` is 0-based. */
export type CellMark = Readonly<{ col: number; style: number; note?: string }>;

export type DataSheetOptions = Readonly<{
  template: Template;
  lookups?: Lookups;
  locale: Locale;
  sheetName: string;
  extraColumns?: readonly ExtraColumn[];
}>;

// Dropdowns cover the data and at least this many rows, so rows typed in later get them too. (ClientTether
// calls an import over 1,000 rows large; bigger lists are better prepared in ListPrep than typed in Excel.)
const minValidatedRows = 1000;
// Rows looked at before the column widths are fixed (they come before the data in the file).
const sampleRows = 200;
// Excel's limit for the text of a list validation written inline.
const maxInlineList = 255;

const kindWidth: Readonly<Record<FieldDef['kind'], number>> = {
  text: 14,
  phone10: 13,
  flag01: 6,
  email: 26,
  region: 6,
  postal: 11,
  date: 12,
  whole: 10,
  choice: 8,
  idRef: 12,
  tags: 18,
  phoneIntl: 15,
  postalNo: 8,
  country: 8,
  optIn: 8,
  listItem: 16,
};

function visibleLength(value: string): number {
  const newline = value.indexOf('\n');
  return newline < 0 ? value.length : newline;
}

/**
 * The data sheet of the template workbook and of the error report: the template's exact headers in row 1,
 * bold and frozen, each with its hint as a note; the rows below; dropdowns over the data range. Rows are in
 * the template's column order, extra columns after.
 */
export class DataSheetWriter {
  private sheet: SheetWriter | null = null;
  private pending: { values: readonly string[]; marks?: readonly CellMark[] }[] = [];
  private readonly headers: readonly string[];

  constructor(
    private readonly book: XlsxWorkbookWriter,
    private readonly options: DataSheetOptions,
  ) {
    this.headers = [
      ...options.template.fields.map((f) => f.header),
      ...(options.extraColumns ?? []).map((c) => c.header),
    ];
  }

  /** Data rows written so far. */
  get rows(): number {
    return this.sheet ? this.sheet.rows - 1 : this.pending.length;
  }

  /** The next row, in the template's column order; `marks` paint and annotate cells of this row. */
  add(values: readonly string[], marks?: readonly CellMark[]): void {
    if (this.sheet) this.write(this.sheet, values, marks);
    else {
      this.pending.push({ values, marks });
      if (this.pending.length >= sampleRows) this.start();
    }
  }

  /** Ends the sheet: the dropdowns now that the row count is known. */
  close(): void {
    const sheet = this.sheet ?? this.start();
    const lastRow = Math.max(sheet.rows, minValidatedRows + 1);
    for (const validation of this.validations(lastRow)) sheet.addValidation(validation);
    this.book.closeSheet(sheet);
  }

  private start(): SheetWriter {
    const { template, locale, extraColumns = [] } = this.options;
    const widths = [
      ...template.fields.map((field, col) => {
        let longest = 0;
        for (const row of this.pending) longest = Math.max(longest, visibleLength(row.values[col] ?? ''));
        return Math.min(50, Math.max(field.header.length + 3, kindWidth[field.kind], longest + 2));
      }),
      ...extraColumns.map((column, i) => {
        const col = template.fields.length + i;
        let longest = 0;
        for (const row of this.pending) longest = Math.max(longest, visibleLength(row.values[col] ?? ''));
        return column.width ?? Math.min(50, Math.max(column.header.length + 3, 10, longest + 2));
      }),
    ];
    const sheet = this.book.sheet(this.options.sheetName, { widths, freezeHeader: true, selected: true });
    this.sheet = sheet;
    sheet.row(this.headers, cellStyle.header);
    template.fields.forEach((field, col) => {
      sheet.note(1, col, field.hint[locale]);
    });
    extraColumns.forEach((column, i) => {
      if (column.note) sheet.note(1, template.fields.length + i, column.note);
    });
    for (const row of this.pending) this.write(sheet, row.values, row.marks);
    this.pending = [];
    return sheet;
  }

  private write(sheet: SheetWriter, values: readonly string[], marks?: readonly CellMark[]): void {
    if (!marks?.length) {
      sheet.row(values);
      return;
    }
    const styles: number[] = [];
    for (const mark of marks) styles[mark.col] = mark.style;
    const r = sheet.row(values, styles);
    for (const mark of marks) if (mark.note) sheet.note(r, mark.col, mark.note);
  }

  private validations(lastRow: number): ListValidation[] {
    const { template, lookups, locale } = this.options;
    const words = exportWords[locale];
    const out: ListValidation[] = [];
    template.fields.forEach((field, col) => {
      const letters = columnLetters(col);
      const sqref = `${letters}2:${letters}${lastRow}`;
      if (field.kind === 'optIn') {
        const optIn = optInWordsOf(field, lookups);
        const all = [...optIn.yes, ...optIn.no];
        const inline = `"${all.join(',')}"`;
        if (inline.length <= maxInlineList + 2 && !all.some((w) => /[",]/.test(w))) {
          out.push({
            sqref,
            formula: inline,
            errorTitle: words.dropdownErrorTitle,
            error: words.dropdownError(all.join(', ')).slice(0, 255),
          });
        }
        return;
      }
      if (field.kind === 'country') {
        // The countries sheet lists the codes the column takes (the account's, or ISO 3166's).
        const sheetName = sheetShowing(template, 'countries');
        if (!sheetName) return;
        const codes = countryRows(lookups, locale).map((row) => row[0]);
        out.push({
          sqref,
          formula: `'${sheetName.replace(/'/g, "''")}'!$A$2:$A$${codes.length + 1}`,
          errorTitle: words.dropdownErrorTitle,
          error: words.dropdownError(`${codes.slice(0, 10).join(', ')}, …`).slice(0, 255),
        });
        return;
      }
      if (field.choices?.length) {
        const allowed = field.choices.map((c) => `${c.value} (${c.label[locale]})`).join(', ');
        out.push({
          sqref,
          formula: `"${field.choices.map((c) => c.value).join(',')}"`,
          errorTitle: words.dropdownErrorTitle,
          error: words.dropdownError(allowed).slice(0, 255),
        });
        return;
      }
      if ((field.kind !== 'idRef' && field.kind !== 'listItem') || !field.lookup) return;
      const items = lookups?.[field.lookup];
      if (!items?.length) return;
      const sheetName = sheetShowing(template, field.lookup);
      const shown = items.slice(0, 10).map((item) => `${item.id} (${item.name})`);
      const allowed = `${shown.join(', ')}${items.length > 10 ? ', …' : ''}`;
      const error = words.dropdownError(allowed).slice(0, 255);
      if (sheetName && template.sheets.includes(sheetName)) {
        const quoted = `'${sheetName.replace(/'/g, "''")}'`;
        out.push({
          sqref,
          formula: `${quoted}!$A$2:$A$${items.length + 1}`,
          errorTitle: words.dropdownErrorTitle,
          error,
        });
        return;
      }
      // A list with no sheet of its own (users) gets a dropdown only when it fits Excel's inline limit;
      // an ID with a comma or a quote cannot be written inline at all.
      const inline = `"${items.map((item) => item.id).join(',')}"`;
      if (inline.length <= maxInlineList + 2 && !items.some((item) => /[",]/.test(item.id))) {
        out.push({ sqref, formula: inline, errorTitle: words.dropdownErrorTitle, error });
      }
    });
    return out;
  }
}
