import { randomUUID } from 'node:crypto';
import {
  apiPaths,
  type ImportJob,
  importJobResponseSchema,
  lookupsResponseSchema,
  uploadResponseSchema,
} from '../../shared/api';
import { clientTether } from '../../shared/template';
import type { ResolvedColumns } from '../../server/imports/columns';
import { keysOf, rolesOf, rowReader } from '../../server/imports/contact-state';
import type { ApiClient } from '../../server/testing/api-client';
import { type DbVariant, dbVariants } from '../../server/testing/test-databases';
import { startTestServer, type Tenant, type TestServer } from '../../server/testing/test-server';
import { generateContacts, toCsv } from '../fixtures/generate-contacts';
import { type BenchModule, fmt, verdict } from './context';

// The import server under load, over real HTTP. Figures are printed, never asserted.

/** Valid contacts in all 43 template columns, unique emails and phones; ID columns left empty (lookups differ). */
function contacts(count: number, start = 0): { headers: string[]; rows: string[][] } {
  const { headers, rows } = generateContacts(count, { seed: 7 + start, errorRate: 0, firstRow: start });
  const idCols = clientTether.fields.flatMap((f, i) => (f.kind === 'idRef' ? [i] : []));
  for (const row of rows) for (const c of idCols) row[c] = '';
  return { headers: [...headers], rows };
}

async function waitFor(client: ApiClient, accountId: string, importId: string): Promise<ImportJob> {
  return client.waitForImport(accountId, importId);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
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

async function benchVariant(
  variant: DbVariant,
  rowCount: number,
  clients: number,
  report: (line: string) => void,
) {
  const server = await startTestServer(variant);
  try {
    const { headers, rows } = contacts(rowCount);
    const importMs = async (t: Tenant, account: string, actionPlanId: string | null) => {
      const body = JSON.stringify({
        source: { kind: 'rows', name: 'bench.csv', headers, rows },
        options: { complianceConfirmed: true, actionPlanId },
      });
      const start = performance.now();
      const started = await t.enterprise.send(apiPaths.imports(account), {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      });
      if (started.status !== 202)
        throw new Error(`import refused: ${JSON.stringify(started.body).slice(0, 500)}`);
      const job = await waitFor(t.enterprise, account, importJobResponseSchema.parse(started.body).job.id);
      const ms = performance.now() - start;
      if (job.status !== 'completed') throw new Error(`import ${job.status}: ${job.reason}`);
      return {
        ms,
        jobMs: Date.parse(job.finishedAt ?? '') - Date.parse(job.startedAt ?? ''),
        actions: job.counts?.pendingActions ?? 0,
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
    const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
    const ratio = median(imports) / median(bares);
    report(
      `${variant.name}: import ${fmt(rowCount)} rows into the Default Action Plan (${fmt(actions)} pending actions), ` +
        `median of ${rounds}: ${fmt(median(imports))} ms end to end over HTTP (${fmt(rowCount / (median(imports) / 1000))} rows/s; ` +
        `the job itself ${fmt(median(jobs))} ms)`,
    );
    report(
      `${variant.name}: bare bulk insert of the same rows, median of ${rounds}: ${fmt(median(bares))} ms ` +
        `(${fmt(rowCount / (median(bares) / 1000))} rows/s); import / bare = ${verdict(ratio, '≤ 3×', ratio <= 3)}; ` +
        `against the bare insert's database time alone (${fmt(median(databases))} ms): ${(median(imports) / median(databases)).toFixed(2)}×`,
    );
    const quietTenant = await server.tenant();
    const quiet = lookupsResponseSchema
      .parse((await quietTenant.south.get(apiPaths.lookups(quietTenant.southId))).body)
      .actionPlans.find((p) => p.steps.length === 0)!;
    const quietRun = await importMs(quietTenant, quietTenant.southId, quiet.id);
    report(
      `${variant.name}: the same import into a quiet plan (no pending actions), once: ${fmt(quietRun.ms)} ms ` +
        `(${(quietRun.ms / median(bares)).toFixed(2)}× the bare insert)`,
    );

    // Many customers at once: each uploads its own 1,000-row file, imports it and waits for the result.
    const tenants = await Promise.all(Array.from({ length: Math.ceil(clients / 2) }, () => server.tenant()));
    const accounts = tenants
      .flatMap((x) => [
        { client: x.north, id: x.northId },
        { client: x.south, id: x.southId },
      ])
      .slice(0, clients);
    const files = accounts.map((_, i) => {
      const part = contacts(1_000, 1_000_000 + i * 1_000);
      return toCsv(part.headers, part.rows);
    });
    const wallStart = performance.now();
    const results = await Promise.all(
      accounts.map(async ({ client, id }, i) => {
        const start = performance.now();
        const uploaded = await client.send(`${apiPaths.uploads(id)}?name=client-${i}.csv`, {
          method: 'POST',
          body: files[i],
          headers: { 'content-type': 'text/csv' },
        });
        const { upload } = uploadResponseSchema.parse(uploaded.body);
        const started = await client.startImport(id, {
          source: { kind: 'upload', uploadId: upload.id },
          options: { complianceConfirmed: true },
        });
        const job = await waitFor(client, id, importJobResponseSchema.parse(started.body).job.id);
        return {
          ms: performance.now() - start,
          ok: job.status === 'completed' && job.counts?.created === 1_000,
        };
      }),
    );
    const wallMs = performance.now() - wallStart;
    const times = results.map((r) => r.ms).sort((a, b) => a - b);
    const succeeded = results.filter((r) => r.ok).length;
    report(
      `${variant.name}: ${clients} clients × 1,000-row CSV (upload + import + wait) at once: ${succeeded}/${clients} succeeded; ` +
        `p50 ${fmt(percentile(times, 50))} ms, p99 ${fmt(percentile(times, 99))} ms, all done in ${fmt(wallMs)} ms ` +
        `(${fmt((clients * 1_000) / (wallMs / 1000))} rows/s overall)`,
    );
  } finally {
    await server.close();
  }
}

const bench: BenchModule = {
  title: 'Import server: 100,000-row import against a bare bulk insert; 20 clients at once',
  async run(context) {
    const rowCount = context.quick ? 10_000 : 100_000;
    const clients = context.quick ? 5 : 20;
    const variants = dbVariants();
    for (const variant of variants) await benchVariant(variant, rowCount, clients, context.report);
    if (!variants.some((v) => v.name === 'postgres')) {
      context.report('postgres: skipped (set LISTPREP_TEST_DATABASE_URL to a PostgreSQL, as .ci/run does)');
    }
  },
};

export default bench;
