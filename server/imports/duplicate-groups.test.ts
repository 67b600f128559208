import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiPaths, dryRunResponseSchema } from '../../shared/api';
import { contactRows, rowsRequest } from '../testing/rows';
import { dbVariants } from '../testing/test-databases';
import { startTestServer, type TestServer } from '../testing/test-server';

describe.each(dbVariants())('duplicate groups in the re-validation on $name', (variant) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(variant);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('describes a placeholder email on 20,000 rows by its group, not by 20,000 lists of rows', async () => {
    const t = await server.tenant();
    const rows = contactRows(20_000);
    for (const row of rows) row[2] = 'noemail@company.com';
    const answer = await t.north.post(apiPaths.dryRun(t.northId), rowsRequest(rows));
    expect(answer.status).toBe(200);
    const { issues, counts } = dryRunResponseSchema.parse(answer.body).dryRun;
    expect(counts.errors).toBe(20_000);
    expect(issues).toHaveLength(20_000);
    const group = { id: 0, match: 'value', size: 20_000, rows: [1, 2, 3, 4, 5, 6] };
    expect(issues[0]).toMatchObject({ row: 1, code: 'email.duplicate', groups: [group] });
    expect(issues[19_999]).toMatchObject({ row: 20_000, code: 'email.duplicate', groups: [group] });
    expect(issues[19_999].message).toContain('also used in rows 1, 2, 3, 4, 5 and 19994 more');
    expect(issues.every((issue) => issue.related === undefined)).toBe(true);

    const job = await t.north.runImport(t.northId, rowsRequest(rows));
    expect([job.status, job.issueCount]).toEqual(['failed', 20_000]);
    expect(job.issues[99]).toMatchObject({ row: 100, groups: [group] });
  });
});
