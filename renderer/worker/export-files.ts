import { formatCsvRow } from '../../shared/export';
import type { Locale } from '../../shared/validate';
import { describeFinding } from '../../shared/validate';
import type { FixSettings } from './fixes';
import type { SheetDocument } from './sheet-document';

// What leaves the app. Thin adapters until shared/export (issue 4) lands with the streaming template
// workbook and the error report; the shape of the exported rows (template columns, notes folded into the
// whiteboard as `[import]` lines) is the app's decision and stays here.

/** The exported sheet: every template header in template order, then custom fields. */
export type ExportSheet = Readonly<{ headers: readonly string[]; rows: () => Iterable<string[]> }>;

const notesHeader = 'whiteboard';

export function exportSheet(doc: SheetDocument): ExportSheet {
  const fieldCol = new Map<string, number>();
  for (const c of doc.columns) if (c.kind === 'field') fieldCol.set(c.header, c.index);
  const customs = doc.columns.filter((c) => c.kind === 'custom');
  const notes = doc.columns.filter((c) => c.kind === 'note');
  const templateHeaders = doc.template.fields.map((f) => f.header);
  const headers = [...templateHeaders, ...customs.map((c) => c.header)];
  const notesAt = templateHeaders.indexOf(notesHeader);
  function* rows(): Iterable<string[]> {
    for (let i = 0; i < doc.order.length; i++) {
      const key = doc.order.get(i);
      const out = templateHeaders.map((h) => {
        const col = fieldCol.get(h);
        return col === undefined ? '' : doc.get(key, col);
      });
      for (const c of customs) out.push(doc.get(key, c.index));
      if (notesAt >= 0 && notes.length) {
        // Data the user kept from unmapped columns goes to the whiteboard, one `[import]` line each.
        const lines = notes
          .map((c) => ({ name: c.header, value: doc.get(key, c.index) }))
          .filter((n) => n.value.trim() !== '')
          .map((n) => `[import] ${n.name}: ${n.value}`);
        if (lines.length) out[notesAt] = [out[notesAt], ...lines].filter((s) => s !== '').join('\n');
      }
      yield out;
    }
  }
  return { headers, rows };
}

const encoder = new TextEncoder();

/** UTF-8 CSV, CRLF, RFC 4180 quoting. Built in pieces so a million rows never make one giant string. */
export function exportCsv(doc: SheetDocument): Uint8Array {
  const sheet = exportSheet(doc);
  const parts: Uint8Array[] = [encoder.encode(formatCsvRow(sheet.headers))];
  let text = '';
  for (const row of sheet.rows()) {
    text += formatCsvRow(row);
    if (text.length > 1 << 20) {
      parts.push(encoder.encode(text));
      text = '';
    }
  }
  parts.push(encoder.encode(text));
  return concat(parts);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The template workbook (exceljs): data on "Header File" as text cells, hints as header notes, lists after. */
export async function exportWorkbook(doc: SheetDocument, locale: Locale): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const [dataName, ...otherNames] = doc.template.sheets;
  const data = workbook.addWorksheet(dataName);
  const sheet = exportSheet(doc);
  const header = data.addRow([...sheet.headers]);
  doc.template.fields.forEach((field, i) => {
    header.getCell(i + 1).note = field.hint[locale];
  });
  header.font = { bold: true };
  // Text format keeps leading zeros and long IDs as the user typed them.
  for (let c = 1; c <= sheet.headers.length; c++) data.getColumn(c).numFmt = '@';
  for (const row of sheet.rows()) data.addRow(row);
  const lists: Record<string, [string, string][]> = {
    'State Abbreviations': doc.template.regions.map((r) => [r.code, r.name]),
    'Action Plan IDs': (doc.lookups?.actionPlans ?? []).map((i) => [i.id, i.name]),
    'Sales Cycle IDs': (doc.lookups?.salesCycles ?? []).map((i) => [i.id, i.name]),
    'Lead Source IDs': (doc.lookups?.leadSources ?? []).map((i) => [i.id, i.name]),
  };
  for (const name of otherNames) {
    const ws = workbook.addWorksheet(name);
    if (name === 'Instructions') {
      for (const field of doc.template.fields) ws.addRow([field.header, field.hint[locale]]);
    } else if (name === 'Postal Code Format') {
      ws.addRows([['12345'], ['12345-6789'], ['12345-6789-01'], ['A1A 1A1']]);
    } else if (name === 'Date Format') {
      ws.addRow(['YYYY-MM-DD']);
    } else {
      ws.addRow(['id', 'name']);
      ws.addRows(lists[name] ?? []);
    }
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

/** Every problem as a CSV a customer can fix and send back: row, column, value, problem, suggested fix. */
export function exportErrorReport(doc: SheetDocument, locale: Locale, settings: FixSettings): Uint8Array {
  const columns = doc.columns.map((c) => c.field);
  const head =
    locale === 'nb'
      ? ['Rad', 'Kolonne', 'Verdi', 'Problem', 'Forslag']
      : ['Row', 'Column', 'Value', 'Problem', 'Suggested fix'];
  let text = `\ufeff${formatCsvRow(head)}`;
  const parts: Uint8Array[] = [];
  for (let i = 0; i < doc.order.length; i++) {
    const key = doc.order.get(i);
    if (!doc.hasProblems(key)) continue;
    const values = doc.rowValues(key);
    for (const problem of doc.problems(key)) {
      const issue = describeFinding(
        {
          rowId: key,
          col: problem.col,
          code: problem.code,
          severity: problem.severity,
          related: problem.related,
        },
        {
          locale,
          columns,
          rowNumber: (k) => k + 1,
          values,
          fixContext: {
            template: doc.template,
            lookups: doc.lookups,
            dateOrderByField: { ...settings.dateOrderByField, ...doc.dateOrderByField },
          },
        },
      );
      const column = doc.columns[problem.col];
      text += formatCsvRow([
        String(key + 1),
        column.header,
        issue.value,
        issue.message,
        issue.fix?.value ?? '',
      ]);
    }
    if (text.length > 1 << 20) {
      parts.push(encoder.encode(text));
      text = '';
    }
  }
  parts.push(encoder.encode(text));
  return concat(parts);
}
