import { describe, expect, it } from 'vitest';
import { createTestPostgres, testDatabaseUrl } from '../testing/test-databases';

describe.runIf(testDatabaseUrl)('a PostgreSQL connection ended by the server mid-transaction', () => {
  it('fails that transaction and leaves the process and the pool working', async () => {
    const { db, drop } = await createTestPostgres(testDatabaseUrl ?? '');
    try {
      // The server ends a session idle in a transaction for longer than this: pg reports it as an 'error'
      // event of the client, which once ended the whole server process.
      const failed = db.transaction(async (tx) => {
        await tx.query(`SET LOCAL idle_in_transaction_session_timeout = '100ms'`);
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        await tx.query('SELECT 1');
      });
      await expect(failed).rejects.toThrow();
      const { rows } = await db.query<{ one: number }>('SELECT 1 AS one');
      expect(rows[0].one).toBe(1);
    } finally {
      await db.close();
      await drop();
    }
  });
});
