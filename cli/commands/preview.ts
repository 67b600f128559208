import { parseArgs } from 'node:util';
import { describeEncoding, type SheetPreview, type SheetReadOptions } from '../../shared/codec';
import { UsageError } from '../errors';
import { sayRead } from '../read-report';
import { previewSheetFile } from '../read-sheet';
import { jsonShown, shown } from '../terminal-text';
import { sheetOptionSpecs, sheetReadOptions } from './map';

export const previewUsage =
  'listprep preview FILE [--limit N] [--sheet NAME] [--encoding E] [--delimiter D] [--header-row N] [--json]';

type PreviewArgs = { file: string; json: boolean; options: SheetReadOptions };

function parsePreviewArgs(args: string[]): PreviewArgs {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      limit: { type: 'string' },
      ...sheetOptionSpecs,
    },
  });
  if (positionals.length !== 1) throw new UsageError(`usage: ${previewUsage}`);
  const limit = values.limit;
  if (limit !== undefined && !/^\d+$/.test(limit))
    throw new UsageError(`--limit must be a whole number, not "${limit}"`);
  return {
    file: positionals[0],
    json: values.json,
    options: { ...sheetReadOptions(values), limit: limit === undefined ? 10 : Number(limit) },
  };
}

const delimiterNames: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };

function cut(text: string, width: number): string {
  const flat = shown(text.replace(/\r\n|\r|\n/g, '⏎'));
  return flat.length > width ? `${flat.slice(0, width - 1)}…` : flat;
}

/** The preview for people: how the file was read, then the first rows as a table. */
function formatText(file: string, preview: SheetPreview): string {
  const out: string[] = [];
  const how =
    preview.kind === 'xlsx'
      ? `Excel workbook, sheet "${preview.sheet}"`
      : `${describeEncoding(preview.encoding!, preview.bom)}, ${delimiterNames[preview.delimiter!] ?? `"${preview.delimiter}"`}-delimited`;
  const where = preview.headerRow
    ? `header on ${preview.kind === 'xlsx' ? 'row' : 'line'} ${preview.headerRow}`
    : 'no header row';
  out.push(`${file}: ${how}, ${where}, ${preview.headers.length} columns`);
  if (preview.sheets.length > 1) {
    out.push(
      `Sheets: ${preview.sheets.map((s) => `"${s.name}"${s.veryHidden ? ' (very hidden)' : s.hidden ? ' (hidden)' : ''} ${s.rows === null ? 'many' : s.rows} rows`).join(', ')}`,
    );
  }
  for (const title of preview.titles) out.push(`Title above the header: ${title}`);
  const table = [preview.headers, ...preview.rows];
  const widths = preview.headers.map((_, c) =>
    Math.min(24, Math.max(...table.map((row) => cut(row[c] ?? '', 24).length))),
  );
  const lineWidth = Math.max(4, ...preview.lines.map((line) => String(line).length));
  const format = (label: string, row: readonly string[]) =>
    `${label.padStart(lineWidth)} | ${widths.map((w, c) => cut(row[c] ?? '', 24).padEnd(w)).join(' | ')}`.trimEnd();
  out.push(format(preview.kind === 'xlsx' ? 'row' : 'line', preview.headers));
  preview.rows.forEach((row, i) => {
    out.push(format(String(preview.lines[i]), row));
  });
  if (preview.truncated)
    out.push(`… more rows (showing the first ${preview.rows.length}; --limit N for more)`);
  else out.push(`${preview.rowCount} data rows`);
  if (preview.footer.length) out.push(`Footer, not data: ${preview.footer.join(' / ')}`);
  for (const line of preview.unclosedQuotes ?? [])
    out.push(`Line ${line} opens a quote that never closes: read as written, quote included`);
  if (preview.raggedCount) {
    const listed = preview.ragged.slice(0, 5).map((r) => `line ${r.line} has ${r.cells}`);
    out.push(
      `Rows with a different number of cells than the header's ${preview.headerCells}: ${listed.join(', ')}${preview.raggedCount > 5 ? ` and ${preview.raggedCount - 5} more` : ''}`,
    );
  }
  if (preview.merges?.count) {
    const more = preview.merges.count > 5 ? ` and ${preview.merges.count - 5} more` : '';
    out.push(
      `Merged cells, their text in each range's first cell: ${preview.merges.first.slice(0, 5).join(', ')}${more}`,
    );
  }
  for (const note of preview.cellNotes.slice(0, 5)) {
    const why = {
      'xlsx.errorCell': 'an error value',
      'xlsx.noCachedValue': 'a formula with no saved result',
      'xlsx.precision': 'more digits than Excel keeps (15)',
    }[note.code];
    out.push(
      `Row ${note.line}, ${preview.headers[note.column] ?? `column ${note.column + 1}`}: ${note.value ? `"${note.value}" is ` : ''}${why}`,
    );
  }
  return `${out.map(shown).join('\n')}\n`;
}

/** `listprep preview`: how a file reads (encoding, delimiter, header row, sheets) and its first rows. */
export async function runPreview(args: string[]): Promise<number> {
  const { file, json, options } = parsePreviewArgs(args);
  const preview = await previewSheetFile(file, options);
  sayRead(file, preview, options);
  if (json) {
    const { kind, encoding, bom, delimiter, headerRow, headers, rows, lines, sheet, sheets, titles, footer } =
      preview;
    const report = {
      file,
      kind,
      encoding,
      bom,
      delimiter,
      headerRow,
      headers,
      rows,
      lines,
      sheet,
      sheets,
      titles,
      footer,
      truncated: preview.truncated,
      blankRows: preview.blankRows,
      ragged: preview.ragged,
      raggedCount: preview.raggedCount,
      cellNotes: preview.cellNotes,
      merges: preview.merges,
      unclosedQuotes: preview.unclosedQuotes ?? [],
    };
    process.stdout.write(`${jsonShown(JSON.stringify(report, null, 2))}\n`);
  } else {
    process.stdout.write(formatText(file, preview));
  }
  return 0;
}
