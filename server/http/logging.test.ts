import { describe, expect, it } from 'vitest';
import { dbVariants } from '../testing/test-databases';
import { describeError, loggableError } from './logging';

describe.each(dbVariants())('what a log line keeps of an error, on $name', (variant) => {
  it('keeps a database error’s code and constraint, never its message, detail or parameters', async () => {
    const { db, drop } = await variant.create();
    try {
      const account = await db.query<{ id: number }>(
        `INSERT INTO accounts (name, kind) VALUES ('A', 'standalone') RETURNING id`,
      );
      const insert = `INSERT INTO contacts (account_id, fields, email_key) VALUES ($1, $2::jsonb, $3)`;
      const secret = ['{"firstName":"Zelda Quorn"}', 'zelda.quorn@secret-example.org'];
      await db.query(insert, [account.rows[0].id, ...secret]);
      const error = await db.query(insert, [account.rows[0].id, ...secret]).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(Error);
      const logged = loggableError(error);
      expect(logged).toMatchObject({ sqlState: '23505', constraint: 'contacts_email' });
      expect(JSON.stringify(logged)).not.toMatch(/zelda|quorn|secret/i);
      expect(describeError(error)).toBe('database error 23505');
    } finally {
      await db.close();
      await drop();
    }
  });
});

describe('what a log line keeps of other errors', () => {
  it('keeps the kind, the words and where it was thrown, without quoted text, emails or long numbers', () => {
    let parseError: unknown;
    try {
      JSON.parse('{"email": "zelda.quorn@secret-example.org", "phone": "4155550123"');
    } catch (error) {
      parseError = error;
    }
    const logged = loggableError(parseError);
    expect(logged).toMatchObject({ type: 'SyntaxError' });
    expect(JSON.stringify(logged)).not.toMatch(/zelda|quorn|4155550123/i);
    const own = loggableError(new Error('a matched contact disappeared during the import'));
    expect(own.message).toBe('a matched contact disappeared during the import');
    expect((own.stack as string[])[0]).toMatch(/^at /);
    expect(describeError(new Error('mail to ann@example.com failed for 4155550123'))).toBe(
      'mail to … failed for …',
    );
  });
});
