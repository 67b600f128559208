import type { CellFocusedEvent, GridApi } from 'ag-grid-community';
import type { CellBlock, PasteOutcome, RowData } from '../../../../shared/list';
import type { AppController } from '../../../app/app-controller';
import { colId, colIndex, rowNumberColId } from '../grid-columns';
import type { GridController } from '../grid-controller';
import {
  boundsOf,
  type CellRange,
  cellCount,
  clampRange,
  extendBy,
  extendTo,
  extendToEdge,
  fillTarget,
  type GridCell,
  type GridSize,
  isSingleCell,
  type RangeBounds,
  rangeAt,
  selectAll,
  wholeColumns,
  wholeRows,
} from './cell-range';
import { pastedText, writeClipboard } from './clipboard';
import { type RangePaint, repaintRange } from './range-paint';
import { type RangeCommand, rangeCommandOf } from './range-keys';

/** What the Fix screen gives the range: questions to the person and a line to tell them what happened. */
export type RangeHost = Readonly<{
  app: AppController;
  grid: GridController;
  /** Asks before a paste adds rows at the end of the list or leaves columns out. */
  confirmPaste: (outcome: PasteOutcome) => Promise<boolean>;
  /** What a command did ("Copied 12 cells"), for the grid's status line (spoken politely). */
  say: (what: RangeNews) => void;
}>;

export type RangeNews =
  | Readonly<{ kind: 'copied' | 'cut' | 'cleared' | 'pasted' | 'filled'; cells: number }>
  | Readonly<{ kind: 'pastedClipped'; cells: number; clipped: number }>
  | Readonly<{ kind: 'copyFailed' | 'nothingAbove' }>;

/** The selection in words for the status line: which rows and columns, how many cells. */
export type RangeSummary = Readonly<{
  top: number;
  bottom: number;
  /** Document columns of the first and last selected column. */
  firstCol: number;
  lastCol: number;
  rows: number;
  cols: number;
  cells: number;
}>;

type Drag = { kind: 'cells' | 'rows' | 'fill'; scroll: number | null; rowStep: number; colStep: number };

const handleSize = 8;

function isEditor(target: EventTarget | null): boolean {
  return (
    target instanceof Element &&
    (target.closest('.ag-cell-inline-editing, .ag-popup-editor, .ag-filter, .ag-menu') !== null ||
      target instanceof HTMLInputElement ||
      target instanceof HTMLTextAreaElement ||
      target instanceof HTMLSelectElement)
  );
}

/**
 * Range selection, the clipboard and the fill handle on AG Grid Community (which has none of them): the range
 * lives here, AG Grid draws it through class rules (range-paint.ts), and every command on it is one request
 * to the worker, one op in the list's history (one undo step) validated as it lands.
 *
 * The active cell (the grid's focus, where typing goes) follows the keyboard: Shift+arrows move it with the
 * range's far corner, as LibreOffice does, so it stays on screen; the mouse leaves it where the drag began.
 */
export class RangeController {
  readonly paint: RangePaint = { bounds: null, single: true, fill: null };
  private range: CellRange | null = null;
  private api: GridApi<RowData> | null = null;
  private element: HTMLElement | null = null;
  private colIds: string[] = [];
  private readonly positions = new Map<string, number>();
  /** A focus change this controller made, which must not collapse the range. */
  private ownFocus: GridCell | null = null;
  private drag: Drag | null = null;
  private readonly listeners = new Set<() => void>();
  private summary: RangeSummary | null = null;
  private repaintQueued = false;

  constructor(private readonly host: RangeHost) {}

  // --- state for React ----------------------------------------------------------------------------------

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSummary = (): RangeSummary | null => this.summary;

  /** The place of a grid column among the data columns in display order; -1 for the row numbers. */
  readonly position = (id: string): number => this.positions.get(id) ?? -1;

  // --- wiring ---------------------------------------------------------------------------------------------

  /** Starts listening to the grid and its element; returns the function that stops it. */
  attach(api: GridApi<RowData>, element: HTMLElement): () => void {
    this.api = api;
    this.element = element;
    this.refreshColumns();
    const onFocused = (event: CellFocusedEvent<RowData>) => this.onCellFocused(event);
    const onColumns = () => {
      this.refreshColumns();
      this.queueRepaint();
    };
    const onDrawn = () => this.queueRepaint();
    const onViewChanged = () => this.collapseToFocus();
    api.addEventListener('cellFocused', onFocused);
    api.addEventListener('displayedColumnsChanged', onColumns);
    api.addEventListener('virtualColumnsChanged', onDrawn);
    api.addEventListener('viewportChanged', onDrawn);
    api.addEventListener('sortChanged', onViewChanged);
    api.addEventListener('filterChanged', onViewChanged);
    // AG Grid acts on pointerdown (and on mousedown): a press the range takes is kept from it at both.
    const down = (e: MouseEvent) => this.onPress(e);
    const move = (e: MouseEvent) => this.onMouseMove(e);
    const up = () => void this.onMouseUp();
    const dbl = (e: MouseEvent) => this.onDoubleClick(e);
    const key = (e: KeyboardEvent) => this.onKeyDown(e);
    const paste = (e: ClipboardEvent) => this.onPaste(e);
    element.addEventListener('pointerdown', down, true);
    element.addEventListener('mousedown', down, true);
    element.addEventListener('dblclick', dbl, true);
    element.addEventListener('keydown', key, true);
    element.addEventListener('paste', paste);
    document.addEventListener('mousemove', move);
    document.addEventListener('mouseup', up);
    return () => {
      this.stopScrolling();
      if (!api.isDestroyed()) {
        api.removeEventListener('cellFocused', onFocused);
        api.removeEventListener('displayedColumnsChanged', onColumns);
        api.removeEventListener('virtualColumnsChanged', onDrawn);
        api.removeEventListener('viewportChanged', onDrawn);
        api.removeEventListener('sortChanged', onViewChanged);
        api.removeEventListener('filterChanged', onViewChanged);
      }
      element.removeEventListener('pointerdown', down, true);
      element.removeEventListener('mousedown', down, true);
      element.removeEventListener('dblclick', dbl, true);
      element.removeEventListener('keydown', key, true);
      element.removeEventListener('paste', paste);
      document.removeEventListener('mousemove', move);
      document.removeEventListener('mouseup', up);
      this.api = null;
      this.element = null;
    };
  }

  private refreshColumns(): void {
    const api = this.api;
    if (!api || api.isDestroyed()) return;
    this.colIds = api
      .getAllDisplayedColumns()
      .map((c) => c.getColId())
      .filter((id) => colIndex(id) >= 0);
    this.positions.clear();
    this.colIds.forEach((id, i) => {
      this.positions.set(id, i);
    });
  }

  private size(): GridSize {
    return { rows: this.api?.getDisplayedRowCount() ?? 0, cols: this.colIds.length };
  }

  // --- the range --------------------------------------------------------------------------------------

  /** The selection as the worker takes it (view rows, document columns in the grid's order). */
  block(): CellBlock | null {
    const range = this.range ?? this.focusedRange();
    if (!range) return null;
    const b = boundsOf(range);
    return { top: b.top, bottom: b.bottom, cols: this.colIds.slice(b.left, b.right + 1).map(colIndex) };
  }

  /** Every data column in the grid's order, as document columns. */
  private allColumns(): number[] {
    return this.colIds.map(colIndex);
  }

  private focusedRange(): CellRange | null {
    const cell = this.api?.getFocusedCell();
    if (!cell) return null;
    const col = this.position(cell.column.getColId());
    return rangeAt({ row: cell.rowIndex, col: Math.max(0, col) });
  }

  /** Sets the range; `focus` moves the grid's focus (the active cell) there, scrolled into view. */
  private set(range: CellRange | null, focus: GridCell | null = null): void {
    // Columns are clamped; rows are not: after a paste that added rows the grid learns its new length later.
    const cols = this.colIds.length;
    const clampCol = (cell: GridCell) => ({
      row: Math.max(0, cell.row),
      col: Math.max(0, Math.min(cols - 1, cell.col)),
    });
    this.range = range && cols > 0 ? { anchor: clampCol(range.anchor), end: clampCol(range.end) } : null;
    this.paint.bounds = this.range ? boundsOf(this.range) : null;
    this.paint.single = this.range ? isSingleCell(this.range) : true;
    if (focus) this.focus(focus);
    this.repaint();
    this.summarise();
  }

  private focus(cell: GridCell): void {
    const api = this.api;
    const id = this.colIds[cell.col];
    if (!api || !id) return;
    api.ensureIndexVisible(cell.row);
    api.ensureColumnVisible(id);
    // Kept until another cell is focused: AG Grid may report this focus more than once (the DOM focus follows).
    this.ownFocus = cell;
    api.setFocusedCell(cell.row, id);
  }

  private onCellFocused(event: CellFocusedEvent<RowData>): void {
    if (event.rowIndex === null || event.rowPinned) return;
    const column = event.column;
    const id = typeof column === 'string' ? column : column?.getColId();
    if (!id) return;
    const col = this.position(id);
    if (col < 0) return;
    // An event for a cell the focus has already left (a click's, arriving after the Shift+arrow that
    // followed it moved the focus on) would reset the range the keys just made.
    const current = this.api?.getFocusedCell();
    if (current && (current.rowIndex !== event.rowIndex || current.column.getColId() !== id)) return;
    const own = this.ownFocus;
    if (own && own.row === event.rowIndex && own.col === col) return;
    this.ownFocus = null;
    // A drag keeps the range it is making; anything else (a click, arrows, Enter, F8) starts a new one.
    if (this.drag) return;
    this.set(rangeAt({ row: event.rowIndex, col }));
  }

  /** The view changed (sort, filter, only rows with problems): the range's rows are other rows now. */
  collapseToFocus(): void {
    const focused = this.focusedRange();
    this.set(focused && clampRange(focused, this.size()));
  }

  private repaint(): void {
    if (this.element) repaintRange(this.element, this.paint, this.position);
  }

  /** After AG Grid drew rows or columns: aria-selected and the headers (the cells' classes came with them). */
  private queueRepaint(): void {
    if (this.repaintQueued) return;
    this.repaintQueued = true;
    requestAnimationFrame(() => {
      this.repaintQueued = false;
      this.repaint();
    });
  }

  private summarise(): void {
    const b = this.paint.bounds;
    const next =
      b && !this.paint.single
        ? {
            top: b.top,
            bottom: b.bottom,
            firstCol: colIndex(this.colIds[b.left]),
            lastCol: colIndex(this.colIds[b.right]),
            rows: b.bottom - b.top + 1,
            cols: b.right - b.left + 1,
            cells: cellCount(b),
          }
        : null;
    if (JSON.stringify(next) === JSON.stringify(this.summary)) return;
    this.summary = next;
    for (const listener of this.listeners) listener();
  }

  // --- selecting from outside the cells (column headers) ----------------------------------------------------

  /** A click on a column's header: the whole column; with Shift, every column from the range's to it. */
  selectColumn(id: string, extend: boolean): void {
    const col = this.position(id);
    const size = this.size();
    if (col < 0 || size.rows === 0) return;
    const from = extend && this.range ? this.range.anchor.col : col;
    const range = wholeColumns({ anchor: { row: 0, col: from }, end: { row: 0, col } }, size);
    // The active cell goes to the column's top row in view, where typing would go.
    const focused = this.api?.getFocusedCell();
    const row = focused ? focused.rowIndex : 0;
    this.set(range, { row, col });
  }

  // --- mouse ------------------------------------------------------------------------------------------

  private cellAt(target: EventTarget | null): { cell: GridCell; element: HTMLElement; id: string } | null {
    if (!(target instanceof Element)) return null;
    const element = target.closest<HTMLElement>('.ag-cell[col-id]');
    const row = element?.closest('.ag-row[row-index]');
    if (!element || !row || !this.element?.contains(element)) return null;
    const id = element.getAttribute('col-id') ?? '';
    return { cell: { row: Number(row.getAttribute('row-index')), col: this.position(id) }, element, id };
  }

  private onHandle(element: HTMLElement, event: MouseEvent): boolean {
    if (!element.classList.contains('lp-sel-corner')) return false;
    const rect = element.getBoundingClientRect();
    return rect.right - event.clientX <= handleSize && rect.bottom - event.clientY <= handleSize;
  }

  /** The press being handled here (its pointerdown seen), which its mousedown must not reach AG Grid either. */
  private taken = false;

  private onPress(event: MouseEvent): void {
    if (event.type === 'mousedown') {
      if (!this.taken) return;
      this.taken = false;
      event.preventDefault();
      event.stopPropagation();
      return;
    }
    this.taken = false;
    if (this.takePress(event)) {
      this.taken = true;
      event.stopPropagation();
    }
  }

  /** Handles a press on the grid; true when AG Grid must not see it (its own press moves the focus). */
  private takePress(event: MouseEvent): boolean {
    if (event.button !== 0 || isEditor(event.target)) return false;
    const hit = this.cellAt(event.target);
    if (!hit) return false;
    const size = this.size();
    if (hit.id === rowNumberColId) {
      // A row number selects its row (Shift: every row from the range's); dragging over them selects more.
      const anchorRow = event.shiftKey && this.range ? this.range.anchor.row : hit.cell.row;
      const range = wholeRows(
        { anchor: { row: anchorRow, col: 0 }, end: { row: hit.cell.row, col: 0 } },
        size,
      );
      this.drag = { kind: 'rows', scroll: null, rowStep: 0, colStep: 0 };
      const focused = this.api?.getFocusedCell();
      const col = focused ? Math.max(0, this.position(focused.column.getColId())) : 0;
      this.set(range, { row: hit.cell.row, col });
      return true;
    }
    if (hit.cell.col < 0) return false;
    if (this.range && this.onHandle(hit.element, event)) {
      this.drag = { kind: 'fill', scroll: null, rowStep: 0, colStep: 0 };
      return true;
    }
    if (event.shiftKey && this.range) {
      // Shift+click: the range reaches the cell; the active cell stays where it was.
      this.set(extendTo(this.range, hit.cell, size));
      return true;
    }
    // A plain press: AG Grid focuses the cell; the range starts there and follows a drag.
    this.ownFocus = null;
    this.drag = { kind: 'cells', scroll: null, rowStep: 0, colStep: 0 };
    this.set(rangeAt(hit.cell));
    return false;
  }

  private onMouseMove(event: MouseEvent): void {
    const drag = this.drag;
    if (!drag || !this.range) return;
    if ((event.buttons & 1) === 0) {
      void this.onMouseUp();
      return;
    }
    this.autoScroll(event);
    const hit = this.cellAt(document.elementFromPoint(event.clientX, event.clientY));
    if (!hit) return;
    this.dragTo(hit.cell.col < 0 ? { row: hit.cell.row, col: this.range.end.col } : hit.cell);
  }

  private dragTo(cell: GridCell): void {
    const drag = this.drag;
    const range = this.range;
    if (!drag || !range) return;
    const size = this.size();
    if (drag.kind === 'fill') {
      const bounds = boundsOf(range);
      const clamped = clampRange(rangeAt(cell), size).anchor;
      this.paint.fill = fillTarget(bounds, clamped);
      this.repaint();
      return;
    }
    if (drag.kind === 'rows') {
      this.set(wholeRows({ anchor: range.anchor, end: { row: cell.row, col: 0 } }, size));
      return;
    }
    this.set(extendTo(range, cell, size));
  }

  /** Dragging past the grid's edge scrolls it, a row or a column at a time, as spreadsheets do. */
  private autoScroll(event: MouseEvent): void {
    const drag = this.drag;
    const body = this.element?.querySelector('.ag-body-viewport')?.getBoundingClientRect();
    if (!drag || !body) return;
    drag.rowStep = event.clientY > body.bottom ? 1 : event.clientY < body.top ? -1 : 0;
    drag.colStep = event.clientX > body.right ? 1 : event.clientX < body.left ? -1 : 0;
    if (drag.rowStep === 0 && drag.colStep === 0) {
      this.stopScrolling();
      return;
    }
    if (drag.scroll !== null) return;
    drag.scroll = window.setInterval(() => {
      const range = this.range;
      const d = this.drag;
      if (!range || !d) return this.stopScrolling();
      const from = d.kind === 'fill' ? (this.paint.fill ? cornerOf(this.paint.fill) : range.end) : range.end;
      const next = { row: from.row + d.rowStep, col: from.col + (d.kind === 'rows' ? 0 : d.colStep) };
      const size = this.size();
      const cell = clampRange(rangeAt(next), size).anchor;
      this.api?.ensureIndexVisible(cell.row);
      const id = this.colIds[cell.col];
      if (id) this.api?.ensureColumnVisible(id);
      this.dragTo(cell);
    }, 50);
  }

  private stopScrolling(): void {
    if (this.drag?.scroll != null) {
      clearInterval(this.drag.scroll);
      this.drag.scroll = null;
    }
  }

  private async onMouseUp(): Promise<void> {
    const drag = this.drag;
    if (!drag) return;
    this.stopScrolling();
    this.drag = null;
    if (drag.kind !== 'fill' || !this.range) return;
    const target = this.paint.fill;
    this.paint.fill = null;
    this.repaint();
    if (!target) return;
    await this.fill(boundsOf(this.range), target);
  }

  /** A double click on the fill handle fills down as far as the cells below are empty. */
  private onDoubleClick(event: MouseEvent): void {
    const hit = this.cellAt(event.target);
    if (!hit || !this.range || !this.onHandle(hit.element, event)) return;
    event.preventDefault();
    event.stopPropagation();
    void this.fillDownToData();
  }

  private async fillDownToData(): Promise<void> {
    const { app, grid } = this.host;
    const range = this.range;
    if (!range) return;
    const b = boundsOf(range);
    const count = await app.ask('emptyRunBelow', {
      view: grid.view,
      from: { index: b.bottom, col: colIndex(this.colIds[b.left]) },
    });
    if (count) await this.fill(b, { ...b, bottom: b.bottom + count });
  }

  private async fill(from: RangeBounds, to: RangeBounds): Promise<void> {
    const { app, grid } = this.host;
    const blockOf = (b: RangeBounds): CellBlock => ({
      top: b.top,
      bottom: b.bottom,
      cols: this.colIds.slice(b.left, b.right + 1).map(colIndex),
    });
    const change = await app.change('fillCells', {
      view: grid.view,
      from: blockOf(from),
      to: blockOf(to),
      locale: app.getState().locale,
    });
    if (!change) return;
    this.set({ anchor: { row: to.top, col: to.left }, end: { row: to.bottom, col: to.right } });
    this.host.say({ kind: 'filled', cells: cellCount(to) - cellCount(from) });
  }

  // --- keyboard ---------------------------------------------------------------------------------------

  private onKeyDown(event: KeyboardEvent): void {
    if (isEditor(event.target) || !(event.target instanceof Element)) return;
    // Keys on a column header stay the header's (Enter sorts it).
    if (!event.target.closest('.ag-cell')) return;
    const command = rangeCommandOf(event);
    if (!command) return;
    event.preventDefault();
    event.stopPropagation();
    void this.run(command);
  }

  /** Runs a command on the range (the keyboard's, or the toolbar's Fill down). */
  async run(command: RangeCommand): Promise<void> {
    const size = this.size();
    if (size.rows === 0 || size.cols === 0) return;
    const range = this.range ?? this.focusedRange();
    if (!range) return;
    switch (command.kind) {
      case 'extend': {
        const next = command.toEdge
          ? extendToEdge(range, command.rows, command.cols, size)
          : extendBy(range, command.rows, command.cols, size);
        this.set(next, next.end);
        return;
      }
      case 'selectAll':
        this.set(selectAll(size));
        return;
      case 'wholeRows':
        this.set(wholeRows(range, size));
        return;
      case 'wholeColumns':
        this.set(wholeColumns(range, size));
        return;
      case 'collapse':
        this.collapseToFocus();
        return;
      case 'copy':
        await this.copy(false);
        return;
      case 'cut':
        await this.copy(true);
        return;
      case 'clear':
        await this.clear(false);
        return;
      case 'fillDown':
        await this.fillDown();
        return;
    }
  }

  private async copy(cut: boolean): Promise<void> {
    const { app, grid } = this.host;
    const block = this.block();
    if (!block) return;
    const copied = await app.ask('copyCells', { view: grid.view, block });
    if (!copied) return;
    if (!writeClipboard(copied.text)) {
      this.host.say({ kind: 'copyFailed' });
      return;
    }
    if (cut) await this.clear(true, copied.cells);
    else this.host.say({ kind: 'copied', cells: copied.cells });
  }

  private async clear(cut: boolean, cells?: number): Promise<void> {
    const { app, grid } = this.host;
    const block = this.block();
    if (!block) return;
    const change = await app.change('clearCells', {
      view: grid.view,
      block,
      cut,
      locale: app.getState().locale,
    });
    if (!change) return;
    const count = cells ?? (block.bottom - block.top + 1) * block.cols.length;
    this.host.say({ kind: cut ? 'cut' : 'cleared', cells: count });
  }

  /** Ctrl+D and the toolbar's Fill down: the range's top row into the rows below (one row: from above). */
  async fillDown(): Promise<void> {
    const { app, grid } = this.host;
    const block = this.block();
    if (!block) return;
    if (block.top === block.bottom && block.top === 0) {
      this.host.say({ kind: 'nothingAbove' });
      return;
    }
    const change = await app.change('fillDown', { view: grid.view, block, locale: app.getState().locale });
    if (!change) return;
    const rows = block.bottom - block.top;
    this.host.say({ kind: 'filled', cells: Math.max(1, rows) * block.cols.length });
  }

  // --- paste ------------------------------------------------------------------------------------------

  private onPaste(event: ClipboardEvent): void {
    if (isEditor(event.target)) return;
    if (!(event.target instanceof Element) || !event.target.closest('.ag-cell, .ag-body')) return;
    const text = pastedText(event);
    if (text === null) return;
    event.preventDefault();
    void this.paste(text);
  }

  /** Pastes clipboard text at the range, asking first when it would add rows or leave columns out. */
  async paste(text: string): Promise<void> {
    const { app, grid } = this.host;
    const block = this.block();
    if (!block) return;
    const target = { block, columns: this.allColumns() };
    const locale = app.getState().locale;
    let change = await app.change('pasteCells', { view: grid.view, text, target, confirmed: false, locale });
    if (!change) return;
    if (change.paste.unconfirmed) {
      if (!(await this.host.confirmPaste(change.paste))) return;
      change = await app.change('pasteCells', { view: grid.view, text, target, confirmed: true, locale });
      if (!change) return;
    }
    const { landed, cells, clippedCols } = change.paste;
    const left = this.position(colId(landed.cols[0]));
    const right = this.position(colId(landed.cols[landed.cols.length - 1]));
    this.set({ anchor: { row: landed.top, col: left }, end: { row: landed.bottom, col: right } });
    this.host.say(
      clippedCols > 0 ? { kind: 'pastedClipped', cells, clipped: clippedCols } : { kind: 'pasted', cells },
    );
  }
}

function cornerOf(bounds: RangeBounds): GridCell {
  return { row: bounds.bottom, col: bounds.right };
}
