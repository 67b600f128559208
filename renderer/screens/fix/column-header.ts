import type { IHeaderComp, IHeaderParams } from 'ag-grid-community';
import type { RowData } from '../../../shared/list';

export type ColumnHeaderParams = IHeaderParams<RowData> & {
  /** A click on the column's name selects the column (Shift: every column from the range's to this one). */
  onSelect: (colId: string, extend: boolean) => void;
  labels: Readonly<{ sort: (column: string) => string; filter: (column: string) => string }>;
};

function iconButton(className: string, icon: string): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = className;
  // The header cell itself is the keyboard's stop (Enter sorts, Alt+Down filters): these are for the mouse.
  button.tabIndex = -1;
  const glyph = document.createElement('span');
  glyph.className = `ag-icon ${icon}`;
  glyph.setAttribute('aria-hidden', 'true');
  button.append(glyph);
  return button;
}

/**
 * A column header as spreadsheets have it: a click on the name selects the column, sorting is its own
 * button, filtering another. AG Grid keeps the header cell (its focus, its aria-sort, Enter to sort); this
 * adds Alt+Down or Ctrl+Enter to open the filter, and Space to select the column.
 */
export class ColumnHeader implements IHeaderComp {
  private readonly gui = document.createElement('div');
  private readonly title = document.createElement('span');
  private readonly sort = iconButton('lp-col-sort', 'ag-icon-none');
  private readonly filter = iconButton('lp-col-filter', 'ag-icon-filter');
  private params: ColumnHeaderParams | null = null;
  private readonly cleanup: (() => void)[] = [];

  init(params: ColumnHeaderParams): void {
    this.params = params;
    this.gui.className = 'lp-col-header';
    this.title.className = 'ag-header-cell-text lp-col-title';
    this.gui.append(this.title);
    if (params.enableSorting) this.gui.append(this.sort);
    if (params.enableFilterButton || params.enableFilterIcon) this.gui.append(this.filter);
    const id = params.column.getColId();
    const onTitle = (event: MouseEvent) => params.onSelect(id, event.shiftKey);
    const onSort = (event: MouseEvent) => params.progressSort(event.shiftKey);
    const onFilter = () => params.showFilter(this.filter);
    const onKey = (event: KeyboardEvent) => {
      if (
        (event.altKey && event.key === 'ArrowDown') ||
        ((event.ctrlKey || event.metaKey) && event.key === 'Enter')
      ) {
        event.preventDefault();
        event.stopPropagation();
        params.showFilter(this.filter);
      } else if (event.key === ' ' && !event.ctrlKey && !event.metaKey) {
        event.preventDefault();
        params.onSelect(id, event.shiftKey);
      }
    };
    const onState = () => this.update();
    this.title.addEventListener('click', onTitle);
    this.sort.addEventListener('click', onSort);
    this.filter.addEventListener('click', onFilter);
    params.eGridHeader.addEventListener('keydown', onKey, true);
    params.column.addEventListener('sortChanged', onState);
    params.column.addEventListener('filterActiveChanged', onState);
    this.cleanup.push(
      () => this.title.removeEventListener('click', onTitle),
      () => this.sort.removeEventListener('click', onSort),
      () => this.filter.removeEventListener('click', onFilter),
      () => params.eGridHeader.removeEventListener('keydown', onKey, true),
      () => params.column.removeEventListener('sortChanged', onState),
      () => params.column.removeEventListener('filterActiveChanged', onState),
    );
    this.update();
  }

  getGui(): HTMLElement {
    return this.gui;
  }

  refresh(params: ColumnHeaderParams): boolean {
    this.params = params;
    this.update();
    return true;
  }

  destroy(): void {
    for (const stop of this.cleanup.splice(0)) stop();
  }

  private update(): void {
    const params = this.params;
    if (!params) return;
    const name = params.displayName;
    this.title.textContent = name;
    const sort = params.column.getSort();
    const glyph = this.sort.firstElementChild;
    if (glyph)
      glyph.className = `ag-icon ${sort === 'asc' ? 'ag-icon-asc' : sort === 'desc' ? 'ag-icon-desc' : 'ag-icon-none'}`;
    this.sort.classList.toggle('lp-active', Boolean(sort));
    this.sort.setAttribute('aria-label', params.labels.sort(name));
    this.sort.title = params.labels.sort(name);
    this.filter.classList.toggle('lp-active', params.column.isFilterActive());
    this.filter.setAttribute('aria-label', params.labels.filter(name));
    this.filter.title = params.labels.filter(name);
  }
}
