import { complianceOf, textConsentHeader } from '../../api/rules';
import { type PlannedColumn, wireMappingOf } from '../../mapping/column-plan';
import type { EncodedImportRequest } from '../../upload/api-client';
import { type UploadChoices, importOptionsOf } from '../../upload/choices';
import type { SheetFacts } from '../../upload/sheet';
import type { SheetDocument } from '../sheet/sheet-document';

/** The rows an upload sends, in the columns of a column plan: the list engine's document, or the CLI's file. */
export type UploadRows = Readonly<{
  columns: readonly Pick<PlannedColumn, 'kind' | 'header' | 'field' | 'custom'>[];
  count: number;
  /** Row i's key: what the server's row number i + 1 is mapped back to. */
  key: (i: number) => number;
  cell: (i: number, col: number) => string;
  row: (i: number) => readonly string[];
}>;

/** A document's live rows in document order (or only `keys`, in their order), keyed by their stable row keys. */
export function documentRows(doc: SheetDocument, keys?: Int32Array): UploadRows {
  if (keys)
    return {
      columns: doc.columns,
      count: keys.length,
      key: (i) => keys[i],
      cell: (i, col) => doc.get(keys[i], col),
      row: (i) => doc.rowValues(keys[i]),
    };
  return {
    columns: doc.columns,
    count: doc.order.length,
    key: (i) => doc.order.get(i),
    cell: (i, col) => doc.get(doc.order.get(i), col),
    row: (i) => doc.rowValues(doc.order.get(i)),
  };
}

/**
 * The list as an upload sends it, made once per version of the list: every column (template fields, custom
 * fields, `[import]` note columns) and every row, with the row keys so the server's answer ("row 12") goes
 * back on the right grid row whatever was sorted or edited since.
 */
export type UploadRequest = Readonly<{
  /** The list's version when it was taken: a later edit makes a dry run of it stale. */
  version: number;
  headers: readonly string[];
  /** Per column, as the import API takes it: a template header, `custom:<key>`, or null (note or dropped). */
  mapping: readonly (string | null)[];
  /** The row key of each row sent, in order: row n of the server's answer is keys[n - 1]. */
  keys: Int32Array;
  /** What the options screen says about the rows before the server is asked. */
  facts: SheetFacts;
  /** The request with these choices, JSON-encoded (the rows once, whatever the choices). */
  encode: (choices: UploadChoices, name: string) => EncodedImportRequest;
}>;

// Rows are encoded to bytes a block at a time: one JSON string of 200,000 rows would be a 60 MB string.
const rowsPerBlock = 2000;

/**
 * The list as the import server takes it, with the facts the options screen shows, for the list engine's
 * upload (the app's worker) and `listprep upload`: the one place that decides which column goes where and
 * counts consent and plans the way the server will.
 */
export function uploadRequestOf(rows: UploadRows, version: number): UploadRequest {
  const headers = rows.columns.map((c) => c.header);
  const mapping = wireMappingOf(rows.columns);
  const colOf = (test: (column: UploadRows['columns'][number]) => boolean) =>
    mapping.findIndex((m, i) => m !== null && test(rows.columns[i]));
  const textConsentCol = colOf((c) => c.header === textConsentHeader && c.kind === 'field');
  const emailCol = colOf((c) => c.field?.role === 'email');
  const planCol = colOf((c) => c.field?.lookup === 'actionPlans');
  const keys = Int32Array.from({ length: rows.count }, (_, i) => rows.key(i));
  // Only the columns the facts need are read here; the rows are encoded when the request is sent.
  const consent = complianceOf(
    Array.from(keys, (_, i) => [
      textConsentCol < 0 ? '' : rows.cell(i, textConsentCol),
      emailCol < 0 ? '' : rows.cell(i, emailCol),
    ]),
    textConsentCol < 0 ? -1 : 0,
    emailCol < 0 ? -1 : 1,
  );
  const rowsByPlan = new Map<string, number>();
  if (planCol >= 0) {
    for (let i = 0; i < rows.count; i++) {
      const plan = rows.cell(i, planCol).trim();
      if (plan) rowsByPlan.set(plan, (rowsByPlan.get(plan) ?? 0) + 1);
    }
  }
  const facts: SheetFacts = {
    rows: rows.count,
    textConsentRows: consent.textConsentRows,
    emailRows: consent.emailRows,
    rowsByPlan,
    unmappedColumns: headers.filter((_, i) => mapping[i] === null),
  };
  let encodedRows: { blocks: Uint8Array[]; bytes: number } | null = null;
  const encoder = new TextEncoder();
  return {
    version,
    headers,
    mapping,
    keys,
    facts,
    encode(choices, name) {
      encodedRows ??= encodeRows(rows);
      const head = encoder.encode(
        `{"source":{"kind":"rows","name":${JSON.stringify(name.slice(0, 255))},"headers":${JSON.stringify(headers)},"rows":[`,
      );
      const tail = encoder.encode(
        `]},"mapping":${JSON.stringify(mapping)},"options":${JSON.stringify(importOptionsOf(choices))}}`,
      );
      const encoded = new Uint8Array(head.length + encodedRows.bytes + tail.length);
      encoded.set(head, 0);
      let at = head.length;
      for (const block of encodedRows.blocks) {
        encoded.set(block, at);
        at += block.length;
      }
      encoded.set(tail, at);
      return { encoded, rows: rows.count };
    },
  };
}

/** The rows as the JSON array's items, UTF-8, in blocks (no one string of the whole list). */
function encodeRows(rows: UploadRows): { blocks: Uint8Array[]; bytes: number } {
  const encoder = new TextEncoder();
  const blocks: Uint8Array[] = [];
  let bytes = 0;
  for (let start = 0; start < rows.count; start += rowsPerBlock) {
    const end = Math.min(rows.count, start + rowsPerBlock);
    const block: string[] = [];
    for (let i = start; i < end; i++) block.push(JSON.stringify(rows.row(i)));
    const encoded = encoder.encode(`${start ? ',' : ''}${block.join(',')}`);
    blocks.push(encoded);
    bytes += encoded.length;
  }
  return { blocks, bytes };
}
