import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { uploadMediaTypes } from '../../shared/api';
import { ApiError } from './api-error';

type RawJson = { text: string; sha256: string };
// The exact text of each JSON body: its hash tells a retry (same bytes) from a different request under the
// same idempotency key, and the text is what a job stores, with no second serialisation of 100,000 rows.
const rawJson = new WeakMap<FastifyRequest, RawJson>();

export type BodyLimits = Readonly<{ jsonBytes: number; uploadBytes: number }>;

export function installBodyParsers(app: FastifyInstance, limits: BodyLimits): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit: limits.jsonBytes },
    (request, body, done) => {
      const text = body as string;
      rawJson.set(request, { text, sha256: createHash('sha256').update(text).digest('hex') });
      parseJson(request, text, (error, value) => {
        // secure-json-parse refuses "__proto__" (and constructor.prototype) keys; say so instead of "invalid".
        if (error && /"(?:__proto__|constructor)"\s*:/.test(text)) {
          done(
            new ApiError(
              'request.malformed',
              'The body contains a "__proto__" or "constructor" key; such keys are refused.',
            ),
            undefined,
          );
        } else done(error, value);
      });
    },
  );
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser(
    [uploadMediaTypes.csv, uploadMediaTypes.xlsx, uploadMediaTypes.binary, 'text/plain'],
    { parseAs: 'buffer', bodyLimit: limits.uploadBytes },
    (_request, body, done) => done(null, body),
  );
}

/** The parsed JSON body; 415 when the request carried something else (a file on a JSON route). */
export function jsonBody(request: FastifyRequest): unknown {
  if (!rawJson.has(request)) {
    throw new ApiError(
      'request.unsupportedMediaType',
      'This route takes a JSON body (Content-Type: application/json).',
    );
  }
  return request.body;
}

export function rawJsonOf(request: FastifyRequest): RawJson {
  const raw = rawJson.get(request);
  if (!raw)
    throw new ApiError(
      'request.unsupportedMediaType',
      'This route takes a JSON body (Content-Type: application/json).',
    );
  return raw;
}

/** The raw bytes of an upload; 415 for JSON or no body. */
export function fileBody(request: FastifyRequest): Uint8Array {
  if (!(request.body instanceof Uint8Array) || rawJson.has(request)) {
    throw new ApiError(
      'request.unsupportedMediaType',
      `Send the file itself as the body with Content-Type ${uploadMediaTypes.csv} or ${uploadMediaTypes.xlsx}.`,
    );
  }
  return request.body;
}
