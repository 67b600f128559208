import type { Page } from 'playwright-core';
import type { FixPage } from './fix-page';

/** The selected range as the grid shows it: the first and last row numbers and column ids with the range's marks. */
export type ShownRange = Readonly<{ rows: number[]; colIds: string[]; cells: number }>;

/**
 * The grid's spreadsheet habits, driven with the mouse and the keyboard as a person would: drag a range,
 * Shift+click, click a row number or a column name, copy and paste through the system clipboard.
 */
export class RangePage {
  constructor(
    readonly page: Page,
    private readonly fix: FixPage,
  ) {}

  private async center(rowNumber: number, title: string): Promise<{ x: number; y: number }> {
    const cell = await this.fix.cell(rowNumber, title);
    await cell.scrollIntoViewIfNeeded();
    const box = await cell.boundingBox();
    if (!box) throw new Error(`cell ${rowNumber} ${title} is not on screen`);
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  }

  /** Presses on one cell and moves the mouse to another with the button held, in steps, then lets go. */
  async drag(from: [number, string], to: [number, string]): Promise<void> {
    const start = await this.center(...from);
    const end = await this.center(...to);
    await this.page.mouse.move(start.x, start.y);
    await this.page.mouse.down();
    await this.page.mouse.move(end.x, end.y, { steps: 8 });
    await this.page.mouse.up();
  }

  async shiftClick(rowNumber: number, title: string): Promise<void> {
    const at = await this.center(rowNumber, title);
    await this.page.keyboard.down('Shift');
    await this.page.mouse.click(at.x, at.y);
    await this.page.keyboard.up('Shift');
  }

  /** Drags the fill handle (the square at the range's bottom-right corner) to a cell. */
  async dragFillHandle(to: [number, string]): Promise<void> {
    const corner = this.page.locator('.lp-grid .ag-cell.lp-sel-corner').first();
    const box = await corner.boundingBox();
    if (!box) throw new Error('no fill handle on screen');
    const end = await this.center(...to);
    await this.page.mouse.move(box.x + box.width - 3, box.y + box.height - 3);
    await this.page.mouse.down();
    await this.page.mouse.move(end.x, end.y, { steps: 8 });
    await this.page.mouse.up();
  }

  async clickRowNumber(rowNumber: number, shift = false): Promise<void> {
    const cell = this.page.locator(`.ag-row[row-id="${rowNumber - 1}"] .ag-cell[col-id="n"]`).first();
    await cell.click({ modifiers: shift ? ['Shift'] : [] });
  }

  async clickColumnName(title: string, shift = false): Promise<void> {
    const id = await this.fix.colId(title);
    await this.page
      .locator(`.ag-header-cell[col-id="${id}"] .lp-col-title`)
      .click({ modifiers: shift ? ['Shift'] : [] });
  }

  async sortBy(title: string): Promise<void> {
    const id = await this.fix.colId(title);
    await this.page.locator(`.ag-header-cell[col-id="${id}"] .lp-col-sort`).click();
  }

  async openFilter(title: string): Promise<void> {
    const id = await this.fix.colId(title);
    await this.page.locator(`.ag-header-cell[col-id="${id}"] .lp-col-filter`).click();
  }

  /** The cells on screen inside the range (tinted), as row numbers and column ids. */
  async shown(): Promise<ShownRange> {
    return this.page.evaluate(() => {
      const rows = new Set<number>();
      const cols = new Set<string>();
      let cells = 0;
      for (const cell of document.querySelectorAll('.lp-grid .ag-cell.lp-sel[aria-selected="true"]')) {
        cells++;
        rows.add(Number(cell.closest('.ag-row')?.getAttribute('row-id')) + 1);
        cols.add(cell.getAttribute('col-id') ?? '');
      }
      return { rows: [...rows].sort((a, b) => a - b), colIds: [...cols].sort(), cells };
    });
  }

  summary() {
    return this.page.getByTestId('selection-summary');
  }

  news() {
    return this.page.getByTestId('selection-news');
  }

  async readClipboard(): Promise<string> {
    return this.page.evaluate(() => navigator.clipboard.readText());
  }

  /** Puts text on the system clipboard as another program (Excel, Sheets) would have. */
  async writeClipboard(text: string): Promise<void> {
    await this.page.evaluate((t) => navigator.clipboard.writeText(t), text);
  }
}
