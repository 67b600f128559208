import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { apiLimits } from '../shared/api';
import { accountRoutes } from './accounts/routes';
import type { AppDeps } from './app-deps';
import { contactRoutes } from './contacts/routes';
import { authenticate } from './http/auth';
import { installCors } from './http/cors';
import { type BodyLimits, installBodyParsers } from './http/body';
import { installErrorHandling } from './http/error-handler';
import { importRoutes } from './imports/routes';
import { lookupRoutes } from './lookups/routes';
import { uploadRoutes } from './uploads/routes';

export type AppOptions = AppDeps &
  Readonly<{
    limits?: Partial<BodyLimits>;
    logger?: FastifyServerOptions['logger'];
  }>;

/** The HTTP API over a database: every route of shared/api, JSON in and out. Listening is the caller's. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const limits: BodyLimits = {
    jsonBytes: options.limits?.jsonBytes ?? apiLimits.jsonBodyBytes,
    uploadBytes: options.limits?.uploadBytes ?? apiLimits.uploadBytes,
  };
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: Math.max(limits.jsonBytes, limits.uploadBytes),
    // A server behind nothing: never trust forwarded headers to say who the client is.
    trustProxy: false,
    return503OnClosing: true,
  });
  installErrorHandling(app);
  installCors(app);
  installBodyParsers(app, limits);
  const deps: AppDeps = { db: options.db, template: options.template, onJobQueued: options.onJobQueued };

  app.get('/v1/health', async () => ({
    ok: true,
    database: options.db.kind,
    template: options.template.version,
  }));

  await app.register(async (authed) => {
    // onRequest runs before the body is read: a request without a valid key never gets to send 100 MB.
    authed.addHook('onRequest', async (request) => authenticate(options.db, request));
    accountRoutes(authed, deps);
    lookupRoutes(authed, deps);
    uploadRoutes(authed, deps);
    importRoutes(authed, deps);
    contactRoutes(authed, deps);
  });
  return app;
}
