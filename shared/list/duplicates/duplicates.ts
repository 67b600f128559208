import type { DeleteOp, Op } from '../edit/ops';
import type { SheetDocument } from '../sheet/sheet-document';
import { duplicateGroupOf } from '../../validate';

/**
 * A group of rows that look like the same contact: the same email (an error: the CRM needs unique
 * emails) or two of name, phone and email alike (a warning a person may dismiss).
 */
export type DuplicateGroup = Readonly<{ kind: 'email' | 'likely'; keys: readonly number[] }>;

function unionFind(keys: Iterable<number>) {
  const parent = new Map<number, number>();
  for (const k of keys) parent.set(k, k);
  const find = (k: number): number => {
    let root = k;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(k, root);
    return root;
  };
  return {
    union: (a: number, b: number) => {
      if (!parent.has(a) || !parent.has(b)) return;
      parent.set(find(a), find(b));
    },
    groups: () => {
      const out = new Map<number, number[]>();
      for (const k of parent.keys()) {
        const root = find(k);
        const list = out.get(root);
        if (list) list.push(k);
        else out.set(root, [k]);
      }
      return [...out.values()].filter((g) => g.length > 1);
    },
  };
}

/**
 * Every duplicate group, in document order of their first row. Built from the validator's groups: each row
 * is visited once per group it is in (linear in the groups' sizes), never once per other member.
 */
export function listDuplicateGroups(doc: SheetDocument): DuplicateGroup[] {
  const emailRows = new Set<number>();
  const likelyRows = new Set<number>();
  const emailLinks: number[][] = [];
  const likelyLinks: number[][] = [];
  for (const group of doc.validator.duplicateGroups()) {
    const keys = doc.groupKeys(group.id);
    if (duplicateGroupOf(group.code) === 'value') {
      for (const key of keys) emailRows.add(key);
      emailLinks.push(keys);
      continue;
    }
    // A row whose warning is hidden (every row it resembles was called a different person) is in no group.
    const shown = keys.filter((key) => !doc.isLikelyHidden(key));
    for (const key of shown) likelyRows.add(key);
    likelyLinks.push(shown);
  }
  const position = new Map<number, number>();
  for (let i = 0; i < doc.order.length; i++) {
    const key = doc.order.get(i);
    if (emailRows.has(key) || likelyRows.has(key)) position.set(key, i);
  }
  const byPosition = (a: number, b: number) => (position.get(a) ?? 0) - (position.get(b) ?? 0);
  const groupsOf = (rows: Set<number>, links: number[][]) => {
    const uf = unionFind(rows);
    for (const keys of links) for (let k = 1; k < keys.length; k++) uf.union(keys[0], keys[k]);
    return uf.groups().map((g) => g.sort(byPosition));
  };
  const emailGroups = groupsOf(emailRows, emailLinks);
  const seen = new Set(emailGroups.map((g) => g.join(',')));
  const likelyGroups = groupsOf(likelyRows, likelyLinks).filter((g) => !seen.has(g.join(',')));
  return [
    ...emailGroups.map((keys) => ({ kind: 'email' as const, keys })),
    ...likelyGroups.map((keys) => ({ kind: 'likely' as const, keys })),
  ].sort((a, b) => byPosition(a.keys[0], b.keys[0]));
}

/** Deletes every row of a group but `keep` (keeping one row, or the second half of a merge). */
export function deleteOthers(
  doc: SheetDocument,
  keys: readonly number[],
  keep: number,
  label: 'keep' | 'merge',
): DeleteOp {
  const others = keys.filter((k) => k !== keep);
  const at = others.map((k) => doc.order.indexOf(k));
  const sorted = others.map((k, i) => ({ k, at: at[i] })).sort((a, b) => a.at - b.at);
  return { t: 'delete', label, keys: sorted.map((s) => s.k), at: sorted.map((s) => s.at) };
}

/** Keeps one row of a group and deletes the others. */
export function planKeep(doc: SheetDocument, keys: readonly number[], keep: number): Op {
  return deleteOthers(doc, keys, keep, 'keep');
}

/** Records that the rows of a likely-duplicate group are different people. */
export function planNotDuplicate(keys: readonly number[]): Op {
  const pairs: [number, number][] = [];
  for (let i = 0; i < keys.length; i++)
    for (let j = i + 1; j < keys.length; j++) pairs.push([keys[i], keys[j]]);
  return { t: 'dismiss', label: 'notDuplicate', pairs };
}
