import { listDuplicateGroups } from './duplicates';
import type { DuplicateGroupInfo } from '../protocol';
import type { SheetDocument } from '../sheet/sheet-document';

/** The duplicates dialog's groups, each row with what tells people apart: name, email, phone, company. */
export function duplicateGroupsInfo(doc: SheetDocument): DuplicateGroupInfo[] {
  const colOf = (test: (c: SheetDocument['columns'][number]) => boolean) => doc.columns.findIndex(test);
  const first = colOf((c) => c.field?.role === 'firstName');
  const last = colOf((c) => c.field?.role === 'lastName');
  const email = colOf((c) => c.field?.role === 'email');
  const phone = colOf((c) => c.field?.role === 'phone');
  const company = colOf((c) => c.field?.header === 'compName');
  const cell = (key: number, col: number) => (col < 0 ? '' : doc.get(key, col));
  return listDuplicateGroups(doc).map((g) => ({
    kind: g.kind,
    rows: g.keys.map((key) => ({
      key,
      n: key + 1,
      name: `${cell(key, first)} ${cell(key, last)}`.trim(),
      email: cell(key, email),
      phone: cell(key, phone),
      company: cell(key, company),
    })),
  }));
}
