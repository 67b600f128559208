import type {
  CellFocusedEvent,
  ColDef,
  GridOptions,
  IDatasource,
  ModelUpdatedEvent,
} from 'ag-grid-community';
import type { RowData } from '../../../shared/list';

/** What the grid calls back into the Fix screen for. */
export type ContactGridEvents = Readonly<{
  onCellFocused: (event: CellFocusedEvent<RowData>) => void;
  onCellEditingStopped: () => void;
  onFirstDataRendered: () => void;
  onModelUpdated: (event: ModelUpdatedEvent<RowData>) => void;
}>;

/** AG Grid's options for the contacts grid: an infinite row model fed by the worker, edited like a sheet. */
export function contactGridOptions(
  datasource: IDatasource | undefined,
  columnDefs: ColDef<RowData>[],
  events: ContactGridEvents,
): GridOptions<RowData> {
  return {
    rowModelType: 'infinite',
    datasource,
    // Small blocks: each answer from the worker is turned into row nodes in one task, so a block of 50
    // keeps that task short; 160 blocks keep 8,000 rows around the user cached.
    cacheBlockSize: 50,
    maxBlocksInCache: 160,
    maxConcurrentDatasourceRequests: 2,
    blockLoadDebounceMillis: 0,
    rowBuffer: 2,
    // Rows come and go as blocks arrive from the worker; animating them only costs frames.
    animateRows: false,
    // A scrollbar dragged across 100,000 rows renders where it stops, not every row it passes.
    debounceVerticalScrollbar: true,
    getRowId: (p) => String(p.data.key),
    columnDefs,
    defaultColDef: { resizable: true },
    tooltipShowDelay: 400,
    stopEditingWhenCellsLoseFocus: true,
    enterNavigatesVertically: true,
    enterNavigatesVerticallyAfterEdit: true,
    suppressColumnMoveAnimation: true,
    // The grid is one stop in the Tab order (arrow keys move inside it, as in a spreadsheet), so the
    // keyboard reaches the panels beside it instead of walking through every cell. While a cell is being
    // edited, Tab still commits and moves on to the next cell.
    tabToNextCell: (params) => (params.editing ? (params.nextCellPosition ?? true) : false),
    onCellFocused: events.onCellFocused,
    onCellEditingStopped: events.onCellEditingStopped,
    onFirstDataRendered: events.onFirstDataRendered,
    onModelUpdated: events.onModelUpdated,
  };
}
