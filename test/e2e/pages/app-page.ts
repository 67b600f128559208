import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

export const outputDir = join(new URL('../../..', import.meta.url).pathname, 'test/output');

/** The whole app: header, notices, saving state; screenshots of each step go to test/output/. */
export class AppPage {
  constructor(readonly page: Page) {}

  async goto(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page.getByRole('heading', { level: 1 }).waitFor();
  }

  async screenshot(name: string): Promise<string> {
    mkdirSync(outputDir, { recursive: true });
    const path = join(outputDir, `${name}.png`);
    await this.page.screenshot({ path, fullPage: false });
    return path;
  }

  /** Waits until every change is in the journal ("All changes saved"). */
  async waitSaved(): Promise<void> {
    await this.page.evaluate(() =>
      (window as unknown as { __listprep?: { flushJournal(): Promise<void> } }).__listprep?.flushJournal(),
    );
    await this.page.getByTestId('save-state').and(this.page.locator('[data-state="saved"]')).waitFor();
  }

  async setLanguage(label: 'English' | 'Norsk bokmål'): Promise<void> {
    await this.page.getByRole('banner').getByRole('combobox').selectOption({ label });
  }

  notice(kind: 'error' | 'info') {
    return this.page.getByTestId(`notice-${kind}`);
  }

  currentStep() {
    return this.page.locator('[aria-current="step"]');
  }
}
