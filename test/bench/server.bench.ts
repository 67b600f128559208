import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import pg from 'pg';
import {
  apiPaths,
  fileNameHeader,
  type ImportJob,
  importJobResponseSchema,
  lookupsResponseSchema,
  uploadResponseSchema,
} from '../../shared/api';
import { clientTether } from '../../shared/template';
import type { ResolvedColumns } from '../../server/imports/columns';
import { keysOf, rolesOf, rowReader } from '../../server/imports/contact-state';
import type { DemoSeed } from '../../server/demo/seed-demo';
import type { ServerProcess } from '../../server/testing/server-process';
import { type DbVariant, dbVariants, testDatabaseUrl } from '../../server/testing/test-databases';
import { startTestServer, type Tenant, type TestServer } from '../../server/testing/test-server';
import { generateContacts, toCsv, toCsvLine } from '../fixtures/generate-contacts';
import { type BenchContext, type BenchModule, fmt, verdict } from './context';

// The import server under load, over real HTTP. Figures are printed, never asserted. Every scenario speaks
// only HTTP and the test-server helpers, so the same file measures an older server ("today's" figures).

type Report = (line: string) => void;

/**
 * Today's figures, printed beside this run's: what issue 17 measured on the server as it was when filed (same
 * scenarios over HTTP, PGlite and PostgreSQL 15). A line that cannot be compared says what happened instead.
 */
const asFiled = {
  posts:
    '9 POSTs hung on PostgreSQL, then GET /v1/me hung for every account until the process was killed; ' +
    "on PGlite one account's 100,000-row import stalled other accounts' requests for up to 38 s",
  clients: '20 clients importing at once locked PostgreSQL up in 2 of 2 runs',
  repeated:
    'the second 20,000-row import into a new account spent 46.8 s matching on PostgreSQL (0.34 s after ANALYZE)',
  headers: '33 s (distinctHeaders quadratic, before the 500-column limit)',
  uploads:
    'a 39 MB CSV on PGlite stalled other accounts for up to 38 s (memory 0.67 to 3.6 GB); a 16 MB workbook ' +
    'on PostgreSQL took 1.16 GB and left the server unresponsive for 14 s, three at once 2.7 GB',
} as const;

const filedLine = (name: string, what: keyof typeof asFiled) =>
  `${name}:   issue 17 as filed: ${asFiled[what]}`;

/** Valid contacts in all 43 template columns, unique emails and phones; ID columns left empty (lookups differ). */
function contacts(count: number, start = 0): { headers: string[]; rows: string[][] } {
  const { headers, rows } = generateContacts(count, { seed: 7 + start, errorRate: 0, firstRow: start });
  const idCols = clientTether.fields.flatMap((f, i) => (f.kind === 'idRef' ? [i] : []));
  for (const row of rows) for (const c of idCols) row[c] = '';
  return { headers: [...headers], rows };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];

type Answer = { status: number; ms: number; body: unknown; retryAfter: number | null };

/** One request with a deadline: status 0 when no answer came in time (a hang, as a client sees it). */
async function call(url: string, init: RequestInit & { key?: string }, timeoutMs = 120_000): Promise<Answer> {
  const start = performance.now();
  const headers: Record<string, string> = { ...(init.headers as Record<string, string>) };
  if (init.key) headers.authorization = `Bearer ${init.key}`;
  try {
    const response = await fetch(url, { ...init, headers, signal: AbortSignal.timeout(timeoutMs) });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON (a results file, say).
    }
    const retry = response.headers.get('retry-after');
    return {
      status: response.status,
      ms: performance.now() - start,
      body,
      retryAfter: retry ? Number(retry) : null,
    };
  } catch {
    return { status: 0, ms: performance.now() - start, body: null, retryAfter: null };
  }
}

/** Follows a job to its end, as a polite client: every 100 ms, waiting as told on 429 and 503. */
async function waitForJob(
  base: string,
  key: string,
  accountId: string,
  importId: string,
  giveUpMs = 30 * 60_000,
) {
  const start = performance.now();
  for (;;) {
    const answer = await call(`${base}${apiPaths.importJob(accountId, importId)}`, { method: 'GET', key });
    if (answer.status === 200) {
      const { job } = importJobResponseSchema.parse(answer.body);
      if (job.status !== 'queued' && job.status !== 'processing') return job;
    } else if (answer.status !== 429 && answer.status !== 503 && answer.status !== 0) {
      throw new Error(`polling import ${importId}: HTTP ${answer.status} ${JSON.stringify(answer.body)}`);
    }
    if (performance.now() - start > giveUpMs) return null;
    await sleep(answer.retryAfter ? answer.retryAfter * 1000 : 100);
  }
}

/** Starts an import of JSON rows; the answer's job. */
async function startImport(
  base: string,
  key: string,
  accountId: string,
  body: string,
): Promise<{ answer: Answer; job: ImportJob | null }> {
  const answer = await call(`${base}${apiPaths.imports(accountId)}`, {
    method: 'POST',
    key,
    body,
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
  });
  return { answer, job: answer.status === 202 ? importJobResponseSchema.parse(answer.body).job : null };
}

const rowsBody = (headers: string[], rows: string[][], options: Record<string, unknown> = {}) =>
  JSON.stringify({
    source: { kind: 'rows', name: 'bench.csv', headers, rows },
    options: { complianceConfirmed: true, ...options },
  });

/**
 * Asks `GET /v1/me` over and over, one at a time, until `stop` says so: what a person on another account sees
 * while something heavy runs. Latencies in milliseconds; a request that gets no answer in 60 s counts as 60 s.
 */
function pollMe(base: string, key: string): { stop: () => Promise<number[]> } {
  const times: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const answer = await call(`${base}${apiPaths.me()}`, { method: 'GET', key }, 60_000);
      times.push(answer.status === 200 ? answer.ms : Math.max(answer.ms, 60_000));
      await sleep(20);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return times.sort((a, b) => a - b);
    },
  };
}

const meLine = (times: number[]) =>
  `GET /v1/me of another account: ${times.length} answers, p50 ${fmt(percentile(times, 50))} ms, p99 ${fmt(percentile(times, 99))} ms, max ${fmt(times[times.length - 1] ?? 0)} ms`;

function statusCounts(answers: Answer[]): string {
  const counts = new Map<number, number>();
  for (const a of answers) counts.set(a.status, (counts.get(a.status) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([status, n]) => `${n}×${status === 0 ? 'no answer' : status}`)
    .join(', ');
}

type BareInsert = { totalMs: number; databaseMs: number };

/**
 * The same rows straight into the same contacts table: from the rows in memory (string[][]) to committed,
 * one INSERT … SELECT of 5,000 rows at a time in one transaction, the row objects built by the import's own
 * fast reader. `databaseMs` is the part spent in the database alone, the strictest floor there is.
 */
async function bareInsert(
  server: TestServer,
  accountId: number,
  rows: string[][],
  headers: string[],
): Promise<BareInsert> {
  const columns: ResolvedColumns = {
    headers,
    targets: clientTether.fields.map((field) => ({ kind: 'field', field })),
    validatorColumns: clientTether.fields,
  };
  const read = rowReader(columns);
  const roles = rolesOf(clientTether);
  let databaseMs = 0;
  const start = performance.now();
  await server.server.db.transaction(async (tx) => {
    for (let at = 0; at < rows.length; at += 5_000) {
      const batch = rows.slice(at, at + 5_000).map((row) => {
        const { fields } = read(row);
        const keys = keysOf(roles, fields);
        return {
          fields,
          email_key: keys.emailKey,
          phone_key: keys.phoneKey,
          name_key: keys.nameKey,
          external_id: keys.externalId,
        };
      });
      const json = JSON.stringify(batch);
      const sent = performance.now();
      await tx.query(
        `INSERT INTO contacts (account_id, fields, email_key, phone_key, name_key, external_id)
         SELECT $1, jsonb_strip_nulls(fields), email_key, phone_key, name_key, external_id
           FROM jsonb_to_recordset($2::jsonb) AS x(fields jsonb, email_key text, phone_key text, name_key text, external_id text)`,
        [accountId, json],
      );
      databaseMs += performance.now() - sent;
    }
  });
  return { totalMs: performance.now() - start, databaseMs };
}

/** A 100,000-row import against a bare bulk insert of the same rows (medians of three). */
async function importAgainstBare(server: TestServer, name: string, rowCount: number, report: Report) {
  const { headers, rows } = contacts(rowCount);
  const body = (actionPlanId: string | null) => rowsBody(headers, rows, { actionPlanId });
  const importMs = async (t: Tenant, account: string, actionPlanId: string | null) => {
    const start = performance.now();
    const { answer, job } = await startImport(server.url, keyOf(t), account, body(actionPlanId));
    if (!job) throw new Error(`import refused: ${JSON.stringify(answer.body).slice(0, 500)}`);
    const done = await waitForJob(server.url, keyOf(t), account, job.id);
    const ms = performance.now() - start;
    if (done?.status !== 'completed') throw new Error(`import ${done?.status}: ${done?.reason}`);
    return {
      ms,
      jobMs: Date.parse(done.finishedAt ?? '') - Date.parse(done.startedAt ?? ''),
      actions: done.counts?.pendingActions ?? 0,
    };
  };
  // Rounds of (bare insert, import) alternate, the bare insert first into the smaller table, and medians
  // are compared: the machine is shared, and a single pair is at the mercy of whatever else runs.
  const rounds = 3;
  const imports: number[] = [];
  const jobs: number[] = [];
  const bares: number[] = [];
  const databases: number[] = [];
  let actions = 0;
  for (let round = 0; round < rounds; round++) {
    const bare = await bareInsert(server, Number((await server.tenant()).northId), rows, headers);
    bares.push(bare.totalMs);
    databases.push(bare.databaseMs);
    const t = await server.tenant();
    const run = await importMs(t, t.northId, null);
    imports.push(run.ms);
    jobs.push(run.jobMs);
    actions = run.actions;
  }
  const ratio = median(imports) / median(bares);
  report(
    `${name}: import ${fmt(rowCount)} rows into the Default Action Plan (${fmt(actions)} pending actions), ` +
      `median of ${rounds}: ${fmt(median(imports))} ms end to end over HTTP (${fmt(rowCount / (median(imports) / 1000))} rows/s; ` +
      `the job itself ${fmt(median(jobs))} ms)`,
  );
  report(
    `${name}: bare bulk insert of the same rows, median of ${rounds}: ${fmt(median(bares))} ms ` +
      `(${fmt(rowCount / (median(bares) / 1000))} rows/s); import / bare = ${verdict(ratio, '≤ 3×', ratio <= 3)}; ` +
      `against the bare insert's database time alone (${fmt(median(databases))} ms): ${(median(imports) / median(databases)).toFixed(2)}×`,
  );
  const quietTenant = await server.tenant();
  const quiet = lookupsResponseSchema
    .parse((await quietTenant.south.get(apiPaths.lookups(quietTenant.southId))).body)
    .actionPlans.find((p) => p.steps.length === 0)!;
  const quietRun = await importMs(quietTenant, quietTenant.southId, quiet.id);
  report(
    `${name}: the same import into a quiet plan (no pending actions), once: ${fmt(quietRun.ms)} ms ` +
      `(${(quietRun.ms / median(bares)).toFixed(2)}× the bare insert)`,
  );
}

/** The enterprise key of a tenant: it reaches both sub-accounts. */
const keyOf = (t: Tenant) => t.seed.enterprise.apiKey;

/**
 * Many customers at once, two imports per account whose emails overlap by half: each uploads its own 1,000-row
 * file, imports it and waits. Afterwards every account must hold each email exactly once.
 */
async function manyClients(server: TestServer, name: string, clients: number, report: Report) {
  const tenants = await Promise.all(Array.from({ length: Math.ceil(clients / 4) }, () => server.tenant()));
  const accounts = tenants.flatMap((t) => [
    { key: t.seed.subAccounts[0].apiKey, id: t.northId },
    { key: t.seed.subAccounts[1].apiKey, id: t.southId },
  ]);
  const runs = Array.from({ length: clients }, (_, i) => {
    const account = accounts[Math.floor(i / 2) % accounts.length];
    // The second import of an account repeats the last 500 emails of the first and adds 500 new ones.
    const start = 1_000_000 + Math.floor(i / 2) * 10_000 + (i % 2) * 500;
    const part = contacts(1_000, start);
    return { account, csv: toCsv(part.headers, part.rows), i };
  });
  const wallStart = performance.now();
  const results = await Promise.all(
    runs.map(async ({ account, csv, i }) => {
      const start = performance.now();
      const uploaded = await call(`${server.url}${apiPaths.uploads(account.id)}`, {
        method: 'POST',
        key: account.key,
        body: csv,
        headers: { 'content-type': 'text/csv', [fileNameHeader]: `client-${i}.csv` },
      });
      if (uploaded.status !== 201)
        return { ms: performance.now() - start, ok: false, status: uploaded.status };
      const { upload } = uploadResponseSchema.parse(uploaded.body);
      const started = await startImport(
        server.url,
        account.key,
        account.id,
        JSON.stringify({
          source: { kind: 'upload', uploadId: upload.id },
          options: { complianceConfirmed: true },
        }),
      );
      if (!started.job) return { ms: performance.now() - start, ok: false, status: started.answer.status };
      const job = await waitForJob(server.url, account.key, account.id, started.job.id);
      return { ms: performance.now() - start, ok: job?.status === 'completed', status: 202 };
    }),
  );
  const wallMs = performance.now() - wallStart;
  const times = results.map((r) => r.ms).sort((a, b) => a - b);
  const succeeded = results.filter((r) => r.ok).length;
  const used = [...new Set(runs.map((r) => r.account.id))];
  const { rows } = await server.server.db.query<{ contacts: number; emails: number }>(
    `SELECT count(*)::int AS contacts, count(DISTINCT (account_id, email_key))::int AS emails
       FROM contacts WHERE account_id IN (SELECT jsonb_array_elements_text($1::jsonb)::bigint)`,
    [JSON.stringify(used)],
  );
  report(
    `${name}: ${clients} clients × 1,000-row CSV (upload + import + wait) at once, 2 per account with half the emails shared: ` +
      `${succeeded}/${clients} succeeded; p50 ${fmt(percentile(times, 50))} ms, p99 ${fmt(percentile(times, 99))} ms, ` +
      `all done in ${fmt(wallMs)} ms; ${fmt(rows[0].contacts)} contacts for ${fmt(rows[0].emails)} distinct emails ` +
      `(${rows[0].contacts === rows[0].emails ? 'no duplicate' : 'DUPLICATES'})`,
  );
  report(filedLine(name, 'clients'));
}

/**
 * Ten 20,000-row imports, one after the other, into one fresh account of a table that already holds other
 * accounts' contacts, with statistics taken before the account had any: what made matching 100× slower.
 */
async function repeatedImports(server: TestServer, name: string, rowCount: number, report: Report) {
  await server.server.db.exec('ANALYZE');
  const t = await server.tenant();
  const key = t.seed.subAccounts[0].apiKey;
  const times: number[] = [];
  const giveUpMs = 180_000;
  for (let i = 0; i < 10; i++) {
    const { headers, rows } = contacts(rowCount, 2_000_000 + i * rowCount);
    const { job } = await startImport(server.url, key, t.northId, rowsBody(headers, rows));
    if (!job) throw new Error('import refused');
    const done = await waitForJob(server.url, key, t.northId, job.id, giveUpMs);
    if (!done) {
      report(
        `${name}: import ${i + 1} of ${fmt(rowCount)} rows into the same account gave no result in ${fmt(giveUpMs)} ms; stopped`,
      );
      break;
    }
    if (done.status !== 'completed') throw new Error(`import ${done.status}: ${done.reason}`);
    times.push(Date.parse(done.finishedAt ?? '') - Date.parse(done.startedAt ?? ''));
  }
  const at = (n: number) => (times[n - 1] === undefined ? 'n/a' : `${fmt(times[n - 1])} ms`);
  const ratio = (n: number) =>
    times[n - 1] === undefined
      ? 'n/a'
      : verdict(times[n - 1] / times[0], '≤ 1.5×', times[n - 1] / times[0] <= 1.5);
  report(
    `${name}: ${fmt(rowCount)}-row imports one after another into one fresh account (job time): first ${at(1)}, ` +
      `second ${at(2)} (${ratio(2)}), tenth ${at(10)} (${ratio(10)})`,
  );
  report(filedLine(name, 'repeated'));
}

/** A 40 KB CSV whose header is 20,000 times the same name: refused (too many columns), and how fast. */
async function identicalHeaders(server: TestServer, name: string, report: Report) {
  const t = await server.tenant();
  const csv = `${new Array(20_000).fill('Phone').join(',')}\n${new Array(20_000).fill('1').join(',')}\n`;
  const times: number[] = [];
  let status = 0;
  for (let run = 0; run < 3; run++) {
    const answer = await call(`${server.url}${apiPaths.uploads(t.northId)}`, {
      method: 'POST',
      key: t.seed.subAccounts[0].apiKey,
      body: csv,
      headers: { 'content-type': 'text/csv', [fileNameHeader]: 'wide.csv' },
    });
    status = answer.status;
    times.push(answer.ms);
    if (answer.ms > 10_000) break;
  }
  const ms = median(times);
  report(
    `${name}: upload of ${fmt(csv.length / 1024)} KB with 20,000 identical header cells: HTTP ${status} in ${fmt(ms, 1)} ms ` +
      `(median of ${times.length}; ${verdict(ms / 100, '≤ 1× of 100 ms', ms <= 100)})`,
  );
  report(filedLine(name, 'headers'));
}

/**
 * An account imports 100,000 rows; while it writes, 50 requests come for that same account at once (25 new
 * imports, 25 uploads) and another account keeps asking who it is. Every one must get an answer (or 429/503).
 */
async function postsDuringImport(
  server: TestServer,
  name: string,
  rowCount: number,
  posts: number,
  report: Report,
) {
  const t = await server.tenant();
  const other = await server.tenant();
  const key = t.seed.subAccounts[0].apiKey;
  const { headers, rows } = contacts(rowCount, 3_000_000);
  const body = rowsBody(headers, rows);
  const me = pollMe(server.url, other.seed.subAccounts[0].apiKey);
  const importStart = performance.now();
  const { job } = await startImport(server.url, key, t.northId, body);
  if (!job) throw new Error('the big import was refused');
  // Wait until it is past validation (matching or writing), then send the burst.
  for (;;) {
    const answer = await call(`${server.url}${apiPaths.importJob(t.northId, job.id)}`, {
      method: 'GET',
      key,
    });
    if (answer.status === 200) {
      const current = importJobResponseSchema.parse(answer.body).job;
      if (current.status !== 'queued' && current.status !== 'processing') break;
      if (current.progress.phase === 'matching' || current.progress.phase === 'writing') break;
    }
    await sleep(50);
  }
  const small = contacts(10, 4_000_000);
  const csv = toCsv(small.headers, small.rows);
  const burst = await Promise.all(
    Array.from({ length: posts }, (_, i) =>
      i % 2 === 0
        ? call(`${server.url}${apiPaths.imports(t.northId)}`, {
            method: 'POST',
            key,
            body: rowsBody(small.headers, contacts(10, 5_000_000 + i * 10).rows),
            headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
          })
        : call(`${server.url}${apiPaths.uploads(t.northId)}`, {
            method: 'POST',
            key,
            body: csv,
            headers: { 'content-type': 'text/csv', [fileNameHeader]: 'burst.csv' },
          }),
    ),
  );
  const done = await waitForJob(server.url, key, t.northId, job.id);
  const importMs = performance.now() - importStart;
  const times = await me.stop();
  const slowest = Math.max(...burst.map((a) => a.ms));
  report(
    `${name}: ${posts} POSTs to an account while it imports ${fmt(rowCount)} rows (${done?.status}, ${fmt(importMs)} ms): ` +
      `${statusCounts(burst)}; slowest answer ${fmt(slowest)} ms`,
  );
  const p99 = percentile(times, 99);
  report(
    `${name}: during that import, ${meLine(times)} (target p99 < 1 s: ${p99 < 1000 ? 'met' : 'NOT met'})`,
  );
  report(filedLine(name, 'posts'));
}

// ---- Uploads, measured on a server of its own process (its memory is its own) ----

/** The server as people run it: `npm run server` on PGlite in a folder, or on a database of its own. */
async function spawnBenchServer(
  variant: DbVariant,
  dataDir: string,
): Promise<{ server: ServerProcess; seed: DemoSeed; close: () => Promise<void> }> {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const dir = mkdtempSync(join(dataDir, 'server-'));
  let database: string | null = null;
  const env: NodeJS.ProcessEnv = { LISTPREP_LOG_LEVEL: 'warn' };
  if (variant.name === 'postgres' && testDatabaseUrl) {
    database = `listprep_bench_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: testDatabaseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${database}"`);
    await admin.end();
    const url = new URL(testDatabaseUrl);
    url.pathname = `/${database}`;
    env.DATABASE_URL = url.toString();
  }
  const server = await spawnSlowly(['--data-dir', dir, '--demo'], env);
  const seed = JSON.parse(readFileSync(join(dir, 'demo-api-keys.json'), 'utf8')) as DemoSeed;
  return {
    server,
    seed,
    close: async () => {
      server.child.kill('SIGTERM');
      await server.exited;
      if (database) {
        const admin = new pg.Client({ connectionString: testDatabaseUrl ?? '' });
        await admin.connect();
        await admin.query(`DROP DATABASE IF EXISTS "${database}"`);
        await admin.end();
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * `npm run server` as its own process, as server/testing/server-process.ts starts it, but allowed five minutes
 * to start: on a loaded machine a PGlite folder takes more than a minute to create.
 */
async function spawnSlowly(args: string[], env: NodeJS.ProcessEnv): Promise<ServerProcess> {
  const { spawn } = await import('node:child_process');
  const { createInterface } = await import('node:readline');
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', '--port', '0', ...args], {
    cwd: process.cwd(),
    env: { ...process.env, LISTPREP_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const exited = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? String(code))),
  );
  let url: string | null = null;
  let found: (() => void) | null = null;
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      lines.push(line);
      const match = /listening on (http:\/\/\S+)/.exec(line);
      if (match && !url && line.startsWith('ListPrep import server')) {
        url = match[1];
        found?.();
      }
    });
  }
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no server after 5 minutes: ${lines.slice(-5).join(' | ')}`)),
      300_000,
    );
    found = () => {
      clearTimeout(timer);
      resolve();
    };
    void exited.then(() => reject(new Error(`the server exited: ${lines.slice(-5).join(' | ')}`)));
  });
  const waitForLine = (): Promise<string> => Promise.reject(new Error('not used by the bench'));
  return { child, url: url as unknown as string, lines, waitForLine, exited };
}

/** Resident memory of a process now and at its peak, in MB (Linux). */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
  return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
}

/** A CSV of generated contacts of at least `megabytes`, written once into the bench data folder. */
async function csvFile(context: BenchContext, megabytes: number): Promise<Uint8Array> {
  const path = join(context.dataDir, `server-upload-${megabytes}mb.csv`);
  if (!existsSync(path)) {
    const { writeFileSync } = await import('node:fs');
    const parts: string[] = [];
    let size = 0;
    for (let first = 0; size < megabytes * 1024 * 1024; first += 10_000) {
      const part = contacts(10_000, 6_000_000 + first);
      const text = `${(first === 0 ? [part.headers, ...part.rows] : part.rows).map(toCsvLine).join('\r\n')}\r\n`;
      parts.push(text);
      size += Buffer.byteLength(text);
    }
    writeFileSync(path, parts.join(''));
  }
  return new Uint8Array(readFileSync(path));
}

/** A workbook of generated contacts of about `megabytes`, written once into the bench data folder. */
async function workbookFile(context: BenchContext, megabytes: number): Promise<Uint8Array> {
  const path = join(context.dataDir, `server-upload-${megabytes}mb.xlsx`);
  if (!existsSync(path)) {
    // About 240 bytes a row once zipped: write that many rows, in a streaming writer.
    const rowsWanted = Math.round((megabytes * 1024 * 1024) / 240);
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false });
    const sheet = book.addWorksheet('Contacts');
    for (let first = 0; first < rowsWanted; first += 10_000) {
      const part = contacts(Math.min(10_000, rowsWanted - first), 7_000_000 + first);
      if (first === 0) sheet.addRow(part.headers).commit();
      for (const row of part.rows) sheet.addRow(row).commit();
    }
    await book.commit();
  }
  return new Uint8Array(readFileSync(path));
}

/** Big files uploaded to one account while another account keeps asking who it is: time, memory, stalls. */
async function uploads(context: BenchContext, variant: DbVariant, report: Report, kind: 'csv' | 'workbook') {
  type Case = { label: string; bytes: Uint8Array; type: string; copies: number };
  const cases: Case[] = [];
  if (kind === 'csv') {
    const csv = await csvFile(context, context.quick ? 4 : 39);
    cases.push({
      label: `${fmt(csv.length / 1024 / 1024, 1)} MB CSV`,
      bytes: csv,
      type: 'text/csv',
      copies: 1,
    });
  } else {
    // 12 MB: this generator's workbooks unpack to about 7 times their size, and the codec refuses more than
    // 100 MB unpacked (a 16 MB one is refused in 2 s).
    const xlsx = await workbookFile(context, context.quick ? 2 : 12);
    cases.push(...workbookCases(xlsx));
  }
  for (const c of cases) await uploadCase(context, variant, report, c);
  report(filedLine(variant.name, 'uploads'));
}

function workbookCases(xlsx: Uint8Array) {
  return [
    {
      label: `${fmt(xlsx.length / 1024 / 1024, 1)} MB workbook`,
      bytes: xlsx,
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      copies: 1,
    },
    {
      label: `three ${fmt(xlsx.length / 1024 / 1024, 1)} MB workbooks at once`,
      bytes: xlsx,
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      copies: 3,
    },
  ];
}

/** One upload case on a server of its own (its peak memory is this case's). */
async function uploadCase(
  context: BenchContext,
  variant: DbVariant,
  report: Report,
  c: { label: string; bytes: Uint8Array; type: string; copies: number },
) {
  {
    const spawned = await spawnBenchServer(variant, context.dataDir);
    try {
      const { server, seed } = spawned;
      const north = seed.subAccounts[0];
      const south = seed.subAccounts[1];
      const pid = server.child.pid ?? 0;
      await call(`${server.url}${apiPaths.me()}`, { method: 'GET', key: south.apiKey });
      const before = memoryOf(pid);
      const me = pollMe(server.url, south.apiKey);
      await sleep(200);
      const answers = await Promise.all(
        Array.from({ length: c.copies }, () =>
          call(
            `${server.url}${apiPaths.uploads(String(north.accountId))}`,
            {
              method: 'POST',
              key: north.apiKey,
              body: c.bytes as Uint8Array<ArrayBuffer>,
              headers: { 'content-type': c.type, [fileNameHeader]: 'big' },
            },
            10 * 60_000,
          ),
        ),
      );
      await sleep(200);
      const times = await me.stop();
      const after = memoryOf(pid);
      const rowsRead = answers
        .map((a) => (a.status === 201 ? uploadResponseSchema.parse(a.body).upload.rowCount : null))
        .filter((n) => n !== null);
      report(
        `${variant.name}: upload of ${c.label}: ${statusCounts(answers)} in ${fmt(Math.max(...answers.map((a) => a.ms)))} ms` +
          `${rowsRead.length ? ` (${fmt(rowsRead[0] ?? 0)} rows)` : ''}; server memory ${fmt(before.rss)} MB before, ` +
          `peak ${fmt(after.peak)} MB; ${meLine(times)}`,
      );
    } finally {
      await spawned.close();
    }
  }
}

/** `BENCH_SERVER_SCENARIOS=uploads,headers` runs only those (names below); all of them by default. */
const chosen = (process.env.BENCH_SERVER_SCENARIOS ?? '').split(',').filter(Boolean);
/** `BENCH_SERVER_ENGINES=postgres` runs on that engine only; every engine there is by default. */
const engines = (process.env.BENCH_SERVER_ENGINES ?? '').split(',').filter(Boolean);

/** Runs one scenario; a failure is a figure too (and the next scenario still runs). */
async function scenario(report: Report, name: string, what: string, run: () => Promise<void>) {
  if (chosen.length && !chosen.some((c) => what.includes(c))) return;
  try {
    await run();
  } catch (error) {
    report(`${name}: ${what} FAILED: ${(error as Error).message.slice(0, 300)}`);
  }
}

async function benchVariant(context: BenchContext, variant: DbVariant) {
  const { report, quick } = context;
  const big = quick ? 10_000 : 100_000;
  const name = variant.name;
  {
    const server = await startTestServer(variant);
    try {
      await scenario(report, name, 'import against a bare insert', () =>
        importAgainstBare(server, name, big, report),
      );
      await scenario(report, name, 'many clients', () => manyClients(server, name, quick ? 6 : 20, report));
      await scenario(report, name, 'repeated imports', () =>
        repeatedImports(server, name, quick ? 2_000 : 20_000, report),
      );
    } finally {
      await server.close();
    }
  }
  {
    const server = await startTestServer(variant);
    try {
      await scenario(report, name, 'identical headers', () => identicalHeaders(server, name, report));
      await scenario(report, name, 'POSTs during an import', () =>
        postsDuringImport(server, name, big, quick ? 10 : 50, report),
      );
    } finally {
      await server.close();
    }
  }
  await scenario(report, name, 'CSV upload', () => uploads(context, variant, report, 'csv'));
  await scenario(report, name, 'workbook uploads', () => uploads(context, variant, report, 'workbook'));
}

const bench: BenchModule = {
  title:
    'Import server under load: 100,000-row import against a bare insert; 20 clients at once; repeated imports; ' +
    '20,000 identical headers; 50 POSTs during an import; big uploads',
  async run(context) {
    const variants = dbVariants();
    for (const variant of variants) {
      if (engines.length === 0 || engines.includes(variant.name)) await benchVariant(context, variant);
    }
    if (!variants.some((v) => v.name === 'postgres')) {
      context.report('postgres: skipped (set LISTPREP_TEST_DATABASE_URL to a PostgreSQL, as .ci/run does)');
    }
  },
};

export default bench;
