import type { ICellEditorComp, ICellEditorParams } from 'ag-grid-community';
import type { RowData } from '../../../shared/list';

export type SelectOption = Readonly<{ value: string; label: string }>;
export type SelectEditorParams = ICellEditorParams<RowData, string> & {
  options: readonly SelectOption[];
  emptyLabel: string;
};

/**
 * A native select as a cell editor: choice columns (gender, marital status) and ID columns when the
 * account's lists are known show names, and store the value or ID the CRM expects. Native, so keyboard and
 * screen reader support come with it.
 */
export class SelectCellEditor implements ICellEditorComp<RowData, string> {
  private readonly select = document.createElement('select');

  init(params: SelectEditorParams): void {
    const current = params.value ?? '';
    const add = (value: string, label: string) => {
      const option = document.createElement('option');
      option.value = value;
      option.textContent = label;
      this.select.append(option);
    };
    add('', params.emptyLabel);
    for (const option of params.options) add(option.value, option.label);
    // A value that is not allowed stays selectable, so opening the editor never changes the cell.
    if (current !== '' && !params.options.some((o) => o.value === current)) add(current, current);
    this.select.value = current;
    this.select.className = 'lp-select-editor';
    this.select.setAttribute('aria-label', params.colDef.headerName ?? '');
  }

  getGui(): HTMLElement {
    return this.select;
  }

  afterGuiAttached(): void {
    this.select.focus();
  }

  getValue(): string {
    return this.select.value;
  }
}
