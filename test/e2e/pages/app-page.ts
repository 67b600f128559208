import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

/**
 * Answers the next file chooser with `path`, then runs `open` (the click or key that opens it). Playwright
 * starts intercepting choosers when a listener is added; the round trip makes sure that happened before the
 * app asks for one, or the chooser would open unseen.
 */
export async function chooseFileWith(page: Page, path: string, open: () => Promise<void>): Promise<void> {
  const chosen = new Promise<void>((resolve, reject) => {
    page.once('filechooser', (chooser) => chooser.setFiles(path).then(resolve, reject));
  });
  await page.evaluate(() => 0);
  await open();
  await chosen;
}

/**
 * Collects a page's uncaught errors and AG Grid's own errors and warnings: AG Grid reports a misused option
 * or a missing module only in the console and carries on without the feature.
 */
export function recordPageProblems(page: Page, problems: string[] = []): string[] {
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    const type = message.type();
    if ((type === 'error' || type === 'warning') && message.text().includes('AG Grid')) {
      problems.push(message.text());
    }
  });
  return problems;
}

export const outputDir = join(new URL('../../..', import.meta.url).pathname, 'test/output');
// Made when the page models load: a test writes its input files here before anything else has run.
mkdirSync(outputDir, { recursive: true });

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
