import type { Account } from '../../shared/api';
import type { Sql } from '../db/database';

export type AccountKind = Account['kind'];
export type AccountRow = {
  id: number;
  parent_id: number | null;
  name: string;
  kind: AccountKind;
  created_at: Date;
};

/** Who a request acts for: the API key's user, and the account the key belongs to. */
export type Principal = Readonly<{
  keyId: number;
  userId: number;
  userName: string;
  userEmail: string;
  accountId: number;
}>;

export type KeyRow = {
  key_id: number;
  secret_hash: Uint8Array;
  user_id: number;
  user_name: string;
  user_email: string;
  account_id: number;
};

export async function findKey(sql: Sql, publicId: string): Promise<KeyRow | null> {
  const { rows } = await sql.query<KeyRow>(
    `SELECT k.id AS key_id, k.secret_hash, u.id AS user_id, u.name AS user_name, u.email AS user_email, u.account_id
       FROM api_keys k JOIN users u ON u.id = k.user_id
      WHERE k.public_id = $1 AND k.revoked_at IS NULL`,
    [publicId],
  );
  return rows[0] ?? null;
}

/** The key's own account first, then its sub-accounts: an enterprise reaches those, a sub-account only itself. */
export async function reachableAccounts(sql: Sql, principal: Principal): Promise<AccountRow[]> {
  const { rows } = await sql.query<AccountRow>(
    'SELECT * FROM accounts WHERE id = $1 OR parent_id = $1 ORDER BY (id = $1) DESC, id',
    [principal.accountId],
  );
  return rows;
}

/** The account if the principal may reach it, else null (whether it exists is not revealed). */
export async function reachableAccount(
  sql: Sql,
  principal: Principal,
  accountId: number,
): Promise<AccountRow | null> {
  const { rows } = await sql.query<AccountRow>(
    'SELECT * FROM accounts WHERE id = $2 AND (id = $1 OR parent_id = $1)',
    [principal.accountId, accountId],
  );
  return rows[0] ?? null;
}

export async function createAccount(
  sql: Sql,
  account: { name: string; kind: AccountKind; parentId?: number; demo?: boolean },
): Promise<AccountRow> {
  const { rows } = await sql.query<AccountRow>(
    'INSERT INTO accounts (name, kind, parent_id, demo) VALUES ($1, $2, $3, $4) RETURNING *',
    [account.name, account.kind, account.parentId ?? null, account.demo ?? false],
  );
  return rows[0];
}

export async function createUser(
  sql: Sql,
  user: { accountId: number; name: string; email: string },
): Promise<number> {
  const { rows } = await sql.query<{ id: number }>(
    'INSERT INTO users (account_id, name, email) VALUES ($1, $2, $3) RETURNING id',
    [user.accountId, user.name, user.email],
  );
  return rows[0].id;
}

export async function storeApiKey(
  sql: Sql,
  key: { userId: number; publicId: string; secretHash: Uint8Array; label: string },
): Promise<number> {
  const { rows } = await sql.query<{ id: number }>(
    'INSERT INTO api_keys (user_id, public_id, secret_hash, label) VALUES ($1, $2, $3, $4) RETURNING id',
    [key.userId, key.publicId, key.secretHash, key.label],
  );
  return rows[0].id;
}

export function toAccount(row: AccountRow): Account {
  return {
    id: String(row.id),
    name: row.name,
    kind: row.kind,
    parentId: row.parent_id === null ? null : String(row.parent_id),
    createdAt: row.created_at.toISOString(),
  };
}
