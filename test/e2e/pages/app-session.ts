import type { Page } from 'playwright-core';
import type { Browser } from '../browser';
import { AppPage, recordPageProblems } from './app-page';
import { FixPage } from './fix-page';
import { MapPage } from './map-page';
import { OpenPage } from './open-page';
import { ReviewPage } from './review-page';
import { UploadPage } from './upload-page';

/** One person's tab on the app: the page, every screen's page object, and the page errors seen so far
 * (uncaught errors and AG Grid's console errors, see recordPageProblems). */
export type AppSession = Readonly<{
  page: Page;
  app: AppPage;
  open: OpenPage;
  map: MapPage;
  fix: FixPage;
  review: ReviewPage;
  upload: UploadPage;
  pageErrors: string[];
}>;

// Long flows on a shared 2-core machine: a step may wait behind a build or a database; 30 s, not the default.
const stepTimeout = 30_000;

/** Opens a new tab on the served app and waits for it to show its first screen. */
export async function openAppSession(browser: Browser, url: string): Promise<AppSession> {
  const page = await browser.context.newPage();
  page.setDefaultTimeout(stepTimeout);
  const pageErrors = recordPageProblems(page);
  const session: AppSession = {
    page,
    app: new AppPage(page),
    open: new OpenPage(page),
    map: new MapPage(page),
    fix: new FixPage(page),
    review: new ReviewPage(page),
    upload: new UploadPage(page),
    pageErrors,
  };
  await session.app.goto(url);
  return session;
}
