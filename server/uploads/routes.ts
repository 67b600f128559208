import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { UploadResponse } from '../../shared/api';
import type { AppDeps } from '../app-deps';
import { accountFor, principalOf } from '../http/auth';
import { fileBody } from '../http/body';
import { parseRequest } from '../http/parse';
import { readUpload } from './read-upload';
import { storeUpload } from './upload-store';

const uploadQuerySchema = z.strictObject({ name: z.string().min(1).max(255).default('upload') });

export function uploadRoutes(app: FastifyInstance, { db }: AppDeps): void {
  // The file is the body (no multipart): read and checked now, so a file that cannot be imported is
  // refused before anyone dry-runs it.
  app.post<{ Params: { accountId: string } }>('/v1/accounts/:accountId/uploads', async (request, reply) => {
    const account = await accountFor(db, request, request.params.accountId);
    const { name } = parseRequest(uploadQuerySchema, request.query, 'query');
    const bytes = fileBody(request);
    const table = await readUpload(bytes, name);
    const upload = await storeUpload(db, {
      accountId: account.id,
      userId: principalOf(request).userId,
      name,
      bytes,
      table,
    });
    const body: UploadResponse = { upload };
    return reply.status(201).send(body);
  });
}
