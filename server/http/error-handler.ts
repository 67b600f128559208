import type { FastifyError, FastifyInstance } from 'fastify';
import type { ApiErrorBody, ApiErrorCode } from '../../shared/api';
import { apiErrorStatus } from '../../shared/api';
import { DatabaseBusy } from '../db/busy';
import { ApiError } from './api-error';

/** Seconds a client is told to wait before retrying a request the database could not serve in time. */
export const busyRetryAfterSeconds = 2;

// Fastify's own refusals (body parsing, limits) in the API's words.
const fastifyCodes: Readonly<Record<string, [ApiErrorCode, string]>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: ['request.tooLarge', 'The request body is larger than this route accepts.'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [
    'request.unsupportedMediaType',
    'This route does not take that Content-Type; send JSON (application/json) or, for uploads, text/csv or an .xlsx file.',
  ],
  FST_ERR_CTP_EMPTY_JSON_BODY: ['request.malformed', 'The body is empty but the Content-Type says JSON.'],
  FST_ERR_CTP_INVALID_JSON_BODY: ['request.malformed', 'The body is not valid JSON.'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['request.malformed', 'The Content-Length does not match the body.'],
};

export function errorBody(error: ApiError): ApiErrorBody {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.issues?.length ? { issues: [...error.issues] } : {}),
      ...(error.retryAfter !== undefined ? { retryAfter: error.retryAfter } : {}),
    },
  };
}

/** Every failure leaves as `{ error: { code, message, issues? } }` with its status; internals never leak. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
    let apiError: ApiError;
    if (error instanceof ApiError) apiError = error;
    else if (error instanceof DatabaseBusy) {
      request.log.warn({ reason: error.reason }, 'database busy; answered 503');
      apiError = new ApiError(
        'server.busy',
        'The server is busy and could not answer in time; nothing was changed. Try again in a few seconds.',
        undefined,
        busyRetryAfterSeconds,
      );
    } else if (error.code && fastifyCodes[error.code]) {
      const [code, message] = fastifyCodes[error.code];
      apiError = new ApiError(code, message);
    } else if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      apiError = new ApiError('request.malformed', error.message);
    } else {
      request.log.error({ err: error }, 'request failed');
      apiError = new ApiError(
        'internal',
        'Something went wrong on the server; nothing was changed by this request.',
      );
    }
    if (apiError.retryAfter !== undefined) void reply.header('retry-after', String(apiError.retryAfter));
    void reply.status(apiErrorStatus[apiError.code]).send(errorBody(apiError));
  });
  app.setNotFoundHandler((request, reply) => {
    void reply
      .status(404)
      .send(
        errorBody(new ApiError('route.notFound', `No route ${request.method} ${request.url.split('?')[0]}.`)),
      );
  });
}
