import type { FastifyInstance } from 'fastify';
import type { LookupsResponse, TemplateResponse } from '../../shared/api';
import type { AppDeps } from '../app-deps';
import { accountFor } from '../http/auth';
import { loadLookups, toLookupsResponse } from './lookup-store';

export function lookupRoutes(app: FastifyInstance, { db, template }: AppDeps): void {
  app.get<{ Params: { accountId: string } }>(
    '/v1/accounts/:accountId/lookups',
    async (request, reply): Promise<LookupsResponse> => {
      const account = await accountFor(db, request, request.params.accountId);
      const body = toLookupsResponse(await loadLookups(db, account.id), template);
      void reply.header('etag', `"${body.version}"`);
      return body;
    },
  );

  app.get<{ Params: { accountId: string } }>(
    '/v1/accounts/:accountId/template',
    async (request): Promise<TemplateResponse> => {
      await accountFor(db, request, request.params.accountId);
      return { template };
    },
  );
}
