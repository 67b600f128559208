import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { clientTether } from '../../shared/template';
import { columnsFromHeaders, SheetValidator } from '../../shared/validate';
import { generateContacts, toCsvLine } from '../fixtures/generate-contacts';
import { type BenchContext, type BenchModule, fmt, verdict } from './context';

// Issue 16's duplicate groups: rows sharing one email (a placeholder `noemail@company.com`) or one name and
// phone (an office line) must cost about what distinct rows cost, in `listprep check` and in an edit.

type Shape = 'distinct' | 'email' | 'namePhone';

const headers = clientTether.fields.map((f) => f.header);
const col = (header: string) => headers.indexOf(header);

/** Generated contacts, clean, in one of three shapes; written in batches (a million rows never in memory). */
async function ensureFile(context: BenchContext, rows: number, shape: Shape): Promise<string> {
  const path = join(context.dataDir, `duplicates-${shape}-${rows}.csv`);
  if (existsSync(path)) return path;
  const out = createWriteStream(path);
  const write = (text: string) =>
    new Promise<void>((resolve, reject) => out.write(text, (error) => (error ? reject(error) : resolve())));
  await write(`${toCsvLine(headers)}\r\n`);
  for (let first = 0; first < rows; first += 50_000) {
    const batch = generateContacts(Math.min(50_000, rows - first), {
      seed: 16 + first,
      errorRate: 0,
      firstRow: first,
    });
    let text = '';
    for (const row of batch.rows) {
      if (shape === 'email') row[col('email')] = 'noemail@company.com';
      if (shape === 'namePhone') {
        row[col('firstName')] = 'Pat';
        row[col('lastName')] = 'Office';
        row[col('phone')] = '5035550199';
      }
      text += `${toCsvLine(row)}\r\n`;
    }
    await write(text);
  }
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
  return path;
}

/** Wall time of `listprep check FILE` in a fresh process (the way people run it). */
function checkMs(file: string): number {
  const start = performance.now();
  const run = spawnSync(process.execPath, ['bin/listprep.mjs', 'check', file], { encoding: 'utf8' });
  const ms = performance.now() - start;
  if (run.status !== 0 && run.status !== 1) throw new Error(`check exited ${run.status}: ${run.stderr}`);
  return ms;
}

const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];

/** Shared-key files against distinct ones of the same size, runs interleaved so load elsewhere hits both. */
async function compareShapes(context: BenchContext, rows: number, shape: Shape, runs: number): Promise<void> {
  const distinct = await ensureFile(context, rows, 'distinct');
  const shared = await ensureFile(context, rows, shape);
  const times = { distinct: [] as number[], shared: [] as number[] };
  for (let i = 0; i < runs; i++) {
    times.distinct.push(checkMs(distinct));
    times.shared.push(checkMs(shared));
  }
  const ratio = median(times.shared) / median(times.distinct);
  const what = shape === 'email' ? 'sharing one email' : 'with the same name and phone';
  context.report(
    `listprep check, ${fmt(rows)} rows ${what}: ${fmt(median(times.shared))} ms; ${fmt(rows)} distinct rows: ` +
      `${fmt(median(times.distinct))} ms (median of ${runs}): ${verdict(ratio, '< 2×', ratio < 2)}`,
  );
}

/** The issue's series: check time as the shared-email group grows (was 0.5 s, 1.6 s, 11.4 s, > 120 s). */
async function growthSeries(context: BenchContext): Promise<void> {
  const figures: string[] = [];
  let previous = 0;
  for (const rows of [1_000, 2_000, 4_000, 10_000, 100_000]) {
    const file = await ensureFile(context, rows, 'email');
    const ms = median([checkMs(file), checkMs(file), checkMs(file)]);
    figures.push(
      `${fmt(rows)}: ${fmt(ms)} ms${previous ? ` (${(ms / previous).toFixed(1)}× the previous)` : ''}`,
    );
    previous = ms;
  }
  context.report(
    `listprep check, rows sharing one email (median of 3, fresh process each): ${figures.join('; ')}`,
  );
}

/**
 * One edit in a 100,000-row group, at the validator (the app's worker adds its own work on top): a row's
 * email is moved out of the group and back, alternately, on random rows; and a group member's phone changes.
 */
function editInLargeGroup(context: BenchContext): void {
  const rows = 100_000;
  const { rows: data } = generateContacts(rows, { seed: 4, errorRate: 0 });
  const email = col('email');
  const phone = col('phone');
  for (const row of data) row[email] = 'noemail@company.com';
  const validator = new SheetValidator({
    template: clientTether,
    columns: columnsFromHeaders(clientTether, headers),
  });
  for (const row of data) validator.addRow(row);
  const times = { email: [] as number[], phone: [] as number[] };
  let seed = 12345;
  const next = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed % rows;
  };
  const timed = (list: number[], edit: () => void) => {
    const start = performance.now();
    edit();
    list.push(performance.now() - start);
  };
  for (let i = 0; i < 1_000; i++) {
    const r = next();
    const away = [...data[r]];
    away[email] = `moved${i}@company.com`;
    timed(times.email, () => validator.updateCell(r, email, away));
    timed(times.email, () => validator.updateCell(r, email, data[r]));
    const m = next();
    const member = [...data[m]];
    member[phone] = `${2 + (i % 8)}${String(i).padStart(9, '0')}`;
    timed(times.phone, () => validator.updateCell(m, phone, member));
    data[m] = member;
  }
  const p = (list: number[], q: number) => [...list].sort((a, b) => a - b)[Math.floor(list.length * q)];
  const largest = validator.duplicateGroup(0)?.size ?? 0; // the email group, formed first
  context.report(
    `one edit in a ${fmt(largest)}-row email group (validator, 2,000 and 1,000 edits): email out of or into the group ` +
      `p50 ${p(times.email, 0.5).toFixed(3)} ms, p95 ${p(times.email, 0.95).toFixed(3)} ms; a member's phone ` +
      `p50 ${p(times.phone, 0.5).toFixed(3)} ms, p95 ${p(times.phone, 0.95).toFixed(3)} ms ` +
      `(app target < 16 ms p95: ${p(times.email, 0.95) < 16 ? 'met at the validator' : 'NOT met at the validator'})`,
  );
}

const bench: BenchModule = {
  title: 'Duplicate groups (issue 16)',
  async run(context) {
    const large = context.quick ? 100_000 : 1_000_000;
    await compareShapes(context, large, 'email', context.quick ? 3 : 3);
    await compareShapes(context, 100_000, 'namePhone', 3);
    await growthSeries(context);
    editInLargeGroup(context);
  },
};
export default bench;
