// Export speed and memory: the streaming template workbook against exceljs's in-memory Workbook API on the
// same rows, and a million-row export through the CLI with its peak memory (getrusage of the child).
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { templateWorkbookChunks } from '../../shared/export';
import { clientTether } from '../../shared/template';
import { generateContacts, toCsvLine } from '../fixtures/generate-contacts';
import { type BenchContext, type BenchModule, fmt, medianMs, verdict } from './context';

const headers = clientTether.fields.map((f) => f.header);
const col = (header: string) => headers.indexOf(header);

function writeOurs(path: string, rows: readonly (readonly string[])[]): number {
  const fd = openSync(path, 'w');
  let bytes = 0;
  try {
    for (const chunk of templateWorkbookChunks({ template: clientTether }, rows)) {
      writeSync(fd, chunk);
      bytes += chunk.length;
    }
  } finally {
    closeSync(fd);
  }
  return bytes;
}

/** The same sheet built the usual way: header notes, bold frozen header, text columns, list dropdowns. */
async function writeWithExcelJs(path: string, rows: readonly (readonly string[])[]): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(clientTether.sheets[0], { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = clientTether.fields.map((f) => ({ header: f.header, width: 14, style: { numFmt: '@' } }));
  clientTether.fields.forEach((field, i) => {
    sheet.getRow(1).getCell(i + 1).note = field.hint.en;
  });
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow([...row]);
  const last = rows.length + 1;
  clientTether.fields.forEach((field, i) => {
    if (!field.choices) return;
    const letter = sheet.getColumn(i + 1).letter;
    // exceljs's typings lack the range form of `add`; it exists at runtime.
    (
      sheet as unknown as { dataValidations: { add: (range: string, v: ExcelJS.DataValidation) => void } }
    ).dataValidations.add(`${letter}2:${letter}${last}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`"${field.choices.map((c) => c.value).join(',')}"`],
    });
  });
  for (const name of clientTether.sheets.slice(1)) workbook.addWorksheet(name);
  await workbook.xlsx.writeFile(path);
}

/** A CSV of `count` valid rows, written in blocks so the bench itself stays small. */
export function writeBigCsv(path: string, count: number): void {
  const block = generateContacts(Math.min(count, 100_000), { seed: 31, errorRate: 0 }).rows;
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, `${toCsvLine(headers)}\r\n`);
    const email = col('email');
    const phones = [col('phone'), col('second_Phone')];
    for (let start = 0; start < count; start += block.length) {
      let text = '';
      for (let r = 0; r < block.length && start + r < count; r++) {
        const row = [...block[r]];
        const n = start + r;
        // Unique emails and phones across blocks, or the copies would be (correctly) refused as duplicates.
        row[email] = `contact${n}@example.com`;
        for (const c of phones) if (row[c]) row[c] = `${2 + (n % 8)}${String(n).padStart(9, '0')}`;
        text += `${toCsvLine(row)}\r\n`;
        if (text.length > 1 << 22) {
          writeSync(fd, text);
          text = '';
        }
      }
      writeSync(fd, text);
    }
  } finally {
    closeSync(fd);
  }
}

/** Runs the built CLI in a child process; returns its exit code, wall time and peak RSS (getrusage). */
export function runCli(
  args: readonly string[],
): Promise<{ code: number | null; ms: number; maxRssMb: number; stderr: string }> {
  const bin = join(process.cwd(), 'bin/listprep.mjs');
  const code =
    `process.on('exit', () => process.stderr.write('\\nmaxrss ' + process.resourceUsage().maxRSS + '\\n'));` +
    `process.argv = [process.argv[0], ${JSON.stringify(bin)}, ...${JSON.stringify(args)}];` +
    `await import(${JSON.stringify(bin)});`;
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', code], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', reject);
    child.on('close', (exit) => {
      const kb = Number(/maxrss (\d+)/.exec(stderr)?.[1] ?? Number.NaN);
      resolve({ code: exit, ms: performance.now() - start, maxRssMb: kb / 1024, stderr });
    });
  });
}

async function compareWithExcelJs(context: BenchContext): Promise<void> {
  const count = context.quick ? 10_000 : 100_000;
  const rows = generateContacts(count, { seed: 21, errorRate: 0 }).rows;
  const ours = join(context.dataDir, 'export-ours.xlsx');
  const theirs = join(context.dataDir, 'export-exceljs.xlsx');
  let bytes = 0;
  const oursMs = await medianMs(3, () => {
    bytes = writeOurs(ours, rows);
  });
  const excelMs = await medianMs(1, () => writeWithExcelJs(theirs, rows));
  const ratio = excelMs / oursMs;
  context.report(
    `${fmt(count)} rows to the template workbook: ListPrep ${fmt(oursMs)} ms (median of 3, ${fmt((count / oursMs) * 1000)} rows/s, ${fmt(bytes / 1e6, 1)} MB)`,
  );
  context.report(
    `  exceljs in-memory Workbook ${fmt(excelMs)} ms (1 run, ${fmt(statSync(theirs).size / 1e6, 1)} MB): ListPrep faster by ${verdict(ratio, '≥ 5×', ratio >= 5)}`,
  );
}

async function millionRows(context: BenchContext): Promise<void> {
  const count = context.quick ? 100_000 : 1_000_000;
  const csv = join(context.dataDir, `export-${count}.csv`);
  if (!existsSync(csv)) writeBigCsv(csv, count);
  const limitMb = 1536;
  for (const [what, out, extra] of [
    ['template workbook', join(context.dataDir, `export-${count}.xlsx`), []],
    ['CSV', join(context.dataDir, `export-${count}-out.csv`), ['--bom']],
  ] as const) {
    const run = await runCli(['export', csv, '-o', out, ...extra]);
    if (run.code !== 0) throw new Error(`listprep export failed (${run.code}): ${run.stderr}`);
    context.report(
      `${fmt(count)} rows, listprep export to ${what}: ${fmt(run.ms / 1000, 1)} s, peak RSS ${fmt(run.maxRssMb)} MB (${fmt(statSync(out).size / 1e6, 1)} MB file): ${verdict(run.maxRssMb / limitMb, '≤ 1.00× of 1.5 GB', run.maxRssMb <= limitMb)}`,
    );
  }
  const report = join(context.dataDir, `export-${count}-report.xlsx`);
  const run = await runCli(['report', csv, '-o', report, '--all-rows']);
  if (run.code !== 0) throw new Error(`listprep report failed (${run.code}): ${run.stderr}`);
  context.report(
    `${fmt(count)} rows, listprep report --all-rows: ${fmt(run.ms / 1000, 1)} s, peak RSS ${fmt(run.maxRssMb)} MB: ${verdict(run.maxRssMb / limitMb, '≤ 1.00× of 1.5 GB', run.maxRssMb <= limitMb)}`,
  );
}

const bench: BenchModule = {
  title: 'Export: template workbook vs exceljs, and a million rows through the CLI',
  async run(context) {
    await compareWithExcelJs(context);
    await millionRows(context);
  },
};

export default bench;
