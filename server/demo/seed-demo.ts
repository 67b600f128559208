import type { ActionStepKind } from '../../shared/api';
import { type AccountKind, createAccount, createUser, storeApiKey } from '../accounts/account-store';
import { generateApiKey } from '../auth/api-keys';
import type { Database, Sql } from '../db/database';

export type SeededAccount = Readonly<{
  accountId: number;
  name: string;
  kind: AccountKind;
  userName: string;
  /** The key itself: shown once, stored only hashed. */
  apiKey: string;
}>;

export type DemoSeed = Readonly<{ enterprise: SeededAccount; subAccounts: readonly SeededAccount[] }>;

type PlanSeed = { name: string; isDefault: boolean; steps: [ActionStepKind, number, string][] };

const plans: PlanSeed[] = [
  // What ClientTether warns about: contacts land here when an import chooses no plan, and it sends messages.
  {
    name: 'Default Action Plan',
    isDefault: true,
    steps: [
      ['email', 0, 'Welcome email'],
      ['text', 60, 'Intro text message'],
    ],
  },
  // The other warning: 1,000 contacts in this plan are 1,000 calls the moment the import ends.
  {
    name: 'New Lead: Call Now',
    isDefault: false,
    steps: [
      ['call', 0, 'Call the new lead'],
      ['email', 1440, 'Follow-up email'],
    ],
  },
  { name: 'Import Placeholder (quiet)', isDefault: false, steps: [] },
];

const salesCycles: Record<number, [string, boolean][]> = {
  1: [
    ['New Lead', true],
    ['Contacted', true],
    ['Quoted', true],
    ['Closed Won', true],
    ['Lost', false],
  ],
  2: [
    ['Applicant', true],
    ['Hired', true],
  ],
  3: [
    ['Prospect Partner', true],
    ['Active Partner', true],
  ],
  4: [
    ['Evaluating', true],
    ['Approved Vendor', true],
  ],
  5: [
    ['Open', true],
    ['Done', true],
  ],
};

const leadSources = ['Website', 'Trade Show', 'Referral', 'Purchased List'];
const tags = ['VIP', 'Newsletter'];

/** The lists an account needs for imports to mean something: plans, cycles, sources, tags, a custom field. */
export async function seedAccountLists(sql: Sql, accountId: number): Promise<void> {
  for (const plan of plans) {
    const { rows } = await sql.query<{ id: number }>(
      'INSERT INTO action_plans (account_id, name, is_default) VALUES ($1, $2, $3) RETURNING id',
      [accountId, plan.name, plan.isDefault],
    );
    for (const [i, [kind, delay, title]] of plan.steps.entries()) {
      await sql.query(
        'INSERT INTO action_plan_steps (plan_id, position, kind, delay_minutes, title) VALUES ($1, $2, $3, $4, $5)',
        [rows[0].id, i + 1, kind, delay, title],
      );
    }
  }
  for (const [type, steps] of Object.entries(salesCycles)) {
    for (const [i, [name, active]] of steps.entries()) {
      await sql.query(
        'INSERT INTO sales_cycle_steps (account_id, contact_type, name, sort_order, active) VALUES ($1, $2, $3, $4, $5)',
        [accountId, Number(type), name, i + 1, active],
      );
    }
  }
  for (const name of leadSources)
    await sql.query('INSERT INTO lead_sources (account_id, name) VALUES ($1, $2)', [accountId, name]);
  for (const name of tags)
    await sql.query('INSERT INTO tags (account_id, name) VALUES ($1, $2)', [accountId, name]);
  await sql.query(
    "INSERT INTO custom_fields (account_id, key, label, kind) VALUES ($1, 'preferred_contact_time', 'Preferred contact time', 'text')",
    [accountId],
  );
}

async function seedAccount(
  sql: Sql,
  account: { name: string; kind: AccountKind; parentId?: number; demo: boolean; users: [string, string][] },
): Promise<SeededAccount> {
  const row = await createAccount(sql, account);
  let first: { userName: string; apiKey: string } | null = null;
  for (const [name, email] of account.users) {
    const userId = await createUser(sql, { accountId: row.id, name, email });
    if (first) continue;
    const key = generateApiKey();
    await storeApiKey(sql, {
      userId,
      publicId: key.publicId,
      secretHash: key.secretHash,
      label: `${name} (demo)`,
    });
    first = { userName: name, apiKey: key.key };
  }
  await seedAccountLists(sql, row.id);
  if (!first) throw new Error('a seeded account needs a user');
  return { accountId: row.id, name: row.name, kind: row.kind, ...first };
}

/** True once --demo has run against this database. */
export async function demoExists(sql: Sql): Promise<boolean> {
  const { rows } = await sql.query('SELECT 1 FROM accounts WHERE demo LIMIT 1');
  return rows.length > 0;
}

/**
 * An enterprise account with two sub-accounts, users and one API key per account, each with its lists. Tests
 * call it with their own names to get independent tenants.
 */
export async function seedDemo(
  db: Database,
  { name = 'Demo Enterprise', demo = true } = {},
): Promise<DemoSeed> {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return db.transaction(async (tx) => {
    const enterprise = await seedAccount(tx, {
      name,
      kind: 'enterprise',
      demo,
      users: [[`${name} Success Manager`, `success@${slug}.example`]],
    });
    const subAccounts: SeededAccount[] = [];
    for (const region of ['North', 'South']) {
      subAccounts.push(
        await seedAccount(tx, {
          name: `${name} ${region}`,
          kind: 'sub-account',
          parentId: enterprise.accountId,
          demo,
          users: [
            [`${region} Owner`, `owner@${region.toLowerCase()}.${slug}.example`],
            [`${region} Sales Rep`, `rep@${region.toLowerCase()}.${slug}.example`],
          ],
        }),
      );
    }
    return { enterprise, subAccounts };
  });
}
