import type { SheetValidator } from './sheet-validator';

/** How many rows agree with another on two of name, phone and email, and in how many groups. */
export type LikelyDuplicates = Readonly<{ rows: number; groups: number }>;

/**
 * The rows that look like the same contact (two of name, phone and email alike: what the dealer CRM's Merge
 * merges), counted as the CRM sees them: every such row, whatever a person dismissed in the app, and the
 * groups they form (rows linked through a shared pair, so a row in two of the validator's groups joins them).
 * `rowIds` are the validator's live rows. Linear: each row and each of its groups is visited once.
 */
export function countLikelyDuplicates(validator: SheetValidator, rowIds: Iterable<number>): LikelyDuplicates {
  // Rows are their ids; the validator's groups are -(id + 1), so both live in one union-find.
  const parent = new Map<number, number>();
  const find = (node: number): number => {
    let root = node;
    for (let up = parent.get(root); up !== undefined && up !== root; up = parent.get(root)) root = up;
    // Path compression: every node on the way points at the root.
    for (let at = node, up = parent.get(at); up !== undefined && up !== root; up = parent.get(at)) {
      parent.set(at, root);
      at = up;
    }
    return root;
  };
  let rows = 0;
  for (const rowId of rowIds) {
    if (!validator.hasFindings(rowId)) continue;
    const finding = validator.findings(rowId).find((f) => f.code === 'contact.likelyDuplicate');
    if (!finding?.groups?.length) continue;
    rows++;
    parent.set(rowId, rowId);
    for (const group of finding.groups) {
      const node = -(group.id + 1);
      if (!parent.has(node)) parent.set(node, node);
      const a = find(rowId);
      const b = find(node);
      if (a !== b) parent.set(a, b);
    }
  }
  let groups = 0;
  for (const node of parent.keys()) if (node < 0 && find(node) === node) groups++;
  return { rows, groups };
}
