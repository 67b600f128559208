import type { Download, Page } from 'playwright-core';

/** The Review screen: counts and the export buttons. */
export class ReviewPage {
  constructor(readonly page: Page) {}

  count(what: 'rows' | 'errors' | 'warnings') {
    return this.page.getByTestId(`review-${what}`);
  }

  button(name: RegExp) {
    return this.page.getByRole('button', { name });
  }

  reason() {
    return this.page.getByTestId('export-reason');
  }

  /** Clicks an export button and returns the download it starts. */
  async download(name: RegExp): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.button(name).click();
    return download;
  }
}
