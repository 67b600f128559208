import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { apiLimits, apiPaths, type ReadyResponse } from '../shared/api';
import { accountRoutes } from './accounts/routes';
import type { AppDeps } from './app-deps';
import { contactRoutes } from './contacts/routes';
import { Admission, type AdmissionLimits, defaultAdmissionLimits } from './http/admission';
import { ApiError } from './http/api-error';
import { authenticate } from './http/auth';
import { type BodyLimits, installBodyParsers } from './http/body';
import { installCors } from './http/cors';
import { installErrorHandling } from './http/error-handler';
import { SafeLogController, withSafeLogging } from './http/logging';
import { importRoutes } from './imports/routes';
import { lookupRoutes } from './lookups/routes';
import { uploadRoutes } from './uploads/routes';

export type AppOptions = Omit<AppDeps, 'admission'> &
  Readonly<{
    limits?: Partial<BodyLimits>;
    logger?: FastifyServerOptions['logger'];
    /** Rate, concurrency and memory limits; the defaults suit one server process. */
    admission?: Admission | Partial<AdmissionLimits>;
    /** Whether the import worker is taking jobs (for `/v1/ready`). */
    workerRunning?: () => boolean;
  }>;

/** How long `/v1/ready` waits for the database before it says "not ready". */
const readyTimeoutMs = 2_000;
/** A request may take this long to arrive in full (a 128 MB file over a slow line), then the socket closes. */
const requestTimeoutMs = 10 * 60_000;

/** The HTTP API over a database: every route of shared/api, JSON in and out. Listening is the caller's. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const limits: BodyLimits = {
    jsonBytes: options.limits?.jsonBytes ?? apiLimits.jsonBodyBytes,
    uploadBytes: options.limits?.uploadBytes ?? apiLimits.uploadBytes,
  };
  const app = Fastify({
    logger: withSafeLogging(options.logger),
    // Fastify's request lines log the full URL (query strings with emails and file names): ours log the route.
    logController: new SafeLogController(),
    bodyLimit: Math.max(limits.jsonBytes, limits.uploadBytes),
    // A server behind nothing: never trust forwarded headers to say who the client is.
    trustProxy: false,
    return503OnClosing: true,
    requestTimeout: requestTimeoutMs,
  });
  installErrorHandling(app);
  installCors(app);
  installBodyParsers(app, limits);
  const admission =
    options.admission instanceof Admission
      ? options.admission
      : new Admission({ ...defaultAdmissionLimits, ...options.admission });
  const deps: AppDeps = {
    db: options.db,
    template: options.template,
    onJobQueued: options.onJobQueued,
    admission,
  };

  // Liveness: the process answers. Nothing here touches the database.
  app.get(apiPaths.health(), async () => ({
    ok: true,
    database: options.db.kind,
    template: options.template.version,
  }));

  // Readiness: the database answers within a short time and the worker takes jobs.
  app.get(apiPaths.ready(), async (): Promise<ReadyResponse> => {
    const start = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const answered = await Promise.race([
      options.db.query('SELECT 1').then(
        () => true,
        () => false,
      ),
      new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), readyTimeoutMs);
      }),
    ]);
    clearTimeout(timer);
    if (!answered) {
      throw new ApiError('server.busy', 'The database does not answer in time.', undefined, 2);
    }
    if (options.workerRunning && !options.workerRunning()) {
      throw new ApiError('server.busy', 'The import worker is not running.', undefined, 2);
    }
    return { ok: true, database: options.db.kind, databaseMs: Math.round(performance.now() - start) };
  });

  await app.register(async (authed) => {
    // onRequest runs before the body is read: a request without a valid key, over its limits or too large
    // for the memory left never gets to send 100 MB.
    authed.addHook('onRequest', async (request, reply) => {
      await authenticate(options.db, request);
      admission.admit(request, reply);
    });
    accountRoutes(authed, deps);
    lookupRoutes(authed, deps);
    uploadRoutes(authed, deps);
    importRoutes(authed, deps);
    contactRoutes(authed, deps);
  });
  return app;
}
