import {
  concatChunks,
  csvFormatOf,
  type ImportChoices,
  type ImportSummary,
  ImportSummaryCounter,
  errorReportChunks,
  formatCsvRow,
  type ReportRow,
  reportRowNumbers,
  templateWorkbookChunks,
} from '../../export';
import { defaultNoteField } from '../../mapping';
import { countLikelyDuplicates, type Locale } from '../../validate';
import { describeFinding } from '../../problems';
import type { FixSettings } from '../edit/fixes';
import type { ExportKind, ExportResult } from '../protocol';
import { findingOf, type SheetDocument } from '../sheet/sheet-document';

// What leaves the app. The files are written by shared/export (the same writers as the CLI); the shape of
// the exported rows (template columns, custom fields after them, notes folded into the whiteboard as
// `[import]` lines) is decided here.

/** The exported sheet: every template header in template order, then custom fields. */
export type ExportSheet = Readonly<{ headers: readonly string[]; rows: () => Iterable<string[]> }>;

/**
 * The file of a kind, or why not: the template workbook and the CSV are refused while `errors` remain (the
 * count the user sees); the error report never is, it is how a customer fixes them.
 */
export function exportList(
  doc: SheetDocument,
  kind: ExportKind,
  locale: Locale,
  settings: FixSettings,
  errors: number,
  /** Only these rows, in this order (a split's clean rows, or its rows with errors); all rows when absent. */
  keys?: Int32Array,
  /** The CSV delimiter chosen among those the target's CRM takes (the first when absent). */
  delimiter?: string,
): ExportResult {
  if (kind !== 'report' && errors > 0) return { ok: false, reason: 'errors', errors };
  const bytes =
    kind === 'csv'
      ? exportCsv(doc, keys, delimiter)
      : kind === 'workbook'
        ? exportWorkbook(doc, locale, keys)
        : exportErrorReport(doc, locale, settings, keys);
  return { ok: true, bytes };
}

/** The list's rows in document order, as keys. */
function allKeys(doc: SheetDocument): Int32Array {
  return doc.order.toInt32Array();
}

export function exportSheet(doc: SheetDocument, keys: Int32Array = allKeys(doc)): ExportSheet {
  const fieldCol = new Map<string, number>();
  for (const c of doc.columns) if (c.kind === 'field') fieldCol.set(c.header, c.index);
  const customs = doc.columns.filter((c) => c.kind === 'custom');
  const notes = doc.columns.filter((c) => c.kind === 'note');
  const templateHeaders = doc.template.fields.map((f) => f.header);
  const headers = [...templateHeaders, ...customs.map((c) => c.header)];
  // The template's notes field (ClientTether's whiteboard, the dealer CRM's Notes), if it has one.
  const notesHeader = defaultNoteField(doc.template);
  const notesAt = notesHeader === null ? -1 : templateHeaders.indexOf(notesHeader);
  function* rows(): Iterable<string[]> {
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
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

/**
 * UTF-8 CSV, CRLF, RFC 4180 quoting, with the delimiter and byte order mark the target's CRM takes. Built in
 * pieces so a million rows never make one giant string.
 */
export function exportCsv(doc: SheetDocument, keys?: Int32Array, delimiter?: string): Uint8Array {
  const sheet = exportSheet(doc, keys);
  const format = csvFormatOf(doc.template, delimiter);
  const parts: Uint8Array[] = [
    encoder.encode((format.bom ? '\ufeff' : '') + formatCsvRow(sheet.headers, format)),
  ];
  let text = '';
  for (const row of sheet.rows()) {
    text += formatCsvRow(row, format);
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

/** The CRM's template workbook (shared/export): data sheet with hints and dropdowns, then the lists. */
export function exportWorkbook(doc: SheetDocument, locale: Locale, keys?: Int32Array): Uint8Array {
  const sheet = exportSheet(doc, keys);
  const customs = doc.columns.filter((c) => c.kind === 'custom');
  return concatChunks(
    templateWorkbookChunks(
      {
        template: doc.template,
        lookups: doc.lookups,
        locale,
        extraColumns: customs.map((c) => ({ header: c.header })),
      },
      sheet.rows(),
    ),
  );
}

/**
 * The error report (shared/export): the rows with problems under the template's headers, each problem cell
 * painted with its message, a Problems column, and a summary. Messages that name other rows use the rows'
 * numbers in the report, so they match what Excel shows.
 */
export function exportErrorReport(
  doc: SheetDocument,
  locale: Locale,
  settings: FixSettings,
  keys: Int32Array = allKeys(doc),
): Uint8Array {
  const sheet = exportSheet(doc, keys);
  const customs = doc.columns.filter((c) => c.kind === 'custom');
  const columns = doc.columns.map((c) => c.field);
  const numbers = reportRowNumbers(keys.length, (i) => doc.hasProblems(keys[i]), false);
  const numberOfKey = new Map<number, number>();
  keys.forEach((key, i) => {
    if (numbers[i]) numberOfKey.set(key, numbers[i]);
  });
  const fixContext = {
    template: doc.template,
    lookups: doc.lookups,
    dateOrderByField: { ...settings.dateOrderByField, ...doc.dateOrderByField },
  };
  function* rows(): Iterable<ReportRow> {
    const exported = sheet.rows()[Symbol.iterator]();
    for (let i = 0; i < keys.length; i++) {
      const values = exported.next().value as string[];
      const key = keys[i];
      if (!numbers[i]) continue;
      const rowValues = doc.rowValues(key);
      const problems = doc.problems(key).map((problem) => {
        const issue = describeFinding(findingOf(problem), {
          locale,
          columns,
          rowNumber: (k) => numberOfKey.get(k) ?? k + 1,
          values: rowValues,
          fixContext,
        });
        return {
          field: doc.columns[problem.col].field?.header ?? doc.columns[problem.col].header,
          code: problem.code,
          severity: problem.severity,
          message: issue.message,
          ...(issue.fix ? { fix: { value: issue.fix.value } } : {}),
        };
      });
      yield { values, problems };
    }
  }
  return concatChunks(
    errorReportChunks(
      {
        template: doc.template,
        lookups: doc.lookups,
        locale,
        sourceRows: keys.length,
        extraColumns: customs.map((c) => ({ header: c.header, field: c.field?.header })),
      },
      rows(),
    ),
  );
}

/**
 * What the export tells about the CRM's import (shared/export/import-summary.ts), counted on the rows as they
 * are exported: the same summary the CLI prints after `listprep export`.
 */
export function importSummaryOf(doc: SheetDocument, choices: ImportChoices, locale: Locale): ImportSummary {
  const sheet = exportSheet(doc);
  const counter = new ImportSummaryCounter(doc.template, sheet.headers, choices);
  for (const row of sheet.rows()) counter.add(row);
  const likely = doc.template.summary.some((p) => p.kind === 'twoOfNamePhoneEmail')
    ? countLikelyDuplicates(doc.validator, doc.validatorIds())
    : undefined;
  return counter.result(locale, likely);
}
