import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { clientTether, type FieldDef } from '../../shared/template';
import { checkIsoDate, columnsFromHeaders, SheetValidator } from '../../shared/validate';
import { generateContacts, writeContactsFile } from '../fixtures/generate-contacts';
import { defaultParallelBytes, defaultThreads } from '../../cli/check-parallel';
import { type BenchContext, type BenchModule, fmt, medianMs, verdict } from './context';

// Issue 2's three comparisons: the validator against zod-per-row, `listprep check` against a bare parse,
// and the peak memory of `listprep check` on a million rows.

const optional = (schema: z.ZodType<string, string>) => z.union([z.literal(''), schema]);

/** The naive way: one zod object schema with the same rules, `safeParse` per row as an object. */
function zodSchemaFor(fields: readonly FieldDef[]) {
  const regions = new Set(clientTether.regions.map((r) => r.code));
  const shape: Record<string, z.ZodType<string, string>> = {};
  for (const field of fields) {
    let rule: z.ZodType<string, string>;
    switch (field.kind) {
      case 'text':
      case 'tags':
        rule = z.string().refine((v) => v === v.trim());
        break;
      case 'phone10':
        rule = optional(z.string().regex(/^\d{10}$/));
        break;
      case 'flag01':
        rule = optional(z.enum(['0', '1']));
        break;
      case 'email':
        rule = optional(z.email().max(254));
        break;
      case 'region':
        rule = optional(z.string().refine((v) => regions.has(v)));
        break;
      case 'postal':
        rule = optional(z.string().regex(/^(\d{5}(-\d{4}(-\d{2})?)?|[A-Z]\d[A-Z] \d[A-Z]\d)$/));
        break;
      case 'date':
        rule = optional(z.string().refine((v) => checkIsoDate(v) === 'ok'));
        break;
      case 'whole':
      case 'idRef':
        rule = optional(z.string().regex(/^\d{1,15}$/));
        break;
      case 'choice':
        rule = optional(z.enum((field.choices ?? []).map((c) => c.value) as [string, ...string[]]));
        break;
      default:
        // Kinds ClientTether's template does not use.
        rule = z.string();
    }
    shape[field.header] = field.required ? z.string().trim().min(1).pipe(rule) : rule;
  }
  return z.object(shape);
}

async function compareValidators(context: BenchContext, rowCount: number): Promise<void> {
  const { headers, rows } = generateContacts(rowCount, { seed: 5 });
  const fields = clientTether.fields;
  const columns = columnsFromHeaders(clientTether, headers);
  const cells = rowCount * headers.length;
  const listprepMs = await medianMs(3, () => {
    const validator = new SheetValidator({ template: clientTether, columns });
    for (const row of rows) validator.addRow(row);
    return validator.summary();
  });
  const schema = zodSchemaFor(fields);
  const zodMs = await medianMs(rowCount > 200_000 ? 1 : 3, () => {
    let errors = 0;
    const emails = new Map<string, number>();
    for (const row of rows) {
      const object: Record<string, string> = {};
      for (let c = 0; c < headers.length; c++) object[headers[c]] = row[c];
      const result = schema.safeParse(object);
      if (!result.success) errors += result.error.issues.length;
      const email = object.email.toLowerCase();
      if (email) emails.set(email, (emails.get(email) ?? 0) + 1);
    }
    return errors;
  });
  const ratio = zodMs / listprepMs;
  context.report(
    `validate ${fmt(rowCount)} rows × ${headers.length} cols: ListPrep ${fmt(cells / (listprepMs / 1000))} cells/s ` +
      `(${fmt(listprepMs)} ms), zod safeParse per row ${fmt(cells / (zodMs / 1000))} cells/s (${fmt(zodMs)} ms): ` +
      `ListPrep faster by ${verdict(ratio, '≥ 4×', ratio >= 4)}`,
  );
}

function runNode(args: string[]): { ms: number; stderr: string; status: number | null } {
  const start = performance.now();
  const run = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { ms: performance.now() - start, stderr: run.stderr, status: run.status };
}

async function ensureFile(context: BenchContext, rows: number): Promise<string> {
  const path = join(context.dataDir, `contacts-${rows}.csv`);
  if (!existsSync(path)) await writeContactsFile(path, rows, { seed: 9 });
  return path;
}

async function compareCheckToBareParse(context: BenchContext): Promise<void> {
  const file = await ensureFile(context, 100_000);
  const bareParse = `const Papa = require('papaparse'); const fs = require('node:fs');
    const r = Papa.parse(fs.readFileSync(${JSON.stringify(file)}, 'utf8')); process.stdout.write(String(r.data.length));`;
  const threads = Math.max(2, defaultThreads());
  const times = { check: [] as number[], threaded: [] as number[], parse: [] as number[] };
  // Interleaved, so a burst of load elsewhere on the machine hits all three alike.
  for (let i = 0; i < 5; i++) {
    const check = runNode(['bin/listprep.mjs', 'check', file]);
    if (check.status !== 1) throw new Error(`check exited ${check.status}: ${check.stderr}`);
    times.check.push(check.ms);
    times.threaded.push(runNode(['bin/listprep.mjs', 'check', '--threads', String(threads), file]).ms);
    times.parse.push(runNode(['-e', bareParse]).ms);
  }
  const median = (list: number[]) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)];
  const checkMs = median(times.check);
  const threadedMs = median(times.threaded);
  const parseMs = median(times.parse);
  const ratio = checkMs / parseMs;
  const size = statSync(file).size;
  context.report(
    `listprep check on 100,000 rows (${fmt(size / 1e6, 1)} MB, ${size < defaultParallelBytes ? 'one thread' : `${defaultThreads()} threads`}): ` +
      `${fmt(checkMs)} ms; papaparse parse alone (same file, also a fresh node process): ${fmt(parseMs)} ms: ` +
      `${verdict(ratio, '≤ 1.5×', ratio <= 1.5)}; with --threads ${threads}: ${fmt(threadedMs)} ms (${(threadedMs / parseMs).toFixed(2)}×)`,
  );
}

async function checkPeakMemory(context: BenchContext, rows: number): Promise<void> {
  const file = await ensureFile(context, rows);
  // By default a file this large is split between threads (cli/check-parallel.ts); one thread for comparison.
  for (const threads of [defaultThreads(), 1]) {
    const run = runNode([
      '--import',
      './test/bench/peak-rss.mjs',
      'bin/listprep.mjs',
      'check',
      '--threads',
      String(threads),
      file,
    ]);
    const peakKib = Number(/peak-rss-kib (\d+)/.exec(run.stderr)?.[1]);
    const peakMb = peakKib / 1024;
    context.report(
      `listprep check on ${fmt(rows)} rows (${fmt(statSync(file).size / 1e6)} MB), ${threads} thread${threads > 1 ? 's' : ''}: ` +
        `${fmt(run.ms)} ms, peak RSS ${fmt(peakMb)} MB (target < 600 MB: ${peakMb < 600 ? 'met' : 'NOT met'})`,
    );
  }
}

const bench: BenchModule = {
  title: 'Validator and listprep check (issue 2)',
  async run(context) {
    await compareValidators(context, context.quick ? 10_000 : 100_000);
    if (!context.quick) await compareValidators(context, 1_000_000);
    await compareCheckToBareParse(context);
    await checkPeakMemory(context, context.quick ? 100_000 : 1_000_000);
  },
};
export default bench;
