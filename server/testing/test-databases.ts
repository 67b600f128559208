import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { Database } from '../db/database';
import { migrate } from '../db/migrate';
import { migrations } from '../db/migrations';
import { fromPglite } from '../db/pglite';
import { openPostgres } from '../db/postgres';

/** A database for one test server, and how to throw it away. */
export type TestDatabase = Readonly<{ db: Database; drop: () => Promise<void> }>;

export type DbVariant = Readonly<{ name: 'pglite' | 'postgres'; create: () => Promise<TestDatabase> }>;

// Creating a PGlite database takes seconds; loading a dump of a migrated one takes one. The first test process
// writes the dump (named by the migrations, so a schema change makes a new one), the others load it.
const templateFile = join(
  tmpdir(),
  `listprep-pglite-template-${createHash('sha256').update(JSON.stringify(migrations)).digest('hex').slice(0, 12)}.tar`,
);

export async function createTestPglite(): Promise<TestDatabase> {
  if (existsSync(templateFile)) {
    const db = await PGlite.create({ loadDataDir: new Blob([readFileSync(templateFile)]) });
    return { db: fromPglite(db), drop: async () => {} };
  }
  const db = await PGlite.create();
  const database = fromPglite(db);
  await migrate(database);
  const dump = await db.dumpDataDir('none');
  const partial = `${templateFile}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(partial, new Uint8Array(await dump.arrayBuffer()));
  renameSync(partial, templateFile);
  return { db: database, drop: async () => {} };
}

/**
 * A fresh schema in the PostgreSQL that .ci/run starts (LISTPREP_TEST_DATABASE_URL), dropped afterwards, so
 * runs never see each other's rows.
 */
export async function createTestPostgres(url: string): Promise<TestDatabase> {
  const schema = `listprep_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const db = await openPostgres({ connectionString: url, schema, maxConnections: 8 });
  await migrate(db);
  return {
    db,
    drop: async () => {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await admin.end();
      }
    },
  };
}

export const testDatabaseUrl = process.env.LISTPREP_TEST_DATABASE_URL || null;

/** PGlite always; the real PostgreSQL too when LISTPREP_TEST_DATABASE_URL is set. */
export function dbVariants(): DbVariant[] {
  const variants: DbVariant[] = [{ name: 'pglite', create: createTestPglite }];
  const url = testDatabaseUrl;
  if (url) variants.push({ name: 'postgres', create: () => createTestPostgres(url) });
  return variants;
}
