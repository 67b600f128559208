import type { ImportRequestInput } from '../../shared/api';

export const contactHeaders = ['firstName', 'lastName', 'email', 'phone', 'tag'];

/** `count` valid contacts in the columns above, unique by email (and phone) within `prefix`. */
export function contactRows(count: number, { prefix = 'c', start = 0 } = {}): string[][] {
  const rows: string[][] = new Array(count);
  for (let i = 0; i < count; i++) {
    const n = start + i;
    rows[i] = [
      `First${n}`,
      `Last${n}`,
      `${prefix}${n}@example.com`,
      `${2 + (n % 8)}${String(n).padStart(9, '0')}`,
      '',
    ];
  }
  return rows;
}

/** An import request of JSON rows with the compliance box ticked (the rows have emails). */
export function rowsRequest(
  rows: string[][],
  options: ImportRequestInput['options'] = {},
  headers: string[] = contactHeaders,
): ImportRequestInput {
  return {
    source: { kind: 'rows', name: 'contacts.csv', headers, rows },
    options: { complianceConfirmed: true, ...options },
  };
}
