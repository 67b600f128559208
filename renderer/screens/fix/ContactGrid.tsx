import {
  AllCommunityModule,
  type CellFocusedEvent,
  createGrid,
  type GridApi,
  ModuleRegistry,
  themeQuartz,
} from 'ag-grid-community';
import { memo, useCallback, useEffect, useMemo, useRef } from 'react';
import { useController } from '../../app/AppContext';
import { useAppState } from '../../app/useAppState';
import { afterNextPaint } from '../../app/after-paint';
import { useWords } from '../../app/useWords';
import type { RowData } from '../../../shared/list';
import { contactGridOptions } from './contact-grid-options';
import { buildColumnDefs, colId, colIndex } from './grid-columns';
import type { GridController } from './grid-controller';
import type { RangeController } from './range/range-controller';

ModuleRegistry.registerModules([AllCommunityModule]);

const theme = themeQuartz.withParams({
  fontSize: 14,
  rowHeight: 32,
  headerHeight: 40,
  cellHorizontalPadding: 8,
  wrapperBorderRadius: 4,
});

/** AG Grid injects its theme as a <style>; under the app's CSP that style needs the page's nonce. */
const styleNonce = document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]')?.nonce || undefined;

/**
 * Creates and destroys a one-cell grid off screen while the app is idle. The first grid of a page pays for
 * AG Grid's theme styles and its code warming up (a few hundred milliseconds); paid here, while the user
 * picks a file, the real grid then appears without a pause.
 */
export function warmUpGrid(): void {
  const host = document.createElement('div');
  host.setAttribute('aria-hidden', 'true');
  host.className = 'lp-grid-warmup';
  document.body.append(host);
  const api = createGrid<{ v: string }>(host, {
    theme,
    styleNonce,
    columnDefs: [{ field: 'v' }],
    rowData: [{ v: '' }],
  });
  setTimeout(() => {
    api.destroy();
    host.remove();
  }, 0);
}

export type FocusedCell = Readonly<{ index: number; key: number; col: number }>;

type Props = Readonly<{
  grid: GridController;
  range: RangeController;
  onFocus: (cell: FocusedCell | null) => void;
}>;

function isEditorInput(target: EventTarget | null): target is HTMLInputElement | HTMLTextAreaElement {
  return (
    (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement) &&
    target.closest('.ag-cell-inline-editing, .ag-popup-editor') !== null
  );
}

/** The editable grid of contacts, fed block by block from the worker. */
export const ContactGrid = memo(function ContactGrid({ grid, range, onFocus }: Props) {
  const controller = useController();
  const { words } = useWords();
  const columns = useAppState((s) => s.columns);
  const locale = useAppState((s) => s.locale);
  const lookups = useAppState((s) => s.lookups);
  const wrapper = useRef<HTMLDivElement>(null);
  const focusedKey = useRef<{ key: number; col: number } | null>(null);

  const columnDefs = useMemo(
    () =>
      columns
        ? buildColumnDefs({
            columns,
            locale,
            words,
            lookups,
            onEdit: (key, col, value) => void grid.edit(key, col, value),
            range: {
              paint: range.paint,
              position: range.position,
              selectColumn: (id, extend) => range.selectColumn(id, extend),
            },
          })
        : [],
    [columns, locale, words, lookups, grid, range],
  );

  // Messages are worded in the worker: a new language reloads the rows on screen.
  const firstLocale = useRef(locale);
  useEffect(() => {
    if (locale !== firstLocale.current) grid.reload();
    firstLocale.current = locale;
  }, [locale, grid]);

  const resume = useCallback(
    async (api: GridApi<RowData>) => {
      // React's development double-mount destroys the first grid at once; only the living one resumes.
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (api.isDestroyed()) return;
      const resume = controller.consumeResume();
      if (!resume?.focus) return;
      // After a restore: back to the cell the user was on, with the text they were typing.
      if (!(await grid.goToKey(resume.focus.key, resume.focus.col))) return;
      if (resume.draft === undefined) return;
      const at = grid.focused();
      if (!at) return;
      api.startEditingCell({ rowIndex: at.index, colKey: colId(at.col) });
      // The editor is rendered by React a moment later; put the draft in once it is there.
      for (let tries = 0; tries < 50; tries++) {
        const input = wrapper.current?.querySelector<HTMLInputElement>('.ag-cell-inline-editing input');
        if (input) {
          input.value = resume.draft;
          input.dispatchEvent(new Event('input', { bubbles: true }));
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    [grid, controller],
  );

  const onCellFocused = useCallback(
    (event: CellFocusedEvent<RowData>) => {
      const column = event.column;
      const id = typeof column === 'string' ? column : column?.getColId();
      const index = event.rowIndex;
      if (index === null || !id) {
        onFocus(null);
        return;
      }
      const row = event.api.getDisplayedRowAtIndex(index)?.data;
      const col = Math.max(0, colIndex(id));
      if (!row) return;
      focusedKey.current = { key: row.key, col };
      onFocus({ index, key: row.key, col });
      controller.noteUi({ screen: 'fix', focus: { key: row.key, col } });
    },
    [controller, onFocus],
  );

  /**
   * The panel follows the focus box: when the rows under it change (a view with only the rows with problems,
   * a sort, rows added or deleted) the focused index holds another row, and the panel is told which.
   */
  const syncFocus = useCallback(
    (api: GridApi<RowData>) => {
      const cell = api.getFocusedCell();
      if (!cell || cell.rowPinned) return;
      const id = cell.column.getColId();
      const count = api.getDisplayedRowCount();
      if (cell.rowIndex >= count) {
        focusedKey.current = null;
        onFocus(null);
        return;
      }
      const row = api.getDisplayedRowAtIndex(cell.rowIndex)?.data;
      if (!row) return;
      const col = Math.max(0, colIndex(id));
      if (focusedKey.current?.key === row.key && focusedKey.current.col === col) return;
      focusedKey.current = { key: row.key, col };
      onFocus({ index: cell.rowIndex, key: row.key, col });
    },
    [onFocus],
  );

  // Text typed into an open cell editor is journaled too, so a crash mid-edit loses nothing.
  useEffect(() => {
    const element = wrapper.current;
    if (!element) return;
    const onInput = (event: Event) => {
      if (!isEditorInput(event.target) || !focusedKey.current) return;
      controller.noteUi({ screen: 'fix', focus: focusedKey.current, draft: event.target.value });
    };
    element.addEventListener('input', onInput);
    return () => element.removeEventListener('input', onInput);
  }, [controller]);

  // The grid itself is AG Grid's plain DOM build, not its React wrapper: cells and edits repaint directly,
  // which keeps an edit's round trip inside a frame. React owns the panels around it.
  const handlers = useRef({ onCellFocused, columnDefs, words, controller, syncFocus });
  handlers.current = { onCellFocused, columnDefs, words, controller, syncFocus };
  useEffect(() => {
    const element = wrapper.current;
    if (!element) return;
    let api: GridApi<RowData> | null = null;
    let cancel = () => {};
    let detachRange = () => {};
    const build = () => {
      performance.mark('listprep:grid-create');
      // AG Grid's services first, with the row numbers only; its forty-odd columns, and with them the
      // datasource (the rows are asked for once, for the real columns), in the next task: each is a task's work.
      const created = createGrid<RowData>(element, {
        theme,
        styleNonce,
        ...contactGridOptions(undefined, handlers.current.columnDefs.slice(0, 1), {
          onCellFocused: (event) => handlers.current.onCellFocused(event),
          onCellEditingStopped: () => {
            if (focusedKey.current)
              handlers.current.controller.noteUi({ screen: 'fix', focus: focusedKey.current });
          },
          onFirstDataRendered: () => {
            // Screen readers announce the grid by this name, and know that ranges of cells can be selected.
            const role = element.querySelector('[role="grid"], [role="treegrid"]');
            role?.setAttribute('aria-label', handlers.current.words.gridLabel);
            role?.setAttribute('aria-multiselectable', 'true');
          },
          onModelUpdated: (event) => handlers.current.syncFocus(event.api),
        }),
      });
      api = created;
      grid.api = created;
      detachRange = range.attach(created, element);
      cancel = afterNextPaint(() => {
        created.updateGridOptions({ columnDefs: handlers.current.columnDefs, datasource: grid.datasource });
        performance.measure('listprep:grid-created', 'listprep:grid-create');
        void resume(created);
      });
    };
    // The Fix screen paints first (toolbar, panels, an empty grid box) and AG Grid is built after that
    // frame: together they were one long task on the click, and AG Grid measuring a page not yet laid out
    // forced the whole page's layout inside it. The rows come from the worker later anyway.
    cancel = afterNextPaint(build);
    return () => {
      cancel();
      detachRange();
      if (!api) return;
      grid.api = null;
      api.destroy();
    };
  }, [grid, range, resume]);

  useEffect(() => {
    // A grid built with these very columns is not told them again (that costs AG Grid a column rebuild).
    const api = grid.api;
    if (api && api.getGridOption('columnDefs') !== columnDefs) api.setGridOption('columnDefs', columnDefs);
  }, [grid, columnDefs]);

  return <div className="lp-grid" ref={wrapper} data-testid="grid" />;
});
