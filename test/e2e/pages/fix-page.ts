import type { Locator, Page } from 'playwright-core';

/** The Fix screen: the grid, the panels and the toolbar, used as a person would (mouse and keyboard). */
export class FixPage {
  constructor(readonly page: Page) {}

  /**
   * The grid column id of a column, by its header text. The grid draws only the columns in view, so a
   * column further right is first scrolled to, as a person would.
   */
  async colId(title: string): Promise<string> {
    const header = this.page.locator('.ag-header-cell[col-id]', {
      has: this.page.locator('.ag-header-cell-text', { hasText: new RegExp(`^${escapeRegExp(title)}$`) }),
    });
    if ((await header.count()) === 0) await this.scrollToColumn(title);
    const id = await header
      .first()
      .getAttribute('col-id', { timeout: 1000 })
      .catch(() => null);
    if (!id) throw new Error(`no column ${title}`);
    return id;
  }

  /** Scrolls the grid sideways, from the left, until a column's header is drawn. */
  private async scrollToColumn(title: string): Promise<void> {
    await this.page.evaluate(async (wanted) => {
      const viewport = document.querySelector<HTMLElement>('.ag-body-horizontal-scroll-viewport');
      const drawn = () =>
        [...document.querySelectorAll('.ag-header-cell-text')].some((el) => el.textContent === wanted);
      if (!viewport) return;
      const step = Math.max(100, viewport.clientWidth / 2);
      for (let left = 0; left <= viewport.scrollWidth; left += step) {
        viewport.scrollLeft = left;
        await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
        if (drawn()) return;
      }
    }, title);
  }

  /** A cell by row number (as shown in the # column, which is the row key + 1) and column title. */
  async cell(rowNumber: number, title: string): Promise<Locator> {
    const id = await this.colId(title);
    return this.page.locator(`.ag-row[row-id="${rowNumber - 1}"] .ag-cell[col-id="${id}"]`);
  }

  async cellText(rowNumber: number, title: string): Promise<string> {
    const cell = await this.cell(rowNumber, title);
    return (await cell.locator('.lp-cell-text').count())
      ? ((await cell.locator('.lp-cell-text').textContent()) ?? '')
      : ((await cell.textContent()) ?? '');
  }

  async select(rowNumber: number, title: string): Promise<void> {
    const cell = await this.cell(rowNumber, title);
    await cell.scrollIntoViewIfNeeded();
    await cell.click();
  }

  /** Types a new value into a cell: focus, F2 to edit (Enter moves down, as in a spreadsheet), Enter commits. */
  async edit(rowNumber: number, title: string, value: string): Promise<void> {
    await this.select(rowNumber, title);
    await this.page.keyboard.press('F2');
    const input = this.page.locator('.ag-cell-inline-editing input');
    await input.waitFor();
    await input.fill(value);
    await this.page.keyboard.press('Enter');
    await this.settled();
  }

  /** Waits until no edit is waiting for the worker's answer. */
  async settled(): Promise<void> {
    await this.page.evaluate(async () => {
      const grid = (window as { __listprepGrid?: { settled(): Promise<void> } }).__listprepGrid;
      await grid?.settled();
    });
  }

  async errorCount(): Promise<string> {
    return (await this.page.getByTestId('error-count').textContent()) ?? '';
  }

  async warningCount(): Promise<string> {
    return (await this.page.getByTestId('warning-count').textContent()) ?? '';
  }

  async waitErrors(count: number): Promise<void> {
    await this.page
      .getByTestId('error-count')
      .filter({ hasText: new RegExp(`^${count} (error|errors|feil)$`) })
      .waitFor();
  }

  problemLine(text: string | RegExp): Locator {
    return this.page.getByTestId('problems-panel').getByRole('button', { name: text });
  }

  cellPanel(): Locator {
    return this.page.getByTestId('cell-panel');
  }

  toolbarButton(name: string | RegExp): Locator {
    return this.page.getByRole('toolbar').getByRole('button', { name });
  }

  planDialog(): Locator {
    return this.page.getByTestId('plan-dialog');
  }

  async applyPlan(): Promise<void> {
    await this.planDialog()
      .getByRole('button', { name: /^(Apply|Utfør)$/ })
      .click();
    await this.planDialog().waitFor({ state: 'detached' });
  }

  /** The focused cell as { row number, column id }. */
  async focused(): Promise<{ row: number; colId: string } | null> {
    return this.page.evaluate(() => {
      const cell = document.querySelector('.ag-cell-focus');
      const row = cell?.closest('.ag-row');
      if (!cell || !row) return null;
      return { row: Number(row.getAttribute('row-id')) + 1, colId: cell.getAttribute('col-id') ?? '' };
    });
  }

  /** Ticks or clears "Only rows with problems" in the toolbar. */
  async showOnlyProblemRows(on: boolean): Promise<void> {
    await this.page
      .getByRole('toolbar')
      .getByLabel(/Only rows with problems|Bare rader med problemer/)
      .setChecked(on);
  }

  /** The row numbers the grid shows, top to bottom. */
  async shownRows(): Promise<number[]> {
    return this.page.evaluate(() => {
      // Each row is drawn once per column section (the pinned # column, the rest): one entry per row index.
      const byIndex = new Map<number, number>();
      for (const row of document.querySelectorAll('.ag-row[row-id][row-index]')) {
        byIndex.set(Number(row.getAttribute('row-index')), Number(row.getAttribute('row-id')) + 1);
      }
      return [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map(([, n]) => n);
    });
  }

  duplicatesDialog(): Locator {
    return this.page.getByTestId('duplicates-dialog');
  }

  async toReview(): Promise<void> {
    await this.page
      .getByRole('toolbar')
      .getByRole('button', { name: /^(Review|Gjennomgå)$/ })
      .click();
    await this.page.getByTestId('review-counts').waitFor();
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
