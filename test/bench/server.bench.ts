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
import { keysOf, readRow, rolesOf } from '../../server/imports/contact-state';
import type { ApiClient } from '../../server/testing/api-client';
import { type DbVariant, dbVariants } from '../../server/testing/test-databases';
import { startTestServer, type TestServer } from '../../server/testing/test-server';
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

/**
 * The same rows straight into the same contacts table: one INSERT … SELECT per 5,000 rows, in one transaction,
 * with the row objects built by the import's own reader (so only the import's extra work is compared).
 */
async function bareInsertMs(
  server: TestServer,
  accountId: number,
  rows: string[][],
  headers: string[],
): Promise<number> {
  const columns: ResolvedColumns = {
    headers,
    targets: clientTether.fields.map((field) => ({ kind: 'field', field })),
    validatorColumns: clientTether.fields,
  };
  const roles = rolesOf(clientTether);
  const start = performance.now();
  await server.server.db.transaction(async (tx) => {
    for (let at = 0; at < rows.length; at += 5_000) {
      const batch = rows.slice(at, at + 5_000).map((row) => {
        const values = readRow(columns, row);
        const keys = keysOf(roles, values.fields);
        return {
          fields: values.fields,
          email_key: keys.emailKey,
          phone_key: keys.phoneKey,
          name_key: keys.nameKey,
          external_id: keys.externalId,
        };
      });
      await tx.query(
        `INSERT INTO contacts (account_id, fields, email_key, phone_key, name_key, external_id)
         SELECT $1, jsonb_strip_nulls(fields), email_key, phone_key, name_key, external_id
           FROM jsonb_to_recordset($2::jsonb) AS x(fields jsonb, email_key text, phone_key text, name_key text, external_id text)`,
        [accountId, JSON.stringify(batch)],
      );
    }
  });
  return performance.now() - start;
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
    const t = await server.tenant();
    const quiet = lookupsResponseSchema
      .parse((await t.south.get(apiPaths.lookups(t.southId))).body)
      .actionPlans.find((p) => p.steps.length === 0)!;

    for (const [label, actionPlanId] of [
      ['Default Action Plan (2 pending actions per contact)', null],
      ['quiet placeholder plan', quiet.id],
    ] as const) {
      const account = actionPlanId === null ? t.northId : t.southId;
      const body = JSON.stringify({
        source: { kind: 'rows', name: 'bench.csv', headers, rows },
        options: { complianceConfirmed: true, actionPlanId },
      });
      // The bare insert runs first, into a smaller table: the comparison does not flatter the import.
      const other = await server.tenant();
      const bareMs = await bareInsertMs(server, Number(other.northId), rows, headers);
      const start = performance.now();
      const started = await t.enterprise.send(apiPaths.imports(account), {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      });
      if (started.status !== 202)
        throw new Error(`import refused: ${JSON.stringify(started.body).slice(0, 500)}`);
      const job = await waitFor(t.enterprise, account, importJobResponseSchema.parse(started.body).job.id);
      const importMs = performance.now() - start;
      if (job.status !== 'completed') throw new Error(`import ${job.status}: ${job.reason}`);
      const workMs = Date.parse(job.finishedAt ?? '') - Date.parse(job.startedAt ?? '');
      const ratio = importMs / bareMs;
      report(
        `${variant.name}: import ${fmt(rowCount)} rows, ${label}: ${fmt(importMs)} ms end to end over HTTP ` +
          `(${fmt(rowCount / (importMs / 1000))} rows/s; job ${fmt(workMs)} ms), ${fmt(job.counts?.pendingActions ?? 0)} pending actions`,
      );
      report(
        `${variant.name}: bare bulk insert of the same rows: ${fmt(bareMs)} ms (${fmt(rowCount / (bareMs / 1000))} rows/s); ` +
          `import / bare = ${verdict(ratio, '≤ 3×', ratio <= 3)}`,
      );
    }

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
