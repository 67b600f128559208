import type { FastifyInstance } from 'fastify';
import type { AccountResponse, AccountsResponse, MeResponse } from '../../shared/api';
import type { AppDeps } from '../app-deps';
import { accountFor, principalOf } from '../http/auth';
import { reachableAccounts, toAccount } from './account-store';

export function accountRoutes(app: FastifyInstance, { db }: AppDeps): void {
  app.get('/v1/me', async (request): Promise<MeResponse> => {
    const principal = principalOf(request);
    const accounts = (await reachableAccounts(db, principal)).map(toAccount);
    return {
      user: { id: String(principal.userId), name: principal.userName, email: principal.userEmail },
      account: accounts[0],
      accounts,
    };
  });

  app.get(
    '/v1/accounts',
    async (request): Promise<AccountsResponse> => ({
      accounts: (await reachableAccounts(db, principalOf(request))).map(toAccount),
    }),
  );

  app.get<{ Params: { accountId: string } }>(
    '/v1/accounts/:accountId',
    async (request): Promise<AccountResponse> => ({
      account: toAccount(await accountFor(db, request, request.params.accountId)),
    }),
  );
}
