import type { ColDef, ICellRendererParams, ValueSetterParams } from 'ag-grid-community';
import type { Lookups } from '../../../shared/template';
import type { Locale } from '../../../shared/validate';
import type { Words } from '../../i18n/words';
import type { ColumnInfo, RowData } from '../../../shared/list';
import { ColumnHeader, type ColumnHeaderParams } from './column-header';
import { type ProblemCellParams, ProblemCellRenderer } from './problem-cell-renderer';
import { type RangePaint, rangeClassRules, rowNumberClassRules } from './range/range-paint';
import { SelectCellEditor, type SelectOption } from './select-cell-editor';

export const rowNumberColId = 'n';

export function colId(col: number): string {
  return `c${col}`;
}

/** The document column of a grid column id, or -1 (the row number column). */
export function colIndex(id: string): number {
  return id.startsWith('c') ? Number(id.slice(1)) : -1;
}

const filterOptions = [
  'contains',
  'notContains',
  'equals',
  'notEqual',
  'startsWith',
  'endsWith',
  'blank',
  'notBlank',
];

function optionsFor(column: ColumnInfo, locale: Locale, lookups: Lookups | null): SelectOption[] | null {
  if (column.choices)
    return column.choices.map((c) => ({ value: c.value, label: `${c.value} – ${c.label[locale]}` }));
  const list = column.lookup ? lookups?.[column.lookup] : undefined;
  if (list) return list.map((item) => ({ value: item.id, label: `${item.name} (${item.id})` }));
  return null;
}

export type ColumnOptions = Readonly<{
  columns: readonly ColumnInfo[];
  locale: Locale;
  words: Words;
  lookups: Lookups | null;
  /** Called when the user commits a cell edit; the row's values are already updated in place. */
  onEdit: (key: number, col: number, value: string) => void;
  /** The selected range (range/range-controller.ts): how cells wear it, and a header click selecting a column. */
  range: Readonly<{
    paint: RangePaint;
    position: (colId: string) => number;
    selectColumn: (colId: string, extend: boolean) => void;
  }>;
}>;

/** Grid columns: the row number (pinned), then every document column with its rule-aware editor. */
export function buildColumnDefs(options: ColumnOptions): ColDef<RowData>[] {
  const { columns, locale, words, lookups, onEdit, range } = options;
  const headerParams: Pick<ColumnHeaderParams, 'onSelect' | 'labels'> = {
    onSelect: range.selectColumn,
    labels: { sort: words.sortBy, filter: words.filterBy },
  };
  const rowNumber: ColDef<RowData> = {
    colId: rowNumberColId,
    headerName: words.rowNumber,
    valueGetter: (p) => p.data?.n,
    pinned: 'left',
    width: 76,
    editable: false,
    sortable: false,
    filter: false,
    suppressMovable: true,
    cellClass: 'lp-rownum',
    cellClassRules: rowNumberClassRules(range.paint),
  };
  return [
    rowNumber,
    ...columns.map((column): ColDef<RowData> => {
      const col = column.index;
      const title =
        column.kind === 'note' ? `[import] ${column.header}` : (column.label?.[locale] ?? column.header);
      const hint = column.hint?.[locale];
      const options = optionsFor(column, locale, lookups);
      const names =
        column.lookup && lookups?.[column.lookup]
          ? new Map(lookups[column.lookup]!.map((i) => [i.id, i.name]))
          : null;
      const rendererParams: Omit<ProblemCellParams, keyof ICellRendererParams> = {
        col,
        labels: { error: words.errorLabel, warning: words.warningLabel },
      };
      const id = colId(col);
      return {
        colId: id,
        headerName: title,
        headerComponent: ColumnHeader,
        headerComponentParams: headerParams,
        headerTooltip: hint ? `${column.header}: ${hint}` : column.header,
        valueGetter: (p) => p.data?.v[col],
        valueSetter: (p: ValueSetterParams<RowData, string>) => {
          const value = p.newValue ?? '';
          if (!p.data || p.data.v[col] === value) return false;
          p.data.v[col] = value;
          onEdit(p.data.key, col, value);
          return true;
        },
        // ID columns show the name beside the ID once the account's lists are loaded.
        ...(names
          ? {
              valueFormatter: (p) =>
                p.value && names.has(p.value) ? `${p.value} · ${names.get(p.value)}` : (p.value ?? ''),
            }
          : {}),
        editable: true,
        sortable: true,
        filter: 'agTextColumnFilter',
        filterParams: { filterOptions, maxNumConditions: 1 },
        width: column.fieldKind === 'email' || column.kind === 'note' ? 220 : 150,
        cellClassRules: {
          'lp-cell-error': (p) => p.data?.p?.[col]?.severity === 'error',
          'lp-cell-warning': (p) => p.data?.p?.[col]?.severity === 'warning',
          ...rangeClassRules(range.paint, () => range.position(id)),
        },
        // The message on hover is the problem cell's own title (see ProblemCellRenderer): a grid tooltip
        // would put listeners on every cell, and cells without a problem have nothing to say.
        cellRendererSelector: (p) =>
          p.data?.p?.[col] ? { component: ProblemCellRenderer, params: rendererParams } : undefined,
        ...(options ? { cellEditor: SelectCellEditor, cellEditorParams: { options, emptyLabel: '—' } } : {}),
      };
    }),
  ];
}
