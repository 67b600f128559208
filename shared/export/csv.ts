/** Options of a CSV written for the CRM (and for people who open it in a spreadsheet). */
export type CsvWriteOptions = Readonly<{
  /** A UTF-8 byte order mark, so Excel shows accents instead of mojibake. */
  bom?: boolean;
  /**
   * Prefix cells that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR) with an apostrophe.
   * This changes the value the CRM receives, so it is off unless the user asks for it.
   */
  neutralizeFormulas?: boolean;
  delimiter?: string;
}>;

const formulaStart = /^[=+\-@\t\r]/;

/** True when a spreadsheet would treat the cell as a formula (or strip its first character). */
export function looksLikeFormula(value: string): boolean {
  return formulaStart.test(value);
}

/** One field, quoted by RFC 4180 when it holds the delimiter, a quote, CR or LF (or has edge spaces). */
export function formatCsvField(value: string, options: CsvWriteOptions = {}): string {
  const delimiter = options.delimiter ?? ',';
  const text = options.neutralizeFormulas && looksLikeFormula(value) ? `'${value}` : value;
  const needsQuotes =
    text.includes(delimiter) ||
    text.includes('"') ||
    text.includes('\n') ||
    text.includes('\r') ||
    (text.length > 0 && (text[0] === ' ' || text[text.length - 1] === ' '));
  return needsQuotes ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record with CRLF, as RFC 4180 and the CRM's importer expect. */
export function formatCsvRow(values: readonly string[], options: CsvWriteOptions = {}): string {
  const delimiter = options.delimiter ?? ',';
  let line = '';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) line += delimiter;
    line += formatCsvField(values[i] ?? '', options);
  }
  return `${line}\r\n`;
}

/** A whole CSV text, header first. For large sheets use `formatCsvRow` and write as you go. */
export function formatCsv(
  headers: readonly string[],
  rows: Iterable<readonly string[]>,
  options: CsvWriteOptions = {},
): string {
  let text = (options.bom ? '\ufeff' : '') + formatCsvRow(headers, options);
  for (const row of rows) text += formatCsvRow(row, options);
  return text;
}

/** A CSV as a pull stream of text pieces of about 64 KB, header first (BOM first when asked). */
export function* csvChunks(
  headers: readonly string[],
  rows: Iterable<readonly string[]>,
  options: CsvWriteOptions = {},
): Generator<string, void, undefined> {
  let piece = (options.bom ? '\ufeff' : '') + formatCsvRow(headers, options);
  for (const row of rows) {
    piece += formatCsvRow(row, options);
    if (piece.length >= 65536) {
      yield piece;
      piece = '';
    }
  }
  if (piece) yield piece;
}
