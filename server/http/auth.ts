import type { FastifyRequest } from 'fastify';
import { idSchema } from '../../shared/api';
import { type AccountRow, findKey, type Principal, reachableAccount } from '../accounts/account-store';
import { parseApiKey, secretMatches } from '../auth/api-keys';
import type { Sql } from '../db/database';
import { ApiError } from './api-error';

// Kept beside the request rather than declared onto Fastify's request type: nothing else can set it.
const principals = new WeakMap<FastifyRequest, Principal>();

/** Checks `Authorization: Bearer <key>` and remembers who the request acts for. */
export async function authenticate(sql: Sql, request: FastifyRequest): Promise<void> {
  const header = request.headers.authorization;
  if (!header) throw new ApiError('auth.missing', 'Send your API key as "Authorization: Bearer <key>".');
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const parsed = match ? parseApiKey(match[1]) : null;
  const row = parsed ? await findKey(sql, parsed.publicId) : null;
  // The secret is compared even for an unknown or malformed key, so timing does not tell them apart.
  const ok = secretMatches(parsed?.secret ?? '', row?.secret_hash ?? null);
  if (!ok || !row) throw new ApiError('auth.invalid', 'The API key is not valid (mistyped, or revoked).');
  principals.set(request, {
    keyId: row.key_id,
    userId: row.user_id,
    userName: row.user_name,
    userEmail: row.user_email,
    accountId: row.account_id,
  });
}

/** Who made the request, once authenticated; null before (or for a request that was refused). */
export function knownPrincipal(request: FastifyRequest): Principal | null {
  return principals.get(request) ?? null;
}

export function principalOf(request: FastifyRequest): Principal {
  const principal = principals.get(request);
  if (!principal) throw new Error('route reached without authentication');
  return principal;
}

/** The account named in the path, if the key reaches it; otherwise 404 as if it did not exist. */
export async function accountFor(sql: Sql, request: FastifyRequest, accountId: string): Promise<AccountRow> {
  const account = idSchema.safeParse(accountId).success
    ? await reachableAccount(sql, principalOf(request), Number(accountId))
    : null;
  if (!account)
    throw new ApiError('account.notFound', `No account ${accountId} is reachable with this API key.`);
  return account;
}

/** A path id (import, upload, contact) as a number, or null when it cannot be one. */
export function pathId(value: string): number | null {
  return idSchema.safeParse(value).success ? Number(value) : null;
}
