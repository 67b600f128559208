import type { IntList } from '../sheet/int-list';
import type { SheetDocument } from '../sheet/sheet-document';

export type SortSpec = Readonly<{ col: number; dir: 'asc' | 'desc' }>;
export type FilterType =
  | 'contains'
  | 'notContains'
  | 'equals'
  | 'notEqual'
  | 'startsWith'
  | 'endsWith'
  | 'blank'
  | 'notBlank';
export type FilterSpec = Readonly<{ col: number; type: FilterType; text: string }>;

/** What the grid shows: the document's rows, sorted, filtered, perhaps only those with problems. */
export type ViewSpec = Readonly<{
  sort: readonly SortSpec[];
  filters: readonly FilterSpec[];
  problemsOnly: boolean;
}>;

export const plainView: ViewSpec = { sort: [], filters: [], problemsOnly: false };

/** Rows in view order. For the plain view this is the document order itself, with no copy. */
export type RowView = Readonly<{
  length: number;
  keyAt(index: number): number;
  indexOfKey(key: number): number;
}>;

function orderView(order: IntList): RowView {
  return {
    get length() {
      return order.length;
    },
    keyAt: (index) => order.get(index),
    indexOfKey: (key) => order.indexOf(key),
  };
}

function arrayView(keys: Int32Array): RowView {
  let positions: Map<number, number> | null = null;
  return {
    length: keys.length,
    keyAt: (index) => keys[index],
    indexOfKey: (key) => {
      positions ??= new Map(Array.from(keys, (k, i) => [k, i]));
      return positions.get(key) ?? -1;
    },
  };
}

function matcher(filter: FilterSpec): (value: string) => boolean {
  const text = filter.text.toLowerCase();
  switch (filter.type) {
    case 'contains':
      return (v) => v.toLowerCase().includes(text);
    case 'notContains':
      return (v) => !v.toLowerCase().includes(text);
    case 'equals':
      return (v) => v.toLowerCase() === text;
    case 'notEqual':
      return (v) => v.toLowerCase() !== text;
    case 'startsWith':
      return (v) => v.toLowerCase().startsWith(text);
    case 'endsWith':
      return (v) => v.toLowerCase().endsWith(text);
    case 'blank':
      return (v) => v.trim() === '';
    case 'notBlank':
      return (v) => v.trim() !== '';
  }
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Which rows have a problem, for "problems only": the document's own, or with the server's (ListProblems). */
export type RowProblems = Readonly<{ hasProblems(key: number): boolean }>;

/** Builds the rows of a view. Sorting is stable, so equal values keep the document order. */
export function buildView(doc: SheetDocument, spec: ViewSpec, problems: RowProblems = doc): RowView {
  if (!spec.problemsOnly && spec.filters.length === 0 && spec.sort.length === 0) return orderView(doc.order);
  const tests = spec.filters.map((f) => ({ col: f.col, test: matcher(f) }));
  const keys: number[] = [];
  for (let i = 0; i < doc.order.length; i++) {
    const key = doc.order.get(i);
    if (spec.problemsOnly && !problems.hasProblems(key)) continue;
    if (tests.every(({ col, test }) => test(doc.get(key, col)))) keys.push(key);
  }
  if (spec.sort.length) {
    // Sort keys are read once per row, not once per comparison.
    const columns = spec.sort.map((s) => keys.map((key) => doc.get(key, s.col)));
    const index = keys.map((_, i) => i);
    index.sort((a, b) => {
      for (let s = 0; s < spec.sort.length; s++) {
        const av = columns[s][a];
        const bv = columns[s][b];
        // Empty cells go last whichever way the column is sorted, as spreadsheets do.
        if (av === '' || bv === '') {
          if (av !== bv) return av === '' ? 1 : -1;
          continue;
        }
        const c = collator.compare(av, bv);
        if (c !== 0) return spec.sort[s].dir === 'asc' ? c : -c;
      }
      return a - b;
    });
    return arrayView(Int32Array.from(index, (i) => keys[i]));
  }
  return arrayView(Int32Array.from(keys));
}

/**
 * The last view built, reused until the spec, its revision or the rows' structure changes. Cell edits do
 * not rebuild it: a row fixed under a "problems only" filter stays in place until the user asks again, so
 * rows never jump away while the grid has them on screen. The client bumps `revision` on every view action.
 */
export class ViewCache {
  private spec = '';
  private version = -1;
  private view: RowView | null = null;

  get(doc: SheetDocument, spec: ViewSpec, revision = 0, problems: RowProblems = doc): RowView {
    const id = `${revision}|${JSON.stringify(spec)}`;
    if (this.view && id === this.spec && this.version === doc.structureVersion) return this.view;
    this.view = buildView(doc, spec, problems);
    this.spec = id;
    this.version = doc.structureVersion;
    return this.view;
  }

  clear(): void {
    this.view = null;
  }
}
