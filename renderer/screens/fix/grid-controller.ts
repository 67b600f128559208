import type { GridApi, IDatasource, IGetRowsParams, SortModelItem } from 'ag-grid-community';
import type { AppController } from '../../app/app-controller';
import type {
  CellPosition,
  Change,
  FilterSpec,
  FilterType,
  RowData,
  SortSpec,
  ViewRef,
  ViewSpec,
} from '../../../shared/list';
import { colId, colIndex } from './grid-columns';

type TextFilterModel = {
  filterType?: string;
  type?: string;
  filter?: string;
  conditions?: TextFilterModel[];
};

const filterTypes = new Set<FilterType>([
  'contains',
  'notContains',
  'equals',
  'notEqual',
  'startsWith',
  'endsWith',
  'blank',
  'notBlank',
]);

function toSort(model: readonly SortModelItem[]): SortSpec[] {
  return model.flatMap((item) => {
    const col = colIndex(item.colId);
    return col >= 0 && item.sort ? [{ col, dir: item.sort }] : [];
  });
}

function toFilters(model: Record<string, TextFilterModel> | null | undefined): FilterSpec[] {
  return Object.entries(model ?? {}).flatMap(([id, filter]) => {
    const col = colIndex(id);
    const simple = filter.conditions?.[0] ?? filter;
    const type = simple.type as FilterType | undefined;
    return col >= 0 && type && filterTypes.has(type) ? [{ col, type, text: simple.filter ?? '' }] : [];
  });
}

/**
 * Connects AG Grid's infinite row model to the worker: the grid asks for blocks of rows in view order, the
 * worker sorts and filters. Only the rows on screen (and a few blocks around them) live on this thread, so a
 * million-row list costs the UI what a hundred-row list does. Edits update the row in place; the worker's
 * answer repaints the rows whose problems changed.
 */
export class GridController {
  api: GridApi<RowData> | null = null;
  // The rows as the file has them: no sort, no filter. (Written here: the UI thread runs no worker code.)
  private spec: ViewSpec = { sort: [], filters: [], problemsOnly: false };
  private revision = 0;
  private problemsOnly = false;
  /** Edits sent and not yet answered, for tests and the bench (edit-to-highlight timing). */
  private inFlight = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly app: AppController) {}

  /** Starts repainting on every change to the list; returns the function that stops it. */
  connect(): () => void {
    return this.app.onChange((change) => this.apply(change));
  }

  readonly datasource: IDatasource = {
    getRows: (params) => this.getRows(params),
  };

  get view(): ViewRef {
    return { spec: this.spec, revision: this.revision };
  }

  private getRows(params: IGetRowsParams): void {
    const spec: ViewSpec = {
      sort: toSort(params.sortModel),
      filters: toFilters(params.filterModel as Record<string, TextFilterModel>),
      problemsOnly: this.problemsOnly,
    };
    if (JSON.stringify(spec) !== JSON.stringify(this.spec)) {
      this.spec = spec;
      this.revision++;
    }
    const locale = this.app.getState().locale;
    this.app.worker
      .call('rows', { start: params.startRow, end: params.endRow, view: this.view, locale })
      .then(
        (result) => {
          params.successCallback(result.rows, result.total);
          // The bench's "validated grid on screen" is the frame after the first rows arrive.
          requestAnimationFrame(() => performance.mark('listprep:rows-painted'));
        },
        () => params.failCallback(),
      );
  }

  /** Repaints what a change touched: rows in place, or everything on screen after rows came or went. */
  apply(change: Change): void {
    const api = this.api;
    if (!api) return;
    if (change.rows === null || change.structural) {
      api.refreshInfiniteCache();
      return;
    }
    for (const row of change.rows) {
      const node = api.getRowNode(String(row.key));
      if (node?.data) node.setData(row);
    }
  }

  /** Reloads rows from the worker (a new language for the messages, new lookups). */
  reload(): void {
    this.api?.refreshInfiniteCache();
  }

  setProblemsOnly(on: boolean): void {
    this.problemsOnly = on;
    this.revision++;
    this.api?.purgeInfiniteCache();
  }

  async edit(key: number, col: number, value: string): Promise<void> {
    this.inFlight++;
    try {
      await this.app.change('edit', { key, col, value, locale: this.app.getState().locale });
    } finally {
      this.inFlight--;
      if (this.inFlight === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  }

  /** Resolves when no edit is waiting for the worker. */
  settled(): Promise<void> {
    return this.inFlight === 0 ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** The focused cell as a view position (row index in view order, document column). */
  focused(): CellPosition | null {
    const cell = this.api?.getFocusedCell();
    if (!cell) return null;
    const col = colIndex(cell.column.getColId());
    return col < 0 ? { index: cell.rowIndex, col: 0 } : { index: cell.rowIndex, col };
  }

  rowAt(index: number): RowData | undefined {
    return this.api?.getDisplayedRowAtIndex(index)?.data;
  }

  focusedRow(): RowData | undefined {
    const at = this.focused();
    return at ? this.rowAt(at.index) : undefined;
  }

  /**
   * Scrolls to a cell and focuses it, once its block of rows has arrived (the worker may still be busy: a
   * restore's first rows wait behind its replay, so this waits up to 10 s before focusing anyway).
   */
  async goTo(at: CellPosition): Promise<void> {
    const api = this.api;
    if (!api) return;
    api.ensureIndexVisible(at.index, 'middle');
    api.ensureColumnVisible(colId(at.col), 'auto');
    const until = performance.now() + 10_000;
    while (!api.isDestroyed() && !api.getDisplayedRowAtIndex(at.index)?.data && performance.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    if (!api.isDestroyed()) api.setFocusedCell(at.index, colId(at.col));
  }

  async goToKey(key: number, col: number): Promise<boolean> {
    const index = await this.app.ask('locate', { key, view: this.view });
    if (index === null || index < 0) return false;
    await this.goTo({ index, col });
    return true;
  }
}
