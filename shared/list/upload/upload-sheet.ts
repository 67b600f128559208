import type { SheetDocument } from '../sheet/sheet-document';

/**
 * The list as the worker hands it over for an upload: every column of the document (template fields,
 * custom fields, `[import]` note columns) and every live row in document order, with the row keys so the
 * server's answer ("row 12") can be put back on the right grid row whatever was sorted or edited since.
 */
export type UploadSheet = Readonly<{
  headers: string[];
  kinds: ('field' | 'custom' | 'note')[];
  rows: string[][];
  keys: number[];
  /** The document's version when the rows were taken: a later edit makes a dry run of them stale. */
  version: number;
}>;

export function uploadSheetOf(doc: SheetDocument, version: number): UploadSheet {
  const keys: number[] = new Array(doc.order.length);
  const rows: string[][] = new Array(doc.order.length);
  for (let i = 0; i < doc.order.length; i++) {
    const key = doc.order.get(i);
    keys[i] = key;
    rows[i] = doc.rowValues(key);
  }
  return {
    headers: doc.columns.map((c) => c.header),
    kinds: doc.columns.map((c) => c.kind),
    rows,
    keys,
    version,
  };
}
