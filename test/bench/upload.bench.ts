import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { contactRows } from '../../server/testing/rows';
import { buildApp, serveApp } from '../e2e/app-server';
import { launchBrowser } from '../e2e/browser';
import { openAppSession } from '../e2e/pages/app-session';
import { startTestServer } from '../e2e/upload-server';
import { type BenchContext, type BenchModule, fmt } from './context';

// An upload of a large list from the app in Chromium to the import server (in this process, on PGlite): the
// UI thread's JavaScript heap before, during and after (the worker holds the list and sends it; before the
// list engine moved, the whole list was copied to the UI thread and through the bridge, twice). Figures are
// printed, never asserted. `UPLOAD_BENCH_APP=<built app folder>` measures another build the same way (a
// folder `vite build --config renderer/vite.config.ts` wrote from an older checkout), for a before/after.

const headers = ['First name', 'Last name', 'Email', 'Mobile', 'Tags'];

function writeList(path: string, rows: number): void {
  if (existsSync(path)) return;
  const lines = [headers.join(',')];
  for (const row of contactRows(rows, { prefix: 'bench' })) lines.push(row.join(','));
  writeFileSync(path, `${lines.join('\r\n')}\r\n`);
}

type HeapSample = Readonly<{ at: number; usedMb: number }>;

/** The page's own heap (its main thread; the worker is another isolate), sampled until `stop`. */
function sampleHeap(cdp: CDPSession, everyMs: number): { stop: () => Promise<HeapSample[]> } {
  const samples: HeapSample[] = [];
  const start = performance.now();
  let running = true;
  const loop = (async () => {
    while (running) {
      try {
        const { usedSize } = await cdp.send('Runtime.getHeapUsage');
        samples.push({ at: performance.now() - start, usedMb: usedSize / 1e6 });
      } catch {
        return; // the page went away (the run failed and is being closed)
      }
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return samples;
    },
  };
}

async function settledHeapMb(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  return (await cdp.send('Runtime.getHeapUsage')).usedSize / 1e6;
}

async function uploadOnce(
  context: BenchContext,
  label: string,
  appDir: string,
  file: string,
  rows: number,
): Promise<void> {
  const server = await startTestServer(`Upload bench ${label}`);
  const appServer = await serveApp(appDir);
  const browser = await launchBrowser();
  try {
    const session = await openAppSession(browser, appServer.url);
    const { page, open, map, fix, upload } = session;
    page.setDefaultTimeout(600_000);
    await open.chooseFile(file);
    await open.continue();
    await map.continue();
    await fix.waitErrors(0);
    const cdp = await page.context().newCDPSession(page);
    await upload.open();
    const account = server.seed.subAccounts[0];
    await upload.connect(server.url(), account.apiKey);
    await upload.choosePlan('Import Placeholder (quiet)');
    await upload.confirmCompliance();
    const before = await settledHeapMb(cdp);
    const sampler = sampleHeap(cdp, 100);
    const dryStart = performance.now();
    await upload.dryRun();
    await waitForText(page, 'dry-run-created', fmt(rows));
    const dryMs = performance.now() - dryStart;
    const importStart = performance.now();
    await upload.confirmButton().click();
    const result = page.getByTestId('upload-result');
    await result.waitFor({ timeout: 1_200_000 });
    const status = await result.getAttribute('data-status');
    const importMs = performance.now() - importStart;
    const samples = await sampler.stop();
    const after = await settledHeapMb(cdp);
    const peak = Math.max(...samples.map((s) => s.usedMb));
    context.report(
      `${label}: ${fmt(rows)} rows, dry run ${fmt(dryMs / 1000, 1)} s, import ${fmt(importMs / 1000, 1)} s (${status})`,
    );
    context.report(
      `${label}: UI thread heap ${fmt(before, 1)} MB before, peak ${fmt(peak, 1)} MB during (+${fmt(peak - before, 1)} MB), ${fmt(after, 1)} MB after (${samples.length} samples)`,
    );
  } finally {
    await browser.close();
    await appServer.close();
    await server.close();
  }
}

async function waitForText(page: Page, testId: string, text: string): Promise<void> {
  await page.waitForFunction(
    ([id, want]) => document.querySelector(`[data-testid="${id}"]`)?.textContent === want,
    [testId, text] as const,
    { timeout: 600_000 },
  );
}

async function run(context: BenchContext): Promise<void> {
  const rows = context.quick ? 20_000 : 200_000;
  const file = join(context.dataDir, `upload-${rows}.csv`);
  writeList(file, rows);
  await uploadOnce(context, 'this build', await buildApp(), file, rows);
  const other = process.env.UPLOAD_BENCH_APP;
  if (other) await uploadOnce(context, `build in ${other}`, other, file, rows);
}

export default {
  title: 'Upload from the app in Chromium: the UI thread’s memory',
  run,
} satisfies BenchModule;
