import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { UploadResponse } from '../../shared/api';
import type { AppDeps } from '../app-deps';
import { accountFor, principalOf } from '../http/auth';
import { fileStream } from '../http/body';
import { parseRequest } from '../http/parse';
import { fileNameOf } from './file-name';
import { receiveUpload } from './receive-upload';

// No query at all: the file's name comes in the X-File-Name header, never in the URL (file-name.ts).
const uploadQuerySchema = z.strictObject({});

export function uploadRoutes(app: FastifyInstance, { db }: AppDeps): void {
  // The file is the body (no multipart): read and checked as it arrives, so a file that cannot be imported is
  // refused before anyone dry-runs it, and no request holds a whole file.
  app.post<{ Params: { accountId: string } }>('/v1/accounts/:accountId/uploads', async (request, reply) => {
    const account = await accountFor(db, request, request.params.accountId);
    parseRequest(uploadQuerySchema, request.query, 'query');
    const name = fileNameOf(request.headers);
    const upload = await receiveUpload(db, {
      accountId: account.id,
      userId: principalOf(request).userId,
      name,
      body: fileStream(request),
    });
    const body: UploadResponse = { upload };
    return reply.status(201).send(body);
  });
}
