// Issue 15: Excel workbooks at any size. `listprep check` on 100,000 rows against SheetJS and exceljs's
// streaming reader reading the same file, side by side in one run (they only read; ListPrep also maps and
// validates), on the template workbook `listprep export` writes and on one exceljs writes with shared
// strings; a million rows: check's peak memory, the first preview rows, and the app opening it in Chromium.
//
// SheetJS (the `xlsx` package) is not a dependency of ListPrep: install it anywhere outside the repository
// (`npm install --prefix /tmp/sheetjs xlsx`) and name it with LISTPREP_BENCH_SHEETJS=/tmp/sheetjs/node_modules/xlsx;
// without it that column is left out. LISTPREP_BENCH_WORKBOOK=readers,million,app,app-million runs only the
// parts named.
import { spawn } from 'node:child_process';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { readSheet } from '../../shared/codec';
import { clientTether } from '../../shared/template';
import { zlibInflater } from '../../cli/zlib-inflater';
import { buildApp, serveApp } from '../e2e/app-server';
import { launchBrowser } from '../e2e/browser';
import { generateContacts } from '../fixtures/generate-contacts';
import { observeLongTasks, openInBrowser, rendererMemory, takeLongTasks } from './app.bench';
import { type BenchContext, type BenchModule, fmt } from './context';
import { runCli, writeBigCsv } from './export.bench';

const require = createRequire(import.meta.url);
const peakRss = join(process.cwd(), 'test/bench/peak-rss.mjs');
const bin = join(process.cwd(), 'bin/listprep.mjs');

type Figures = { wallMs: number; cpuMs: number; peakMb: number };

/** One run of a Node program in a fresh process: wall time, CPU time of all its threads, peak memory. */
function measure(
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): Promise<Figures & { code: number | null; stderr: string }> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', peakRss, ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, ...env },
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - start;
      const peakMb = Number(/peak-rss-kib (\d+)/.exec(stderr)?.[1]) / 1024;
      const cpuMs = Number(/cpu-ms (\d+)/.exec(stderr)?.[1]);
      resolve({ code, wallMs, cpuMs, peakMb, stderr });
    });
  });
}

/** Medians of `runs` runs of each reader, the runs taken in turn (A B C A B C…) so drift hits all alike. */
async function sideBySide(readers: readonly Reader[], runs: number): Promise<Map<string, Figures>> {
  const all = new Map<string, Figures[]>(readers.map((r) => [r.name, []]));
  for (let i = 0; i < runs; i++) {
    for (const reader of readers) {
      const run = await measure(reader.args, reader.env);
      if (run.code !== reader.exit)
        throw new Error(`${reader.name} exited ${run.code}: ${run.stderr.slice(0, 500)}`);
      all.get(reader.name)!.push(run);
    }
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return new Map(
    [...all].map(([name, figures]) => [
      name,
      {
        wallMs: median(figures.map((f) => f.wallMs)),
        cpuMs: median(figures.map((f) => f.cpuMs)),
        peakMb: median(figures.map((f) => f.peakMb)),
      },
    ]),
  );
}

type Reader = { name: string; args: readonly string[]; env?: NodeJS.ProcessEnv; exit: number };

// Each reader reads every row of the first sheet into values, as a program would use them.
const sheetJsRead = (module: string) =>
  `const XLSX = require(${JSON.stringify(module)}); const wb = XLSX.readFile(process.argv[1], { dense: true });` +
  'const rows = XLSX.utils.sheet_to_json(wb.Sheets[wb.SheetNames[0]], { header: 1, raw: false });' +
  "if (rows.length < 2) throw new Error('no rows');";

const exceljsStreamRead =
  `const ExcelJS = require(${JSON.stringify(require.resolve('exceljs'))});` +
  '(async () => { const reader = new ExcelJS.stream.xlsx.WorkbookReader(process.argv[1], { sharedStrings: "cache", styles: "cache", hyperlinks: "ignore", worksheets: "emit", entries: "emit" });' +
  'let rows = 0; for await (const sheet of reader) { for await (const row of sheet) { rows++; row.values; } break; }' +
  "if (rows < 2) throw new Error('no rows'); })();";

function sheetJsModule(): string | null {
  const module = process.env.LISTPREP_BENCH_SHEETJS;
  if (!module) return null;
  try {
    require.resolve(module);
    return module;
  } catch {
    return null;
  }
}

/** The template workbook `listprep export` writes for `rows` generated contacts (kept between runs). */
async function templateWorkbook(context: BenchContext, rows: number): Promise<string> {
  const csv = join(context.dataDir, `workbook-${rows}.csv`);
  const book = join(context.dataDir, `workbook-${rows}.xlsx`);
  if (!existsSync(csv)) writeBigCsv(csv, rows);
  if (!existsSync(book)) {
    const run = await runCli(['export', csv, '-o', book]);
    if (run.code !== 0) throw new Error(`listprep export failed: ${run.stderr}`);
  }
  return book;
}

/** The same contacts written by another tool: exceljs's streaming writer, with a shared-string table. */
async function otherToolWorkbook(context: BenchContext, rows: number): Promise<string> {
  const book = join(context.dataDir, `workbook-${rows}-exceljs.xlsx`);
  if (existsSync(book)) return book;
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: book,
    useSharedStrings: true,
    useStyles: true,
  });
  const sheet = writer.addWorksheet('Contacts');
  const headers = clientTether.fields.map((f) => f.header);
  sheet.addRow(headers).commit();
  const email = headers.indexOf('email');
  const phones = [headers.indexOf('phone'), headers.indexOf('second_Phone')];
  const block = generateContacts(Math.min(rows, 100_000), { seed: 31, errorRate: 0 }).rows;
  for (let n = 0; n < rows; n++) {
    const row = [...block[n % block.length]];
    row[email] = `contact${n}@example.com`;
    for (const c of phones) if (row[c]) row[c] = `${2 + (n % 8)}${String(n).padStart(9, '0')}`;
    sheet.addRow(row).commit();
  }
  sheet.commit();
  await writer.commit();
  return book;
}

const ratioLine = (name: string, ours: Figures, theirs: Figures | undefined) => {
  if (!theirs) return `  ${name}: not measured`;
  const wall = theirs.wallMs / ours.wallMs;
  const cpu = theirs.cpuMs / ours.cpuMs;
  return (
    `  ${name}: ${fmt(theirs.wallMs / 1000, 2)} s wall, ${fmt(theirs.cpuMs / 1000, 2)} s CPU, peak ${fmt(theirs.peakMb)} MB; ` +
    `ListPrep faster by ${wall.toFixed(2)}× wall, ${cpu.toFixed(2)}× CPU (target ≥ 3×: ${wall >= 3 && cpu >= 3 ? 'met' : wall >= 3 || cpu >= 3 ? 'met in one of the two' : 'NOT met'})`
  );
};

async function compareReaders(context: BenchContext, rows: number): Promise<void> {
  const sheetJs = sheetJsModule();
  if (!sheetJs) {
    context.report(
      'SheetJS: not installed (LISTPREP_BENCH_SHEETJS unset or not found); its column is left out',
    );
  }
  for (const [what, file] of [
    ['template workbook from listprep export (inline strings)', await templateWorkbook(context, rows)],
    ['workbook written by exceljs (shared strings)', await otherToolWorkbook(context, rows)],
  ] as const) {
    const readers: Reader[] = [
      { name: 'listprep check', args: [bin, 'check', file], exit: 0 },
      { name: 'exceljs streaming reader', args: ['-e', exceljsStreamRead, file], exit: 0 },
      ...(sheetJs
        ? [{ name: 'SheetJS readFile + sheet_to_json', args: ['-e', sheetJsRead(sheetJs), file], exit: 0 }]
        : []),
    ];
    const figures = await sideBySide(readers, 3);
    const ours = figures.get('listprep check')!;
    context.report(
      `${fmt(rows)} rows, ${what}, ${fmt(statSync(file).size / 1e6, 1)} MB; medians of 3, taken in turn:`,
    );
    context.report(
      `  listprep check (reads, maps, validates): ${fmt(ours.wallMs / 1000, 2)} s wall, ${fmt(ours.cpuMs / 1000, 2)} s CPU, peak ${fmt(ours.peakMb)} MB`,
    );
    context.report(
      ratioLine('exceljs streaming reader (reads only)', ours, figures.get('exceljs streaming reader')),
    );
    if (sheetJs)
      context.report(
        ratioLine('SheetJS (reads only)', ours, figures.get('SheetJS readFile + sheet_to_json')),
      );
    const fflate = await measure([bin, 'check', file], { LISTPREP_INFLATER: 'fflate' });
    context.report(
      `  listprep check with fflate's inflater instead of Node's zlib: ${fmt(fflate.wallMs / 1000, 2)} s wall, ${fmt(fflate.cpuMs / 1000, 2)} s CPU (1 run)`,
    );
  }
}

/** Time to the first data rows of a workbook, in this process: what the preview waits for. */
async function firstRowsMs(file: string): Promise<number> {
  const handle = await open(file);
  try {
    const { size } = await handle.stat();
    const start = performance.now();
    const outcome = await readSheet(
      {
        size,
        async read(offset, length) {
          const buffer = new Uint8Array(Math.max(0, Math.min(length, size - offset)));
          await handle.read(buffer, 0, buffer.length, offset);
          return buffer;
        },
      },
      { limit: 20, inflater: zlibInflater },
    );
    if (!outcome.ok) throw new Error(outcome.error.message);
    return performance.now() - start;
  } finally {
    await handle.close();
  }
}

async function millionRows(context: BenchContext, rows: number): Promise<void> {
  const file = await templateWorkbook(context, rows);
  context.report(
    `${fmt(rows)} rows, template workbook from listprep export: ${fmt(statSync(file).size / 1e6)} MB`,
  );
  const check = await measure([bin, 'check', file]);
  if (check.code !== 0) throw new Error(`listprep check exited ${check.code}: ${check.stderr.slice(0, 500)}`);
  context.report(
    `  listprep check: ${fmt(check.wallMs / 1000, 1)} s wall, ${fmt(check.cpuMs / 1000, 1)} s CPU, peak ${fmt(check.peakMb)} MB (target < 600 MB: ${check.peakMb < 600 ? 'met' : 'NOT met'})`,
  );
  // The same command on a two-line CSV: what starting Node and the CLI costs, whatever the file.
  const tiny = join(context.dataDir, 'workbook-start-up.csv');
  writeFileSync(tiny, `${clientTether.fields.map((f) => f.header).join(',')}\nAnn\n`);
  const previews: number[] = [];
  const startUps: number[] = [];
  const firsts: number[] = [];
  for (let i = 0; i < 3; i++) {
    const preview = await measure([bin, 'preview', file, '--limit', '2']);
    if (preview.code !== 0) throw new Error(`listprep preview exited ${preview.code}`);
    previews.push(preview.wallMs);
    startUps.push((await measure([bin, 'preview', tiny, '--limit', '2'])).wallMs);
    firsts.push(await firstRowsMs(file));
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[1];
  context.report(
    `  listprep preview --limit 2, the whole process: ${fmt(median(previews))} ms (the same on a two-line CSV: ${fmt(median(startUps))} ms); the first 20 rows read in-process: ${fmt(median(firsts))} ms; medians of 3 (target < 1 s: ${median(previews) < 1000 ? 'met' : 'NOT met'})`,
  );
}

async function inTheApp(context: BenchContext, rows: number): Promise<void> {
  const file = await templateWorkbook(context, rows);
  const server = await serveApp(await buildApp());
  const browser = await launchBrowser();
  try {
    const page = await browser.context.newPage();
    await observeLongTasks(page);
    const opened = await openInBrowser(page, server.url, file, 1_800_000);
    const long = await takeLongTasks(page);
    context.report(
      `Chromium, ${fmt(rows)}-row workbook: preview and mapping on screen after ${fmt(opened.previewMs / 1000, 1)} s while reading went on (target for the first rows < 1 s: ${opened.previewMs < 1000 ? 'met' : 'NOT met'}); grid after ${fmt(opened.totalMs / 1000, 1)} s (read and validated in ${fmt(opened.readMs / 1000, 1)} s); progress shown: ${opened.progress.slice(0, 3).join(' | ')} … ${opened.progress.at(-1) ?? ''}`,
    );
    context.report(
      `  long tasks on the UI thread while opening: ${long.length}, longest ${fmt(Math.max(0, ...long))} ms`,
    );
    const memory = rendererMemory();
    if (memory)
      context.report(
        `  memory of the page's renderer process (page and worker) with the workbook open: ${fmt(memory.rssMb)} MB now, peak ${fmt(memory.peakMb)} MB`,
      );
  } finally {
    await browser.close();
    await server.close();
  }
}

const parts = ['readers', 'million', 'app', 'app-million'] as const;

/**
 * The parts to run: all of them, or those named in LISTPREP_BENCH_WORKBOOK (comma-separated), since the
 * whole module takes well over the few minutes a shared machine allows one bench.
 */
function chosenParts(): ReadonlySet<string> {
  const named = process.env.LISTPREP_BENCH_WORKBOOK?.split(',').map((p) => p.trim());
  if (!named) return new Set(parts);
  const unknown = named.filter((p) => !(parts as readonly string[]).includes(p));
  if (unknown.length)
    throw new Error(`LISTPREP_BENCH_WORKBOOK: no part ${unknown.join(', ')} (${parts.join(', ')})`);
  return new Set(named);
}

const bench: BenchModule = {
  title: 'Excel workbooks: check against SheetJS and exceljs, a million rows, the app (issue 15)',
  async run(context) {
    const rows = context.quick ? 20_000 : 100_000;
    const big = context.quick ? 100_000 : 1_000_000;
    const chosen = chosenParts();
    if (chosen.has('readers')) await compareReaders(context, rows);
    if (chosen.has('million')) await millionRows(context, big);
    if (chosen.has('app')) await inTheApp(context, rows);
    if (chosen.has('app-million')) await inTheApp(context, big);
  },
};

export default bench;
