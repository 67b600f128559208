import type { ImportRequestInput } from '../api';
import { type UploadChoices, importOptionsOf } from './choices';

/**
 * The list as it is sent: headers and rows of cell text, and per column the template header (or
 * `custom:<key>`) it holds, or null for a column kept only as an `[import]` note or dropped.
 */
export type SheetToSend = Readonly<{
  name: string;
  headers: readonly string[];
  mapping: readonly (string | null)[];
  rows: readonly (readonly string[])[];
}>;

export function importRequestOf(sheet: SheetToSend, choices: UploadChoices): ImportRequestInput {
  return {
    source: {
      kind: 'rows',
      name: sheet.name.slice(0, 255),
      headers: [...sheet.headers],
      rows: sheet.rows as string[][],
    },
    mapping: [...sheet.mapping],
    options: importOptionsOf(choices),
  };
}

/** What the options screen needs to know about the rows before the server is asked. */
export type SheetFacts = Readonly<{
  rows: number;
  /** Rows whose `smsok` is 1: permission to text. */
  textConsentRows: number;
  /** Rows with an email address (the server counts them as email consent: plans send email). */
  emailRows: number;
  /** Rows naming their own action plan, by plan id. */
  rowsByPlan: ReadonlyMap<string, number>;
  /** The headers of columns that are not mapped to a field. */
  unmappedColumns: readonly string[];
}>;
