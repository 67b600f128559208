import type { Page } from 'playwright-core';
import { chooseFileWith } from './app-page';

/** The Open screen: choose or drop a file, check the preview, pick the header row. */
export class OpenPage {
  constructor(readonly page: Page) {}

  async chooseFile(path: string): Promise<void> {
    await chooseFileWith(this.page, path, () =>
      this.page.getByRole('button', { name: /Choose file|Velg fil/ }).click(),
    );
    await this.page.getByTestId('preview').waitFor();
  }

  /** Drops a file on the drop zone as a person dragging it from their desktop would. */
  async dropFile(name: string, bytes: Uint8Array, type = 'text/csv'): Promise<void> {
    const transfer = await this.page.evaluateHandle(
      ({ name, data, type }) => {
        const dt = new DataTransfer();
        dt.items.add(new File([new Uint8Array(data)], name, { type }));
        return dt;
      },
      { name, data: [...bytes], type },
    );
    await this.page.getByTestId('dropzone').dispatchEvent('drop', { dataTransfer: transfer });
    await this.page.getByTestId('preview').waitFor();
  }

  encoding() {
    return this.page.getByTestId('encoding');
  }

  delimiter() {
    return this.page.getByTestId('delimiter');
  }

  headerRow() {
    return this.page.getByTestId('header-row');
  }

  rowCount() {
    return this.page.getByTestId('row-count');
  }

  previewRow(row: number) {
    return this.page.locator(`[data-testid="preview"] tr[data-line="${row}"]`);
  }

  async chooseHeaderRow(row: number): Promise<void> {
    await this.previewRow(row).click();
    await this.page.locator(`[data-testid="preview"] tr[data-line="${row}"][aria-selected="true"]`).waitFor();
  }

  recentFile(name: string) {
    return this.page.getByRole('button', { name });
  }

  async continue(): Promise<void> {
    await this.page.getByRole('button', { name: /Continue to mapping|Fortsett til kobling/ }).click();
    await this.page.getByTestId('mapping').waitFor();
  }
}
