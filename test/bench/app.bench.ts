import { execFileSync } from 'node:child_process';
import { createWriteStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { CsvParser } from '../../shared/codec';
import { clientTether } from '../../shared/template';
import { columnsFromHeaders, SheetValidator } from '../../shared/validate';
import { ListSession } from '../../shared/list';
import { buildApp, serveApp } from '../e2e/app-server';
import { launchBrowser } from '../e2e/browser';
import { chooseFileWith } from '../e2e/pages/app-page';
import { generateContacts, toCsvLine } from '../fixtures/generate-contacts';
import { type BenchContext, type BenchModule, fmt, medianMs, verdict } from './context';

// The app in Chromium against the same code in Node. Timings are printed, never asserted.

const benchDir = new URL('.', import.meta.url).pathname;
const baselineFlag = '--app-baseline';

/** Writes `rows` generated contacts in chunks (a million rows never sit in memory at once). */
export async function writeContacts(path: string, rows: number): Promise<void> {
  if (existsSync(path)) return;
  const out = createWriteStream(path);
  const write = (text: string) =>
    new Promise<void>((resolve, reject) => out.write(text, (error) => (error ? reject(error) : resolve())));
  const headers = clientTether.fields.map((f) => f.header);
  const emailCol = headers.indexOf('email');
  const phoneCols = [headers.indexOf('phone'), headers.indexOf('second_Phone')];
  const externalCol = headers.indexOf('external_id');
  await write(`${toCsvLine(headers)}\r\n`);
  const chunk = 50_000;
  for (let start = 0; start < rows; start += chunk) {
    const { rows: generated } = generateContacts(Math.min(chunk, rows - start), { seed: 42 + start });
    let text = '';
    generated.forEach((row, i) => {
      // The generator numbers rows per call; renumber keys that must stay unique across chunks.
      const r = start + i;
      if (/^contact\d+@example\.com$/.test(row[emailCol])) row[emailCol] = `contact${r}@example.com`;
      for (const c of phoneCols)
        if (/^\d{10}$/.test(row[c])) row[c] = `${2 + (r % 8)}${String(r).padStart(9, '0')}`;
      if (row[externalCol].startsWith('EXT-')) row[externalCol] = `EXT-${r}`;
      text += `${toCsvLine(row)}\r\n`;
    });
    await write(text);
  }
  await new Promise<void>((resolve) => out.end(resolve));
}

/** The worker's own code (decode, parse, store, map, validate) run in Node. */
async function nodeSessionMs(bytes: Uint8Array): Promise<number> {
  return medianMs(3, async () => {
    const session = new ListSession(clientTether);
    const none = async () => {};
    await session.handlers.open({ bytes: bytes.slice(), options: {} }, none);
    const proposals = await session.handlers.proposeMapping({}, none);
    await session.handlers.applyMapping({ targets: proposals.map((p) => p.target) }, none);
  });
}

/** The same, each run in a fresh Node process: cold, like the browser's fresh page. */
function nodeColdSessionMs(file: string): number {
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', join(benchDir, 'app.bench.ts'), baselineFlag, file],
      {
        encoding: 'utf8',
      },
    );
    runs.push(Number(out.trim().split('\n').at(-1)));
  }
  return runs.sort((a, b) => a - b)[1];
}

/** The shared parser and validator alone, row arrays in memory: the floor any app could reach. */
async function nodeSharedMs(bytes: Uint8Array): Promise<number> {
  return medianMs(3, () => {
    const text = new TextDecoder().decode(bytes);
    let validator: SheetValidator | null = null;
    const parser = new CsvParser({ delimiter: ',' }, (fields) => {
      if (!validator) {
        validator = new SheetValidator({
          template: clientTether,
          columns: columnsFromHeaders(clientTether, fields),
        });
      } else validator.addRow(fields);
    });
    parser.push(text);
    parser.end();
  });
}

/**
 * `totalMs`: file chosen -> validated grid painted, clicking through Open and Map as soon as they allow (the
 * app validates while those screens show, so only the whole span is fair). `readMs` is the file read;
 * `afterConfirmMs` the wait after confirming the mapping.
 */
export type OpenTiming = {
  totalMs: number;
  readMs: number;
  afterConfirmMs: number;
  /** When the preview and the proposed mapping showed, while the rest was still being read. */
  previewMs: number;
  progress: string[];
};

/** Chooses the file, clicks through Open and Map as a person would, and reads the app's own marks. */
export async function openInBrowser(
  page: Page,
  url: string,
  file: string,
  timeout: number,
): Promise<OpenTiming> {
  await page.goto(url);
  await page.locator('button:has-text("Choose file")').waitFor();
  // Long tasks of the page's start (parsing the bundle) are not part of opening a file.
  await page.waitForTimeout(500);
  await page.evaluate(() => (window as unknown as { __longTasks?: number[] }).__longTasks?.splice(0));
  const progress: string[] = [];
  const sample = setInterval(() => {
    void page
      .locator('[data-testid="busy-label"], [data-testid="reading"]')
      .first()
      .textContent({ timeout: 100 })
      .then((t) => t && progress.at(-1) !== t && progress.push(t))
      .catch(() => {});
  }, 250);
  await chooseFileWith(page, file, () => page.locator('button:has-text("Choose file")').click());
  await page.locator('button:has-text("Continue to mapping")').click({ timeout });
  await page.locator('button:has-text("Continue to fixing")').click({ timeout });
  await page.locator('.ag-row[row-id="0"] .ag-cell[col-id="c0"]').waitFor({ timeout });
  await page.getByTestId('error-count').waitFor({ timeout });
  await page.waitForFunction(() => performance.getEntriesByName('listprep:rows-painted').length > 0, null, {
    timeout,
  });
  clearInterval(sample);
  const marks = await page.evaluate(() => {
    const at = (name: string) => performance.getEntriesByName(name).at(-1)?.startTime ?? Number.NaN;
    return {
      picked: at('listprep:file-picked'),
      read: at('listprep:file-read'),
      confirmed: at('listprep:map-confirmed'),
      painted: at('listprep:rows-painted'),
      preview: at('listprep:preview-ready'),
    };
  });
  return {
    totalMs: marks.painted - marks.picked,
    readMs: marks.read - marks.picked,
    afterConfirmMs: marks.painted - marks.confirmed,
    previewMs: marks.preview - marks.picked,
    progress,
  };
}

/** Records long tasks on the page's main thread from the first script on (survives navigations). */
export async function observeLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.__longTasks.push(entry.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
}

/** The long tasks recorded since the last call. */
export async function takeLongTasks(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const w = window as unknown as { __longTasks: number[] };
    return w.__longTasks.splice(0);
  });
}

/**
 * Edits cells through the grid (the same valueSetter a typed edit goes through) and times each one until
 * the cell's highlight and the error count on screen have both changed.
 */
export async function editLatencies(page: Page, edits: number, rowsOnScreen: number): Promise<number[]> {
  return page.evaluate(
    async ({ edits, rowsOnScreen }) => {
      type Api = {
        getDisplayedRowAtIndex(i: number): {
          setDataValue(col: string, v: string): void;
          data?: { key: number };
        };
      };
      const grid = (window as unknown as { __listprepGrid: { api: Api } }).__listprepGrid;
      const header = [...document.querySelectorAll('.ag-header-cell[col-id]')].find(
        (h) => h.querySelector('.ag-header-cell-text')?.textContent === 'Mobile phone',
      );
      const col = header?.getAttribute('col-id') ?? 'c2';
      const count = document.querySelector('[data-testid="error-count"]')!;
      const times: number[] = [];
      for (let i = 0; i < edits; i++) {
        const index = i % rowsOnScreen;
        const node = grid.api.getDisplayedRowAtIndex(index);
        const cell = document.querySelector(`.ag-row[row-index="${index}"] .ag-cell[col-id="${col}"]`)!;
        const wasError = cell.classList.contains('lp-cell-error');
        // Alternate between a bad value and a unique good one, so every edit changes the highlight and count.
        const value = wasError ? `5${String(900000000 + i)}` : `bad ${i}`;
        const countBefore = count.textContent;
        const start = performance.now();
        const done = new Promise<void>((resolve) => {
          const check = () => {
            const c = document.querySelector(`.ag-row[row-index="${index}"] .ag-cell[col-id="${col}"]`);
            return (
              c && c.classList.contains('lp-cell-error') !== wasError && count.textContent !== countBefore
            );
          };
          const observer = new MutationObserver(() => {
            if (check()) {
              observer.disconnect();
              resolve();
            }
          });
          observer.observe(document.body, {
            subtree: true,
            childList: true,
            attributes: true,
            characterData: true,
          });
        });
        node.setDataValue(col, value);
        await done;
        times.push(performance.now() - start);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      return times;
    },
    { edits, rowsOnScreen },
  );
}

async function scrollThrough(page: Page, steps: number): Promise<void> {
  await page.evaluate(async (steps) => {
    // AG Grid 36 scrolls rows in the vertical scrollbar's viewport.
    const viewport = document.querySelector('.ag-body-vertical-scroll-viewport') as HTMLElement;
    const max = viewport.scrollHeight - viewport.clientHeight;
    for (let i = 1; i <= steps; i++) {
      viewport.scrollTop = (max * i) / steps;
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 30)));
    }
    viewport.scrollTop = 0;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }, steps);
}

/**
 * The largest Chromium renderer process (the open page and its worker run there): resident memory now and
 * at its peak, read from /proc. Null where there is no /proc.
 */
export function rendererMemory(): { rssMb: number; peakMb: number } | null {
  let best: { rssMb: number; peakMb: number } | null = null;
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return null;
  }
  for (const pid of pids) {
    try {
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!command.includes('chrom') || !command.includes('--type=renderer')) continue;
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const kib = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
      const found = { rssMb: kib('VmRSS') / 1024, peakMb: kib('VmHWM') / 1024 };
      if (!best || found.rssMb > best.rssMb) best = found;
    } catch {
      // The process ended while we looked.
    }
  }
  return best;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function run(context: BenchContext): Promise<void> {
  const rows = context.quick ? 20_000 : 100_000;
  const bigRows = context.quick ? 200_000 : 1_000_000;
  const file = join(context.dataDir, `app-${rows}.csv`);
  const bigFile = join(context.dataDir, `app-${bigRows}.csv`);
  await writeContacts(file, rows);
  const bytes = new Uint8Array(readFileSync(file));
  context.report(
    `file: ${fmt(rows)} rows x ${clientTether.fields.length} columns, ${fmt(bytes.length / 1e6, 1)} MB`,
  );

  const sessionMs = await nodeSessionMs(bytes);
  const coldMs = nodeColdSessionMs(file);
  const sharedMs = await nodeSharedMs(bytes);
  context.report(
    `Node, the worker's code (decode, parse, map, validate): ${fmt(sessionMs)} ms warm (median of 3 in one process)`,
  );
  context.report(
    `Node, the same code cold: ${fmt(coldMs)} ms (median of 3 fresh processes, as a fresh page is)`,
  );
  context.report(`Node, shared parser + validator alone: ${fmt(sharedMs)} ms (median of 3)`);

  const server = await serveApp(await buildApp());
  const browser = await launchBrowser();
  try {
    const opens: OpenTiming[] = [];
    const openLongTasks: number[] = [];
    let page: Page | null = null;
    for (let i = 0; i < 3; i++) {
      await page?.close();
      page = await browser.context.newPage();
      await observeLongTasks(page);
      opens.push(await openInBrowser(page, server.url, file, 120_000));
      openLongTasks.push(...(await takeLongTasks(page)));
    }
    const median = [...opens].sort((a, b) => a.totalMs - b.totalMs)[1];
    context.report(
      `Chromium, file chosen -> validated grid painted: ${fmt(median.totalMs)} ms (the file read in ${fmt(median.readMs)}; ${fmt(median.afterConfirmMs)} ms from confirming the mapping to the grid), both screens clicked through at once, median of 3`,
    );
    const ratio = median.totalMs / sessionMs;
    context.report(`ratio vs the same code in Node, warm: ${verdict(ratio, '≤ 1.5×', ratio <= 1.5)}`);
    const coldRatio = median.totalMs / coldMs;
    context.report(`ratio vs the same code in Node, cold: ${verdict(coldRatio, '≤ 1.5×', coldRatio <= 1.5)}`);
    context.report(`ratio vs shared parser + validator alone: ${(median.totalMs / sharedMs).toFixed(2)}×`);
    context.report(
      `long tasks on the UI thread while opening (3 opens): ${openLongTasks.length}, longest ${fmt(Math.max(0, ...openLongTasks))} ms`,
    );

    const p = page!;
    await p.locator('.ag-row[row-index="19"]').waitFor();
    const latencies = await editLatencies(p, 200, 20);
    const p95 = percentile(latencies, 95);
    context.report(
      `edit -> highlight and count updated, 200 edits: median ${fmt(percentile(latencies, 50), 1)} ms, p95 ${fmt(p95, 1)} ms, max ${fmt(Math.max(...latencies), 1)} ms; p95 ${verdict(p95 / 16, '≤ 1× of 16 ms', p95 <= 16)}`,
    );
    await takeLongTasks(p);
    await scrollThrough(p, 60);
    const scrollLong = await takeLongTasks(p);
    const worst = Math.max(0, ...scrollLong);
    context.report(
      `scrolling top to bottom in 60 jumps: ${scrollLong.length} long tasks, longest ${fmt(worst)} ms (target: none over 50 ms: ${worst <= 50 ? 'met' : 'NOT met'})`,
    );
    await p.close();

    await writeContacts(bigFile, bigRows);
    context.report(`large file: ${fmt(bigRows)} rows, ${fmt(statSync(bigFile).size / 1e6)} MB`);
    const big = await browser.context.newPage();
    await observeLongTasks(big);
    const opened = await openInBrowser(big, server.url, bigFile, 900_000);
    const openLong = await takeLongTasks(big);
    context.report(
      `large file opened: preview and mapping on screen after ${fmt(opened.previewMs / 1000, 1)} s while reading went on; grid after ${fmt(opened.totalMs / 1000, 1)} s (read and validated in ${fmt(opened.readMs / 1000, 1)} s); progress shown: ${opened.progress.slice(0, 3).join(' | ')} … ${opened.progress.at(-1) ?? ''}`,
    );
    context.report(
      `long tasks on the UI thread while opening: ${openLong.length}, longest ${fmt(Math.max(0, ...openLong))} ms`,
    );
    const memory = rendererMemory();
    if (memory)
      context.report(
        `memory of the page's renderer process (the page and its worker, which holds the rows) with 1M rows open: ${fmt(memory.rssMb)} MB now, peak ${fmt(memory.peakMb)} MB`,
      );
    await big.locator('.ag-row[row-index="19"]').waitFor();
    const bigLatencies = await editLatencies(big, 50, 20);
    const bigP95 = percentile(bigLatencies, 95);
    context.report(
      `large file edits, 50 edits: median ${fmt(percentile(bigLatencies, 50), 1)} ms, p95 ${fmt(bigP95, 1)} ms, max ${fmt(Math.max(...bigLatencies), 1)} ms (target < 50 ms: ${Math.max(...bigLatencies) < 50 ? 'met' : 'NOT met'})`,
    );
  } finally {
    await browser.close();
    await server.close();
  }
}

export default { title: 'The app in Chromium: open, validate, edit, scroll', run } satisfies BenchModule;

// Run as a script with this flag (by nodeColdSessionMs), the module times one cold run of the worker's code.
if (process.argv.includes(baselineFlag)) {
  const bytes = new Uint8Array(readFileSync(process.argv[process.argv.indexOf(baselineFlag) + 1]));
  const start = performance.now();
  const session = new ListSession(clientTether);
  const none = async () => {};
  await session.handlers.open({ bytes, options: {} }, none);
  const proposals = await session.handlers.proposeMapping({}, none);
  await session.handlers.applyMapping({ targets: proposals.map((p) => p.target) }, none);
  process.stdout.write(`${Math.round(performance.now() - start)}\n`);
}
