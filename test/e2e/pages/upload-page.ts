import type { Locator, Page } from 'playwright-core';

/** The Upload step: connect, account, options, dry run, confirm, progress, result, history. */
export class UploadPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page
      .getByRole('navigation')
      .getByRole('button', { name: /^\d?\s*(Upload|Last opp)$/ })
      .click();
    await this.page.getByTestId('upload-screen').waitFor();
  }

  async connect(serverUrl: string, apiKey: string): Promise<void> {
    await this.page.getByTestId('upload-server').fill(serverUrl);
    await this.page.getByTestId('upload-key').fill(apiKey);
    await this.page.getByRole('button', { name: /^(Connect|Koble til)$/ }).click();
    await this.page.getByTestId('upload-connected').waitFor();
  }

  connected(): Locator {
    return this.page.getByTestId('upload-connected');
  }

  async chooseAccount(label: string | RegExp): Promise<void> {
    const select = this.page.getByTestId('upload-account');
    const option = select.locator('option', { hasText: label });
    await select.selectOption((await option.first().getAttribute('value')) ?? '');
    await this.page.getByTestId('upload-plan').waitFor();
  }

  async choosePlan(label: string | RegExp): Promise<void> {
    const select = this.page.getByTestId('upload-plan');
    const value = await select.locator('option', { hasText: label }).first().getAttribute('value');
    await select.selectOption(value ?? '');
  }

  async chooseMatch(label: string): Promise<void> {
    await this.page.getByTestId('upload-match').selectOption({ label });
  }

  consequences(): Locator {
    return this.page.getByTestId('upload-consequences');
  }

  async confirmCompliance(): Promise<void> {
    await this.page.getByTestId('upload-compliance').check();
  }

  async dryRun(): Promise<void> {
    await this.page.getByTestId('upload-dry-run').click();
    await this.page.getByTestId('dry-run').waitFor();
  }

  dryRunCount(kind: 'created' | 'updated' | 'unchanged' | 'skipped' | 'rejected'): Locator {
    return this.page.getByTestId(`dry-run-${kind}`);
  }

  rejected(): Locator {
    return this.page.getByTestId('upload-rejected');
  }

  confirmButton(): Locator {
    return this.page.getByTestId('upload-confirm');
  }

  /** Confirms the import and waits for its result. */
  async importAndWait(): Promise<Locator> {
    await this.confirmButton().click();
    const result = this.page.getByTestId('upload-result');
    await result.waitFor({ timeout: 30_000 });
    return result;
  }

  resultCount(kind: 'created' | 'updated' | 'unchanged' | 'skipped'): Locator {
    return this.page.getByTestId(`result-${kind}`);
  }

  async uploadAgain(): Promise<void> {
    await this.page.getByTestId('upload-again').click();
  }

  historyRow(importId: string): Locator {
    return this.page.locator(`[data-testid="upload-history"] tr[data-import="${importId}"]`);
  }

  async openRollback(importId: string): Promise<Locator> {
    await this.page.getByTestId(`rollback-${importId}`).click();
    const dialog = this.page.getByTestId('rollback-dialog');
    await dialog.waitFor();
    return dialog;
  }
}
