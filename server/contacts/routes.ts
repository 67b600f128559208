import type { FastifyInstance } from 'fastify';
import { type ContactResponse, type ContactsResponse, contactsQuerySchema } from '../../shared/api';
import type { AppDeps } from '../app-deps';
import { ApiError } from '../http/api-error';
import { accountFor, pathId } from '../http/auth';
import { parseRequest } from '../http/parse';
import { getContactDetail, listContacts } from './contact-store';

export function contactRoutes(app: FastifyInstance, { db }: AppDeps): void {
  app.get<{ Params: { accountId: string } }>(
    '/v1/accounts/:accountId/contacts',
    async (request): Promise<ContactsResponse> => {
      const account = await accountFor(db, request, request.params.accountId);
      const query = parseRequest(contactsQuerySchema, request.query, 'query');
      return listContacts(db, account.id, query);
    },
  );

  app.get<{ Params: { accountId: string; contactId: string } }>(
    '/v1/accounts/:accountId/contacts/:contactId',
    async (request): Promise<ContactResponse> => {
      const account = await accountFor(db, request, request.params.accountId);
      const id = pathId(request.params.contactId);
      const contact = id === null ? null : await getContactDetail(db, account.id, id);
      if (!contact)
        throw new ApiError('contact.notFound', `No contact ${request.params.contactId} in this account.`);
      return { contact };
    },
  );
}
