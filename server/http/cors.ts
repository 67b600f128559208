import type { FastifyInstance } from 'fastify';
import {
  authorizationHeader,
  fileNameHeader,
  idempotencyKeyHeader,
  idempotentReplayedHeader,
} from '../../shared/api';

/**
 * Lets the app in a plain browser (bridge.web.ts, served from another origin) call the API. Any origin may:
 * the API authenticates with an `Authorization: Bearer` key the page must already hold and never with
 * cookies, so a foreign page gains nothing a script with the key could not do anyway. Preflights are answered
 * before authentication, which they cannot carry.
 */
export function installCors(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    if (!request.headers.origin) return;
    void reply.header('access-control-allow-origin', '*');
    void reply.header(
      'access-control-expose-headers',
      `${idempotentReplayedHeader}, location, retry-after, content-disposition`,
    );
    if (request.method !== 'OPTIONS') return;
    void reply.header('access-control-allow-methods', 'GET, POST, PUT, DELETE');
    void reply.header(
      'access-control-allow-headers',
      `${authorizationHeader}, content-type, ${idempotencyKeyHeader}, ${fileNameHeader}, accept`,
    );
    void reply.header('access-control-max-age', '600');
    return reply.code(204).send();
  });
}
