import type { Page } from 'playwright-core';

/** The Map columns screen: one select per source column. */
export class MapPage {
  constructor(readonly page: Page) {}

  target(sourceHeader: string) {
    return this.page.locator(`[data-testid="mapping"] tr[data-source="${sourceHeader}"] select`);
  }

  confidence(sourceHeader: string) {
    return this.page.locator(`[data-testid="mapping"] tr[data-source="${sourceHeader}"] .lp-confidence`);
  }

  /** Chooses a target by the option's visible text ("External ID (external_id)", "Skip this column"). */
  async mapTo(sourceHeader: string, optionLabel: string): Promise<void> {
    await this.target(sourceHeader).selectOption({ label: optionLabel });
  }

  async customField(sourceHeader: string, name: string): Promise<void> {
    await this.target(sourceHeader).selectOption('custom');
    const input = this.page.locator(`[data-testid="mapping"] tr[data-source="${sourceHeader}"] input`);
    await input.fill(name);
  }

  requiredMessage() {
    return this.page.getByTestId('required-missing');
  }

  async continue(): Promise<void> {
    await this.page.getByRole('button', { name: /Continue to fixing|Fortsett til retting/ }).click();
    await this.page.locator('.ag-row[row-id]').first().waitFor();
  }
}
